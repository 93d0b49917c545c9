import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Logger, type LoggerService } from '@nestjs/common';
import { expect } from 'expect';
import { FallbackThrottlerStorage } from '../../src/platform/rate-limit/fallback-storage';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';

// Production keeps these levels only (app.factory.ts): a line logged at any other is dropped there.
const PRODUCTION_LEVELS = ['error', 'warn'];

describe(
  'rate-limit counters through a Redis outage',
  { skip: !process.env.REDIS_URL && 'needs REDIS_URL' },
  () => {
    let proxy: TcpProxy;
    let storage: FallbackThrottlerStorage;
    const lines: { level: string; message: string }[] = [];

    before(async () => {
      const recorder = (level: string) => (message: unknown) =>
        void lines.push({ level, message: String(message) });
      const logger: LoggerService = {
        log: recorder('log'),
        warn: recorder('warn'),
        error: recorder('error'),
        debug: recorder('debug'),
        verbose: recorder('verbose'),
      };
      Logger.overrideLogger(logger);
      const redis = new URL(process.env.REDIS_URL!);
      // Redis "goes away" by cutting the wire to the real server; the server itself is shared.
      proxy = await startTcpProxy(redis.hostname, Number(redis.port || 6379));
      storage = FallbackThrottlerStorage.connect(`redis://127.0.0.1:${proxy.port}`);
    });
    after(async () => {
      storage?.onApplicationShutdown();
      await proxy?.close();
    });

    const hit = () => storage.increment(`fault-test:${randomUUID()}`, 60_000, 10, 0, 'default');

    it('logs the outage and the recovery at levels production keeps', async () => {
      await hit();
      proxy.cut();
      expect((await hit()).totalHits).toBe(1); // counted in memory meanwhile
      await proxy.restore();
      const deadline = Date.now() + 10_000;
      while (!lines.some((l) => l.message.startsWith('Redis is back')) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const outage = lines.find((l) => l.message.startsWith('Redis unreachable'));
      const recovery = lines.find((l) => l.message.startsWith('Redis is back'));
      expect(outage && PRODUCTION_LEVELS.includes(outage.level)).toBe(true);
      expect(recovery).toEqual({
        level: 'warn',
        message: expect.stringContaining('shared between nodes again'),
      });
      expect(PRODUCTION_LEVELS).toContain(recovery!.level);
      expect((await hit()).totalHits).toBe(1);
    });
  },
);
