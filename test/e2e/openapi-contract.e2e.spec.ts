import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import SwaggerParser from '@apidevtools/swagger-parser';
import { expect } from 'expect';
import { startAppWithProject, type AppWithProject } from '../factories/app-with-project';
import { startConversation, widgetHeaders } from '../factories/widget';
import { Contract } from '../support/contract';
import { httpClient } from '../support/http';

const run = promisify(execFile);

interface Problem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

/** `redocly lint` with its recommended rules, as an integrator would run it. */
async function redoclyLint(doc: object): Promise<Problem[]> {
  const dir = await mkdtemp(join(tmpdir(), 'spectre-openapi-'));
  const file = join(dir, 'openapi.json');
  try {
    await writeFile(file, JSON.stringify(doc));
    const cli = require.resolve('@redocly/cli/bin/cli.js');
    const args = [cli, 'lint', '--extends=recommended', '--format=json', file];
    // It exits 1 when there are errors; the report is on stdout either way.
    const { stdout } = await run(process.execPath, args).catch((err: { stdout: string }) => err);
    return (JSON.parse(stdout) as { problems: Problem[] }).problems;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Every schema object in the document, with where it is. */
function* schemasIn(value: unknown, at = '#'): Generator<[string, Record<string, unknown>]> {
  if (typeof value !== 'object' || value === null) return;
  const node = value as Record<string, unknown>;
  if ('type' in node || 'nullable' in node) yield [at, node];
  for (const [key, child] of Object.entries(node)) {
    if (key !== 'example' && key !== 'enum') yield* schemasIn(child, `${at}/${key}`);
  }
}

describe('the OpenAPI document', () => {
  let s: AppWithProject;
  let doc: any;

  before(async () => {
    s = await startAppWithProject();
    doc = (await s.api.get('/docs-json')).body;
  });
  after(() => s.t.close());

  it('is valid OpenAPI 3.0 (swagger-parser)', async () => {
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });

  it('has no errors under redocly lint with the recommended rules', async () => {
    const problems = await redoclyLint(doc);
    const errors = problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`)).toEqual([]);
    // The one known warning: /health declares no 4xx (it has none).
    const warnings = problems.map((p) => `${p.ruleId} ${p.location[0]?.pointer}`);
    expect(warnings).toEqual(['operation-4xx-response #/paths/~1health/get/responses']);
  });

  it('spells nullable fields the 3.0 way: a string stays a string (not string[]), never a type array', () => {
    const { schemas } = doc.components;
    const nullableString = { type: 'string', nullable: true };
    expect(schemas.InboxItemResponseDto.properties.lastMessagePreview).toEqual(nullableString);
    expect(schemas.ConversationResponseDto.properties.lastMessagePreview).toEqual(nullableString);
    expect(schemas.WidgetConversationItemDto.properties.lastMessagePreview).toEqual(nullableString);
    expect(schemas.WidgetConfigResponseDto.properties.greeting).toEqual(nullableString);
    expect(schemas.WidgetConfigResponseDto.properties.color).toEqual(nullableString);
    const visitor = schemas.ConversationDetailResponseDto.properties.visitor.properties;
    expect(visitor.externalId).toMatchObject(nullableString);
    for (const [at, schema] of schemasIn(doc)) {
      expect([at, Array.isArray(schema.type) || schema.type === 'null']).toEqual([at, false]);
      if (schema.nullable !== undefined) expect([at, typeof schema.type]).toEqual([at, 'string']);
    }
  });

  it('documents /health as it answers: the data envelope, and 503 as an error with Retry-After', () => {
    const health = doc.paths['/health'].get;
    expect(health.responses['200'].content['application/json'].schema.properties.data.$ref).toBe(
      '#/components/schemas/HealthResponseDto',
    );
    expect(health.responses['503'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/ErrorBody',
    );
    expect(health.responses['503'].headers['Retry-After']).toBeDefined();
  });

  it('declares the response headers, the 429 bodies, summaries, public routes, servers, tags and license', () => {
    expect(doc.servers.length).toBeGreaterThan(0);
    expect(doc.tags.length).toBeGreaterThan(0);
    expect(doc.info.license.name).toBe('MIT');
    const publicOps = ['register', 'login', 'refresh', 'password/forgot', 'password/reset']
      .map((r) => `POST /api/v1/auth/${r}`)
      .concat('GET /health', 'GET /api/v1/notifications/unsubscribe/{token}')
      // A signed link is its own credential (docs/attachments.md).
      .concat('GET /api/v1/attachments/{id}/content');
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries<any>(methods as object)) {
        const label = `${method.toUpperCase()} ${path}`;
        expect([label, typeof op.summary]).toEqual([label, 'string']);
        if (publicOps.includes(label)) expect([label, op.security]).toEqual([label, []]);
        else expect([label, op.security.length > 0]).toEqual([label, true]);
        for (const [status, declared] of Object.entries<any>(op.responses)) {
          const response = declared.$ref
            ? doc.components.responses[declared.$ref.split('/').pop()]
            : declared;
          expect([label, status, response?.headers?.['x-request-id']]).toEqual([
            label,
            status,
            { $ref: '#/components/headers/RequestId' },
          ]);
        }
        const tooMany = op.responses['429'];
        if (tooMany) {
          expect(tooMany.headers['Retry-After']).toBeDefined();
          expect(tooMany.content['application/json'].schema.$ref).toBe('#/components/schemas/ErrorBody');
        }
      }
    }
    const session = doc.paths['/api/v1/widget/session'].post;
    expect(session.responses['200'].headers['X-Visitor-Token']).toBeDefined();
    expect(session.responses['429']).toBeDefined();
    expect(doc.paths['/api/v1/messages/conversations/{id}/read'].post.responses['429']).toBeDefined();
  });
});

describe('the response checker', () => {
  let s: AppWithProject;
  let contract: Contract;
  const ok = (body: unknown, status = 200, headers: Record<string, string> = { 'x-request-id': 'r1' }) => ({
    status,
    headers: new Headers(headers),
    body,
  });
  const user = {
    id: '0190a4c4-7a7e-7c3e-8e2a-1b2c3d4e5f60',
    email: 'a@example.com',
    name: 'A',
    notifications: { newConversation: true, webhookDisabled: true },
  };

  before(async () => {
    s = await startAppWithProject();
    contract = new Contract((await s.api.get('/docs-json')).body);
  });
  after(() => s.t.close());

  it('accepts a conforming response, and names an undocumented status, a missing field, a wrong type', () => {
    const me = (body: unknown, status?: number, headers?: Record<string, string>) =>
      contract.problems('GET', '/api/v1/auth/me', ok(body, status, headers));
    expect(me({ data: { ...user, createdAt: new Date().toISOString() } })).toEqual([]);
    expect(me({ data: {} }, 202)).toEqual(['GET /api/v1/auth/me → 202: status not documented']);
    const { email: _, ...noEmail } = user;
    expect(me({ data: { ...noEmail, createdAt: new Date().toISOString() } }).join()).toContain(
      "must have required property 'email'",
    );
    expect(me({ data: { ...user, name: 7, createdAt: new Date().toISOString() } }).join()).toContain(
      'body/data/name must be string',
    );
    expect(me({ error: { code: 'NOPE', message: 'x' }, requestId: 'r' }, 401).join()).toContain(
      'must be equal to one of the allowed values',
    );
    expect(me({ data: { ...user, createdAt: new Date().toISOString() } }, 200, {}).join()).toContain(
      'header x-request-id missing',
    );
    expect(contract.problems('GET', '/api/v1/not-a-route', ok('<html>'))).toEqual([]);
  });

  it('matches literal paths before templates, and checks a nullable string as one', () => {
    const config = (greeting: unknown) =>
      contract.problems(
        'GET',
        '/api/v1/widget/config?x=1',
        ok({
          data: {
            projectId: user.id,
            name: 'p',
            greeting,
            color: null,
            agentsOnline: false,
            online: false,
            withinHours: true,
            nextOpenAt: null,
            offlineMessage: null,
            csatEnabled: false,
            requireIdentityVerification: false,
          },
        }),
      );
    expect(config(null)).toEqual([]);
    expect(config('Hi')).toEqual([]);
    expect(config(['Hi']).join()).toContain('body/data/greeting must be string');
  });

  it('fails a request made with the test HTTP helper when the server answers off-contract', async () => {
    await s.api.get('/health'); // the process's contract comes from the real app
    const server: Server = createServer((_, res) => {
      res.setHeader('content-type', 'application/json');
      res.setHeader('x-request-id', 'fake');
      res.end(JSON.stringify({ data: { id: 'not-a-uuid' } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      await expect(httpClient(`http://127.0.0.1:${port}`).get('/api/v1/auth/me')).rejects.toThrow(
        /does not match the OpenAPI document[\s\S]*must match format "uuid"/,
      );
    } finally {
      server.close();
    }
  });
});

