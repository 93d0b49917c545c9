import { describe, it } from 'node:test';
import { expect } from 'expect';
import { checkWebhookUrl, isPublicAddress } from './url-guard';
import { retryDelayMs, MAX_ATTEMPTS, retryAfterMs, nextRetryMs } from './retry-schedule';

describe('webhook URL guard', () => {
  it('accepts only global unicast addresses', () => {
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111'])
      expect([address, isPublicAddress(address)]).toEqual([address, true]);
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '255.255.255.255',
      '224.0.0.1',
      '::1',
      '::',
      'fe80::1',
      'fd00:ec2::254',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      'not-an-ip',
    ])
      expect([address, isPublicAddress(address)]).toEqual([address, false]);
  });

  it('refuses other schemes, credentials, and http in production', async () => {
    const open = { allowPrivateNetworks: true, httpsOnly: false };
    await expect(checkWebhookUrl('ftp://example.com/', open)).rejects.toThrow('must use http or https');
    await expect(checkWebhookUrl('https://u:p@example.com/', open)).rejects.toThrow('credentials');
    await expect(checkWebhookUrl('http://example.com/', { ...open, httpsOnly: true })).rejects.toThrow(
      'must use https',
    );
    await expect(
      checkWebhookUrl('http://[::1]:8080/x', { allowPrivateNetworks: false, httpsOnly: false }),
    ).rejects.toThrow(/^must resolve to a public address$/);
    expect((await checkWebhookUrl('http://127.0.0.1:9/x', open)).address).toBeUndefined();
  });
});

describe('webhook retry schedule', () => {
  it('doubles from the base up to 720 × base with at most 20 % jitter, for more than a day', () => {
    const base = 30_000;
    expect(retryDelayMs(1, base, () => 0)).toBe(30_000);
    expect(retryDelayMs(2, base, () => 0)).toBe(60_000);
    expect(retryDelayMs(1, base, () => 1)).toBe(36_000);
    expect(retryDelayMs(30, base, () => 0)).toBe(6 * 3600_000);
    let total = 0;
    for (let n = 1; n < MAX_ATTEMPTS; n++) total += retryDelayMs(n, base, () => 0);
    expect(total).toBeGreaterThan(24 * 3600_000);
  });

  it('reads Retry-After as seconds or a date', () => {
    expect(retryAfterMs('120')).toBe(120_000);
    expect(retryAfterMs(new Date(Date.now() + 5000).toUTCString(), Date.now())).toBeGreaterThan(3000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });

  it('waits max(Retry-After, the schedule step) on 429/503: Retry-After: 0 does not retry at once', () => {
    const base = 30_000;
    const none = () => 0;
    expect(nextRetryMs({ statusCode: 429, retryAfter: '0' }, 3, base, none)).toBe(120_000);
    expect(nextRetryMs({ statusCode: 503, retryAfter: '600' }, 3, base, none)).toBe(600_000);
    expect(nextRetryMs({ statusCode: 503, retryAfter: '999999' }, 1, base, none)).toBe(6 * 3600_000);
    expect(nextRetryMs({ statusCode: 500, retryAfter: '600' }, 1, base, none)).toBe(30_000);
  });
});
