import { AppError } from '../../platform/http/errors.ts';

/** The compute-network module's errors, with stable codes (see COMPUTE_ERROR_CODES in the contract). */
export class ComputeError extends AppError {}

export const computeErrors = {
  rule: (code: string, field: string, zh: string, en: string) =>
    new ComputeError(code, 400, { zh: `${field}: ${zh}`, en: `${field}: ${en}` }, [{ path: field, message: en }]),
  reportExists: (period: string) =>
    new ComputeError(
      'report_exists',
      409,
      { zh: `${period} 的报告已审核通过,不能重复填报`, en: `The report for ${period} is already approved` },
      [{ path: 'period', message: 'already approved' }],
    ),
  invalidToken: () =>
    new ComputeError('invalid_token', 401, { zh: '接入令牌无效', en: 'Unknown or missing ingest token' }),
  badRemoteWrite: (field: string, detail: string) =>
    new ComputeError(
      'bad_remote_write',
      400,
      { zh: `远程写入数据无效: ${detail}`, en: `Invalid remote-write request: ${detail}` },
      [{ path: field, message: detail }],
    ),
  notOwnCentre: () =>
    new ComputeError('out_of_region_scope', 403, {
      zh: '不是您单位运营的数据中心',
      en: 'This data centre is not operated by your organisation',
    }),
};
