/**
 * Rewrites JSON Schema 2020-12 (what zod 4's `toJSONSchema` emits) into the OpenAPI 3.0 dialect
 * the document declares. Zod ≥ 4.4 compacts `anyOf: [{type: X}, {type: 'null'}]` into
 * `type: [X, 'null']`, which nestjs-zod 5.5 neither detects nor converts (nestjs-zod #473/#474):
 * @nestjs/swagger then reads a `type` array as "array of X" (`lastMessagePreview: string[]`).
 *
 * Applied twice, and idempotent: to each DTO's metadata before @nestjs/swagger reads it
 * (createZodDto in zod-dto.ts), and to the whole finished document.
 */

type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNullSchema = (s: unknown): boolean => isNode(s) && s.type === 'null';
/** nestjs-zod leaves `type: ''` on the top-level properties it has no single type for. */
const hasType = (s: Node): boolean => typeof s.type === 'string' && s.type !== '';

/** Keys that make an object a schema this pass may have to rewrite. */
const SCHEMA_KEYS = ['type', 'anyOf', 'oneOf', 'const', 'nullable', 'exclusiveMinimum', 'exclusiveMaximum'];

/** Keys whose values are data, not schemas: never rewritten. */
const DATA_KEYS = new Set(['example', 'examples', 'default', 'enum', 'const']);

/** A branch that admits null alone (3.0 has no `type: 'null'`). */
const NULL_ONLY: Node = { type: 'string', nullable: true, enum: [null] };

/**
 * `nullable` is only meaningful beside a `type` (OAS 3.0.3): push it into each branch, or add a
 * null-only branch when one is a `$ref` (which takes no siblings).
 */
function nullableBranches(branches: Node[]): Node[] {
  if (!branches.every(hasType)) return [...branches, NULL_ONLY];
  return branches.map(withNull);
}

function withNull(schema: Node): Node {
  const out: Node = { ...schema, nullable: true };
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) out.enum = [...schema.enum, null];
  return out;
}

function convertNode(input: Node): Node {
  let s: Node = { ...input };
  if (Array.isArray(s.type)) {
    const types = (s.type as string[]).filter((t) => t !== 'null');
    const nullable = types.length < (s.type as string[]).length;
    delete s.type;
    if (types.length === 1) s = { ...s, type: types[0] };
    else s.anyOf = types.map((type) => ({ type }));
    if (nullable) s.nullable = true;
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = s[key];
    if (!Array.isArray(branches)) continue;
    const rest = branches.filter((b) => !isNullSchema(b)) as Node[];
    if (rest.length === branches.length) continue;
    s.nullable = true;
    if (rest.length === 1 && hasType(rest[0])) {
      delete s[key];
      s = { ...rest[0], ...s, type: rest[0].type };
    } else {
      s[key] = rest;
    }
  }
  if (s.nullable === true && !hasType(s)) {
    // A union: null is allowed when any typed branch allows it.
    for (const key of ['anyOf', 'oneOf'] as const) {
      if (Array.isArray(s[key])) {
        s[key] = nullableBranches(s[key] as Node[]);
        delete s.nullable;
      }
    }
  }
  if (s.nullable === true && hasType(s)) s = withNull(s);
  if ('const' in s) {
    s.enum = [s.const];
    delete s.const;
  }
  if (typeof s.exclusiveMinimum === 'number')
    s = { ...s, minimum: s.exclusiveMinimum, exclusiveMinimum: true };
  if (typeof s.exclusiveMaximum === 'number')
    s = { ...s, maximum: s.exclusiveMaximum, exclusiveMaximum: true };
  delete s.propertyNames;
  delete s.$schema;
  return s;
}

/** Converts every schema-shaped object in `value` (a schema, a property map or a whole document). */
export function toOpenApi30<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => toOpenApi30(v)) as T;
  if (!isNode(value)) return value;
  const node = SCHEMA_KEYS.some((k) => k in value) ? convertNode(value) : value;
  const out: Node = {};
  for (const [key, child] of Object.entries(node)) out[key] = DATA_KEYS.has(key) ? child : toOpenApi30(child);
  return out as T;
}
