import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { idKindOf, seedTenant, type Tenant } from '../factories/tenants';
import { httpClient, type ApiResponse, type HttpClient } from '../support/http';
import { fetchOpenApi, fillPath, listOperations, sampleValue, type Operation } from '../support/openapi';
import { rowCounts } from '../support/row-counts';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Routes that take a path parameter but no tenant-owned id, so there is nothing to isolate.
 * Every entry needs a reason; everything else with a path parameter is swept (new routes included).
 */
const NO_TENANT_ID: Record<string, string> = {};

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

  it("filters by the other tenant's ids in query parameters return 404/403 or nothing", async () => {
    const failures: string[] = [];
    const routes = ops.filter(
      (op) =>
        op.method === 'GET' &&
        op.security.includes('bearer') &&
        op.queryParams.some((q) => idOf(a, q.name, '') && q.schema?.format === 'uuid'),
    );
    for (const [attacker, victim] of [
      [b, a],
      [a, b],
    ]) {
      for (const op of routes) {
        const query = new URLSearchParams();
        for (const q of op.queryParams) {
          const id = q.schema?.format === 'uuid' ? idOf(victim, q.name, '') : undefined;
          if (id) query.set(q.name, id);
        }
        const res = await api.get(`${op.path}?${query}`, { token: attacker.owner.token });
        const empty = res.status === 200 && Array.isArray(res.body.data) && res.body.data.length === 0;
        if (!empty && !([403, 404].includes(res.status) && isEnvelope(res))) {
          failures.push(`${op.label}?${query} → ${show(res)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
