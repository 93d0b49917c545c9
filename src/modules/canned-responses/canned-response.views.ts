import { toIso } from '../../platform/dates';
import type { CannedResponse } from '../../db/schema';

export interface CannedResponseView {
  id: string;
  teamId: string;
  shortcut: string;
  title: string | null;
  body: string;
  authorId: string | null;
  createdAt: string;
  updatedAt: string;
}

export const toCannedResponseView = (c: CannedResponse): CannedResponseView => ({
  id: c.id,
  teamId: c.teamId,
  shortcut: c.shortcut,
  title: c.title,
  body: c.body,
  authorId: c.authorId,
  createdAt: toIso(c.createdAt),
  updatedAt: toIso(c.updatedAt),
});
