import { REPORT_DUE_DAY, type ReportInput } from '@zhicheng/contracts/compute-network';

/** A change bigger than these, month on month, needs a written explanation. */
export const JUMP_LIMITS = {
  /** Relative change of racks in use (and at least `racksMinAbs` racks, so small centres are not flagged for 3 → 5). */
  racksRel: 0.3,
  racksMinAbs: 50,
  pueAbs: 0.3,
  utilisationPts: 30,
  energyRel: 0.5,
};

/** A broken rule: its code (the words are in the contract's COMPUTE_ERRORS) and the specifics, in both languages. */
export interface RuleViolation {
  code: 'pue_below_one' | 'racks_exceed_design' | 'implausible_jump' | 'report_exists';
  field: string;
  zh: string;
  en: string;
}

type Prev = Pick<ReportInput, 'racksInUse' | 'measuredPue' | 'utilisationPct' | 'energyMwh'>;

/** The 纳统 validation rules. Returns every violation (empty: acceptable). */
export function checkReport(input: ReportInput, designRacks: number, previous: Prev | null): RuleViolation[] {
  const out: RuleViolation[] = [];
  if (!(input.measuredPue >= 1))
    out.push({
      code: 'pue_below_one',
      field: 'measuredPue',
      zh: `实测 PUE ${input.measuredPue}`,
      en: `measured PUE ${input.measuredPue}`,
    });
  if (input.racksInUse > designRacks) {
    out.push({
      code: 'racks_exceed_design',
      field: 'racksInUse',
      zh: `${input.racksInUse} > ${designRacks}`,
      en: `${input.racksInUse} > ${designRacks}`,
    });
  }
  if (previous && !input.explanation?.trim()) {
    const jumps = implausibleJumps(input, previous);
    if (jumps.length) {
      out.push({
        code: 'implausible_jump',
        field: 'explanation',
        zh: jumps.map((j) => j.zh).join('、'),
        en: jumps.map((j) => j.en).join(', '),
      });
    }
  }
  return out;
}

export function implausibleJumps(input: Prev, prev: Prev): { field: string; zh: string; en: string }[] {
  const out: { field: string; zh: string; en: string }[] = [];
  const dRacks = Math.abs(input.racksInUse - prev.racksInUse);
  if (dRacks >= JUMP_LIMITS.racksMinAbs && dRacks > JUMP_LIMITS.racksRel * Math.max(prev.racksInUse, 1)) {
    out.push({
      field: 'racksInUse',
      zh: `在用机架 ${prev.racksInUse} → ${input.racksInUse}`,
      en: `racks in use ${prev.racksInUse} → ${input.racksInUse}`,
    });
  }
  if (Math.abs(input.measuredPue - prev.measuredPue) > JUMP_LIMITS.pueAbs) {
    out.push({
      field: 'measuredPue',
      zh: `PUE ${prev.measuredPue} → ${input.measuredPue}`,
      en: `PUE ${prev.measuredPue} → ${input.measuredPue}`,
    });
  }
  if (Math.abs(input.utilisationPct - prev.utilisationPct) > JUMP_LIMITS.utilisationPts) {
    out.push({
      field: 'utilisationPct',
      zh: `利用率 ${prev.utilisationPct}% → ${input.utilisationPct}%`,
      en: `utilisation ${prev.utilisationPct}% → ${input.utilisationPct}%`,
    });
  }
  if (prev.energyMwh > 0 && Math.abs(input.energyMwh - prev.energyMwh) > JUMP_LIMITS.energyRel * prev.energyMwh) {
    out.push({
      field: 'energyMwh',
      zh: `能耗 ${prev.energyMwh} → ${input.energyMwh} MWh`,
      en: `energy ${prev.energyMwh} → ${input.energyMwh} MWh`,
    });
  }
  return out;
}

/** The moment a month's report falls due: the end of REPORT_DUE_DAY of the following month, China time (UTC+8). */
export function dueAt(period: string): Date {
  const [y, m] = period.split('-').map(Number) as [number, number];
  // Month index m (1-based) is the following month in Date.UTC's 0-based terms.
  return new Date(Date.UTC(y, m, REPORT_DUE_DAY, 24 - 8, 0, 0) - 1);
}

export const isLate = (period: string, submittedAt: Date) => submittedAt.getTime() > dueAt(period).getTime();

/** A report cannot be filed for a month that has not ended yet. */
export function periodEnded(period: string, now: Date): boolean {
  const [y, m] = period.split('-').map(Number) as [number, number];
  // The month ends at midnight China time on the first of the next month.
  return now.getTime() >= Date.UTC(y, m, 1) - 8 * 3600_000;
}

export function previousPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export function periodsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (let i = 0; i < 600; i++) {
    const p = `${y}-${String(m).padStart(2, '0')}`;
    if (p > to) break;
    out.push(p);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}
