import { describe, it } from 'node:test';
import { expect } from 'expect';
import { toOpenApi30 } from './openapi-3-0';

describe('toOpenApi30', () => {
  it('turns a type array with null into a nullable single type', () => {
    expect(toOpenApi30({ type: ['string', 'null'] })).toEqual({ type: 'string', nullable: true });
    expect(toOpenApi30({ type: ['string', 'number'] })).toEqual({
      anyOf: [{ type: 'string' }, { type: 'number' }],
    });
  });

  it('folds anyOf [X, null] into X, keeping nestjs-zod’s empty top-level type out of the way', () => {
    const uuid = { type: 'string', format: 'uuid' };
    expect(toOpenApi30({ type: '', anyOf: [uuid, { type: 'null' }], description: 'd' })).toEqual({
      ...uuid,
      description: 'd',
      nullable: true,
    });
    expect(toOpenApi30({ anyOf: [{ type: 'string', enum: ['a'] }, { type: 'null' }] })).toEqual({
      type: 'string',
      enum: ['a', null],
      nullable: true,
    });
  });

  it('makes a union nullable through its branches, with a null-only branch beside a $ref', () => {
    expect(toOpenApi30({ anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'null' }] })).toEqual({
      anyOf: [
        { type: 'string', nullable: true },
        { type: 'number', nullable: true },
      ],
    });
    expect(toOpenApi30({ anyOf: [{ $ref: '#/x' }, { type: 'null' }] })).toEqual({
      anyOf: [{ $ref: '#/x' }, { type: 'string', nullable: true, enum: [null] }],
    });
  });

  it('rewrites nested schemas, leaves examples alone, and is idempotent', () => {
    const schema = {
      type: 'object',
      properties: { a: { type: ['string', 'null'] }, b: { type: 'array', items: { const: 1 } } },
      additionalProperties: { anyOf: [{ type: 'boolean' }, { type: 'null' }] },
      example: { type: ['kept'] },
    };
    const once = toOpenApi30(schema);
    expect(once).toEqual({
      type: 'object',
      properties: { a: { type: 'string', nullable: true }, b: { type: 'array', items: { enum: [1] } } },
      additionalProperties: { type: 'boolean', nullable: true },
      example: { type: ['kept'] },
    });
    expect(toOpenApi30(once)).toEqual(once);
  });
});
