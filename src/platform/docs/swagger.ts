import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { documentErrors } from './swagger-errors';

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Spectre Chat Server')
    .setDescription(
      'Backend for a real-time customer-support chat widget. Success bodies are `{ data, meta? }`; ' +
        'errors are `{ error: { code, message, details? }, requestId }`.',
    )
    .setVersion('1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Project-Key' }, 'project-key')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Visitor-Token' }, 'visitor-token')
    .build();
  return documentErrors(cleanupOpenApiDoc(SwaggerModule.createDocument(app, config)));
}

export function setupSwagger(app: NestFastifyApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}
