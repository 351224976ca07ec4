import type { Figure } from '@zhicheng/contracts/screen';

/** A figure's value as the screen prints it: shares as percentages, large counts grouped. */
export function formatValue(value: number | null, unit: string, lang: 'zh' | 'en' = 'zh'): string {
  if (value === null) return '—';
  if (unit === '%') return `${(value * 100).toFixed(1)}%`;
  const digits = Number.isInteger(value) ? 0 : value < 10 ? 2 : 1;
  return value.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** How far a figure is towards its target (0–1), or null when it has none. */
export function progressOf(f: Pick<Figure, 'value' | 'target'>): number | null {
  if (f.value === null || f.target === null || f.target === 0) return null;
  return Math.max(0, Math.min(1, f.value / f.target));
}

/** The source's time as people read it: the date, or the date and minute when it is today. */
export function formatAsOf(iso: string | null, now = new Date()): string {
  if (!iso) return '—';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return day === today ? `${day} ${pad(d.getHours())}:${pad(d.getMinutes())}` : day;
}
