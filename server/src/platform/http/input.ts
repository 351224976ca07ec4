import type { FastifyRequest } from 'fastify';
import { platformError } from './errors.ts';

/**
 * Characters PostgreSQL cannot store: NUL (text refuses it, jsonb refuses `\u0000`) and a UTF-16 surrogate without
 * its partner (JSON carries it as `\ud800`, which jsonb refuses; text would silently get U+FFFD instead).
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

export function isUnstorable(s: string): boolean {
  return UNSTORABLE.test(s);
}

/**
 * Paths (`body.answers.0.value`) of every string, and every object key, under `value` holding a character
 * PostgreSQL cannot store. Iterative: a deeply nested JSON body must not overflow the stack here.
 */
export function unstorablePaths(value: unknown, root: string): string[] {
  const out: string[] = [];
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (UNSTORABLE.test(v)) out.push(path);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}.${i}`]);
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const [k, x] of Object.entries(v)) {
        // The key is named with its bad characters taken out, so the answer itself stays printable.
        const at = `${path}.${k.replace(UNSTORABLE_ALL, '')}`;
        if (UNSTORABLE.test(k)) out.push(at);
        stack.push([x, at]);
      }
    }
  }
  return out;
}

/** A 400 naming each field that holds characters PostgreSQL cannot store. */
export function unstorableError(paths: string[]) {
  const list = paths.slice(0, 20).join(', ');
  return platformError(
    'validation_failed',
    {
      zh: `${list}: 含有无法保存的字符(NUL 或不成对的代理字符)`,
      en: `${list}: contains characters that cannot be stored (NUL or an unpaired surrogate)`,
    },
    paths.slice(0, 20).map((path) => ({ path, message: 'contains NUL or an unpaired UTF-16 surrogate' })),
  );
}

/**
 * preValidation hook: every string a route can read (path parameters, query string, parsed body, headers) is
 * checked once here, before any schema or service sees it. Uploads are checked by readUpload and readSheet.
 */
export async function refuseUnstorableInput(req: FastifyRequest): Promise<void> {
  const paths = [
    ...unstorablePaths(req.params, 'params'),
    ...unstorablePaths(req.query, 'querystring'),
    ...unstorablePaths(req.body, 'body'),
    ...unstorablePaths(req.headers, 'headers'),
  ];
  if (paths.length) throw unstorableError(paths);
}