describe('POST routes whose body is all optional', () => {
  let s: AppWithProject;

  before(async () => {
    s = await startAppWithProject();
  });
  after(() => s.t.close());

  /** What `fetch(url, { method: 'POST' })` sends: no body, no content type (the helper adds neither). */
  const bare = (path: string, headers: Record<string, string>) => s.api.post(path, { headers });

  it('take no body at all, as a browser fetch sends (widget session, both read markers)', async () => {
    const session = await bare('/api/v1/widget/session', widgetHeaders(s.project.publicKey));
    expect(session.status).toBe(200);
    const conv = await startConversation(s.api, s.project);
    const visitorRead = await bare(
      `/api/v1/messages/conversations/${conv.conversationId}/read`,
      widgetHeaders(s.project.publicKey, conv.token),
    );
    expect(visitorRead.status).toBe(200);
    const agentRead = await bare(`/api/v1/conversations/${conv.conversationId}/read`, {
      authorization: `Bearer ${s.owner.token}`,
    });
    expect(agentRead.status).toBe(200);
    expect(agentRead.body.data).toMatchObject({ side: 'agent', lastReadSeq: 1 });
  });

  it('still name the missing fields of a route that has required ones', async () => {
    const res = await bare('/api/v1/teams', { authorization: `Bearer ${s.owner.token}` });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['name']);
  });
});
