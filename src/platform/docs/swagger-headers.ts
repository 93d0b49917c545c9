import type { OpenAPIObject } from '@nestjs/swagger';
import type { HeadersObject, OperationObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { operationsOf } from './operations';

const HEADERS = {
  RequestId: {
    description:
      'The request id (a valid incoming `x-request-id` is kept); quote it when reporting a problem',
    required: true,
    schema: { type: 'string' },
  },
  RetryAfter: {
    description: 'Seconds to wait before trying again',
    required: true,
    schema: { type: 'integer', minimum: 0 },
  },
  VisitorToken: {
    description:
      'A renewed visitor token (sliding expiry): when present, store it and send it from now on, ' +
      'or the visitor is lost when the old token expires',
    schema: { type: 'string' },
  },
};

const ref = (name: keyof typeof HEADERS) => ({ $ref: `#/components/headers/${name}` });

/** The response headers: x-request-id on every response, Retry-After on 429/503, renewed visitor tokens. */
function headersOf(op: Pick<OperationObject, 'responses' | 'security'>): void {
  const widget = (op.security ?? []).some((s) => 'visitor-token' in s);
  for (const [status, response] of Object.entries(op.responses)) {
    if (!response || !('description' in response)) continue;
    const headers: HeadersObject = { ...response.headers, 'x-request-id': ref('RequestId') };
    if (status === '429' || status === '503') headers['Retry-After'] = ref('RetryAfter');
    if (widget && status.startsWith('2')) headers['X-Visitor-Token'] = ref('VisitorToken');
    response.headers = headers;
  }
}

/**
 * `@Public()` leaves an empty requirement (`{}`): a route with no scheme of its own is `security: []`;
 * one with schemes (the widget's) keeps only those. Everything else needs the agent JWT.
 */
export function documentSecurity(doc: OpenAPIObject): OpenAPIObject {
  for (const op of operationsOf(doc)) {
    const schemes = (op.security ?? []).filter((s) => Object.keys(s).length > 0);
    const isPublic = schemes.length < (op.security ?? []).length;
    op.security = isPublic || schemes.length ? schemes : [{ bearer: [] }];
  }
  return doc;
}

export function documentHeaders(doc: OpenAPIObject): OpenAPIObject {
  doc.components = { ...doc.components, headers: { ...doc.components?.headers, ...HEADERS } };
  for (const op of operationsOf(doc)) headersOf(op);
  // The shared error responses (components/responses) that operations reference.
  headersOf({ responses: doc.components.responses ?? {} });
  return doc;
}
