import { jsonOf } from '../../db/raw-rows';
import type { Visitor } from '../../db/schema';
import { toIso } from '../../platform/dates';

/** A visitor's whole profile, as agents see it on a conversation. */
export interface VisitorProfileView {
  id: string;
  name: string | null;
  email: string | null;
  /** The site's user id (trusted only when verified). */
  externalId: string | null;
  verified: boolean;
  metadata: Record<string, unknown>;
  lastSeenAt: string;
}

export const toVisitorProfile = (v: Visitor): VisitorProfileView => ({
  id: v.id,
  name: v.name,
  email: v.email,
  externalId: v.externalId,
  verified: v.verified,
  metadata: v.metadata,
  lastSeenAt: toIso(v.lastSeenAt),
});

/** What the widget session shows its own visitor. */
export const toVisitorSummary = (v: Visitor) => ({
  id: v.id,
  name: v.name,
  email: v.email,
  verified: v.verified,
});

/** Maps a raw snake_case visitors row (hand-written SQL, or an outbox snapshot) to the Drizzle shape. */
export function visitorFromRow(r: Record<string, unknown>): Visitor {
  return {
    id: r.id as string,
    projectId: r.project_id as string,
    externalId: (r.external_id as string | null) ?? null,
    verified: Boolean(r.verified),
    name: (r.name as string | null) ?? null,
    email: (r.email as string | null) ?? null,
    metadata: jsonOf(r.metadata),
    emailOptOutAt: r.email_opt_out_at ? new Date(r.email_opt_out_at as string) : null,
    createdAt: new Date(r.created_at as string),
    lastSeenAt: new Date(r.last_seen_at as string),
    blockedAt: r.blocked_at ? new Date(r.blocked_at as string) : null,
  };
}

/** A visitor as the contacts page and search show it: the profile plus whether they are blocked. */
export interface VisitorAdminView extends VisitorProfileView {
  projectId: string;
  blocked: boolean;
  blockedAt: string | null;
  createdAt: string;
}

export const toVisitorAdminView = (v: Visitor): VisitorAdminView => ({
  ...toVisitorProfile(v),
  projectId: v.projectId,
  blocked: v.blockedAt !== null,
  blockedAt: v.blockedAt ? toIso(v.blockedAt) : null,
  createdAt: toIso(v.createdAt),
});
