import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodApp } from '../module.ts';

const notFoundProblem = (req: FastifyRequest, reply: FastifyReply) =>
  reply
    .status(404)
    .type('application/problem+json')
    .send({
      type: 'https://zhicheng.dev/problems/not_found',
      title: 'Not found',
      status: 404,
      code: 'not_found',
      message: { zh: '接口不存在', en: 'No such endpoint' },
      requestId: req.id,
    });

/**
 * Files under assets/ carry a content hash in their name: a browser may keep them for a year without asking again.
 * Everything else (index.html above all) is revalidated, so a new release is never hidden behind a stale page.
 */
export const cacheControlFor = (filePath: string) =>
  /[\\/]assets[\\/]/.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache';

/**
 * The built web app, with client-side routes falling back to index.html; unknown API paths get problem+json.
 * Compressed copies written at build time (`.br`, `.gz`, web/scripts/precompress.mjs) are sent to browsers that
 * accept them.
 */
export async function serveWeb(app: ZodApp, webDist: string): Promise<void> {
  if (!fs.existsSync(path.join(webDist, 'index.html'))) {
    app.setNotFoundHandler(notFoundProblem);
    return;
  }
  await app.register(fastifyStatic, {
    root: webDist,
    prefix: '/',
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, filePath) => void reply.header('cache-control', cacheControlFor(filePath)),
  });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.method !== 'GET') return notFoundProblem(req, reply);
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
