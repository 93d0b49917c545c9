import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { expect } from 'expect';

const ROOT = resolve(__dirname, '../..');

interface Exit {
  code: number | null;
  stderr: string;
}

/** Starts the real server entry point with `env` and waits for it to exit (killed after 30 s). */
function runServer(env: Record<string, string>): Promise<Exit> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--require', '@swc-node/register', 'src/main.ts'], {
      cwd: ROOT,
      // Only PATH is inherited, so the developer's or CI's own DATABASE_URL/JWT_SECRET cannot mask a failure.
      env: { PATH: process.env.PATH ?? '', DATA_DIR: 'memory://', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', fail);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, stderr });
    });
  });
}

describe('server boot with an invalid environment', () => {
  it('exits non-zero naming PORT when PORT=abc', async () => {
    const { code, stderr } = await runServer({ PORT: 'abc' });
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid environment configuration');
    expect(stderr).toMatch(/PORT: /);
  });

  it('exits non-zero naming JWT_SECRET in production without one', async () => {
    const { code, stderr } = await runServer({ NODE_ENV: 'production', PORT: '0' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/JWT_SECRET: is required when NODE_ENV=production/);
  });

  it('names every bad variable in one run', async () => {
    const { code, stderr } = await runServer({
      NODE_ENV: 'production',
      PORT: '99999',
      DATABASE_URL: 'mysql://db/app',
      JWT_REFRESH_EXPIRES_IN: 'forever',
    });
    expect(code).toBe(1);
    for (const name of ['PORT', 'DATABASE_URL', 'JWT_REFRESH_EXPIRES_IN', 'JWT_SECRET']) {
      expect(stderr).toContain(`${name}: `);
    }
  });
});
