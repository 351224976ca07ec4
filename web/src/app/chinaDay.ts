import dayjs, { type Dayjs } from 'dayjs';

/**
 * Today in China Standard Time (UTC+8, no daylight saving), as a date-only dayjs. The server judges dates by the
 * China day; a browser elsewhere (or set to UTC, as many offices' VMs are) would otherwise offer yesterday after
 * 16:00 UTC.
 */
export function chinaToday(): Dayjs {
  return dayjs(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
}

/**
 * A moment from the API (ISO, UTC) as China Standard Time, `2026-11-30 14:05` (with seconds when asked): the
 * platform's officials read times in their own zone whatever the browser's is; '—' for none.
 */
export function chinaTime(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + 8 * 3600_000)
    .toISOString()
    .slice(0, withSeconds ? 19 : 16)
    .replace('T', ' ');
}
