import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppModule } from './app.module';
import { replyWithError } from './platform/errors/error-envelope';
import { registerEnvelope } from './platform/http/envelope';
import { REQUEST_ID_HEADER, requestIdOf } from './platform/http/request-id';
import { answerClientError } from './platform/http/client-errors';
import { registerWellFormedInput } from './platform/http/well-formed';
import { registerMultipart } from './platform/http/multipart';
import { registerHttpSecurity } from './platform/security/http-security';
import { REDACT_PATHS, serializeError } from './platform/security/log-redaction';
import type { AppConfig } from './config/env.schema';
import { SpectreIoAdapter } from './realtime/socket-io.adapter';
import { setupSwagger } from './platform/docs/swagger';
import { registerMetrics } from './platform/metrics/metrics.module';
import { Metrics } from './platform/metrics/metrics.service';
import { registerWebAssets } from './modules/web/web-assets';

/** A hop count, never "trust everything": the left of X-Forwarded-For is whatever the client sent. */
const trustProxy = (config: AppConfig): number | false => config.TRUST_PROXY_HOPS ?? false;

/** Builds the configured application (not listening); used by main.ts and the e2e tests. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    trustProxy: trustProxy(config),
    bodyLimit: config.BODY_LIMIT_BYTES,
    // Not `requestIdHeader`: Fastify would take that header as-is, calling genReqId only without one.
    requestIdHeader: false,
    genReqId: requestIdOf,
    // Malformed URLs and over-long path parameters are answered by the router itself, before any
    // hook or Nest filter: give them the error envelope too.
    frameworkErrors: (err: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
      replyWithError(err, request, reply),
    // Requests Node cannot parse (431, malformed, timeouts) never reach a hook: answer the envelope too.
    clientErrorHandler: answerClientError,
    logger: {
      level: config.LOG_LEVEL,
      // Request bodies are never logged: Fastify's req serializer keeps method, url and addresses.
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError },
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger:
      config.LOG_LEVEL === 'silent'
        ? false
        : ['error', 'warn', ...(config.isProduction ? [] : ['log' as const])],
    abortOnError: false,
    // Nest would add an x-www-form-urlencoded parser; the API takes JSON only (others get 415).
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  registerEnvelope(fastify);
  registerWellFormedInput(fastify);
  const metrics = app.get(Metrics);
  registerMetrics(fastify, metrics, config);
  await registerHttpSecurity(app, config);
  await registerMultipart(fastify);
  app.setGlobalPrefix('api/v1', { exclude: ['health'] });
  // SIGTERM/SIGINT: graceful shutdown (RealtimeShutdown, then HTTP), then exit 0 once logs are flushed.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  app.useWebSocketAdapter(new SpectreIoAdapter(app, { maxPayloadBytes: config.BODY_LIMIT_BYTES, metrics }));
  await setupSwagger(app);
  await registerWebAssets(fastify);
  return app;
}
