-- set a conversation label (a change)
select "conversations"."id",
  "conversations"."project_id",
  "conversations"."visitor_id",
  "conversations"."status",
  "conversations"."assignee_id",
  "conversations"."snoozed_until",
  "conversations"."last_seq",
  "conversations"."last_public_seq",
  "conversations"."last_message_at",
  "conversations"."last_message_preview",
  "conversations"."agent_last_read_seq",
  "conversations"."visitor_last_read_seq",
  "conversations"."opening_client_message_id",
  "conversations"."first_agent_reply_at",
  "conversations"."first_agent_reply_by_id",
  "conversations"."resolved_at",
  "conversations"."resolved_by_id",
  "conversations"."offline_notice_at",
  "conversations"."created_at",
  "conversations"."updated_at",
  "projects"."team_id",
  "team_members"."role"
from "conversations"
inner join "projects" on "projects"."id" = "conversations"."project_id"
inner join "team_members" on ("team_members"."team_id" = "projects"."team_id" and "team_members"."user_id" = $1)
where "conversations"."id" = $2;
select "id",
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
  "updated_at"
from "conversations"
where "conversations"."id" = $1
for update;
select "id",
  "team_id",
  "name",
  "color",
  "created_at"
from "labels"
where ("labels"."team_id" = $1 and "labels"."id" in ($2))
for share;
select "label_id"
from "conversation_labels"
where "conversation_labels"."conversation_id" = $1;
insert into "conversation_labels" ("conversation_id", "label_id", "created_at")
values ($1, $2, default);
with w as (
  update "conversations"
  set "updated_at" = now()
  where "conversations"."id" = $1
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
  select $2,
    jsonb_build_object( 'conversation', to_jsonb(w), 'changes', '["labels"]'::jsonb, 'labels', (
      select coalesce(jsonb_agg(jsonb_build_object('id', l.id, 'name', l.name, 'color', l.color)
          order by l.name), '[]'::jsonb)
      from conversation_labels cl
      join labels l on l.id = cl.label_id
      where cl.conversation_id = w.id))
  from w)
select *
from w;

-- set the same labels again (no change: no update, no outbox row)
-- the statement shown under "set a conversation label (a change)"
-- the statement shown under "set a conversation label (a change)"
-- the statement shown under "set a conversation label (a change)"
-- the statement shown under "set a conversation label (a change)"

-- a page's labels
select "conversation_labels"."conversation_id",
  "labels"."id",
  "labels"."name",
  "labels"."color"
from "conversation_labels"
inner join "labels" on "labels"."id" = "conversation_labels"."label_id"
where "conversation_labels"."conversation_id" in ($1)
order by "labels"."name" asc;

-- inbox filtered by label
select "conversations"."id",
  "conversations"."project_id",
  "conversations"."visitor_id",
  "conversations"."status",
  "conversations"."assignee_id",
  "conversations"."snoozed_until",
  "conversations"."last_seq",
  "conversations"."last_public_seq",
  "conversations"."last_message_at",
  "conversations"."last_message_preview",
  "conversations"."agent_last_read_seq",
  "conversations"."visitor_last_read_seq",
  "conversations"."opening_client_message_id",
  "conversations"."first_agent_reply_at",
  "conversations"."first_agent_reply_by_id",
  "conversations"."resolved_at",
  "conversations"."resolved_by_id",
  "conversations"."offline_notice_at",
  "conversations"."created_at",
  "conversations"."updated_at",
  "visitors"."id",
  "visitors"."name",
  "visitors"."email",
  (
  select count(*)
  from messages m
  where m.conversation_id = conversations.id and m.seq > conversations.agent_last_read_seq and m.sender = 'visitor'),
  to_char("conversations"."last_message_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
from "conversations"
inner join "visitors" on "visitors"."id" = "conversations"."visitor_id"
where "conversations"."id" in (
  select c.id
  from (
    select p.id
    from projects p
    join team_members tm on tm.team_id = p.team_id and tm.user_id = $1) p
  cross join lateral ((
      select "id"
      from "conversations"
      where ("conversations"."project_id" = p.id and exists (
          select 1
          from conversation_labels cl
          where cl.conversation_id = conversations.id and cl.label_id = $2))
      order by "conversations"."last_message_at" desc nulls last, "conversations"."id" desc nulls last
      limit $3)) c)
order by "conversations"."last_message_at" desc nulls last, "conversations"."id" desc nulls last
limit $4;
