import fc from 'fast-check';
import type { JsonSchema } from './openapi';

/** Strings that have broken parsers, query builders and renderers before. */
export const NASTY_STRINGS = [
  "' OR '1'='1",
  "'; drop table users; --",
  '1; select pg_sleep(1)',
  '" or ""="',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{7*7}}${7*7}',
  '../../etc/passwd',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '😀👍🏽👨‍👩‍👧',
  'ẞ İ ǅ ﬁ',
  '\u202e\u200b\ufeff',
  '%00%27%22',
  '\\',
  ' ',
  '',
];

/** Path parameter values that are not UUIDs (plus a well-formed id that exists nowhere). */
export const BAD_IDS = [
  'abc',
  '0',
  '-1',
  '1e9',
  'null',
  'undefined',
  "' OR 1=1 --",
  '<b>x</b>',
  'ä😀',
  '%',
  '00000000-0000-0000-0000-00000000000g',
  '{01234567-89ab-cdef-0123-456789abcdef}',
  '01234567-89ab-cdef-0123-456789abcdef0',
  '01234567-89ab-7def-8123-456789abcdef',
  'x'.repeat(2000),
];

/** `depth` levels of nested objects or arrays (well under the body limit). */
export const nested = (depth: number, array: boolean): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = array ? [value] : { a: value };
  return value;
};

const wrongValue = fc.oneof(
  fc.constantFrom<unknown>(null, [], {}, [[]], true, 0, -1, 1.5, 2 ** 31, -(2 ** 53), 1e308, ''),
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ minLength: 5000, maxLength: 20_000 }),
  fc.integer({ min: 50, max: 3000 }).chain((d) => fc.boolean().map((arr) => nested(d, arr))),
  fc.anything({ maxDepth: 3, maxKeys: 4 }),
);

/**
 * Bodies that are wrong for `schema` in one way each: a different top-level type, a missing
 * required field, a field of the wrong type or with a hostile string, an extra field, deep nesting.
 * Some of them may happen to be valid (a unicode name is fine); the sweep only refuses 5xx for those.
 */
export function badBodies(schema: JsonSchema, valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(schema.properties ?? {});
  const required = schema.required ?? [];
  const variants: fc.Arbitrary<unknown>[] = [
    fc.constantFrom<unknown>(null, [], [valid], 'text', 42, true, {}),
    fc.constant(nested(2000, false)),
    fc
      .record({ key: fc.string({ maxLength: 20 }), value: fc.anything({ maxDepth: 2 }) })
      .map(({ key, value }) => ({
        ...valid,
        [key === '' ? 'extra' : key]: value,
      })),
    fc
      .constantFrom('__proto__', 'constructor', 'prototype')
      .map((key) => JSON.parse(`{"${key}": {"admin": true}}`)),
  ];
  if (required.length > 0) {
    variants.push(fc.constantFrom(...required).map((key) => ({ ...valid, [key]: undefined })));
  }
  if (keys.length > 0) {
    variants.push(
      fc.record({ key: fc.constantFrom(...keys), value: wrongValue }).map(({ key, value }) => ({
        ...valid,
        [key]: value,
      })),
    );
  }
  return fc.oneof(...variants);
}

/** Query-string values for any parameter: wrong types, hostile strings, huge numbers. */
export const badQueryValue = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.constantFrom(
    '-1',
    '0',
    '1e400',
    'NaN',
    '9999999999999999999',
    '1.5',
    'true',
    '[]',
    '{}',
    'x'.repeat(3000),
  ),
  fc.string({ maxLength: 30 }),
  fc.base64String({ maxLength: 80 }),
);
