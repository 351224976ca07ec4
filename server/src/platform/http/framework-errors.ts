import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, platformError } from './errors.ts';
import { sendProblem } from './problem.ts';

/**
 * Fastify's `frameworkErrors`: what goes wrong before a route is found (a URL that does not decode, a path
 * parameter longer than the router keeps). Fastify would answer its own JSON; the API promises problem+json.
 */
export function frameworkError(error: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendProblem(reply, req, platformError('uri_too_long'));
  if (error.code === 'FST_ERR_BAD_URL') {
    return sendProblem(
      reply,
      req,
      platformError(
        'validation_failed',
        { zh: '网址无效(编码错误)', en: 'The URL is not valid (bad percent-encoding)' },
        [{ path: 'url', message: 'bad percent-encoding' }],
      ),
    );
  }
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  return sendProblem(
    reply,
    req,
    new AppError(status === 400 ? 'validation_failed' : `http_${status}`, status, {
      zh: '请求无效',
      en: 'Bad request',
    }),
  );
}

/** Node's HTTP parser limit on the request line plus headers (the same default Node uses). */
const MAX_HEADER_SIZE = http.maxHeaderSize;

/**
 * Fastify's `clientErrorHandler`: Node's HTTP parser refused the request before Fastify saw it (headers too large,
 * a NUL in a header, a malformed request line, a timeout). No request object exists, so the answer is written to
 * the socket by hand, as problem+json like every other error. A request line that alone exceeds the header limit
 * is a URI too long (414), anything else too large is 431.
 */
export function clientError(err: Error & { code?: string; rawPacket?: unknown }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  let status = 400;
  let error: AppError = platformError('validation_failed', { zh: 'HTTP 请求格式错误', en: 'Malformed HTTP request' });
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    status = 408;
    error = new AppError('request_timeout', 408, { zh: '请求超时', en: 'Request timeout' });
  } else if (err.code === 'HPE_HEADER_OVERFLOW') {
    const packet = Buffer.isBuffer(err.rawPacket) ? err.rawPacket.toString('latin1') : '';
    const eol = packet.indexOf('\r\n');
    const requestLine = /^[A-Z]+ /.test(packet) ? (eol < 0 ? packet.length : eol) : 0;
    error = platformError(
      requestLine >= MAX_HEADER_SIZE || (eol < 0 && requestLine > 0) ? 'uri_too_long' : 'headers_too_large',
    );
    status = error.status;
  }
  const body = JSON.stringify({
    type: `https://zhicheng.dev/problems/${error.code}`,
    title: error.messages.zh,
    status,
    code: error.code,
    message: error.messages,
  });
  if (!socket.writable) {
    socket.destroy(err);
    return;
  }
  socket.end(
    [
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}`,
      'Content-Type: application/problem+json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
  );
}
