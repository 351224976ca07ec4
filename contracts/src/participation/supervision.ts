import { z } from 'zod';
import { INT4_MAX, IsoDate, pageOf, RegionCode } from '../common.contract.ts';
import { MobilePhone } from './surveys.ts';

/**
 * The 市民监督员 pool, supervision tasks and their panels: part of the participation contract (import it as
 * `@zhicheng/contracts/participation`).
 */

// ---------------------------------------------------------------- supervisors

export const AgeBand = z.enum(['18-29', '30-44', '45-59', '60+']);
export type AgeBand = z.infer<typeof AgeBand>;
export const Gender = z.enum(['female', 'male']);
export type Gender = z.infer<typeof Gender>;

export const SupervisorApplication = z.object({
  name: z.string().trim().min(1).max(32),
  phone: MobilePhone,
  regionCode: RegionCode,
  occupation: z.string().trim().min(1).max(64),
  ageBand: AgeBand,
  gender: Gender,
  media: z.boolean().default(false),
  statement: z.string().max(1000).default(''),
});

export const SupervisorStatus = z.enum(['applied', 'approved', 'rejected']);
export const Supervisor = z.object({
  id: z.uuid(),
  nameMasked: z.string(),
  phoneMasked: z.string(),
  regionCode: RegionCode,
  regionName: z.string(),
  occupation: z.string(),
  ageBand: AgeBand,
  gender: Gender,
  media: z.boolean(),
  status: SupervisorStatus,
  termStart: z.string().nullable(),
  termEnd: z.string().nullable(),
  username: z.string().nullable(),
  appliedAt: z.string(),
  demo: z.boolean(),
  /** Agreement with the panels this supervisor sat on (0–100), null before any scored task. */
  agreement: z.number().nullable(),
  outlierCount: z.number().int(),
});
export type Supervisor = z.infer<typeof Supervisor>;
export const SupervisorPage = pageOf(Supervisor);
export const SupervisorListQuery = z.object({
  status: SupervisorStatus.optional(),
  region: RegionCode.optional(),
  q: z.string().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
/** Supervision tasks in a region and below (the header's region, 当前区划); without it, the user's whole scope. */
export const TaskListQuery = z.object({ region: RegionCode.optional() });

export const VetRequest = z.object({
  decision: z.enum(['approve', 'reject']),
  termStart: IsoDate.optional(),
  termEnd: IsoDate.optional(),
  note: z.string().max(500).optional(),
});
/** The initial password is shown once to the vetting official and never stored in clear. */
export const VetResult = z.object({
  status: SupervisorStatus,
  username: z.string().nullable(),
  initialPassword: z.string().nullable(),
});

export const Quotas = z.object({
  byRegion: z.record(RegionCode, z.number().int().min(0).max(INT4_MAX)).optional(),
  byAgeBand: z.partialRecord(AgeBand, z.number().int().min(0).max(INT4_MAX)).optional(),
  byGender: z.partialRecord(Gender, z.number().int().min(0).max(INT4_MAX)).optional(),
  /** At least this many media members. */
  minMedia: z.number().int().min(0).max(INT4_MAX).optional(),
});
export type Quotas = z.infer<typeof Quotas>;

/**
 * service: score a public service; indicator_verification: check a region's claimed indicator on site (assessment's
 * co-evaluation); site_check: check an object of another module on site (a community, a facility), its subject.
 */
export const TaskKind = z.enum(['service', 'indicator_verification', 'site_check']);
export type TaskKind = z.infer<typeof TaskKind>;

/** What a task or a follow-up is about when another module asked for it: the object in that module. */
export const SupervisionSubject = z.object({
  module: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/),
  objectType: z.string().trim().min(1).max(64),
  objectId: z.string().trim().min(1).max(64),
  title: z.string().trim().min(1).max(200),
});
export type SupervisionSubject = z.infer<typeof SupervisionSubject>;
export const CreateTaskRequest = z.object({
  title: z.string().trim().min(1).max(200),
  /** Staff create the first two kinds; site checks come from other modules (ParticipationApi). */
  kind: z.enum(['service', 'indicator_verification']),
  regionCode: RegionCode,
  year: z.number().int().min(2000).max(2100),
  indicatorCode: z.string().max(64).optional(),
  description: z.string().max(2000).default(''),
  panelSize: z.number().int().min(1).max(200),
  quotas: Quotas.default({}),
});

export const PanelMember = z.object({
  supervisorId: z.uuid(),
  nameMasked: z.string(),
  regionName: z.string(),
  ageBand: AgeBand,
  gender: Gender,
  media: z.boolean(),
  score: z.number().nullable(),
  confirmed: z.boolean().nullable(),
  comment: z.string().nullable(),
  photoCount: z.number().int(),
  submittedAt: z.string().nullable(),
  deviation: z.number().nullable(),
  outlier: z.boolean(),
});
export const Task = z.object({
  id: z.uuid(),
  title: z.string(),
  kind: TaskKind,
  regionCode: RegionCode,
  regionName: z.string(),
  year: z.number().int(),
  indicatorCode: z.string().nullable(),
  description: z.string(),
  panelSize: z.number().int(),
  quotas: Quotas,
  seed: z.number().nullable(),
  drawnAt: z.string().nullable(),
  status: z.enum(['open', 'drawn', 'closed']),
  /** The object of another module a site check is about; null for the bureau's own tasks. */
  subject: SupervisionSubject.nullable(),
  panelMedian: z.number().nullable(),
  members: z.array(PanelMember),
});
export type Task = z.infer<typeof Task>;
export const TaskSummary = Task.omit({ members: true }).extend({ scored: z.number().int() });

export const DrawRequest = z.object({ seed: z.number().int().min(0).max(4294967295).optional() });
export const DrawCheck = z.object({ seed: z.number(), matches: z.boolean(), memberIds: z.array(z.uuid()) });

export const SubmitScoreRequest = z.object({
  score: z.number().min(0).max(100),
  confirmed: z.boolean().optional(),
  comment: z.string().max(1000).optional(),
});

export const MyTask = Task.omit({ members: true }).extend({
  myScore: z.number().nullable(),
  myPhotoCount: z.number().int(),
});
export type MyTask = z.infer<typeof MyTask>;
export type TaskSummary = z.infer<typeof TaskSummary>;
export type SupervisorApplication = z.infer<typeof SupervisorApplication>;
export type SupervisorListQuery = z.infer<typeof SupervisorListQuery>;
export type SupervisorPage = z.infer<typeof SupervisorPage>;
export type VetRequest = z.infer<typeof VetRequest>;
export type VetResult = z.infer<typeof VetResult>;
export type CreateTaskRequest = z.input<typeof CreateTaskRequest>;
export type DrawCheck = z.infer<typeof DrawCheck>;
export type SubmitScoreRequest = z.infer<typeof SubmitScoreRequest>;
export type PanelMember = z.infer<typeof PanelMember>;
