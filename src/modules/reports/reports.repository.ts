import { Inject, Injectable } from '@nestjs/common';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { DB } from '../../db/tokens';
import { rowsOf } from '../../db/raw-rows';
import { projects } from '../../db/schema';

export interface ReportScope {
  /** The projects reported on (the team's, or the one asked for), resolved first: see ReportSql. */
  projectIds: string[];
  /** First day and last day (inclusive), YYYY-MM-DD in `timezone`. */
  from: string;
  to: string;
  interval: 'day' | 'week';
  timezone: string;
}

type Row = Record<string, unknown>;

/** A bucket key `b` per row (YYYY-MM-DD of the interval start in the zone) and the total (`b` null). */
const TOTAL_TOO = sql`group by grouping sets ((b), ())`;
const seconds = (later: SQL, earlier: SQL) => sql`extract(epoch from (${later} - ${earlier}))`;
const percentiles = (d: SQL) => sql`percentile_cont(0.5) within group (order by ${d}) as median,
  percentile_cont(0.9) within group (order by ${d}) as p90`;

/**
 * The report's SQL: each figure is one aggregate over stored timestamps (conversations' created_at,
 * first_agent_reply_at, resolved_at; messages' and ratings' created_at), cut into days or weeks on
 * the caller's wall clock, each read through an index on (project_id, time) or (time).
 */
@Injectable()
export class ReportsRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  /** The team's projects, or just `projectId` when it is one of them. */
  async projectIds(teamId: string, projectId?: string): Promise<string[]> {
    const rows = await this.db
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.teamId, teamId), projectId ? eq(projects.id, projectId) : undefined));
    return rows.map((r) => r.id);
  }

  async summary(s: ReportScope) {
    const q = new ReportSql(s);
    const [buckets, created, resolved, messages, ratings, agents] = await Promise.all([
      this.rows(q.buckets()),
      this.rows(q.created()),
      this.rows(q.resolved()),
      this.rows(q.messages()),
      this.rows(q.ratings()),
      this.rows(q.agents()),
    ]);
    return { buckets, created, resolved, messages, ratings, agents };
  }

  private async rows(query: SQL): Promise<Row[]> {
    return rowsOf(await this.db.execute(query));
  }
}

/** The report's statements, one builder per figure (exported for the bench's SQL-only baseline). */
export class ReportSql {
  private readonly start: SQL;
  private readonly end: SQL;
  private readonly projects: SQL;

  constructor(private readonly s: ReportScope) {
    this.start = sql`(${s.from}::date::timestamp at time zone ${s.timezone})`;
    this.end = sql`((${s.to}::date + 1)::timestamp at time zone ${s.timezone})`;
    // A list of ids, not a subquery: with literal ids the planner reads the column statistics and
    // sees how many conversations match (a subquery was estimated at 0.6 % of 10^5 and got a nested
    // loop over every conversation's messages: 3.9 s instead of a hash join).
    const ids = s.projectIds.length ? s.projectIds.map((id) => sql`${id}::uuid`) : [sql`null::uuid`];
    this.projects = sql`(${sql.join(ids, sql`, `)})`;
  }

  private bucket(at: SQL): SQL {
    return sql`to_char(date_trunc(${this.s.interval}, ${at} at time zone ${this.s.timezone}), 'YYYY-MM-DD')`;
  }

  private inRange(at: SQL): SQL {
    return sql`${at} >= ${this.start} and ${at} < ${this.end}`;
  }

  /** Every interval of the range, empty ones too. */
  buckets(): SQL {
    const step = sql`('1 ' || ${this.s.interval})::interval`;
    return sql`select to_char(b, 'YYYY-MM-DD') as b from generate_series(
      date_trunc(${this.s.interval}, ${this.s.from}::date::timestamp), ${this.s.to}::date::timestamp, ${step}) b`;
  }

  /** New conversations and their first response time, by the day they opened. */
  created(): SQL {
    return this.conversationsBy(sql`created_at`, sql`first_agent_reply_at`);
  }

  /** Resolved conversations and their resolution time, by the day they were (last) resolved. */
  resolved(): SQL {
    return this.conversationsBy(sql`resolved_at`, sql`resolved_at`);
  }

  /** Conversations whose `at` is in the range, counted by its interval, with the spread of `until` − created_at. */
  private conversationsBy(at: SQL, until: SQL): SQL {
    return sql`select b, count(*)::int as n, ${percentiles(sql`d`)} from (
        select ${this.bucket(at)} as b, ${seconds(until, sql`created_at`)} as d from conversations
        where project_id in ${this.projects} and ${this.inRange(at)}) s
      ${TOTAL_TOO}`;
  }

  /** Messages the visitor could see (no internal notes), by side. */
  messages(): SQL {
    return sql`select b, count(*) filter (where sender = 'visitor')::int as visitor,
        count(*) filter (where sender = 'agent')::int as agent,
        count(*) filter (where sender = 'system')::int as system
      from (select ${this.bucket(sql`m.created_at`)} as b, m.sender from messages m
        join conversations c on c.id = m.conversation_id
        where c.project_id in ${this.projects} and not m.private and ${this.inRange(sql`m.created_at`)}) s
      ${TOTAL_TOO}`;
  }

  ratings(): SQL {
    return sql`select b, avg(score)::float8 as average, count(*)::int as n from (
        select ${this.bucket(sql`created_at`)} as b, score from ratings
        where project_id in ${this.projects} and ${this.inRange(sql`created_at`)}) s
      ${TOTAL_TOO}`;
  }

  /** Per agent: public replies, resolves, and the median first response of the conversations they answered first. */
  agents(): SQL {
    const first = seconds(sql`first_agent_reply_at`, sql`created_at`);
    return sql`with r as (
        select m.author_id as user_id, count(*)::int as replies from messages m
        join conversations c on c.id = m.conversation_id
        where c.project_id in ${this.projects} and m.sender = 'agent' and not m.private
          and ${this.inRange(sql`m.created_at`)} and m.author_id is not null
        group by m.author_id
      ), s as (
        select resolved_by_id as user_id, count(*)::int as resolved from conversations
        where project_id in ${this.projects} and ${this.inRange(sql`resolved_at`)} and resolved_by_id is not null
        group by resolved_by_id
      ), f as (
        select first_agent_reply_by_id as user_id,
          percentile_cont(0.5) within group (order by ${first}) as median from conversations
        where project_id in ${this.projects} and ${this.inRange(sql`created_at`)}
          and first_agent_reply_by_id is not null
        group by first_agent_reply_by_id
      ), ids as (select user_id from r union select user_id from s union select user_id from f)
      select u.id as user_id, u.name, coalesce(r.replies, 0) as replies, coalesce(s.resolved, 0) as resolved,
        f.median
      from ids join users u on u.id = ids.user_id
      left join r on r.user_id = ids.user_id left join s on s.user_id = ids.user_id
      left join f on f.user_id = ids.user_id
      order by replies desc, u.name`;
  }
}
