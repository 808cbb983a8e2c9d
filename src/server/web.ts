import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { ViteDevServer } from 'vite';
import { AppError } from './platform/errors.js';

export type WebOptions =
  | { mode: 'static'; dir: string }
  | { mode: 'dev'; vite: ViteDevServer }
  | { mode: 'none' };

const isApiPath = (url: string) => url === '/api' || url.startsWith('/api/') || url === '/metrics';

/**
 * Serve the React app: hashed assets with a long cache and index.html for every other page
 * (client-side routing), or Vite's dev server in development. /api never falls through to HTML.
 */
export async function registerWeb(app: FastifyInstance, web: WebOptions | undefined): Promise<void> {
  const apiNotFound = (method: string, url: string) =>
    new AppError('http.not_found', 404, { method, url: url.split('?')[0] ?? url });

  if (web?.mode === 'dev') {
    const vite = web.vite;
    app.addHook('onRequest', async (request, reply) => {
      if (isApiPath(request.url)) return;
      reply.hijack();
      vite.middlewares(request.raw, reply.raw, () => {
        reply.raw.statusCode = 404;
        reply.raw.end();
      });
    });
  }

  if (web?.mode === 'static') {
    const indexFile = path.join(web.dir, 'index.html');
    if (!fs.existsSync(indexFile)) throw new Error(`web app not built: ${indexFile} is missing (run npm run build)`);
    const indexHtml = fs.readFileSync(indexFile);
    await app.register(fastifyStatic, {
      root: web.dir,
      wildcard: false,
      index: false,
      setHeaders(res, filePath) {
        res.header('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    app.setNotFoundHandler(async (request, reply) => {
      // Client-side routes (/m, /admin/users …) get the app; API paths, other methods and missing
      // files (anything with an extension outside the app's routes) get a JSON 404. A route's own
      // segment may hold dots: a ticket's signed token (/m/tickets/CY1.44.ABCD2345.mac).
      const pathname = request.url.split('?')[0] ?? '';
      const isFile = /\.[a-z0-9]+$/i.test(pathname) && !/^\/(m|admin|screen)\//.test(pathname);
      if (isApiPath(request.url) || (request.method !== 'GET' && request.method !== 'HEAD') || isFile) {
        throw apiNotFound(request.method, request.url);
      }
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
    });
    return;
  }

  app.setNotFoundHandler(async (request) => {
    throw apiNotFound(request.method, request.url);
  });
}
