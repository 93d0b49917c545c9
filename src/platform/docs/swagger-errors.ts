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

/** The 4xx every operation of a kind can answer, named so clients see them (the rest is `default`). */
function commonErrors(op: OperationObject): Record<string, string> {
  const params = op.parameters ?? [];
  const hasPath = params.some((p) => 'in' in p && p.in === 'path');
  const hasInput = Boolean(op.requestBody) || params.some((p) => 'in' in p && p.in === 'query');
  const errors: Record<string, string> = {};
  if (hasInput || hasPath) {
    errors['400'] = 'VALIDATION_FAILED (`error.details` names each field) or INVALID_ID';
  }
  if (op.security?.length)
    errors['401'] = 'UNAUTHENTICATED, TOKEN_EXPIRED, TOKEN_INVALID or a widget credential code';
  if (hasPath) errors['404'] = 'Not found, or not visible to the caller (a `*_NOT_FOUND` code)';
  return errors;
}

/**
 * Every operation answers errors in one envelope: documented once as `ErrorBody` and referenced as
 * each operation's `default` response, and as the body of the error statuses it names (400, 401,
 * 404, 429, 503). Path parameters are all UUIDs (see UuidParam). Runs after documentSecurity.
 */
export function documentErrors(doc: OpenAPIObject): OpenAPIObject {
  doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, ErrorBody: ERROR_BODY } };
  for (const op of operationsOf(doc)) {
    for (const [status, response] of Object.entries(op.responses)) {
      if (response && Number(status) >= 400 && 'description' in response) response.content ??= ERROR_CONTENT;
    }
    const named = Object.entries(commonErrors(op)).map(([status, text]) => [status, errorResponse(text)]);
    op.responses = {
      ...Object.fromEntries(named),
      ...op.responses,
      default: errorResponse('Error envelope; `error.code` is one of the stable codes (see docs/api.md)'),
    };
    for (const param of op.parameters ?? []) {
      if ('in' in param && param.in === 'path') param.schema = { type: 'string', format: 'uuid' };
    }
  }
  return doc;
}
