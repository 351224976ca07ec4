import { z } from 'zod';
import { RegionCode } from '@zhicheng/contracts';
import {
  AssessmentHeatmap,
  AssessmentHeatmapQuery,
  AssessmentResultRow,
  AssessmentResultsQuery,
  AssessmentStatistics,
  AssessmentStatisticsQuery,
  AssessmentTrend,
  RegionReport,
  StarLevelStatistics,
  SUBMISSION_STATUS_NAMES,
} from '@zhicheng/contracts/assessment';
import { writeWorkbook } from '../../platform/excel.ts';
import type { ZodApp } from '../../platform/module.ts';
import { RESULT_COLUMNS, resultSheetRows, sendXlsx } from './assessment.excel.ts';
import type { ResultsService } from './results.service.ts';

const tags = ['assessment'];

/** Published results, statistics and reports: public, HTTP only. */
export function resultRoutes(app: ZodApp, results: ResultsService) {
  app.get(
    '/assessment/statistics',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Per region level (city, county): published results and how many reach ≥ N★',
        querystring: AssessmentStatisticsQuery,
        response: { 200: z.array(StarLevelStatistics) },
      },
    },
    async (req) => (await results.statistics(req.query.year)).levels,
  );

  app.get(
    '/assessment/statistics/overview',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'The statistics with the provincial targets and whether each is met (the overview page)',
        querystring: AssessmentStatisticsQuery,
        response: { 200: AssessmentStatistics },
      },
    },
    async (req) => results.statistics(req.query.year),
  );

  app.get(
    '/assessment/trend',
    {
      config: { permission: 'public' },
      schema: { tags, summary: 'Published distribution by year', response: { 200: AssessmentTrend } },
    },
    async () => results.trend(),
  );

  app.get(
    '/assessment/results',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Published results with rank and last year’s level',
        querystring: AssessmentResultsQuery,
        response: { 200: z.object({ items: z.array(AssessmentResultRow) }) },
      },
    },
    async (req) => ({ items: await results.results(req.query) }),
  );

  app.get(
    '/assessment/results/export',
    {
      config: { permission: 'public' },
      schema: { tags, summary: 'Published results as Excel', querystring: AssessmentResultsQuery },
    },
    async (req, reply) => {
      const items = await results.results(req.query);
      const buf = await writeWorkbook([
        {
          name: `${req.query.year}年评估结果`,
          columns: RESULT_COLUMNS,
          rows: resultSheetRows(items),
          note: items.some((r) => r.sample) ? '示例数据,非官方结果 / simulated data, not official' : undefined,
        },
      ]);
      return sendXlsx(reply, `assessment-results-${req.query.year}.xlsx`, buf);
    },
  );

  app.get(
    '/assessment/regions/:code/report',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'A region’s published results, explanation, history and peers (printable report)',
        params: z.object({ code: RegionCode }),
        response: { 200: RegionReport },
      },
    },
    async (req) => results.regionReport(req.params.code),
  );

  app.get(
    '/assessment/heatmap',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Regions × indicators stars (published)',
        querystring: AssessmentHeatmapQuery,
        response: { 200: AssessmentHeatmap },
      },
    },
    async (req) => results.heatmap(req.query),
  );

  app.get(
    '/assessment/statuses',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Submission status names',
        response: { 200: z.record(z.string(), z.object({ zh: z.string(), en: z.string() })) },
      },
    },
    async () => SUBMISSION_STATUS_NAMES,
  );
}
