import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { fieldLabel, type Problem } from '@zhicheng/contracts';
import { databaseProblem } from './database-errors.ts';
import { AppError, platformError } from './errors.ts';
import { issueText } from './zod-messages.ts';

export type Lang = 'zh' | 'en';

/** zh unless the client asked for English (language switch cookie, then Accept-Language). */
export function requestLang(req: FastifyRequest): Lang {
  const cookie = (req.cookies as Record<string, string | undefined> | undefined)?.zc_lang;
  if (cookie === 'en' || cookie === 'zh') return cookie;
  const al = req.headers['accept-language'] ?? '';
  return /^en\b/i.test(al) ? 'en' : 'zh';
}

export function toProblem(err: AppError, req: FastifyRequest): Problem {
  const lang = requestLang(req);
  return {
    type: `https://zhicheng.dev/problems/${err.code}`,
    title: err.messages[lang],
    status: err.status,
    code: err.code,
    message: err.messages,
    ...(err.fieldErrors ? { errors: err.fieldErrors } : {}),
    requestId: req.id,
  };
}

export function sendProblem(reply: FastifyReply, req: FastifyRequest, err: AppError) {
  return reply.status(err.status).type('application/problem+json').send(toProblem(err, req));
}

/** Maps anything thrown by a route to problem+json; unknown errors are logged and never leak details. */
export function errorHandler(error: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) return sendProblem(reply, req, error);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => {
      const p = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.');
      const where = (error as FastifyError).validationContext ?? 'body';
      const words = issueText(v.keyword, (v.params ?? {}) as Record<string, unknown>, v.message);
      return { path: p ? `${where}.${p}` : where, message: words.en, words };
    });
    const fields = issues.map(({ path, message }) => ({ path, message }));
    // The message names each field by its label (评分, 变化说明(X-HM-01)), never by its path; `errors` keep the paths
    // for programs.
    const summary = (lang: 'zh' | 'en') =>
      issues
        .map((f) => `${fieldLabel(f.path, lang)}${lang === 'zh' ? '' : ' '}${f.words[lang]}`)
        .join(lang === 'zh' ? ';' : '; ');
    return sendProblem(
      reply,
      req,
      platformError(
        'validation_failed',
        { zh: `请检查:${summary('zh')}`, en: `Please check: ${summary('en')}` },
        fields.length ? fields : undefined,
      ),
    );
  }
  const db = databaseProblem(error);
  if (db) {
    // A constraint is the last line of defence (races, rules only the database knows); a data exception means a
    // check at the edge is missing, worth a warning.
    if (db.status === 400) req.log.warn({ err: error }, 'database refused a value');
    return sendProblem(reply, req, db);
  }
  const fe = error as FastifyError;
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return sendProblem(reply, req, platformError('unsupported_media_type'));
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413)
    return sendProblem(reply, req, platformError('payload_too_large'));
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    // Malformed JSON and the like: the client's fault, described without internals.
    return sendProblem(
      reply,
      req,
      new AppError(fe.statusCode === 400 ? 'validation_failed' : `http_${fe.statusCode}`, fe.statusCode, {
        zh: `请求无效: ${fe.message}`,
        en: `Bad request: ${fe.message}`,
      }),
    );
  }
  req.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, req, platformError('internal_error'));
}
