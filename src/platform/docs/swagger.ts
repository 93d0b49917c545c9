import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { registerRoutesOfKind } from '../http/route-kind';
import { toOpenApi30 } from '../http/openapi-3-0';
import { operationsOf } from './operations';
import { documentHeaders, documentSecurity } from './swagger-headers';
import { documentErrors } from './swagger-errors';

const TAGS: Record<string, string> = {
  auth: 'Agent accounts and sessions: access tokens (Bearer) and rotating refresh tokens',
  teams: 'Teams, members, roles and invitations',
  projects: 'Widget installations: keys, identity-verification secret, allowed origins, settings',
  conversations: 'The agent inbox: conversations, assignment, status, read markers and replies',
  labels: "A team's conversation labels (set them with PUT /conversations/{id}/labels)",
  'canned-responses': "A team's reusable replies, inserted from the reply box with /shortcut",
  widget: "The embeddable widget's API (X-Project-Key and X-Visitor-Token)",
  webhooks: 'Signed event deliveries to your endpoints: endpoints, secrets, the delivery log',
  attachments: 'Files in conversations: upload, download and short-lived links (visitors and agents)',
  health: 'Liveness for load balancers',
  search: "Full-text search over the caller's teams' messages (internal notes too) and visitors",
  contacts: 'Visitors as agents manage them: profiles, blocking, erasure and export',
  notifications: "Email notifications: a continuity mail's signed unsubscribe link",
  csat: "Visitors' satisfaction ratings of resolved conversations",
  reports: 'Team figures: volumes, response and resolution times, satisfaction, per agent',
};

/** The declared tags, plus any an operation uses that has no description yet (so every tag is declared). */
function documentTags(doc: OpenAPIObject): OpenAPIObject {
  const used = new Set(operationsOf(doc).flatMap((op) => op.tags ?? []));
  const names = [...Object.keys(TAGS).filter((t) => used.has(t)), ...[...used].filter((t) => !(t in TAGS))];
  doc.tags = names.map((name) => (TAGS[name] ? { name, description: TAGS[name] } : { name }));
  return doc;
}

/** A body whose fields are all optional may be left out (ValidationPipe reads a missing body as `{}`). */
function documentOptionalBodies(doc: OpenAPIObject): OpenAPIObject {
  for (const op of operationsOf(doc)) {
    const body = op.requestBody;
    const schema = body && 'content' in body ? body.content['application/json']?.schema : undefined;
    const name = schema && '$ref' in schema ? schema.$ref.replace('#/components/schemas/', '') : undefined;
    const target = name ? doc.components?.schemas?.[name] : undefined;
    if (body && 'content' in body && target && !('$ref' in target) && !target.required?.length) {
      body.required = false;
    }
  }
  return doc;
}

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Spectre Chat Server')
    .setDescription(
      'Backend for a real-time customer-support chat widget. Success bodies are `{ data, meta? }`; ' +
        'errors are `{ error: { code, message, details? }, requestId }`. ' +
        'Real time (Socket.IO 4.x clients, namespaces `/agent` and `/widget`) is outside this document: see docs/realtime.md in the repository.',
    )
    .setVersion('1.0')
    .setLicense('MIT', 'https://opensource.org/license/mit')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Project-Key' }, 'project-key')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Visitor-Token' }, 'visitor-token')
    .addSecurityRequirements('bearer')
    .build();
  delete config.info.contact;
  const doc = toOpenApi30(cleanupOpenApiDoc(SwaggerModule.createDocument(app, config)));
  return documentTags(documentHeaders(documentErrors(documentSecurity(documentOptionalBodies(doc)))));
}

/** Swagger UI at /docs and the document at /docs-json, declared as docs routes (their own CSP). */
export async function setupSwagger(app: NestFastifyApplication): Promise<void> {
  await registerRoutesOfKind(app.getHttpAdapter().getInstance(), 'docs', () =>
    SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' }),
  );
}
