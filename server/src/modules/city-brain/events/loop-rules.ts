import type { EventCategory, EventSeverity, EventStatus } from '@zhicheng/contracts/city-brain';

/**
 * The time each step may take, in hours, by category: what a city-management centre commits to (made-up working
 * figures for the demo, 示例, to be set per deployment). The limit runs from when the previous step was done.
 */
export const STEP_LIMIT_HOURS: Record<EventCategory, Record<OpenStep, number>> = {
  city_appearance: { reported: 1, registered: 2, dispatched: 24, handling: 48, fed_back: 24 },
  road_facility: { reported: 1, registered: 2, dispatched: 24, handling: 72, fed_back: 24 },
  public_safety: { reported: 0.5, registered: 0.5, dispatched: 2, handling: 12, fed_back: 12 },
  environment: { reported: 1, registered: 2, dispatched: 24, handling: 72, fed_back: 24 },
  traffic: { reported: 0.5, registered: 1, dispatched: 4, handling: 24, fed_back: 12 },
  public_health: { reported: 0.5, registered: 1, dispatched: 4, handling: 24, fed_back: 12 },
};
/** A high-severity event gets half the time at every step. */
const SEVERITY_FACTOR: Record<EventSeverity, number> = { low: 1, medium: 1, high: 0.5 };

/** Steps that wait for someone to act (the limit applies), keyed by the status the event is in. */
export type OpenStep = 'reported' | 'registered' | 'dispatched' | 'handling' | 'fed_back';
const OPEN: readonly string[] = ['reported', 'registered', 'dispatched', 'handling', 'fed_back'];
export const isOpen = (s: EventStatus): s is OpenStep => OPEN.includes(s);

export function deadlineFor(status: EventStatus, category: EventCategory, severity: EventSeverity, from: Date) {
  if (!isOpen(status)) return null;
  const hours = STEP_LIMIT_HOURS[category][status] * SEVERITY_FACTOR[severity];
  return new Date(from.getTime() + hours * 3_600_000);
}

/** What may follow each status (the seven steps, 不予立案, and 返工 back to dispatched after a failed check). */
const NEXT: Record<EventStatus, readonly EventStatus[]> = {
  reported: ['registered', 'rejected'],
  registered: ['dispatched'],
  dispatched: ['dispatched', 'handling', 'fed_back'],
  handling: ['dispatched', 'fed_back'],
  fed_back: ['closed', 'dispatched'],
  closed: ['evaluated'],
  evaluated: [],
  rejected: [],
};
export const canMove = (from: EventStatus, to: EventStatus) => NEXT[from].includes(to);

/**
 * 督办 for an open step: none within its limit; a reminder (催办) once past it; an escalation one level up once past
 * it by half the limit again.
 */
export function supervisionDue(deadline: Date | null, limitHours: number, now: Date): 'reminder' | 'escalation' | null {
  if (!deadline || now <= deadline) return null;
  return now.getTime() - deadline.getTime() >= (limitHours * 3_600_000) / 2 ? 'escalation' : 'reminder';
}

export function limitHours(status: EventStatus, category: EventCategory, severity: EventSeverity): number {
  return isOpen(status) ? STEP_LIMIT_HOURS[category][status] * SEVERITY_FACTOR[severity] : 0;
}

/** Rates as shares of 1, rounded to 3 places; null when there is nothing to divide. */
export const rate = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 1000 : null);

/** The level of a region code: a province ends in 0000, a city in 00, anything else is a county or below. */
export function levelOfCode(code: string): 'province' | 'city' | 'county' {
  const six = code.slice(0, 6);
  if (six.endsWith('0000')) return 'province';
  if (six.endsWith('00')) return 'city';
  return 'county';
}
