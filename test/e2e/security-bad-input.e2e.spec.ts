import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import fc from 'fast-check';
import { idKindOf, seedTenant, type Tenant } from '../factories/tenants';
import { BAD_IDS, NASTY_STRINGS, badBodies, badQueryValue } from '../support/bad-input';
import { httpClient, type ApiResponse, type HttpClient, type RequestOptions } from '../support/http';
import { fetchOpenApi, fillPath, listOperations, sampleValue, type Operation } from '../support/openapi';
import { rowCounts } from '../support/row-counts';
import { startTestApp, type TestApp } from '../support/test-app';

// Fixed seed and bounded runs: the same inputs on every run, and the file stays well under a minute.
const FC = { seed: 20_260_601, numRuns: 30 };

const show = (res: ApiResponse): string => `${res.status} ${JSON.stringify(res.body)?.slice(0, 240)}`;
const short = (path: string): string => (path.length > 120 ? `${path.slice(0, 120)}…` : path);

// Every route in the OpenAPI document, fed wrong input: 4xx with the error envelope, never 5xx, and a
// refused request writes nothing.
describe('security: bad-input sweep over the OpenAPI document', () => {
  let t: TestApp;
  let api: HttpClient;
  let ops: Operation[];
  let tenant: Tenant;

  /** The tenant's own credentials for the route, so requests get past authentication to validation. */
  const auth = (op: Operation): RequestOptions => {
    if (op.security.includes('bearer')) return { token: tenant.owner.token };
    if (op.security.some((s) => s === 'project-key' || s === 'visitor-token')) {
      return {
        headers: { 'x-project-key': tenant.project.publicKey, 'x-visitor-token': tenant.visitorToken },
      };
    }
    return {};
  };
  const validPath = (op: Operation): string =>
    fillPath(op.path, (param, segment) => tenant.ids[idKindOf(param, segment) ?? ''] ?? 'unmapped');
  const validBody = (op: Operation): Record<string, unknown> =>
    sampleValue(op.body ?? {}, (prop) => tenant.ids[idKindOf(prop, '') ?? ''] ?? tenant.ids.team) as Record<
      string,
      unknown
    >;

  /** Sends, then checks: never 5xx; a refusal is an envelope and leaves every table's row count as it was. */
  const probe = async (
    label: string,
    method: string,
    path: string,
    options: RequestOptions,
    mustRefuse = false,
  ): Promise<string[]> => {
    const before = await rowCounts(t);
    const res = await api.request(method, path, options);
    path = short(path);
    if (res.status >= 500) return [`${label} ${path} → ${show(res)}`];
    if (res.status < 400) return mustRefuse ? [`${label} ${path}: accepted → ${show(res)}`] : [];
    const problems: string[] = [];
    const envelope = typeof res.body?.error?.code === 'string' && typeof res.body?.requestId === 'string';
    if (!envelope) problems.push(`${label} ${path}: not an error envelope → ${show(res)}`);
    const after = await rowCounts(t);
    if (JSON.stringify(after) !== JSON.stringify(before)) {
      problems.push(
        `${label} ${path}: refused (${res.status}) but rows changed ${JSON.stringify({ before, after })}`,
      );
    }
    return problems;
  };

  /** Runs a fast-check property per route and reports every route that failed, not only the first. */
  const sweep = async <T>(
    routes: Operation[],
    arbitrary: (op: Operation) => fc.Arbitrary<T>,
    send: (op: Operation, input: T) => Promise<string[]>,
  ): Promise<string[]> => {
    const failures: string[] = [];
    for (const op of routes) {
      const result = await fc.check(
        fc.asyncProperty(arbitrary(op), async (input) => (await send(op, input)).length === 0),
        { ...FC, endOnFailure: true },
      );
      if (result.failed) {
        const example = result.counterexample?.[0];
        failures.push(
          ...(await send(op, example as T)),
          `  (input: ${JSON.stringify(example)?.slice(0, 200)})`,
        );
      }
    }
    return failures;
  };

  before(async () => {
    t = await startTestApp();
    api = httpClient(t.url);
    ops = listOperations(await fetchOpenApi(t.url));
    tenant = await seedTenant(api, 'Fuzz');
  });

  after(async () => {
    await t?.close();
  });

  it('finds the routes to sweep in the OpenAPI document', () => {
    expect(ops.length).toBeGreaterThanOrEqual(30);
    expect(ops.filter((op) => op.body).length).toBeGreaterThanOrEqual(15);
  });

  it('refuses wrong JSON bodies on every route that takes one (missing, wrong types, nesting, hostile strings)', async () => {
    const routes = ops.filter((op) => op.body);
    const failures = await sweep(
      routes,
      (op) => badBodies(op.body!, validBody(op)),
      (op, body) => probe(op.label, op.method, validPath(op), { ...auth(op), body }),
    );
    expect(failures).toEqual([]);
  });

  it('stores or refuses hostile strings in every string field of a valid body, never 5xx', async () => {
    const failures: string[] = [];
    let probes = 0;
    for (const op of ops.filter((o) => o.body)) {
      // Top-level string fields and those one object deep (settings.greeting, visitor.name, ...).
      const fields = Object.entries(op.body!.properties ?? {}).flatMap(([key, prop]) =>
        prop.type === 'object'
          ? Object.entries(prop.properties ?? {})
              .filter(([, inner]) => inner.type === 'string')
              .map(([inner]) => [key, inner])
          : prop.type === 'string'
            ? [[key]]
            : [],
      );
      for (const field of fields) {
        for (const nasty of NASTY_STRINGS) {
          const body = validBody(op);
          if (field.length === 1) body[field[0]] = nasty;
          else body[field[0]] = { [field[1]]: nasty };
          probes++;
          failures.push(
            ...(await probe(
              `${op.label} ${field.join('.')}=${JSON.stringify(nasty)}`,
              op.method,
              validPath(op),
              {
                ...auth(op),
                body,
              },
            )),
          );
        }
      }
    }
    expect(probes).toBeGreaterThanOrEqual(200);
    expect(failures).toEqual([]);
  });

  it('refuses non-UUID and unknown ids in every path parameter', async () => {
    const routes = ops.filter((op) => op.pathParams.length > 0);
    const failures = await sweep(
      routes,
      (op) => fc.record({ param: fc.constantFrom(...op.pathParams), id: fc.constantFrom(...BAD_IDS) }),
      async (op, { param, id }) => {
        const path = fillPath(op.path, (p, segment) =>
          p === param ? id : (tenant.ids[idKindOf(p, segment) ?? ''] ?? 'unmapped'),
        );
        // Unlike a body, a malformed or unknown id is never valid.
        return probe(
          op.label,
          op.method,
          path,
          { ...auth(op), body: op.body ? validBody(op) : undefined },
          true,
        );
      },
    );
    expect(failures).toEqual([]);
  });

  it('never answers 5xx to wrong query parameters', async () => {
    const routes = ops.filter((op) => op.queryParams.length > 0);
    expect(routes.length).toBeGreaterThanOrEqual(3);
    const failures = await sweep(
      routes,
      (op) =>
        fc.dictionary(fc.constantFrom(...op.queryParams.map((q) => q.name)), badQueryValue, { minKeys: 1 }),
      (op, query) => probe(op.label, op.method, `${validPath(op)}?${new URLSearchParams(query)}`, auth(op)),
    );
    expect(failures).toEqual([]);
  });

  it('refuses malformed multipart bodies on every upload route (no file, a field, two files, a broken body)', async () => {
    const routes = ops.filter((op) => op.multipart);
    expect(routes.length).toBeGreaterThanOrEqual(1);
    const failures: string[] = [];
    const boundary = 'sweepboundary';
    const raw = (parts: string) => ({
      body: parts,
      raw: true,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    const filePart = (name: string) =>
      `--${boundary}\r\ncontent-disposition: form-data; name="${name}"; filename="a.txt"\r\ncontent-type: text/plain\r\n\r\nhello\r\n`;
    const bodies = [
      `--${boundary}--\r\n`, // no part at all
      `--${boundary}\r\ncontent-disposition: form-data; name="file"\r\n\r\nnot a file\r\n--${boundary}--\r\n`,
      `${filePart('file')}${filePart('file')}--${boundary}--\r\n`, // two files
      `${filePart('file').slice(0, 60)}`, // cut off mid-headers
      'garbage without any boundary',
    ];
    for (const op of routes) {
      const url = `${validPath(op)}?${new URLSearchParams(
        op.queryParams.map((q): [string, string] => [q.name, tenant.ids[idKindOf(q.name, '') ?? ''] ?? 'x']),
      )}`;
      for (const body of bodies) {
        const options = { ...auth(op), ...raw(body), headers: { ...auth(op).headers, ...raw(body).headers } };
        failures.push(...(await probe(op.label, op.method, url, options)));
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers 413 PAYLOAD_TOO_LARGE to a 1 MB string on every route that takes a body', async () => {
    const failures: string[] = [];
    const huge = 'x'.repeat(1024 * 1024);
    for (const op of ops.filter((o) => o.body)) {
      const field = Object.keys(op.body!.properties ?? {})[0] ?? 'value';
      const res = await api.request(op.method, validPath(op), {
        ...auth(op),
        body: { ...validBody(op), [field]: huge },
      });
      if (res.status !== 413 || res.body?.error?.code !== 'PAYLOAD_TOO_LARGE')
        failures.push(`${op.label} → ${show(res)}`);
    }
    expect(failures).toEqual([]);
  });
});
