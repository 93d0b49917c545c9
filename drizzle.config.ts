import { defineConfig } from 'drizzle-kit';

// Same rule as the server: PostgreSQL when DATABASE_URL is set, the embedded PGlite in DATA_DIR otherwise.
const databaseUrl = process.env.DATABASE_URL;

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
  ...(databaseUrl
    ? { dbCredentials: { url: databaseUrl } }
    : { driver: 'pglite', dbCredentials: { url: process.env.DATA_DIR ?? './.data' } }),
});
