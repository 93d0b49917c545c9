import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { idKindOf, seedTenant, type Tenant } from '../factories/tenants';
import { openSession } from '../factories/widget';
import { httpClient, type ApiResponse, type HttpClient } from '../support/http';
import {
  fetchOpenApi,
  fillPath,
  listOperations,
  sampleValue,
  uuidProperties,
  uuidQueryParams,
  type Operation,
} from '../support/openapi';
import { rowCounts } from '../support/row-counts';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Routes that take a path parameter but no tenant-owned id, so there is nothing to isolate.
 * Every entry needs a reason; everything else with a path parameter is swept (new routes included).
 */
const NO_TENANT_ID: Record<string, string> = {};

/** Answers that say the request never reached the ownership check (a sample or credential bug). */
const NOT_A_REFUSAL = new Set([
  'VALIDATION_FAILED',
  'INVALID_ID',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'RATE_LIMITED',
]);

// Credentials of the attacker for each security scheme the sweep exercises.
type Scheme = 'bearer' | 'visitor-token';
const SCHEMES: Scheme[] = ['bearer', 'visitor-token'];

const credentials = (scheme: Scheme, attacker: Tenant) =>
  scheme === 'bearer'
    ? { token: attacker.owner.token }
    : { headers: { 'x-project-key': attacker.project.publicKey, 'x-visitor-token': attacker.visitorToken } };

const isEnvelope = (res: ApiResponse): boolean =>
  typeof res.body?.error?.code === 'string' &&
  typeof res.body?.requestId === 'string' &&
  !('data' in res.body);

