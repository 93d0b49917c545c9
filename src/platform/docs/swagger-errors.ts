import type { OpenAPIObject } from '@nestjs/swagger';
import { ErrorCode } from '../errors/error-codes';

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

/**
 * Every operation answers errors in one envelope: documented once as `ErrorBody` and referenced as
 * each operation's `default` response. Path parameters are all UUIDs (see UuidParam).
 */
export function documentErrors(doc: OpenAPIObject): OpenAPIObject {
  doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, ErrorBody: ERROR_BODY } };
  const errorResponse = {
    description: 'Error envelope; `error.code` is one of the stable codes (see the README)',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
  };
  for (const item of Object.values(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = item[method];
      if (!op) continue;
      op.responses = { ...op.responses, default: errorResponse };
      for (const param of op.parameters ?? []) {
        if ('in' in param && param.in === 'path') param.schema = { type: 'string', format: 'uuid' };
      }
    }
  }
  return doc;
}
