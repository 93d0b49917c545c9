import { describe, it } from 'node:test';
import { expect } from 'expect';
import { ConfigError, parseEnv } from './env.schema';

const SECRET = 'x'.repeat(32);

/** The problems parseEnv reports for `env`, or [] when it accepts it. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    parseEnv(env);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
}

describe('parseEnv', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = parseEnv({});
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3001,
      HOST: '0.0.0.0',
      DATA_DIR: './.data',
      MIGRATE_ON_BOOT: true,
      JWT_EXPIRES_IN: '15m',
      JWT_REFRESH_EXPIRES_IN: '7d',
      CORS_ORIGINS: [],
      isProduction: false,
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('generates a JWT secret outside production and says so', () => {
    const a = parseEnv({});
    const b = parseEnv({});
    expect(a.generatedJwtSecret).toBe(true);
    expect(a.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(a.JWT_SECRET).not.toBe(b.JWT_SECRET);
    expect(parseEnv({ JWT_SECRET: SECRET })).toMatchObject({ JWT_SECRET: SECRET, generatedJwtSecret: false });
  });

  it('requires JWT_SECRET in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      'JWT_SECRET: is required when NODE_ENV=production',
    ]);
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: '' })).toHaveLength(1);
    expect(parseEnv({ NODE_ENV: 'production', JWT_SECRET: SECRET }).isProduction).toBe(true);
  });

  it('converts and validates typed values', () => {
    const config = parseEnv({
      PORT: '8080',
      DATABASE_URL: 'postgresql://app:pw@db:5432/spectre',
      REDIS_URL: 'rediss://cache:6380',
      MIGRATE_ON_BOOT: 'no',
      CORS_ORIGINS: ' https://a.example , ,https://b.example',
      DATABASE_POOL_SIZE: '5',
    });
    expect(config).toMatchObject({
      PORT: 8080,
      DATABASE_URL: 'postgresql://app:pw@db:5432/spectre',
      REDIS_URL: 'rediss://cache:6380',
      MIGRATE_ON_BOOT: false,
      CORS_ORIGINS: ['https://a.example', 'https://b.example'],
      DATABASE_POOL_SIZE: 5,
    });
  });

  it('trusts one proxy hop when TRUST_PROXY is on without TRUST_PROXY_HOPS, none when it is off', () => {
    const hops = (env: Record<string, string>) => parseEnv(env).TRUST_PROXY_HOPS;
    expect(hops({ TRUST_PROXY: 'true' })).toBe(1);
    expect(hops({ TRUST_PROXY: 'true', TRUST_PROXY_HOPS: '2' })).toBe(2);
    expect(hops({ TRUST_PROXY: 'false', TRUST_PROXY_HOPS: '2' })).toBeUndefined();
    expect(hops({})).toBeUndefined();
  });

  it('treats empty strings as unset', () => {
    const config = parseEnv({ PORT: '', DATABASE_URL: '', REDIS_URL: '' });
    expect([config.PORT, config.DATABASE_URL, config.REDIS_URL]).toEqual([3001, undefined, undefined]);
  });

  const bad: Array<[string, string]> = [
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['NODE_ENV', 'staging'],
    ['LOG_LEVEL', 'loud'],
    ['DATABASE_URL', 'not a url'],
    ['DATABASE_URL', 'mysql://db/app'],
    ['REDIS_URL', 'http://cache:6379'],
    ['DATABASE_POOL_SIZE', '0'],
    ['JWT_SECRET', 'short'],
    ['JWT_EXPIRES_IN', '15 minutes'],
    ['JWT_REFRESH_EXPIRES_IN', '7'],
    ['MIGRATE_ON_BOOT', 'maybe'],
    ['BODY_LIMIT_BYTES', 'lots'],
    ['METRICS_PORT', '0'],
    ['METRICS_PORT', '3001'], // the default PORT: /metrics on the public port needs METRICS_TOKEN
    ['METRICS_TOKEN', 'short'],
  ];
  for (const [name, value] of bad) {
    it(`rejects ${name}=${value} naming the variable`, () => {
      const problems = problemsOf({ [name]: value });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(new RegExp(`^${name}: `));
    });
  }

  it('names every bad variable at once, in the error message too', () => {
    let message = '';
    try {
      parseEnv({ PORT: 'abc', NODE_ENV: 'production', JWT_EXPIRES_IN: 'soon' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('Invalid environment configuration');
    for (const name of ['PORT', 'JWT_EXPIRES_IN', 'JWT_SECRET']) expect(message).toContain(`${name}: `);
  });

  it('ignores variables it does not know', () => {
    expect(parseEnv({ PATH: '/usr/bin', npm_config_x: '1' })).not.toHaveProperty('PATH');
  });
});
