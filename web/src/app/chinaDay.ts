import dayjs, { type Dayjs } from 'dayjs';

/**
 * Today in China Standard Time (UTC+8, no daylight saving), as a date-only dayjs. The server judges dates by the
 * China day; a browser elsewhere (or set to UTC, as many offices' VMs are) would otherwise offer yesterday after
 * 16:00 UTC.
 */
export function chinaToday(): Dayjs {
  return dayjs(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
}
