import { boolean, char, doublePrecision, index, integer, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { computeSchema, dataCentre } from '../registry/registry.tables.ts';

export const monthlyReport = computeSchema.table(
  'monthly_report',
  {
    id: uuid('id').primaryKey(),
    dataCentreId: uuid('data_centre_id')
      .notNull()
      .references(() => dataCentre.id, { onDelete: 'cascade' }),
    period: char('period', { length: 7 }).notNull(),
    status: text('status').notNull(),
    source: text('source').notNull(),
    racksInUse: integer('racks_in_use').notNull(),
    utilisationPct: doublePrecision('utilisation_pct').notNull(),
    energyMwh: doublePrecision('energy_mwh').notNull(),
    measuredPue: doublePrecision('measured_pue').notNull(),
    computeInUsePflops: doublePrecision('compute_in_use_pflops').notNull(),
    storageUsedPb: doublePrecision('storage_used_pb').notNull(),
    explanation: text('explanation'),
    late: boolean('late').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    submittedBy: text('submitted_by').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: text('decided_by'),
    decisionNote: text('decision_note'),
    totalPflops: doublePrecision('total_pflops'),
    intelligentPflops: doublePrecision('intelligent_pflops'),
    generalPflops: doublePrecision('general_pflops'),
    superPflops: doublePrecision('super_pflops'),
    designRacks: integer('design_racks'),
    clusters1k: integer('clusters_1k'),
    clusters10k: integer('clusters_10k'),
  },
  (t) => [unique().on(t.dataCentreId, t.period), index('monthly_report_period_idx').on(t.period, t.status)],
);

export type ReportRow = typeof monthlyReport.$inferSelect;
