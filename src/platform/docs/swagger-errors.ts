import type { OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ErrorCode } from '../errors/error-codes';
import { operationsOf } from './operations';

const ERROR_BODY = {
  type: 'object',
  required: ['error', 'requestId'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: Object.values(ErrorCode) },
        message: { type: 'string' },
        details: {
          type: 'array',
          items: {
            type: 'object',
            required: ['message'],
            properties: { path: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
    requestId: { type: 'string' },
  },
};

const ERROR_CONTENT = { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } };

const errorResponse = (description: string) => ({ description, content: ERROR_CONTENT });

/** The shared error responses, referenced by each operation (components/responses). */
const RESPONSES = {
  BadRequest: errorResponse('VALIDATION_FAILED (`error.details` names each field) or INVALID_ID'),
  Unauthorized: errorResponse('UNAUTHENTICATED, TOKEN_EXPIRED, TOKEN_INVALID or a widget credential code'),
  NotFound: errorResponse('Not found, or not visible to the caller (a `*_NOT_FOUND` code)'),
  Error: errorResponse('Error envelope; `error.code` is one of the stable codes (see docs/api.md)'),
};

const ref = (name: keyof typeof RESPONSES) => ({ $ref: `#/components/responses/${name}` });

/** The 4xx every operation of a kind can answer, named so clients see them (the rest is `default`). */
function commonErrors(op: OperationObject): Record<string, ReturnType<typeof ref>> {
  const params = op.parameters ?? [];
  const hasPath = params.some((p) => 'in' in p && p.in === 'path');
  const hasInput = Boolean(op.requestBody) || params.some((p) => 'in' in p && p.in === 'query');
  return {
    ...(hasInput || hasPath ? { '400': ref('BadRequest') } : {}),
    ...(op.security?.length ? { '401': ref('Unauthorized') } : {}),
    ...(hasPath ? { '404': ref('NotFound') } : {}),
  };
}

/**
 * Every operation answers errors in one envelope: documented once as `ErrorBody`, the body of each
 * operation's `default` response and of the error statuses it names (400, 401, 404, 429, 503).
 * Path parameters are all UUIDs (see UuidParam). Runs after documentSecurity.
 */
export function documentErrors(doc: OpenAPIObject): OpenAPIObject {
  doc.components = {
    ...doc.components,
    schemas: { ...doc.components?.schemas, ErrorBody: ERROR_BODY },
    responses: { ...doc.components?.responses, ...structuredClone(RESPONSES) },
  };
  for (const op of operationsOf(doc)) {
    for (const [status, response] of Object.entries(op.responses)) {
      if (response && Number(status) >= 400 && 'description' in response) response.content ??= ERROR_CONTENT;
    }
    op.responses = { ...commonErrors(op), ...op.responses, default: ref('Error') };
    for (const param of op.parameters ?? []) {
      if ('in' in param && param.in === 'path') param.schema = { type: 'string', format: 'uuid' };
    }
  }
  return doc;
}
