-- append to a conversation (prepared)
-- prepared as messages_append_v8
with prev as (
  select id,
    status
  from conversations
  where id = $1 and ($8::uuid is null or visitor_id = $8) and not exists (
    select 1
    from messages
    where conversation_id = $1 and client_message_id = $7) and ($8::uuid is null or not exists (
      select 1
      from visitors
      where id = $8 and blocked_at is not null))
  for update),
  c as (
  update conversations c
  set last_seq = c.last_seq + 1,
    last_public_seq = case when $6 then c.last_public_seq else c.last_seq + 1 end,
    updated_at = now(),
    last_message_at = case when $6 then c.last_message_at else now() end,
    last_message_preview = case when $6 then c.last_message_preview else left($5, 140) end,
    status = case when $3 = 'visitor' and c.status in ('resolved', 'snoozed') then 'open' else c.status end,
    snoozed_until = case when $3 = 'visitor' and c.status in ('resolved', 'snoozed') then null else c.snoozed_until end,
    visitor_last_read_seq = case when $3 = 'visitor' then c.last_seq + 1 else c.visitor_last_read_seq end,
    agent_last_read_seq = case when $3 = 'agent' then c.last_seq + 1 else c.agent_last_read_seq end,
    first_agent_reply_at = case when $3 = 'agent' and not $6 and c.first_agent_reply_at is null then now() else c.first_agent_reply_at end,
    first_agent_reply_by_id = case when $3 = 'agent' and not $6 and c.first_agent_reply_at is null then $4::uuid else c.first_agent_reply_by_id end
  from prev
  where c.id = prev.id
  returning c.*,
    prev.status as previous_status),
  m as (
  insert into messages (id, conversation_id, seq, sender, author_id, body, private, client_message_id)
  select $2,
    c.id,
    c.last_seq,
    $3::message_sender,
    $4,
    $5,
    $6,
    $7
  from c
  returning *),
  j as (
  select to_jsonb(c) - 'previous_status' as conversation,
    to_jsonb(m) - 'search_vector' as message
  from c
  join m on true),
  o as (
  insert into outbox (type, payload)
  select 'conversation.updated',
    jsonb_build_object( 'conversation', j.conversation, 'changes', jsonb_build_array('status'))
  from c
  join j on true
  where c.status <> c.previous_status union all
  select 'message.created',
    jsonb_build_object('message', j.message, 'conversation', j.conversation)
  from j)
select j.conversation,
  j.message,
  c.previous_status,
  (
  select name
  from users
  where id = m.author_id) as m_author_name
from c
join m on true
join j on true;

-- append repeating a clientMessageId: the statement, then the lookup of the original
-- prepared as messages_append_v8
-- the statement shown under "append to a conversation (prepared)"
select "messages"."id",
  "messages"."conversation_id",
  "messages"."seq",
  "messages"."sender",
  "messages"."author_id",
  "messages"."body",
  "messages"."private",
  "messages"."client_message_id",
  "messages"."created_at",
  "users"."name"
from "messages"
left join "users" on "users"."id" = "messages"."author_id"
where ("messages"."conversation_id" = $1 and "messages"."client_message_id" = $2);
select "id",
  "message_id",
  "name",
  "size",
  "content_type",
  "width",
  "height"
from "attachments"
where "attachments"."message_id" in ($1)
order by "attachments"."id";

-- first message of a new conversation (MessagesService.sendAsVisitor, one transaction)
select count(*) as count
from "visitors"
where ("visitors"."id" = $1 and "visitors"."blocked_at" is not null);;
with w as (
  insert into "conversations" ("id", "project_id", "visitor_id", "status", "assignee_id", "snoozed_until", "last_seq", "last_public_seq", "last_message_at", "last_message_preview", "agent_last_read_seq", "visitor_last_read_seq", "opening_client_message_id", "first_agent_reply_at", "first_agent_reply_by_id", "resolved_at", "resolved_by_id", "offline_notice_at", "created_at", "updated_at")
  values ($1, $2, $3, default, default, default, default, default, default, default, default, default, $4, default, default, default, default, default, default, default)
  on conflict do nothing
  returning "id",
    "project_id",
    "visitor_id",
    "status",
    "assignee_id",
    "snoozed_until",
    "last_seq",
    "last_public_seq",
    "last_message_at",
    "last_message_preview",
    "agent_last_read_seq",
    "visitor_last_read_seq",
    "opening_client_message_id",
    "first_agent_reply_at",
    "first_agent_reply_by_id",
    "resolved_at",
    "resolved_by_id",
    "offline_notice_at",
    "created_at",
    "updated_at"),
  o as (
  insert into outbox (type, payload)
  select $5,
    jsonb_build_object('conversation', to_jsonb(w))
  from w)
select *
from w;
savepoint sp1;
with prev as (
  select id,
    status
  from conversations
  where id = $1 and ($2::uuid is null or visitor_id = $3) and not exists (
    select 1
    from messages
    where conversation_id = $4 and client_message_id = $5) and ($6::uuid is null or not exists (
      select 1
      from visitors
      where id = $7 and blocked_at is not null))
  for update),
  c as (
  update conversations c
  set last_seq = c.last_seq + 1,
    last_public_seq = case when $8 then c.last_public_seq else c.last_seq + 1 end,
    updated_at = now(),
    last_message_at = case when $9 then c.last_message_at else now() end,
    last_message_preview = case when $10 then c.last_message_preview else left($11, 140) end,
    status = case when $12 = 'visitor' and c.status in ('resolved', 'snoozed') then 'open' else c.status end,
    snoozed_until = case when $13 = 'visitor' and c.status in ('resolved', 'snoozed') then null else c.snoozed_until end,
    visitor_last_read_seq = case when $14 = 'visitor' then c.last_seq + 1 else c.visitor_last_read_seq end,
    agent_last_read_seq = case when $15 = 'agent' then c.last_seq + 1 else c.agent_last_read_seq end,
    first_agent_reply_at = case when $16 = 'agent' and not $17 and c.first_agent_reply_at is null then now() else c.first_agent_reply_at end,
    first_agent_reply_by_id = case when $18 = 'agent' and not $19 and c.first_agent_reply_at is null then $20::uuid else c.first_agent_reply_by_id end
  from prev
  where c.id = prev.id
  returning c.*,
    prev.status as previous_status),
  m as (
  insert into messages (id, conversation_id, seq, sender, author_id, body, private, client_message_id)
  select $21,
    c.id,
    c.last_seq,
    $22::message_sender,
    $23,
    $24,
    $25,
    $26
  from c
  returning *),
  j as (
  select to_jsonb(c) - 'previous_status' as conversation,
    to_jsonb(m) - 'search_vector' as message
  from c
  join m on true),
  o as (
  insert into outbox (type, payload)
  select 'conversation.updated',
    jsonb_build_object( 'conversation', j.conversation, 'changes', jsonb_build_array('status'))
  from c
  join j on true
  where c.status <> c.previous_status union all
  select 'message.created',
    jsonb_build_object('message', j.message, 'conversation', j.conversation)
  from j)
select j.conversation,
  j.message,
  c.previous_status,
  (
  select name
  from users
  where id = m.author_id) as m_author_name
from c
join m on true
join j on true;
release savepoint sp1;
