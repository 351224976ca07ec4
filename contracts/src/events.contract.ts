import { z } from 'zod';
import { IsoDateTime, RegionCode } from './common.contract.ts';

/**
 * Events that cross module boundaries, named `<module>.<past-tense-fact>`. The publisher owns the payload shape;
 * it lives here so the subscriber can validate what it receives.
 */

/**
 * A citizen supervisor (or media member) drawn by the participation module scored a service or verified a claimed
 * indicator for a region. The assessment module takes it as a co-evaluation (监督共评) score when that region has
 * a campaign in its co-evaluation stage for `year`.
 */
export const SupervisorScoreSubmitted = z.object({
  /** Unique per score; subscribers use it to ignore redeliveries. */
  scoreId: z.uuid(),
  year: z.number().int().min(2000).max(2100),
  regionCode: RegionCode,
  /** The indicator verified, when the task was an indicator verification. */
  indicatorCode: z.string().max(64).nullable(),
  kind: z.enum(['service', 'indicator_verification']),
  /** 0–100. */
  score: z.number().min(0).max(100),
  /** For indicator verification: was the claimed value confirmed on site. */
  confirmed: z.boolean().nullable(),
  /** Pseudonymous: the supervisor's id in the participation module, never a name or phone. */
  supervisorRef: z.string().max(64),
  media: z.boolean(),
  submittedAt: IsoDateTime,
});
export type SupervisorScoreSubmitted = z.infer<typeof SupervisorScoreSubmitted>;

export const EVENT_TOPICS = {
  supervisorScoreSubmitted: 'participation.supervisor-score-submitted',
} as const;
