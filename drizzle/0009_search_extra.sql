-- Search and contacts (custom: drizzle-kit cannot express these). Self-contained: needs only the
-- visitors and messages tables of 0000_init.
-- Trigram matching for visitor names, emails and external ids (PGlite loads its pg_trgm contrib).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- One trigram index over what the visitor search matches (lower-cased, ILIKE '%q%'), kept out of
-- schema.ts so drizzle-kit never drops it.
CREATE INDEX IF NOT EXISTS "visitors_search_trgm_idx" ON "visitors"
  USING gin ((lower(coalesce("name", '') || ' ' || coalesce("email", '') || ' ' || coalesce("external_id", ''))) gin_trgm_ops);
--> statement-breakpoint
-- Full-text search over message bodies with the 'simple' configuration (no stemming, no stop words:
-- any language). A stored generated column, not declared in schema.ts, so Drizzle's selects and the
-- message views never carry it.
ALTER TABLE "messages" ADD COLUMN IF NOT EXISTS "search_vector" tsvector
  GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, "body")) STORED;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "messages_search_idx" ON "messages" USING gin ("search_vector");
