import { describe, it } from 'node:test';
import { expect } from 'expect';
import { parseEnv } from '../../config/env.schema';
import { adminOriginAllowed } from './http-security';

const config = (env: Record<string, string> = {}) => parseEnv({ JWT_SECRET: 'x'.repeat(32), ...env });

describe('adminOriginAllowed', () => {
  it("allows the server's own origin whatever the default port or case, and nothing else by default", () => {
    const c = config();
    expect(adminOriginAllowed(c, 'https://chat.example.com', { host: 'chat.example.com:443' })).toBe(true);
    expect(adminOriginAllowed(c, 'https://chat.example.com', { host: 'Chat.Example.com' })).toBe(true);
    expect(adminOriginAllowed(c, 'http://localhost:3001', { host: 'localhost:3001' })).toBe(true);
    expect(adminOriginAllowed(c, 'https://evil.example', { host: 'chat.example.com' })).toBe(false);
    expect(adminOriginAllowed(c, 'http://localhost:5173', { host: 'localhost:3001' })).toBe(false);
    expect(adminOriginAllowed(c, undefined, {})).toBe(true);
  });

  it('trusts X-Forwarded-Host only behind a trusted proxy', () => {
    const headers = { host: 'api-internal:3001', 'x-forwarded-host': 'chat.example.com, proxy.local' };
    expect(adminOriginAllowed(config(), 'https://chat.example.com', headers)).toBe(false);
    expect(adminOriginAllowed(config({ TRUST_PROXY: 'true' }), 'https://chat.example.com', headers)).toBe(
      true,
    );
  });

  it('allows CORS_ORIGINS, or any origin with *', () => {
    const listed = config({ CORS_ORIGINS: 'https://app.example.com' });
    expect(adminOriginAllowed(listed, 'https://app.example.com', { host: 'api.example.com' })).toBe(true);
    expect(adminOriginAllowed(config({ CORS_ORIGINS: '*' }), 'https://any.example', {})).toBe(true);
  });
});
