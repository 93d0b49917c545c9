import { expect } from 'expect';
import type { ApiResponse } from './http';

/** Asserts the project's error envelope: status, stable code, a message and the request id in body and header. */
export function expectError(res: ApiResponse, status: number, code: string): void {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  expect(typeof res.body.error.message).toBe('string');
  expect(res.body.requestId).toEqual(expect.any(String));
  expect(res.headers.get('x-request-id')).toBe(res.body.requestId);
  expect(res.body).not.toHaveProperty('data');
}
