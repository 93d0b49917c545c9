import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { startAppWithProject, type AppWithProject } from '../factories/app-with-project';
import { openSession, visitorSend } from '../factories/widget';
import { expectError } from '../support/expect-error';
import { httpClient } from '../support/http';
import { sampleOf } from '../support/prometheus';
import { freePort } from '../support/server-process';
import { connectAgent, connectWidget, emitWithAck, settle, socketTracker } from '../support/sockets';
import { startTestApp } from '../support/test-app';
import { Metrics } from '../../src/platform/metrics/metrics.service';

const TOKEN = 'metrics-token-for-the-e2e-tests';
const DURATION = 'spectre_http_request_duration_seconds_count';

describe('metrics on the main port, behind METRICS_TOKEN', () => {
  let s: AppWithProject;
  const sockets = socketTracker();
  const scrape = async (): Promise<string> => {
    const res = await fetch(`${s.t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    return res.text();
  };

  before(async () => {
    s = await startAppWithProject({ env: { METRICS_TOKEN: TOKEN, RATE_LIMIT_AUTH_PER_MINUTE: '3' } });
  });
  after(async () => {
    sockets.closeAll();
    await s.t.close();
  });

  it('refuses a scrape without the token or with another one, in the error envelope', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-of-some-length', TOKEN, `Basic ${TOKEN}`]) {
      const res = await s.api.get('/metrics', authorization ? { headers: { authorization } } : {});
      expectError(res, 401, 'UNAUTHENTICATED');
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(res.body.error.message).not.toContain(TOKEN);
    }
  });

  it('serves the Prometheus text format with the process and event loop metrics', async () => {
    const res = await fetch(`${s.t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('# TYPE spectre_http_request_duration_seconds histogram');
    expect(sampleOf(text, 'nodejs_eventloop_lag_seconds')).toEqual(expect.any(Number));
    expect(sampleOf(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('times requests by route template and status class, never by raw URL', async () => {
    await s.api.get(`/api/v1/projects/${s.project.id}`, { token: s.owner.token });
    await s.api.get(`/api/v1/projects/${randomUUID()}`, { token: s.owner.token });
    const stray = `/no-such-route-${randomUUID()}`;
    await s.api.get(stray);
    const text = await scrape();
    const route = { method: 'GET', route: '/api/v1/projects/:id' };
    expect(sampleOf(text, DURATION, { ...route, status: '2xx' })).toBe(1);
    expect(sampleOf(text, DURATION, { ...route, status: '4xx' })).toBe(1);
    expect(
      sampleOf(text, DURATION, { method: 'GET', route: 'unmatched', status: '4xx' }),
    ).toBeGreaterThanOrEqual(1);
    expect(sampleOf(text, DURATION, { method: 'POST', route: '/api/v1/auth/register', status: '2xx' })).toBe(
      1,
    );
    expect(text).not.toContain(s.project.id);
    expect(text).not.toContain(stray);
  });

  it('counts socket connections by namespace and events in and out', async () => {
    const agent = await sockets.track(connectAgent(s.t.url, s.owner.token));
    const visitorToken = await openSession(s.api, s.project);
    const widget = await sockets.track(
      connectWidget(s.t.url, { projectKey: s.project.publicKey, visitorToken }),
    );
    const ack = await emitWithAck(widget, 'message.send', { body: 'Hello', clientMessageId: randomUUID() });
    expect(ack.ok).toBe(true);
    await agent.waitFor('message.created');
    let text = await scrape();
    expect(sampleOf(text, 'spectre_socket_connections', { namespace: '/agent' })).toBe(1);
    expect(sampleOf(text, 'spectre_socket_connections', { namespace: '/widget' })).toBe(1);
    expect(sampleOf(text, 'spectre_socket_events_total', { namespace: '/widget', direction: 'in' })).toBe(1);
    // message.created and conversation.created, plus the presence announcement(s) of the agent.
    const agentOut = sampleOf(text, 'spectre_socket_events_total', { namespace: '/agent', direction: 'out' });
    expect(agentOut).toBeGreaterThanOrEqual(2);
    expect(agentOut).toBe(agent.events.length);

    agent.close();
    widget.close();
    await settle(200);
    text = await scrape();
    expect(sampleOf(text, 'spectre_socket_connections', { namespace: '/agent' })).toBe(0);
    expect(sampleOf(text, 'spectre_socket_connections', { namespace: '/widget' })).toBe(0);
  });

  it('reports the outbox backlog and, on PostgreSQL, the connection pool', async () => {
    await visitorSend(s.api, s.project, 'Hello');
    const text = await scrape();
    // No consumer is registered: the rows wait (15 minutes) rather than being delivered.
    expect(sampleOf(text, 'spectre_outbox_backlog', { state: 'pending' })).toBeGreaterThanOrEqual(1);
    expect(sampleOf(text, 'spectre_outbox_backlog', { state: 'failed' })).toBe(0);
    if (s.t.database.driver === 'postgres') {
      expect(sampleOf(text, 'spectre_db_pool_total')).toBeGreaterThanOrEqual(1);
      expect(sampleOf(text, 'spectre_db_pool_idle')).toEqual(expect.any(Number));
      expect(sampleOf(text, 'spectre_db_pool_waiting')).toBe(0);
    } else {
      expect(sampleOf(text, 'spectre_db_pool_total')).toBeUndefined();
    }
  });

  it('counts rate-limit refusals by bucket', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await s.api.post('/api/v1/auth/login', {
        body: { email: s.owner.email, password: 'wrong-password' },
      });
      statuses.push(res.status);
    }
    const refused = statuses.filter((status) => status === 429).length;
    expect(refused).toBeGreaterThanOrEqual(1);
    const text = await scrape();
    const counted =
      (sampleOf(text, 'spectre_rate_limit_refusals_total', { bucket: 'auth-ip' }) ?? 0) +
      (sampleOf(text, 'spectre_rate_limit_refusals_total', { bucket: 'auth-email' }) ?? 0);
    expect(counted).toBeGreaterThanOrEqual(refused);
  });

  it('keeps /metrics out of the OpenAPI document', async () => {
    const doc = await s.api.get('/docs-json');
    expect(Object.keys(doc.body.paths)).not.toContain('/metrics');
  });
});

describe('metrics off (the default)', () => {
  it('serves no /metrics and collects nothing', async () => {
    const t = await startTestApp();
    try {
      expectError(await httpClient(t.url).get('/metrics'), 404, 'ROUTE_NOT_FOUND');
      expect(t.app.get(Metrics).enabled).toBe(false);
    } finally {
      await t.close();
    }
  });
});

describe('metrics on METRICS_PORT', () => {
  it('serves /metrics on its own port only, open there unless METRICS_TOKEN is set', async () => {
    for (const token of [undefined, TOKEN]) {
      const port = await freePort();
      const t = await startTestApp({
        METRICS_PORT: String(port),
        ...(token ? { METRICS_TOKEN: token } : {}),
      });
      try {
        const metricsUrl = `http://127.0.0.1:${port}`;
        if (!token) expectError(await httpClient(t.url).get('/metrics'), 404, 'ROUTE_NOT_FOUND');
        await httpClient(t.url).get('/health');
        const open = await fetch(`${metricsUrl}/metrics`);
        expect(open.status).toBe(token ? 401 : 200);
        if (token) {
          expectError(
            { status: 401, headers: open.headers, body: await open.json() },
            401,
            'UNAUTHENTICATED',
          );
        }
        const res = await fetch(`${metricsUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
        expect(res.status).toBe(200);
        const text = await res.text();
        expect(sampleOf(text, DURATION, { method: 'GET', route: '/health', status: '2xx' })).toBe(1);
        expectError(await httpClient(metricsUrl).get('/health'), 404, 'ROUTE_NOT_FOUND');
      } finally {
        await t.close();
      }
      // Closed with the app: the port is free again.
      await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
    }
  });

  // All of 127.0.0.0/8 is loopback on Linux: a server bound to one of its addresses refuses the others,
  // one bound to 0.0.0.0 (HOST's default) takes them all.
  it('listens on METRICS_HOST, loopback only by default', async () => {
    for (const [host, refused] of [
      [undefined, '127.0.0.2'],
      ['127.0.0.2', '127.0.0.1'],
    ] as const) {
      const port = await freePort();
      const t = await startTestApp({ METRICS_PORT: String(port), ...(host ? { METRICS_HOST: host } : {}) });
      try {
        expect((await fetch(`http://${host ?? '127.0.0.1'}:${port}/metrics`)).status).toBe(200);
        await expect(fetch(`http://${refused}:${port}/metrics`)).rejects.toThrow();
      } finally {
        await t.close();
      }
    }
  });
});
