import { z } from 'zod';
import { RegionCode } from '@zhicheng/contracts';
import {
  ASSESSMENT_PERMISSIONS as P,
  AssessmentCampaign,
  AssessmentSubmission,
  AssessmentSubmissionListQuery,
  AssessmentSubmissionPage,
  CampaignAction,
  CampaignActionPreview,
  CampaignActionRequest,
  OpenCampaignRequest,
  SubmissionRadar,
} from '@zhicheng/contracts/assessment';
import type { ZodApp } from '../../platform/module.ts';
import type { CampaignsService } from './campaigns.service.ts';
import type { SubmissionsService } from './submissions.service.ts';

const tags = ['assessment'];
const id = z.object({ id: z.uuid() });

/** Campaigns and the submissions seen through them: HTTP only. */
export function campaignRoutes(app: ZodApp, campaigns: CampaignsService, submissions: SubmissionsService) {
  app.get(
    '/assessment/campaigns',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Annual campaigns',
        response: { 200: z.object({ items: z.array(AssessmentCampaign) }) },
      },
    },
    async () => ({ items: await campaigns.list() }),
  );

  app.post(
    '/assessment/campaigns',
    {
      config: { permission: P.campaignManage },
      schema: { tags, summary: 'Open a campaign', body: OpenCampaignRequest, response: { 201: AssessmentCampaign } },
    },
    async (req, reply) => reply.status(201).send(await campaigns.open(req.ctx, req.body)),
  );

  app.get(
    '/assessment/campaigns/:id',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'One campaign with counts by status',
        params: id,
        response: { 200: AssessmentCampaign },
      },
    },
    async (req) => campaigns.get(req.params.id),
  );

  app.post(
    '/assessment/campaigns/:id/actions/:action',
    {
      config: { permission: P.campaignManage },
      schema: {
        tags,
        summary: 'Move the campaign on: draw experts, start co-evaluation, open the notice, publish',
        params: z.object({ id: z.uuid(), action: CampaignAction }),
        body: CampaignActionRequest.default({}),
        response: { 200: AssessmentCampaign },
      },
    },
    async (req) => campaigns.advance(req.ctx, req.params.id, req.params.action, req.body ?? {}),
  );

  app.get(
    '/assessment/campaigns/:id/actions/:action',
    {
      config: { permission: P.campaignManage },
      schema: {
        tags,
        summary: 'What an action would do now: regions ready, behind (by city), whether a reason is needed',
        params: z.object({ id: z.uuid(), action: CampaignAction }),
        response: { 200: CampaignActionPreview },
      },
    },
    async (req) => campaigns.preview(req.ctx, req.params.id, req.params.action),
  );

  app.get(
    '/assessment/campaigns/:id/submissions',
    {
      config: { permission: P.submissionRead },
      schema: {
        tags,
        summary: 'Submissions in the caller’s scope',
        params: id,
        querystring: AssessmentSubmissionListQuery.omit({ campaignId: true }),
        response: { 200: AssessmentSubmissionPage },
      },
    },
    async (req) => submissions.list(req.ctx, { ...req.query, campaignId: req.params.id }),
  );

  app.get(
    '/assessment/campaigns/:id/radar',
    {
      config: { permission: P.submissionRead },
      schema: {
        tags,
        summary: 'Who has not submitted (in the caller’s scope)',
        params: id,
        response: { 200: SubmissionRadar },
      },
    },
    async (req) => submissions.radar(req.ctx, req.params.id),
  );

  app.get(
    '/assessment/campaigns/:id/regions/:code',
    {
      config: { permission: P.submissionRead },
      schema: {
        tags,
        summary: 'A region’s submission in a campaign',
        params: z.object({ id: z.uuid(), code: RegionCode }),
        response: { 200: AssessmentSubmission },
      },
    },
    async (req) => submissions.ofRegion(req.ctx, req.params.id, req.params.code),
  );
}
