import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-codes';
import { replyWithError } from '../errors/error-envelope';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by @MultipartUpload(): the only routes that take multipart/form-data. */
    multipartUpload?: boolean;
  }
}

/**
 * Declares a route that reads a multipart/form-data upload (with `request.file()`, as a stream).
 * Keeps the rest of the route config (its route kind).
 */
export function MultipartUpload(): MethodDecorator {
  return (_target, _key, descriptor: PropertyDescriptor) => {
    const handler = descriptor.value as object;
    const config = Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) as object | undefined;
    Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...config, multipartUpload: true }, handler);
  };
}

/**
 * Registers @fastify/multipart (which parses nothing itself: the route streams the file), and keeps
 * multipart/form-data what it was everywhere else: 415, as for any body that is not JSON.
 */
export async function registerMultipart(fastify: FastifyInstance): Promise<void> {
  await fastify.register(fastifyMultipart, {
    limits: { files: 1, fields: 5, fieldSize: 1024, parts: 6, headerPairs: 100 },
  });
  fastify.addHook('preValidation', (request, reply, done) => {
    if (request.isMultipart() && !request.routeOptions.config.multipartUpload) {
      replyWithError(
        new AppError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Unsupported Media Type: multipart/form-data'),
        request,
        reply,
      );
      return;
    }
    done();
  });
}
