import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../platform/auth/auth-user';
import { AppError } from '../../platform/errors/app-error';
import { ErrorCode } from '../../platform/errors/error-codes';
import { AccessService } from '../access/access.service';
import type { ReportFigures, ReportSummaryQueryDto, ReportSummaryResponseDto } from './reports.dto';
import { ReportsRepository } from './reports.repository';

type Row = Record<string, unknown>;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : round(Number(v)));
const round = (v: number): number => Math.round(v * 100) / 100;
const int = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** Rows by bucket key; the grouping-sets total has a null key, kept under ''. */
const byBucket = (rows: Row[]): Map<string, Row> =>
  new Map(rows.map((r) => [(r.b as string | null) ?? '', r]));

const DAY_MS = 86_400_000;
const DEFAULT_DAYS = 30;

/** `from`/`to` with their defaults: the 30 days up to today on the caller's wall clock. */
function dayRange(q: ReportSummaryQueryDto): { from: string; to: string } {
  // en-CA formats a date as YYYY-MM-DD.
  const to = q.to ?? new Intl.DateTimeFormat('en-CA', { timeZone: q.timezone }).format(new Date());
  const from = q.from ?? new Date(Date.parse(to) - (DEFAULT_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  const problem =
    from > to
      ? 'from must not be after to'
      : Date.parse(to) - Date.parse(from) > 366 * DAY_MS
        ? 'at most 366 days'
        : null;
  if (problem) {
    throw new AppError(ErrorCode.VALIDATION_FAILED, 'Request validation failed', [
      { path: 'from', message: problem },
    ]);
  }
  return { from, to };
}

@Injectable()
export class ReportsService {
  constructor(
    private readonly repo: ReportsRepository,
    private readonly access: AccessService,
  ) {}

  async summary(user: AuthUser, q: ReportSummaryQueryDto): Promise<ReportSummaryResponseDto> {
    await this.access.team(user, q.teamId);
    if (q.projectId) {
      const project = await this.access.project(user, q.projectId);
      if (project.teamId !== q.teamId) throw AppError.notFound(ErrorCode.PROJECT_NOT_FOUND, 'Project');
    }
    const { from, to } = dayRange(q);
    const projectIds = await this.repo.projectIds(q.teamId, q.projectId);
    const r = await this.repo.summary({ ...q, from, to, projectIds });
    const created = byBucket(r.created);
    const resolved = byBucket(r.resolved);
    const messages = byBucket(r.messages);
    const ratings = byBucket(r.ratings);
    const figuresOf = (key: string): ReportFigures => {
      const c = created.get(key);
      const s = resolved.get(key);
      const m = messages.get(key);
      const g = ratings.get(key);
      return {
        newConversations: int(c?.n),
        messages: { visitor: int(m?.visitor), agent: int(m?.agent), system: int(m?.system) },
        resolved: int(s?.n),
        firstResponse: { median: num(c?.median), p90: num(c?.p90) },
        resolution: { median: num(s?.median), p90: num(s?.p90) },
        csat: { average: num(g?.average), count: int(g?.n) },
      };
    };
    return {
      teamId: q.teamId,
      projectId: q.projectId ?? null,
      from,
      to,
      interval: q.interval,
      timezone: q.timezone,
      intervals: r.buckets.map((b) => ({ start: b.b as string, ...figuresOf(b.b as string) })),
      total: figuresOf(''),
      agents: r.agents.map((a) => ({
        userId: a.user_id as string,
        name: a.name as string,
        replies: int(a.replies),
        resolved: int(a.resolved),
        medianFirstResponse: num(a.median),
      })),
    };
  }
}
