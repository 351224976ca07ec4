import type { ComputeAlert } from '@zhicheng/contracts/compute-network';
import { dueAt, previousPeriod } from '../reports/report-rules.ts';

/** The month (YYYY-MM) a moment falls in, China time. */
export function periodOf(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
}

/** A utilisation this far from the earlier months' average, or below the floor, is an anomaly. */
export const UTILISATION_ANOMALY = { deltaPts: 25, floorPct: 10 };

export interface AlertCentre {
  id: string;
  name: string;
  lastIngestAt: Date | null;
}

/**
 * The province's alert rules over operating centres: the last due report missing, a live metric stream silent
 * for `staleMs`, the latest approved PUE above the limit, utilisation far from its recent average.
 */
export function computeAlerts(
  centres: AlertCentre[],
  lastPeriod: Map<string, string>,
  recent: Map<string, { period: string; utilisationPct: number; measuredPue: number }[]>,
  opts: { pueLimit: number; now: Date; staleMs: number },
): ComputeAlert[] {
  const { now, pueLimit: limit } = opts;
  // The last month whose report is already due.
  let due = previousPeriod(periodOf(now));
  if (now.getTime() <= dueAt(due).getTime()) due = previousPeriod(due);
  const out: ComputeAlert[] = [];
  for (const c of centres) {
    const base = { dataCentreId: c.id, dataCentreName: c.name };
    const lp = lastPeriod.get(c.id);
    if (!lp || lp < due)
      out.push({
        ...base,
        kind: 'report_stale',
        value: null,
        message: {
          zh: `${due} 月报告未报送(最近一次: ${lp ?? '无'})`,
          en: `No report for ${due} (last: ${lp ?? 'none'})`,
        },
      });
    if (c.lastIngestAt && now.getTime() - c.lastIngestAt.getTime() > opts.staleMs) {
      const mins = Math.round((now.getTime() - c.lastIngestAt.getTime()) / 60_000);
      out.push({
        ...base,
        kind: 'metrics_stale',
        value: mins,
        message: { zh: `实时指标已中断 ${mins} 分钟`, en: `No live metrics for ${mins} minutes` },
      });
    }
    const rs = recent.get(c.id) ?? [];
    const latest = rs[0];
    if (latest && latest.measuredPue > limit)
      out.push({
        ...base,
        kind: 'pue_above_limit',
        value: latest.measuredPue,
        message: {
          zh: `${latest.period} PUE ${latest.measuredPue} 高于全省限值 ${limit}`,
          en: `${latest.period} PUE ${latest.measuredPue} above the provincial limit ${limit}`,
        },
      });
    if (latest && rs.length >= 2) {
      const avg = rs.slice(1).reduce((s, r) => s + r.utilisationPct, 0) / (rs.length - 1);
      if (
        Math.abs(latest.utilisationPct - avg) > UTILISATION_ANOMALY.deltaPts ||
        latest.utilisationPct < UTILISATION_ANOMALY.floorPct
      )
        out.push({
          ...base,
          kind: 'utilisation_anomaly',
          value: latest.utilisationPct,
          message: {
            zh: `${latest.period} 利用率 ${latest.utilisationPct}%,前几月平均 ${avg.toFixed(1)}%`,
            en: `${latest.period} utilisation ${latest.utilisationPct}%, earlier average ${avg.toFixed(1)}%`,
          },
        });
    }
  }
  return out;
}
