import {
  COMMUNITIES_PERMISSIONS as P,
  CommunityCode,
  OnsiteCheck,
  OnsiteCheckRequest,
  ReportIndicators,
  TierAssessment,
  TierDecision,
  TierView,
  TierYear,
} from '@zhicheng/contracts/communities';
import { z } from 'zod';
import type { ZodApp } from '../../platform/module.ts';
import type { TiersService } from './tiers.service.ts';

const tags = ['communities'];
const Params = z.object({ code: CommunityCode, year: TierYear });

/** HTTP only: the schema, the permission, one service call. */
export function tiersRoutes(app: ZodApp, tiers: TiersService) {
  app.get(
    '/communities/registry/:code/tiers/:year',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'A community’s rating for a year, with the cheapest path to its next tier',
        params: Params,
        response: { 200: TierView },
      },
    },
    async (req) => tiers.view(req.ctx, req.params.code, req.params.year),
  );

  app.put(
    '/communities/registry/:code/tiers/:year',
    {
      config: { permission: P.selfReport },
      schema: {
        tags,
        summary: 'Report the community’s indicator values for a year (rated by the shared rule)',
        params: Params,
        body: ReportIndicators,
        response: { 200: TierAssessment },
      },
    },
    async (req) => tiers.report(req.ctx, req.params.code, req.params.year, req.body),
  );

  app.post(
    '/communities/registry/:code/tiers/:year/check',
    {
      config: { permission: P.tierCheck },
      schema: {
        tags,
        summary: 'County or city check: confirm 基础型/成长型, pass 标杆型 to the province, or return',
        params: Params,
        body: TierDecision,
        response: { 200: TierAssessment },
      },
    },
    async (req) => tiers.check(req.ctx, req.params.code, req.params.year, req.body),
  );

  app.post(
    '/communities/registry/:code/tiers/:year/benchmark',
    {
      config: { permission: P.benchmarkConfirm },
      schema: {
        tags,
        summary: 'Province confirms 标杆型 after the on-site check, or leaves the community at 成长型',
        params: Params,
        body: TierDecision,
        response: { 200: TierAssessment },
      },
    },
    async (req) => tiers.confirmBenchmark(req.ctx, req.params.code, req.params.year, req.body),
  );
  app.post(
    '/communities/registry/:code/tiers/:year/onsite-check',
    {
      config: { permission: P.onsiteCheck },
      schema: {
        tags,
        summary: 'Start the 标杆型 on-site check: a panel of citizen supervisors and media, and drawn experts',
        params: Params,
        body: OnsiteCheckRequest,
        response: { 201: OnsiteCheck },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await tiers.startOnsiteCheck(req.ctx, req.params.code, req.params.year, req.body)),
  );
}
