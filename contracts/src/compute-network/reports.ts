import { z } from 'zod';
import { IsoMonth, RegionCode } from '../common.contract.ts';

/** Monthly 纳统 reports: filed by a centre (web, Excel or its token), approved by the province. */

/** A month's report is due by this day of the following month. */
export const REPORT_DUE_DAY = 10;

export const ReportStatus = z.enum(['submitted', 'approved', 'rejected']);
export type ReportStatus = z.infer<typeof ReportStatus>;
export const ReportSource = z.enum(['web', 'excel', 'api']);
export const Period = IsoMonth;

export const ReportInput = z.object({
  period: Period,
  racksInUse: z.number().int().min(0).max(1_000_000),
  utilisationPct: z.number().min(0).max(100),
  energyMwh: z.number().min(0).max(100_000_000),
  measuredPue: z.number().min(0).max(5),
  computeInUsePflops: z.number().min(0).max(10_000_000),
  storageUsedPb: z.number().min(0).max(1_000_000),
  explanation: z.string().trim().max(1000).nullable().optional(),
});
export type ReportInput = z.infer<typeof ReportInput>;

export const Report = ReportInput.extend({
  id: z.uuid(),
  dataCentreId: z.uuid(),
  dataCentreName: z.string(),
  status: ReportStatus,
  source: ReportSource,
  late: z.boolean(),
  explanation: z.string().nullable(),
  submittedAt: z.string(),
  submittedBy: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** Capacity at approval (PFLOPS), so trends show what existed then. */
  totalPflops: z.number().nullable(),
  intelligentPflops: z.number().nullable(),
});
export type Report = z.infer<typeof Report>;

export const ReportListQuery = z.object({
  dataCentreId: z.uuid().optional(),
  status: ReportStatus.optional(),
  period: Period.optional(),
  /** A city's or a county's code (the header's region). */
  cityCode: RegionCode.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});

export const ReportDecision = z.object({
  decision: z.enum(['approve', 'reject']),
  note: z.string().trim().max(500).optional(),
});
