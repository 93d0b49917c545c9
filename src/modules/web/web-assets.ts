import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../../platform/errors/app-error';
import { ErrorCode } from '../../platform/errors/error-codes';
import { replyWithError } from '../../platform/errors/error-envelope';
import { registerRoutesOfKind } from '../../platform/http/route-kind';
import { DEMO_CSS, demoPage, DEMO_QUERY } from './demo-page';

/** Where `npm run build` (scripts/build-web.mjs) writes the front-ends, from src/ or dist/ alike. */
export const WEB_DIST_DIR = resolve(__dirname, '../../../dist/web');

const IMMUTABLE = { immutable: true, maxAge: '365d' } as const;
// The loader's URL never changes, so it is cached briefly: a deploy reaches every site within minutes.
const LOADER_CACHE = 'public, max-age=300';

function notBuilt(): AppError {
  return new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'The front-ends are not built: run `npm run build`');
}

function sendFile(reply: FastifyReply, dir: string, file: string, cacheControl: string): FastifyReply {
  if (!existsSync(join(dir, file))) throw notBuilt();
  return reply.header('cache-control', cacheControl).sendFile(file, dir, { cacheControl: false });
}

/**
 * The agent console (/app, one page for every client-side route), the widget (/widget.js and its
 * content-hashed chunks under /widget/) and the demo page (/demo). Content-hashed files are cached
 * for a year; the pages and the loader are revalidated.
 */
export async function registerWebAssets(fastify: FastifyInstance, dir = WEB_DIST_DIR): Promise<void> {
  const consoleDir = join(dir, 'console');
  const widgetDir = join(dir, 'widget');
  // Each kind in a scope of its own with the error envelope: these routes are not Nest's, and a route
  // keeps the error handler of its scope as it was when the route was added.
  await registerRoutesOfKind(
    fastify,
    'web-asset',
    () =>
      void fastify.register(async (scope) => {
        scope.setErrorHandler(replyWithError);
        void scope.register(fastifyStatic, {
          root: join(consoleDir, 'assets'),
          prefix: '/app/assets/',
          decorateReply: true,
          ...IMMUTABLE,
        });
        scope.get('/', (_request, reply) => reply.redirect('/app'));
        const consolePage = (_request: unknown, reply: FastifyReply) =>
          sendFile(reply, consoleDir, 'index.html', 'no-cache');
        scope.get('/app', consolePage);
        scope.get('/app/*', consolePage);
        scope.get('/demo', { schema: { querystring: DEMO_QUERY } }, (request, reply) =>
          reply
            .type('text/html; charset=utf-8')
            .header('cache-control', 'no-store')
            .send(demoPage((request.query as { key?: string }).key)),
        );
        scope.get('/demo.css', (_request, reply) =>
          reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(DEMO_CSS),
        );
      }),
  );
  await registerRoutesOfKind(
    fastify,
    'widget-asset',
    () =>
      void fastify.register(async (scope) => {
        scope.setErrorHandler(replyWithError);
        void scope.register(fastifyStatic, {
          root: widgetDir,
          prefix: '/widget/',
          decorateReply: true,
          ...IMMUTABLE,
          allowedPath: (path) => !path.startsWith('/.vite'),
        });
        scope.get('/widget.js', (_request, reply) => sendFile(reply, dir, 'widget.js', LOADER_CACHE));
      }),
  );
}
