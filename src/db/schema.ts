import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';

const id = () =>
  uuid('id')
    .primaryKey()
    .$defaultFn(() => uuidv7());
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const tstz = (name: string) => timestamp(name, { withTimezone: true });

export const teamRole = pgEnum('team_role', ['owner', 'admin', 'agent']);
export const conversationStatus = pgEnum('conversation_status', ['open', 'pending', 'resolved', 'snoozed']);
export const messageSender = pgEnum('message_sender', ['visitor', 'agent', 'system']);

export const users = pgTable(
  'users',
  {
    id: id(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`)],
);

export const teams = pgTable('teams', {
  id: id(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const teamMembers = pgTable(
  'team_members',
  {
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: teamRole('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_members_user_idx').on(t.userId)],
);

export const invitations = pgTable(
  'invitations',
  {
    id: id(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: teamRole('role').notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedById: uuid('invited_by_id').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: tstz('expires_at').notNull(),
    acceptedAt: tstz('accepted_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('invitations_token_hash_key').on(t.tokenHash),
    index('invitations_team_idx').on(t.teamId),
    // At most one unused invitation per address and team (a new one replaces it; see TeamsRepository).
    uniqueIndex('invitations_pending_email_key')
      .on(t.teamId, sql`lower(${t.email})`)
      .where(sql`${t.acceptedAt} is null`),
  ],
);

/** One row per issued refresh token; a login starts a family, each refresh rotates within it. */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    familyId: uuid('family_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    rotatedAt: tstz('rotated_at'),
    revokedAt: tstz('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('refresh_tokens_token_hash_key').on(t.tokenHash),
    index('refresh_tokens_family_idx').on(t.familyId),
    // activeSessions asks "any revoked token in this family?" on every authenticated request.
    index('refresh_tokens_revoked_family_idx')
      .on(t.familyId)
      .where(sql`${t.revokedAt} is not null`),
  ],
);

export interface WidgetSettings {
  name?: string;
  greeting?: string;
  color?: string;
  // csat lane: satisfaction ratings and business hours (docs/csat-hours-reports.md).
  csat?: { enabled: boolean };
  /** null: turned off (a settings patch merges keys, so removing one takes a null). */
  businessHours?: {
    timezone: string;
    weekly: { day: number; from: string; to: string }[];
    offlineMessage?: string;
  } | null;
}

export const projects = pgTable(
  'projects',
  {
    id: id(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    publicKey: text('public_key').notNull(),
    secret: text('secret').notNull(),
    requireIdentityVerification: boolean('require_identity_verification').notNull().default(false),
    allowedOrigins: text('allowed_origins')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    settings: jsonb('settings').$type<WidgetSettings>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('projects_public_key_key').on(t.publicKey), index('projects_team_idx').on(t.teamId)],
);

export const visitors = pgTable(
  'visitors',
  {
    id: id(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    externalId: text('external_id'),
    /** True when externalId was proven with the project's HMAC; only verified ids merge devices. */
    verified: boolean('verified').notNull().default(false),
    name: text('name'),
    email: text('email'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    lastSeenAt: tstz('last_seen_at').notNull().defaultNow(),
  },
  (t) => [
    index('visitors_project_idx').on(t.projectId),
    uniqueIndex('visitors_verified_external_key')
      .on(t.projectId, t.externalId)
      .where(sql`${t.verified} and ${t.externalId} is not null`),
  ],
);

export const conversations = pgTable(
  'conversations',
  {
    id: id(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    visitorId: uuid('visitor_id')
      .notNull()
      .references(() => visitors.id, { onDelete: 'cascade' }),
    status: conversationStatus('status').notNull().default('open'),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    snoozedUntil: tstz('snoozed_until'),
    /** Highest message sequence in this conversation; messages take last_seq + 1. */
    lastSeq: integer('last_seq').notNull().default(0),
    /** Sequence of the last message the visitor can see (not an internal note): the widget's lastSeq. */
    lastPublicSeq: integer('last_public_seq').notNull().default(0),
    lastMessageAt: tstz('last_message_at').notNull().defaultNow(),
    lastMessagePreview: text('last_message_preview'),
    agentLastReadSeq: integer('agent_last_read_seq').notNull().default(0),
    visitorLastReadSeq: integer('visitor_last_read_seq').notNull().default(0),
    /** clientMessageId of the message that opened it: makes "start a conversation" idempotent per visitor. */
    openingClientMessageId: text('opening_client_message_id'),
    // csat lane (reports): stored when they happen, so reports read timestamps instead of messages.
    /** When the first public agent reply landed (set once, by the message append). */
    firstAgentReplyAt: tstz('first_agent_reply_at'),
    firstAgentReplyById: uuid('first_agent_reply_by_id').references(() => users.id, { onDelete: 'set null' }),
    /** When (and by whom) the conversation was last resolved; kept if it reopens. */
    resolvedAt: tstz('resolved_at'),
    resolvedById: uuid('resolved_by_id').references(() => users.id, { onDelete: 'set null' }),
    /** When the out-of-hours notice was last sent here (at most one per 24 h). */
    offlineNoticeAt: tstz('offline_notice_at'),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // Reports: conversations of a project by creation and by resolution time.
    index('conversations_project_created_idx').on(t.projectId, t.createdAt),
    index('conversations_project_resolved_idx')
      .on(t.projectId, t.resolvedAt)
      .where(sql`${t.resolvedAt} is not null`),
    index('conversations_inbox_idx').on(t.projectId, t.status, t.lastMessageAt.desc(), t.id.desc()),
    index('conversations_project_activity_idx').on(t.projectId, t.lastMessageAt.desc(), t.id.desc()),
    index('conversations_visitor_idx').on(t.visitorId, t.lastMessageAt.desc()),
    index('conversations_assignee_idx').on(t.assigneeId),
    // The snooze sweep (every 30 s on every node) reads only the snoozed ones.
    index('conversations_snoozed_idx')
      .on(t.snoozedUntil)
      .where(sql`${t.status} = 'snoozed'`),
    uniqueIndex('conversations_opening_key').on(t.visitorId, t.openingClientMessageId),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: id(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    /** Per-conversation monotonic sequence: the history cursor and the resync point for sockets. */
    seq: integer('seq').notNull(),
    sender: messageSender('sender').notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    private: boolean('private').notNull().default(false),
    clientMessageId: text('client_message_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('messages_conversation_seq_key').on(t.conversationId, t.seq),
    uniqueIndex('messages_conversation_client_id_key').on(t.conversationId, t.clientMessageId),
    // csat lane (reports): messages by side in a time range.
    index('messages_created_idx').on(t.createdAt),
  ],
);

/**
 * csat lane: one satisfaction rating per conversation, given by its visitor after a resolve and
 * changeable for 7 days (the service checks created_at).
 */
export const ratings = pgTable(
  'ratings',
  {
    id: id(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    score: integer('score').notNull(),
    comment: text('comment'),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('ratings_conversation_key').on(t.conversationId),
    index('ratings_project_created_idx').on(t.projectId, t.createdAt),
  ],
);

/**
 * Transactional outbox: a row per event other systems must hear about, written in the same
 * transaction (for the message append, the same statement) as the write it reports. The dispatcher
 * claims due rows, hands them to the registered consumers and deletes them once all succeeded;
 * a failed row is retried later (`available_at`), and set aside (`failed_at`) after too many tries.
 * Payloads hold row snapshots (`to_jsonb`, snake_case), decoded by each feature's views.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    availableAt: tstz('available_at').notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    failedAt: tstz('failed_at'),
  },
  (t) => [
    index('outbox_due_idx')
      .on(t.availableAt, t.id)
      .where(sql`${t.failedAt} is null`),
  ],
);

/** Once-per-cluster background jobs: the node that takes a job's lease runs it until the lease ends. */
export const jobLeases = pgTable('job_leases', {
  name: text('name').primaryKey(),
  lockedUntil: tstz('locked_until').notNull(),
  lockedBy: text('locked_by').notNull(),
});

export type User = typeof users.$inferSelect;
export type Team = typeof teams.$inferSelect;
export type TeamMember = typeof teamMembers.$inferSelect;
export type TeamRole = (typeof teamRole.enumValues)[number];
export type Invitation = typeof invitations.$inferSelect;
export type RefreshToken = typeof refreshTokens.$inferSelect;
export type Project = typeof projects.$inferSelect;
export type Visitor = typeof visitors.$inferSelect;
export type Conversation = typeof conversations.$inferSelect;
export type ConversationStatus = (typeof conversationStatus.enumValues)[number];
export type Message = typeof messages.$inferSelect;
export type Rating = typeof ratings.$inferSelect;
export type MessageSender = (typeof messageSender.enumValues)[number];
