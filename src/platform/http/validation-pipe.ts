import { Injectable, type ArgumentMetadata } from '@nestjs/common';
import { ZodValidationPipe } from 'nestjs-zod';

/**
 * nestjs-zod's pipe, reading a missing body as `{}`: a browser `fetch` with no body sends neither a
 * body nor a content type, and a route whose fields are all optional must take that (a route with
 * required fields then names them in VALIDATION_FAILED).
 */
@Injectable()
export class ValidationPipe extends ZodValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): unknown {
    return super.transform(metadata.type === 'body' && value === undefined ? {} : value, metadata);
  }
}
