import { sql } from 'drizzle-orm';
import {
  bigint,
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

/** Which optional mails a user gets (PATCH /auth/me); absent kinds are on. */
export interface NotificationPrefs {
  newConversation?: boolean;
  webhookDisabled?: boolean;
}

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
    /** Email notification switches (email feature); a kind missing here is on. */
    notificationPrefs: jsonb('notification_prefs').$type<NotificationPrefs>().notNull().default({}),
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
  /** Attachments: upload size limit (capped by ATTACHMENT_MAX_BYTES) and accepted content types. */
  attachments?: { maxBytes?: number; allowedTypes?: string[] };
  /** Satisfaction ratings and business hours (docs/csat-hours-reports.md). */
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
    /** Set by the unsubscribe link of a continuity mail (email feature): no more of them. */
    emailOptOutAt: tstz('email_opt_out_at'),
    createdAt: createdAt(),
    lastSeenAt: tstz('last_seen_at').notNull().defaultNow(),
    // --- search & contacts: a blocked visitor's sends and new sessions are refused (VISITOR_BLOCKED).
    // Its trigram indexes (name, email, external id) and the messages' search_vector column live in
    // the custom migration *_search_extra.sql (pg_trgm, a generated column Drizzle does not select).
    blockedAt: tstz('blocked_at'),
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
    // Partial: an unassigned conversation's messages (every non-HOT update adds an entry to each
    // index) skip it; "conversations of this assignee" always names one.
    index('conversations_assignee_idx')
      .on(t.assigneeId)
      .where(sql`${t.assigneeId} is not null`),
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
    // A claim's lease, apart from available_at: no index holds it, so claiming is a HOT update
    // (no index entries) on pages the table's fillfactor (migration 0016) leaves room on.
    leasedUntil: tstz('leased_until'),
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

// ── Labels and canned responses (issue 14) ────────────────────────────────────────────────────
/** A team's reusable answers, inserted from the reply box by typing `/shortcut`. */
export const cannedResponses = pgTable(
  'canned_responses',
  {
    id: id(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    shortcut: text('shortcut').notNull(),
    title: text('title'),
    body: text('body').notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('canned_responses_team_shortcut_key').on(t.teamId, t.shortcut)],
);

/** A team's conversation tags; names are stored lower-case, so the unique index is case-blind. */
export const labels = pgTable(
  'labels',
  {
    id: id(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** `#rrggbb` */
    color: text('color').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('labels_team_name_key').on(t.teamId, t.name)],
);

export const conversationLabels = pgTable(
  'conversation_labels',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    labelId: uuid('label_id')
      .notNull()
      .references(() => labels.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  // The primary key serves "labels of these conversations"; the label index the inbox filter.
  (t) => [
    primaryKey({ columns: [t.conversationId, t.labelId] }),
    index('conversation_labels_label_idx').on(t.labelId, t.conversationId),
  ],
);

// ── Email (platform/mail, modules/notifications, password reset in modules/auth) ──────────────

/** One-time password reset tokens (stored hashed), valid for an hour. */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    usedAt: tstz('used_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('password_resets_token_hash_key').on(t.tokenHash),
    index('password_resets_user_idx').on(t.userId),
  ],
);

/**
 * Mails to send, rendered. `key` is unique per cause (outbox event id + recipient, or a continuity
 * window), so a redelivered event does not send twice. The body is cleared once sent (it may hold
 * a one-time link); the row stays a week for deduplication.
 */
export const mailQueue = pgTable(
  'mail_queue',
  {
    id: id(),
    key: text('key').notNull(),
    kind: text('kind').notNull(),
    to: text('to').notNull(),
    /**
     * Whose address `to` is (userId), and the visitor whose data the mail carries (their own mails,
     * and staff mails about them): erasing the visitor or deleting the user deletes their mails.
     */
    visitorId: uuid('visitor_id').references(() => visitors.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    subject: text('subject').notNull(),
    text: text('text'),
    html: text('html'),
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    attempts: integer('attempts').notNull().default(0),
    availableAt: tstz('available_at').notNull().defaultNow(),
    lastError: text('last_error'),
    sentAt: tstz('sent_at'),
    failedAt: tstz('failed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('mail_queue_key_key').on(t.key),
    index('mail_queue_due_idx')
      .on(t.availableAt)
      .where(sql`${t.sentAt} is null and ${t.failedAt} is null`),
  ],
);

/** Per conversation: when the unseen agent replies are due to be mailed, and up to which seq they were. */
export const continuityMail = pgTable(
  'continuity_mail',
  {
    conversationId: uuid('conversation_id')
      .primaryKey()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    dueAt: tstz('due_at'),
    mailedThroughSeq: integer('mailed_through_seq').notNull().default(0),
    lastMailedAt: tstz('last_mailed_at'),
  },
  (t) => [index('continuity_mail_due_idx').on(t.dueAt).where(sql`${t.dueAt} is not null`)],
);

/*
 * Webhooks (modules/webhooks): endpoints a project's admins register, and one delivery row per
 * event × endpoint. The secret is kept as issued (it signs every request); after a rotation the
 * previous one keeps signing alongside it until previous_secret_expires_at.
 */
export const webhooks = pgTable(
  'webhooks',
  {
    id: id(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    description: text('description'),
    /** Event types it gets; ['*'] is every type, including ones added later. */
    events: text('events').array().notNull(),
    includePrivate: boolean('include_private').notNull().default(false),
    enabled: boolean('enabled').notNull().default(true),
    /** Why it was turned off automatically ('gone': a 410; 'failing': 3 days of failures). */
    disabledReason: text('disabled_reason'),
    secret: text('secret').notNull(),
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: tstz('previous_secret_expires_at'),
    /** Start of the current run of failed attempts; null after a success. */
    failingSince: tstz('failing_since'),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('webhooks_project_idx').on(t.projectId)],
);

/** One attempt in a delivery's log. */
export interface WebhookAttempt {
  attempt: number;
  at: string;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: id(),
    webhookId: uuid('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    /** The outbox row it came from (null for pings): recording an event twice is a no-op. */
    outboxId: bigint('outbox_id', { mode: 'number' }),
    /** evt_…: the Spectre-Event-Id, the same on every attempt and for every endpoint. */
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    /**
     * The visitor the event concerns (null for pings and visitor-less events): the body carries
     * their data, so erasing the visitor deletes it by cascade.
     */
    visitorId: uuid('visitor_id').references(() => visitors.id, { onDelete: 'cascade' }),
    /** The request body, as sent on every attempt. */
    body: text('body').notNull(),
    status: text('status').$type<'pending' | 'delivered' | 'failed'>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Due time of the next attempt (during an attempt: the end of its lease); null when settled. */
    nextAttemptAt: tstz('next_attempt_at').defaultNow(),
    lastStatusCode: integer('last_status_code'),
    lastDurationMs: integer('last_duration_ms'),
    lastError: text('last_error'),
    /** At most 1 KB of the last response body. */
    lastResponse: text('last_response'),
    attemptLog: jsonb('attempt_log').$type<WebhookAttempt[]>().notNull().default([]),
    deliveredAt: tstz('delivered_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_outbox_key').on(t.webhookId, t.outboxId),
    index('webhook_deliveries_log_idx').on(t.webhookId, t.id.desc()),
    index('webhook_deliveries_visitor_idx').on(t.visitorId),
    index('webhook_deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.nextAttemptAt} is not null`),
  ],
);

// ── Attachments (modules/attachments) ────────────────────────────────────────────────────────────
/**
 * An uploaded file: belongs to one conversation and one sender (a visitor, or the agent in
 * author_id), and to one message once attached (message_id set once, by the send). The bytes are
 * in object storage under storage_key. Deleting a row by any path (a cascade from the project,
 * visitor, conversation or message, or the unattached-upload sweep) queues its key in
 * storage_deletions through a trigger (drizzle/*_attachments_extra.sql), so the code that deletes
 * owners never needs to know about files.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: id(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'cascade' }),
    sender: messageSender('sender').notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    storageKey: text('storage_key').notNull(),
    name: text('name').notNull(),
    size: integer('size').notNull(),
    contentType: text('content_type').notNull(),
    width: integer('width'),
    height: integer('height'),
    createdAt: createdAt(),
  },
  (t) => [
    index('attachments_message_idx').on(t.messageId),
    index('attachments_conversation_idx').on(t.conversationId),
    // The sweep of uploads never attached reads only those.
    index('attachments_unattached_idx')
      .on(t.createdAt)
      .where(sql`${t.messageId} is null`),
  ],
);

/** Storage keys whose rows are gone: a cluster job deletes the objects, then these rows. */
export const storageDeletions = pgTable('storage_deletions', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  storageKey: text('storage_key').notNull(),
  createdAt: createdAt(),
});

export type Attachment = typeof attachments.$inferSelect;
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
export type CannedResponse = typeof cannedResponses.$inferSelect;
export type Label = typeof labels.$inferSelect;
export type MailQueueRow = typeof mailQueue.$inferSelect;
export type Webhook = typeof webhooks.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
