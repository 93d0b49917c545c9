-- inbox, first page, no filter
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
      where "conversations"."project_id" = p.id
      order by "conversations"."last_message_at" desc nulls last, "conversations"."id" desc nulls last
      limit $2)) c)
order by "conversations"."last_message_at" desc nulls last, "conversations"."id" desc nulls last
limit $3;

-- inbox, next page of one project, status open, assigned to me
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
    join team_members tm on tm.team_id = p.team_id and tm.user_id = $1
    where p.id = $2) p
  cross join lateral ((
      select "id"
      from "conversations"
      where ("conversations"."project_id" = p.id and "conversations"."status" = $3 and "conversations"."assignee_id" = $4 and ("conversations"."last_message_at", "conversations"."id") < ($5::timestamptz, $6::uuid))
      order by "conversations"."last_message_at" desc nulls last, "conversations"."id" desc nulls last
      limit $7)) c)
order by "conversations"."last_message_at" desc nulls last, "conversations"."id" desc nulls last
limit $8;

-- inbox, unassigned
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
      where ("conversations"."project_id" = p.id and "conversations"."assignee_id" is null)
      order by "conversations"."last_message_at" desc nulls last, "conversations"."id" desc nulls last
      limit $2)) c)
order by "conversations"."last_message_at" desc nulls last, "conversations"."id" desc nulls last
limit $3;
