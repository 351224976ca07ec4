import type { OutcomeRow } from '@zhicheng/contracts/communities';

/** One need with how far it got: what the outcome figures are computed from. */
export interface NeedOutcome {
  county: string;
  /** The need's posting day (YYYY-MM-DD, China time). */
  postedOn: string;
  matched: boolean;
  provider: { id: string; name: string } | null;
  model: string | null;
  domain: string;
  installedOn: string | null;
  stoppedOn: string | null;
  satisfactionSum: number;
  satisfactionAnswers: number;
}

const DAY = 86_400_000;
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY);

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 1000 : null);

/**
 * The outcome figures of a group of needs. Fill rate is installed over posted needs; days run from posting to
 * installation (median); a service counts as still running after a year when it was installed at least 365 days
 * before `today` and had not stopped within 365 days of installation.
 */
export function outcomeOf(key: string, name: string, rows: readonly NeedOutcome[], today: string): OutcomeRow {
  const installed = rows.filter((r) => r.installedOn !== null);
  const yearOld = installed.filter((r) => days(r.installedOn!, today) >= 365);
  const running = yearOld.filter((r) => r.stoppedOn === null || days(r.installedOn!, r.stoppedOn) >= 365);
  const answers = rows.reduce((a, r) => a + r.satisfactionAnswers, 0);
  const sum = rows.reduce((a, r) => a + r.satisfactionSum, 0);
  return {
    key,
    name,
    needs: rows.length,
    matched: rows.filter((r) => r.matched).length,
    installed: installed.length,
    fillRate: ratio(installed.length, rows.length),
    medianDaysToInstall: median(installed.map((r) => days(r.postedOn, r.installedOn!))),
    satisfactionAnswers: answers,
    satisfactionMean: answers ? Math.round((sum / answers) * 100) / 100 : null,
    yearOld: yearOld.length,
    runningAfterYear: running.length,
    runningAfterYearRate: ratio(running.length, yearOld.length),
  };
}

/** Groups needs by a key (rows without one are left out: a provider's figures count only what it took on). */
export function outcomesBy(
  rows: readonly NeedOutcome[],
  keyOf: (r: NeedOutcome) => { key: string; name: string } | null,
  today: string,
): OutcomeRow[] {
  const groups = new Map<string, { name: string; rows: NeedOutcome[] }>();
  for (const r of rows) {
    const k = keyOf(r);
    if (!k) continue;
    const g = groups.get(k.key) ?? { name: k.name, rows: [] };
    g.rows.push(r);
    groups.set(k.key, g);
  }
  return [...groups.entries()]
    .map(([key, g]) => outcomeOf(key, g.name, g.rows, today))
    .sort((a, b) => b.needs - a.needs || a.key.localeCompare(b.key));
}
