import type { Visitor } from '../../db/schema';

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
  lastSeenAt: v.lastSeenAt.toISOString(),
});

/** What the widget session shows its own visitor. */
export const toVisitorSummary = (v: Visitor) => ({
  id: v.id,
  name: v.name,
  email: v.email,
  verified: v.verified,
});
