import { Tag } from 'antd';
import type { ReportStatus, ZoneType } from '@zhicheng/contracts/compute-network';
import { useI18n } from '../../app/i18n';

export const ZONE_COLORS: Record<ZoneType, string> = { core: '#c6dbff', cluster: '#d9f2d0', edge: '#fff1c2' };
export const ZONE_NAMES: Record<ZoneType, [string, string]> = {
  core: ['核心区', 'Core zone'],
  cluster: ['集聚区', 'Cluster zone'],
  edge: ['边缘节点', 'Edge node'],
};

export function ZoneTag({ type }: { type: ZoneType | null }) {
  const { lang } = useI18n();
  if (!type) return <Tag>{lang === 'zh' ? '未划定' : 'No zone'}</Tag>;
  return (
    <Tag color={type === 'core' ? 'blue' : type === 'cluster' ? 'green' : 'gold'}>
      {ZONE_NAMES[type][lang === 'zh' ? 0 : 1]}
    </Tag>
  );
}

export function StatusTag({ status, late }: { status: ReportStatus; late?: boolean }) {
  const { t } = useI18n();
  const m = {
    submitted: ['processing', t('待审核', 'Awaiting approval')],
    approved: ['success', t('已通过', 'Approved')],
    rejected: ['error', t('已退回', 'Rejected')],
  } as const;
  return (
    <>
      <Tag color={m[status][0]}>{m[status][1]}</Tag>
      {late && <Tag color="warning">{t('逾期', 'Late')}</Tag>}
    </>
  );
}

/** Utilisation colour: green when busy, amber when half used, grey-blue when idle. */
export function utilColor(u: number | null): string {
  // Dark enough to read as text on white (WCAG AA 4.5:1), as the tables use them for the figure itself.
  if (u === null) return '#666';
  if (u >= 75) return '#cf1322';
  if (u >= 60) return '#ad4e00';
  if (u >= 45) return '#237804';
  return '#0b57d0';
}

export const fmt = (n: number | null | undefined, d = 2) =>
  n === null || n === undefined
    ? '—'
    : n.toLocaleString('zh-CN', { maximumFractionDigits: d, minimumFractionDigits: 0 });

export function lastPeriod(): string {
  // Months are China time's (UTC+8), as the server counts them, whatever the browser's zone.
  const d = new Date(Date.now() + 8 * 3600_000);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
}
