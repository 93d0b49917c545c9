import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { registerRoutesOfKind } from '../http/route-kind';
import { documentErrors } from './swagger-errors';

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Spectre Chat Server')
    .setDescription(
      'Backend for a real-time customer-support chat widget. Success bodies are `{ data, meta? }`; ' +
        'errors are `{ error: { code, message, details? }, requestId }`. ' +
        'Real time (Socket.IO 4.x clients, namespaces `/agent` and `/widget`) is outside this document: see docs/realtime.md in the repository.',
    )
    .setVersion('1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Project-Key' }, 'project-key')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Visitor-Token' }, 'visitor-token')
    .build();
  return documentErrors(cleanupOpenApiDoc(SwaggerModule.createDocument(app, config)));
}

/** Swagger UI at /docs and the document at /docs-json, declared as docs routes (their own CSP). */
export async function setupSwagger(app: NestFastifyApplication): Promise<void> {
  await registerRoutesOfKind(app.getHttpAdapter().getInstance(), 'docs', () =>
    SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' }),
  );
}
