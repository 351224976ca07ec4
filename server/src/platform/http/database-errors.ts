import { AppError, platformError } from './errors.ts';

/** The fields PGlite's and node-postgres's DatabaseError share. */
interface PgError {
  severity: string;
  code: string;
  detail?: string;
  column?: string;
  constraint?: string;
  table?: string;
  message: string;
}

function isPgError(e: unknown): e is PgError {
  const x = e as Partial<PgError> | null;
  return (
    !!x &&
    typeof x === 'object' &&
    typeof x.severity === 'string' &&
    typeof x.code === 'string' &&
    /^[0-9A-Z]{5}$/.test(x.code)
  );
}

/** The driver's error under Drizzle's wrapper (DrizzleQueryError keeps it as `cause`), if there is one. */
export function pgErrorOf(err: unknown): PgError | null {
  let e: unknown = err;
  for (let i = 0; i < 5 && e; i++) {
    if (isPgError(e)) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/**
 * The API fields a constraint error is about: the columns in `Key (a, b)=(…)` of the detail, else the column, else
 * the constraint's name. Column names are snake_case; the API's fields are their camelCase.
 */
function fieldsOf(e: PgError): string[] {
  const m = /^Key \(([^)]*)\)=/.exec(e.detail ?? '');
  if (m) return m[1]!.split(',').map((c) => camel(c.trim().replace(/^"|"$/g, '')));
  if (e.column) return [camel(e.column)];
  if (e.constraint) return [e.constraint];
  return [];
}

/**
 * What a database error means for the client, decided once for every route: a unique or foreign-key violation, a
 * value the column cannot hold, a transaction that lost a race. Whatever check a service made before writing, two
 * concurrent requests can still meet at the constraint; this is where that becomes a 409 or 400 naming the field,
 * not a 500. Anything else (a broken query, a lost connection) stays a 500.
 */
export function databaseProblem(err: unknown): AppError | null {
  const e = pgErrorOf(err);
  if (!e) return null;
  const fields = fieldsOf(e);
  const named = fields.length ? `${fields.join(', ')}: ` : '';
  const errors = (message: string) => (fields.length ? fields.map((path) => ({ path, message })) : undefined);
  const bad = (zh: string, en: string) =>
    platformError('validation_failed', { zh: `${named}${zh}`, en: `${named}${en}` }, errors(en));
  switch (e.code) {
    case '23505':
      return platformError(
        'conflict',
        { zh: `${named}已存在`, en: `${named}already exists` },
        errors('already exists'),
      );
    case '23503':
      return /still referenced/.test(e.detail ?? '')
        ? platformError(
            'conflict',
            { zh: `${named}仍被其他数据引用`, en: `${named}is still in use` },
            errors('still in use'),
          )
        : bad('引用的对象不存在', 'refers to something that does not exist');
    case '23P01':
      return platformError(
        'conflict',
        { zh: `${named}与已有数据冲突`, en: `${named}overlaps existing data` },
        errors('overlaps existing data'),
      );
    case '23502':
      return bad('必填', 'is required');
    case '23514':
      return bad('取值不允许', 'value not allowed');
    case '40001':
    case '40P01':
      return platformError('conflict', {
        zh: '并发修改冲突,请重试',
        en: 'Changed by someone else at the same moment; try again',
      });
    case '54000':
      return platformError(
        'payload_too_large',
        { zh: `${named}内容过长,无法保存`, en: `${named}too long to store` },
        errors('too long to store'),
      );
    case '22001':
      return bad('内容过长', 'too long');
    case '22003':
      return bad('数值超出范围', 'number out of range');
    case '22007':
    case '22008':
      return bad('日期或时间超出范围', 'date or time out of range');
  }
  // Class 22 is "data exception": the value itself is unusable (bad text for a uuid, NUL, a bad escape, …).
  if (e.code.startsWith('22')) return bad('取值无效', 'invalid value');
  return null;
}
