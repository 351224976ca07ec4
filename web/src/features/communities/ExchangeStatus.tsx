import { Tag } from 'antd';
import { FACILITY_TYPES } from '@zhicheng/contracts/communities';
import { useI18n } from '../../app/i18n';
import { EXCHANGE_STATUS } from './labels';

const FACILITY = new Map<string, string>(FACILITY_TYPES.map((f) => [f[0], f[1]]));
export const facilityName = (k: string) => FACILITY.get(k) ?? k;

/** A need's or pair's status in Chinese with its English label. */
export function ExchangeStatusTag({ status }: { status: string }) {
  const { pick } = useI18n();
  const s = EXCHANGE_STATUS[status];
  return <Tag color={s?.color}>{s ? `${pick(s)} · ${s.en}` : status}</Tag>;
}
