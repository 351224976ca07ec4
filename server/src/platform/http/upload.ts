import type { FastifyRequest } from 'fastify';
import { AppError, platformError } from './errors.ts';
import { isUnstorable, unstorableError, unstorablePaths } from './input.ts';

const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  // xlsx, docx are zip containers.
  xlsx: (b) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])),
  pdf: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  png: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  jpg: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  docx: (b) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])),
};

export type UploadType = keyof typeof SIGNATURES;

/**
 * Reads the single file of a multipart request, checking size and type by content (not by the name the client
 * sent). Other form fields come back as strings.
 */
export async function readUpload(
  req: FastifyRequest,
  opts: { maxBytes: number; types: UploadType[] },
): Promise<{ filename: string; type: UploadType; data: Buffer; fields: Record<string, string> }> {
  if (!req.isMultipart())
    throw platformError('unsupported_media_type', {
      zh: '请以 multipart/form-data 上传文件',
      en: 'Upload the file as multipart/form-data',
    });
  const tooLarge = () =>
    platformError(
      'payload_too_large',
      {
        zh: `文件超过 ${Math.round(opts.maxBytes / 1048576)} MB`,
        en: `The file is larger than ${Math.round(opts.maxBytes / 1048576)} MB`,
      },
      [{ path: 'file', message: 'too large' }],
    );
  const part = await req.file({ limits: { fileSize: opts.maxBytes, files: 1 } }).catch((e: unknown) => {
    throw multipartError(e, tooLarge);
  });
  if (!part)
    throw platformError('validation_failed', { zh: '未收到文件', en: 'No file received' }, [
      { path: 'file', message: 'required' },
    ]);
  const data = await part.toBuffer().catch((e: unknown) => {
    throw multipartError(e, tooLarge);
  });
  if (part.file.truncated) throw tooLarge();
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(part.fields)) {
    const f = v as { type?: string; value?: unknown } | undefined;
    if (f && f.type === 'field') fields[k] = String(f.value);
  }
  // Form fields and the file name reach the database as text: the same refusal as for every other input.
  const bad = [
    ...unstorablePaths(fields, 'fields').map((p) => p.replace(/^fields\./, '')),
    ...(isUnstorable(part.filename) ? ['file'] : []),
  ];
  if (bad.length) throw unstorableError(bad);
  const type = opts.types.find((t) => SIGNATURES[t]?.(data));
  if (!type) {
    throw platformError(
      'unsupported_media_type',
      { zh: `文件类型须为 ${opts.types.join('/')}`, en: `The file must be ${opts.types.join('/')}` },
      [{ path: 'file', message: 'wrong type' }],
    );
  }
  return { filename: part.filename, type, data, fields };
}

/**
 * What went wrong reading a multipart body: a limit (413), or a body that is not multipart as declared (a missing
 * or wrong boundary, a truncated part), which busboy reports as a plain Error: the client's fault, a 400.
 */
function multipartError(e: unknown, tooLarge: () => AppError): AppError {
  if (e instanceof AppError) return e;
  const code = (e as { code?: string }).code ?? '';
  if (code === 'FST_REQ_FILE_TOO_LARGE' || /^FST_(PARTS|FILES|FIELDS)_LIMIT$/.test(code)) return tooLarge();
  return platformError(
    'validation_failed',
    { zh: 'multipart/form-data 格式错误', en: 'Malformed multipart/form-data body' },
    [{ path: 'file', message: 'malformed multipart body' }],
  );
}

/**
 * OpenAPI for an upload route: a route declaring `consumes: ['multipart/form-data']` validates no body (readUpload
 * reads it), so the description would otherwise say nothing of the file. Clients and the bad-input sweep read it.
 */
export function documentUpload<T extends { schema?: unknown }>(transformed: T): T {
  const schema = transformed.schema as { consumes?: string[]; body?: unknown } | undefined;
  if (!schema?.consumes?.includes('multipart/form-data') || schema.body) return transformed;
  const body = { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] };
  return { ...transformed, schema: { ...schema, body } };
}
