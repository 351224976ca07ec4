import type { CaseStatus } from '@zhicheng/contracts/scenarios';

/**
 * The path of a case from its author to the board (由县到市到省): a county's case waits for its city's
 * recommendation, then for the province; a city's or the province's own case goes straight to the province. Pure:
 * the service supplies what the actor holds, this says what may happen.
 */

export type RegionLevel = 'province' | 'city' | 'county';
export type Step = 'edit' | 'submit' | 'recommend' | 'accept' | 'return';

/** Where a submitted case goes first: a county's to its city, everyone else's to the province. */
export function submittedStatus(level: RegionLevel): CaseStatus {
  return level === 'county' ? 'submitted' : 'recommended';
}

/** Only the author's side edits, and only before anyone above has it (or after it came back). */
export const isEditable = (s: CaseStatus) => s === 'draft' || s === 'returned';

export interface Holder {
  /** Files for the case's region (an operator covering it). */
  author: boolean;
  /** Approver of the case's city (or above it, below the province). */
  city: boolean;
  /** Approver at the province. */
  province: boolean;
}

export type Outcome = { to: CaseStatus } | { refused: 'state' | 'step' };

export function decide(status: CaseStatus, step: Step, level: RegionLevel, who: Holder): Outcome {
  switch (step) {
    case 'edit':
      if (!who.author) return { refused: 'step' };
      return isEditable(status) ? { to: status } : { refused: 'state' };
    case 'submit':
      if (!who.author) return { refused: 'step' };
      return isEditable(status) ? { to: submittedStatus(level) } : { refused: 'state' };
    case 'recommend':
      if (status !== 'submitted') return { refused: 'state' };
      return who.city ? { to: 'recommended' } : { refused: 'step' };
    case 'accept':
      if (status !== 'recommended') return { refused: 'state' };
      return who.province ? { to: 'accepted' } : { refused: 'step' };
    case 'return':
      // The city returns what waits for it; the province returns anything not yet on the board.
      if (status === 'submitted') return who.city || who.province ? { to: 'returned' } : { refused: 'step' };
      if (status === 'recommended') return who.province ? { to: 'returned' } : { refused: 'step' };
      return { refused: 'state' };
  }
}

/** The steps the caller may take now (the page shows only these buttons). */
export function allowedSteps(status: CaseStatus, level: RegionLevel, who: Holder): Step[] {
  const steps: Step[] = ['edit', 'submit', 'recommend', 'accept', 'return'];
  return steps.filter((s) => 'to' in decide(status, s, level, who));
}

/** Who is expected to act next, for the "awaiting me" filter. */
export function awaiting(status: CaseStatus): 'author' | 'city' | 'province' | null {
  if (status === 'draft' || status === 'returned') return 'author';
  if (status === 'submitted') return 'city';
  if (status === 'recommended') return 'province';
  return null;
}
