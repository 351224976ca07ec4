import { z } from 'zod';

/** GB/T 2260 six-digit code (province, city, county) or a 9/12-digit statistical code below a county. */
export const RegionCode = z
  .string()
  .regex(/^(\d{6}|\d{9}|\d{12})$/, { message: 'region code must be 6, 9 or 12 digits' });
export type RegionCode = z.infer<typeof RegionCode>;

export const RegionLevel = z.enum(['province', 'city', 'county', 'street', 'community']);
export type RegionLevel = z.infer<typeof RegionLevel>;

export const Uuid = z.uuid();

/**
 * A role as a module brings it: names in both languages, the region level it is bound at (null: any), and its duty
 * for separation of duties — `admin` (三员), `operator` (files and edits), `approver` (decides on what others
 * filed), `participant` (everyone else: experts, supervisors, enterprises).
 */
export interface RoleDefinition {
  zh: string;
  en: string;
  level: RegionLevel | null;
  duty: 'admin' | 'operator' | 'approver' | 'participant';
}
export type RoleDefinitions = Record<string, RoleDefinition>;

/** Declares a module's roles, keeping their names as literal types. */
export const defineRoles = <const T extends RoleDefinitions>(roles: T): T => roles;

/**
 * Years a date here may carry. The ISO formats alone allow year 0000 (PostgreSQL has no year 0) and JavaScript
 * dates reach year 275760; plans, deadlines and searches in this programme sit well inside 1900–2199.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;
const inYears = (s: string) => {
  const y = Number(s.slice(0, 4));
  return y >= MIN_YEAR && y <= MAX_YEAR;
};
const yearMessage = { message: `year must be between ${MIN_YEAR} and ${MAX_YEAR}` };
/**
 * A quantity a person types (an indicator value, a threshold, an answer): JSON numbers are finite already, but
 * 1e308 is not a measurement, and sums and ratios of such values overflow. ±10^15 holds any real one.
 */
export const MAX_MEASURE = 1e15;
export const Measure = z.number().min(-MAX_MEASURE).max(MAX_MEASURE);
/** A count or version stored as a PostgreSQL integer. */
export const INT4_MAX = 2_147_483_647;

/** A calendar date, YYYY-MM-DD (the format checks the day exists in that month and year). */
export const IsoDate = z.iso.date().refine(inYears, yearMessage);
/** An instant with its UTC offset, e.g. 2024-07-01T08:00:00+08:00. */
export const IsoDateTime = z.iso.datetime({ offset: true }).refine(inYears, yearMessage);
/** A calendar month, YYYY-MM. */
export const IsoMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  .refine(inYears, yearMessage);

/** A message shown to people, always in both languages. */
export const Bilingual = z.object({ zh: z.string(), en: z.string() });
export type Bilingual = z.infer<typeof Bilingual>;

/** RFC 9457 problem details, with a stable code and both languages. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
  message: Bilingual,
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  requestId: z.string().optional(),
});
export type Problem = z.infer<typeof Problem>;

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});
export type PageQuery = z.infer<typeof PageQuery>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

/** Error codes the platform itself raises; modules add their own in their contracts. */
export const PlatformErrorCode = z.enum([
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'own_work',
  'out_of_region_scope',
  'not_found',
  'conflict',
  'rate_limited',
  'sms_failed',
  'invalid_credentials',
  'weak_password',
  'session_expired',
  'password_change_required',
  'payload_too_large',
  'unsupported_media_type',
  'uri_too_long',
  'headers_too_large',
  'internal_error',
]);
export type PlatformErrorCode = z.infer<typeof PlatformErrorCode>;

/** What every Excel import answers: rows imported, or every bad row (spreadsheet row number, column, problem). */
export const ImportReport = z.object({
  imported: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })),
});
export type ImportReport = z.infer<typeof ImportReport>;
