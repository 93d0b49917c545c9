ALTER TABLE "outbox" ADD COLUMN "leased_until" timestamp with time zone;--> statement-breakpoint
-- Room on each page for a claimed row's new version, so a claim is a HOT update (no index entries):
-- a row is written once, claimed about once, then deleted.
ALTER TABLE "outbox" SET (fillfactor = 50);
