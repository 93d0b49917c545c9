// The package maps `contrib/*` in its exports, which this project's `moduleResolution: node` does not
// read; the runtime (Node's require) does. The type is the one its dist declares.
declare module '@electric-sql/pglite/contrib/pg_trgm' {
  export const pg_trgm: import('@electric-sql/pglite').Extension;
}