const show = (res: ApiResponse): string => `${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;

// A second team's caller who names the first team's resources learns nothing and changes nothing.
describe('security: tenant-isolation sweep over the OpenAPI document', () => {
  let t: TestApp;
  let api: HttpClient;
  let ops: Operation[];
  let a: Tenant;
  let b: Tenant;

  const idOf = (tenant: Tenant, param: string, segment: string): string | undefined => {
    const kind = idKindOf(param, segment);
    return kind ? tenant.ids[kind] : undefined;
  };

  const swept = (op: Operation): boolean =>
    op.pathParams.length > 0 && SCHEMES.some((s) => op.security.includes(s)) && !NO_TENANT_ID[op.label];

  /** The id fields of a route's query string and body (by name), optional ones included. */
  const idFields = (op: Operation): string[] => [
    ...new Set([...uuidQueryParams(op), ...uuidProperties(op.body)]),
  ];
  const sweptFields = (op: Operation): boolean =>
    idFields(op).length > 0 && SCHEMES.some((s) => op.security.includes(s));

  /** Each tenant's own view of every GET route with ids, plus the row count of every table. */
  const snapshot = async () => {
    const views: Record<string, unknown> = {};
    for (const tenant of [a, b]) {
      for (const op of ops.filter((o) => o.method === 'GET' && swept(o) && o.security.includes('bearer'))) {
        const path = fillPath(op.path, (p, seg) => idOf(tenant, p, seg) ?? 'unfillable');
        const res = await api.get(path, { token: tenant.owner.token });
        views[`${tenant.owner.email} ${path}`] = { status: res.status, body: res.body };
      }
    }
    return { views, counts: await rowCounts(t) };
  };

  before(async () => {
    t = await startTestApp();
    api = httpClient(t.url);
    ops = listOperations(await fetchOpenApi(t.url));
    a = await seedTenant(api, 'TenantA');
    b = await seedTenant(api, 'TenantB');
  });

  after(async () => {
    await t?.close();
  });

  it('knows an id for every path parameter of every swept route (new routes fail here until mapped)', () => {
    const routes = ops.filter(swept);
    expect(routes.length).toBeGreaterThanOrEqual(15);
    const unfillable = routes.flatMap((op) => {
      const missing: string[] = [];
      fillPath(op.path, (param, segment) => {
        if (!idOf(a, param, segment)) missing.push(`${op.label}: {${param}}`);
        return 'x';
      });
      return missing;
    });
    expect(unfillable).toEqual([]);
  });

  it("refuses the other tenant's ids on every route with 404/403 and writes nothing", async () => {
    const baseline = await snapshot();
    // The owners can read their own resources, so the ids and paths below are real ones.
    expect(
      Object.entries(baseline.views).filter(([, v]) => (v as { status: number }).status !== 200),
    ).toEqual([]);
    const failures: string[] = [];
    let calls = 0;
    for (const [attacker, victim] of [
      [b, a],
      [a, b],
    ]) {
      for (const op of ops.filter(swept)) {
        const n = op.pathParams.length;
        // Every mix of victim and attacker ids (at least one victim id): catches a route that checks
        // access to the parent (/teams/:mine) but not that the child (/members/:theirs) belongs to it.
        for (let mask = 1; mask < 1 << n; mask++) {
          const path = fillPath(op.path, (param, segment) => {
            const owner = mask & (1 << op.pathParams.indexOf(param)) ? victim : attacker;
            return idOf(owner, param, segment) ?? 'unfillable';
          });
          const body = op.body
            ? sampleValue(op.body, (prop) => idOf(victim, prop, '') ?? randomUUID())
            : undefined;
          for (const scheme of SCHEMES.filter((s) => op.security.includes(s))) {
            const res = await api.request(op.method, path, { ...credentials(scheme, attacker), body });
            calls++;
            if (![403, 404].includes(res.status) || !isEnvelope(res)) {
              failures.push(`${op.label} as ${scheme} ${path} → ${show(res)}`);
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThanOrEqual(30);
    expect(await snapshot()).toEqual(baseline);
  });

  it('knows an id for every uuid query and body field (new fields fail here until mapped)', () => {
    const routes = ops.filter(sweptFields);
    expect(routes.map((op) => op.label)).toEqual(
      expect.arrayContaining([
        'POST /api/v1/projects',
        'PATCH /api/v1/conversations/{id}',
        'POST /api/v1/messages',
      ]),
    );
    const unmapped = routes.flatMap((op) =>
      idFields(op)
        .filter((field) => !idOf(a, field, ''))
        .map((field) => `${op.label}: ${field}`),
    );
    expect(unmapped).toEqual([]);
  });

  it("puts the other tenant's ids in every uuid query and body field: refused or no data, and no write", async () => {
    // A visitor of the same project is a stranger to the first visitor's conversation too.
    const sent = await api.post('/api/v1/messages', {
      headers: {
        'x-project-key': a.project.publicKey,
        'x-visitor-token': await openSession(api, a.project),
      },
      body: { body: 'neighbour', clientMessageId: randomUUID() },
    });
    const neighbour: Tenant = {
      ...a,
      visitorToken: sent.body.data.visitorToken,
      ids: { ...a.ids, conversation: sent.body.data.conversation.id },
    };
    const baseline = await snapshot();
    const pairs: Array<[Tenant, Tenant, Scheme[]]> = [
      [b, a, SCHEMES],
      [a, b, SCHEMES],
      [neighbour, a, ['visitor-token']],
    ];
    const failures: string[] = [];
    let calls = 0;
    for (const [attacker, victim, schemes] of pairs) {
      const victimIds = new Set([...Object.values(victim.ids), ...victim.messageIds]);
      victimIds.delete(attacker.ids.team);
      for (const op of ops.filter(sweptFields)) {
        const fields = idFields(op);
        // The caller's own path ids; every mix of victim and own ids in the fields (at least one victim's).
        const path = fillPath(op.path, (param, segment) => idOf(attacker, param, segment) ?? 'unfillable');
        for (let mask = 1; mask < 1 << fields.length; mask++) {
          const idFor = (field: string) =>
            idOf(mask & (1 << fields.indexOf(field)) ? victim : attacker, field, '') ?? randomUUID();
          const query = new URLSearchParams(uuidQueryParams(op).map((q): [string, string] => [q, idFor(q)]));
          const body = op.body ? sampleValue(op.body, idFor, '', true) : undefined;
          const url = query.size > 0 ? `${path}?${query}` : path;
          for (const scheme of schemes.filter((s) => op.security.includes(s))) {
            const res = await api.request(op.method, url, { ...credentials(scheme, attacker), body });
            calls++;
            const refused = isEnvelope(res) && res.status >= 400 && !NOT_A_REFUSAL.has(res.body.error.code);
            const leaked = [...victimIds].some((id) => JSON.stringify(res.body).includes(id));
            if (!refused && !(res.status === 200 && !leaked)) {
              failures.push(`${op.label} as ${scheme} ${url} ${JSON.stringify(body)} → ${show(res)}`);
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThanOrEqual(10);
    expect(await snapshot()).toEqual(baseline);
  });
});
