-- Conversations that existed before last_public_seq: the highest seq of a message that is not an internal note.
UPDATE "conversations" c SET "last_public_seq" = coalesce(
  (SELECT max(m."seq") FROM "messages" m WHERE m."conversation_id" = c."id" AND NOT m."private"), 0);
