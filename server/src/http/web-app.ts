import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

// Paths the SPA fallback must never answer: unknown API routes keep the JSON 404.
const SERVER_PREFIXES = ['/api', '/webhooks', '/healthz', '/readyz', '/metrics'];

export interface WebAppOptions {
  /** The Vite build output (`web/dist`), containing index.html and assets/. */
  distDir: string;
}

function isServerPath(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return SERVER_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * Serves the built agent desk: hashed assets cached for a year, index.html for every other GET
 * that accepts HTML (client routes such as /inbox/:id). Register after the API routes.
 */
export async function registerWebApp(app: FastifyInstance, options: WebAppOptions): Promise<void> {
  const indexPath = join(options.distDir, 'index.html');
  if (!existsSync(indexPath)) {
    app.log.warn(
      { distDir: options.distDir },
      'web app not built (npm run build:web); serving a notice at /',
    );
    app.get('/', (_request, reply) =>
      reply.status(503).type('text/plain').send('The web app is not built. Run: npm run build:web\n'),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: options.distDir,
    prefix: '/',
    // Routes for the files that exist at start-up only; the fallback below handles the rest.
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders: (res, filePath) => {
      const isHashedAsset = filePath.startsWith(join(options.distDir, 'assets'));
      res.setHeader('cache-control', isHashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const sendIndex = (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path.startsWith('/assets/')) {
      // An asset written after start-up (the web app rebuilt under a running server) has no
      // route of its own: serve it from disk if it exists, never the page in its place.
      const file = decodeURIComponent(path.slice(1));
      const isInside = !file.split('/').includes('..');
      return isInside && existsSync(join(options.distDir, file))
        ? reply.sendFile(file)
        : reply.callNotFound();
    }
    if (isServerPath(request.url) || !(request.headers.accept ?? '*/*').match(/text\/html|\*\/\*/)) {
      return reply.callNotFound();
    }
    return reply.sendFile('index.html');
  };
  app.get('/', sendIndex);
  app.get('/*', sendIndex);
}
