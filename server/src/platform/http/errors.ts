import { fieldLabel, type Bilingual, type PlatformErrorCode } from '@zhicheng/contracts';

/**
 * The one error type services throw. Each module subclasses it with its own stable codes; the platform turns it
 * into RFC 9457 problem+json with both languages.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly messages: Bilingual,
    readonly fieldErrors?: { path: string; message: string }[],
  ) {
    super(messages.en);
    this.name = 'AppError';
  }
}

const M: Record<PlatformErrorCode, [number, string, string]> = {
  validation_failed: [400, '请求内容不符合要求', 'The request is not valid'],
  unauthenticated: [401, '请先登录', 'Please sign in'],
  session_expired: [401, '登录已过期,请重新登录', 'Your session has expired; please sign in again'],
  invalid_credentials: [401, '用户名或密码错误', 'Wrong username or password'],
  forbidden: [403, '没有执行此操作的权限', 'You are not allowed to do this'],
  password_change_required: [
    403,
    '请先修改管理员设置的一次性密码',
    'Change the one-time password an administrator set before going on',
  ],
  own_work: [403, '不能审核自己填报或修改过的内容', 'You cannot decide on what you filed or edited yourself'],
  out_of_region_scope: [403, '超出您负责的区划范围', 'This is outside the regions you are responsible for'],
  not_found: [404, '找不到该对象', 'Not found'],
  conflict: [409, '数据已被修改或状态不允许此操作', 'The data changed or its state does not allow this'],
  payload_too_large: [413, '内容过大', 'The content is too large'],
  unsupported_media_type: [415, '不支持的内容类型', 'Unsupported content type'],
  uri_too_long: [414, '网址过长', 'The URL is too long'],
  headers_too_large: [431, '请求头过大', 'The request headers are too large'],
  weak_password: [400, '密码强度不足', 'The password is too weak'],
  rate_limited: [429, '请求过于频繁,请稍后再试', 'Too many requests; please try later'],
  sms_failed: [502, '短信发送失败,请稍后再试', 'The text message could not be sent; please try later'],
  internal_error: [500, '系统内部错误', 'Internal error'],
};

/** A platform error with its standard message, optionally refined. */
export function platformError(
  code: PlatformErrorCode,
  refine?: Partial<Bilingual>,
  fieldErrors?: { path: string; message: string }[],
): AppError {
  const [status, zh, en] = M[code];
  return new AppError(code, status, { zh: refine?.zh ?? zh, en: refine?.en ?? en }, fieldErrors);
}

export const notFound = (what: Bilingual) =>
  platformError('not_found', { zh: `找不到${what.zh}`, en: `${what.en} not found` });

/** One refused field: the message names it by its label (区划, 变化说明(X-HM-01)), `errors` keep the path. */
export const invalidField = (path: string, zh: string, en: string) =>
  platformError(
    'validation_failed',
    { zh: `${fieldLabel(path, 'zh')}:${zh}`, en: `${fieldLabel(path, 'en')}: ${en}` },
    [{ path, message: en }],
  );

/**
 * A module's errors, one style everywhere: codes and zh/en messages live in the module's contract (the web shows
 * the same words), the HTTP status beside them in `<module>.errors.ts`:
 *
 *     export const scenarioError = moduleErrors(SCENARIO_ERRORS, { duplicate_case: 409, ... });
 *     throw scenarioError('duplicate_case', { zh: '…', en: '…' }, [{ path: 'title', message: 'similar case' }]);
 *
 * A detail is appended to the standard message; field errors name the fields for the form.
 */
export function moduleErrors<Code extends string>(messages: Record<Code, Bilingual>, status: Record<Code, number>) {
  return (code: Code, detail?: Bilingual, fieldErrors?: { path: string; message: string }[]): AppError => {
    const m = messages[code];
    return new AppError(
      code,
      status[code],
      detail ? { zh: `${m.zh}: ${detail.zh}`, en: `${m.en}: ${detail.en}` } : m,
      fieldErrors,
    );
  };
}
