import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { AuthUser } from '../../platform/auth/auth-user';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination';
import { toIso } from '../../platform/dates';
import { AccessService } from '../access/access.service';
import { projectIdsOfUser } from '../access/access.repository';
import { VisitorDirectoryRepository } from '../visitors/visitor-directory.repository';
import { toVisitorAdminView } from '../visitors/visitor.views';
import type { SearchQueryDto, SearchResponseDto } from './search.dto';
import { SearchRepository, type MessageHit } from './search.repository';
import { searchTsQuery, snippetOf } from './search-query';

const searchCursor = z.object({
  // A real PostgreSQL accepts back as ::real: finite and within float4 range ("." / "e" / "1e999" are not).
  rank: z
    .string()
    .regex(/^[0-9.e+-]{1,30}$/i)
    .refine((s) => isFloat4(Number(s))),
  newest: z.iso.datetime(),
  id: z.uuid(),
});

function isFloat4(n: number): boolean {
  const f = Math.fround(n);
  return Number.isFinite(f) && (n === 0 || f !== 0);
}

/** Visitors shown with the first page of results. */
const VISITORS_SHOWN = 10;

/** Search for agents: conversations by their messages (notes included) and visitors, in the caller's teams. */
@Injectable()
export class SearchService {
  constructor(
    private readonly access: AccessService,
    private readonly repo: SearchRepository,
    private readonly directory: VisitorDirectoryRepository,
  ) {}

  async search(user: AuthUser, q: SearchQueryDto): Promise<SearchResponseDto> {
    if (q.projectId) await this.access.project(user, q.projectId);
    if (q.q === undefined) return { conversations: [], visitors: [], nextCursor: null, hasMore: false };
    const text = q.q;
    const projectIds = projectIdsOfUser(user.id, q.projectId);
    const query = searchTsQuery(text);
    const cursor = q.cursor ? decodeCursor(q.cursor, searchCursor) : undefined;
    const [hits, visitors] = await Promise.all([
      this.repo.conversations({ query, projectIds, status: q.status, cursor, limit: q.limit }),
      cursor ? [] : this.directory.list(projectIds, { q: text.trim(), limit: VISITORS_SHOWN }),
    ]);
    const hasMore = hits.length > q.limit;
    const page = hits.slice(0, q.limit);
    const matches = await this.repo.matches(
      query,
      page.map((h) => h.conversation.id),
    );
    const byConversation = new Map<string, MessageHit[]>();
    for (const m of matches)
      byConversation.set(m.conversationId, [...(byConversation.get(m.conversationId) ?? []), m]);
    const last = page.at(-1);
    return {
      conversations: page.map(({ conversation: c, visitor }) => ({
        conversation: {
          id: c.id,
          projectId: c.projectId,
          status: c.status,
          assigneeId: c.assigneeId,
          lastMessageAt: toIso(c.lastMessageAt),
          lastMessagePreview: c.lastMessagePreview,
          visitor,
        },
        matches: (byConversation.get(c.id) ?? []).map((m) => ({
          messageId: m.id,
          seq: m.seq,
          private: m.private,
          createdAt: m.createdAt,
          ...snippetOf(m.marked),
        })),
      })),
      visitors: visitors.slice(0, VISITORS_SHOWN).map((r) => toVisitorAdminView(r.visitor)),
      nextCursor:
        hasMore && last
          ? encodeCursor({ rank: last.rank, newest: last.newest, id: last.conversation.id })
          : null,
      hasMore,
    };
  }
}
