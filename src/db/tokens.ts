/** Injection tokens: the Database wrapper (driver, migrate, close) and its Drizzle handle. */
export const DATABASE = Symbol('DATABASE');
export const DB = Symbol('DB');
