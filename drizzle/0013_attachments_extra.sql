-- Attachments: whatever deletes an attachment row (a cascade from its project, visitor, conversation
-- or message, or the sweep of uploads never attached) queues its object's key for deletion, so the
-- code deleting owners needs no knowledge of files. The attachments module's drain job deletes the
-- objects and then these rows. Self-contained: safe to re-add after the generated migrations.
CREATE OR REPLACE FUNCTION attachments_queue_storage_deletion() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO storage_deletions (storage_key) VALUES (OLD.storage_key);
  RETURN OLD;
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS attachments_queue_storage_deletion ON attachments;
--> statement-breakpoint
CREATE TRIGGER attachments_queue_storage_deletion
AFTER DELETE ON attachments
FOR EACH ROW EXECUTE FUNCTION attachments_queue_storage_deletion();
