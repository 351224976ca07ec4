import QRCode from 'qrcode';
import { z } from 'zod';
import {
  Campaign,
  CampaignDetail,
  CreateCampaignRequest,
  CreateSurveyRequest,
  PARTICIPATION_PERMISSIONS as P,
  PublicSurvey,
  ResponseReceipt,
  SubmitResponseRequest,
  Survey,
  SurveyInput,
  UpdateCampaignRequest,
} from '@zhicheng/contracts/participation';
import type { ZodApp } from '../../platform/module.ts';
import type { ParticipationServices } from './participation.routes.ts';

const id = z.object({ id: z.uuid() });
const tags = ['participation'];

/** Campaigns and surveys, and the public answer path. */
export function surveysRoutes(app: ZodApp, services: ParticipationServices) {
  app.get(
    '/participation/public/surveys/:id',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'A published survey for the public answer page (an old version’s link gives the current one)',
        params: id,
        response: { 200: PublicSurvey },
      },
    },
    async (req) => services.responses.publicSurvey(req.params.id),
  );

  app.post(
    '/participation/surveys/:id/responses',
    {
      config: { permission: 'public', rateLimit: { max: 30, windowSeconds: 60 } },
      schema: {
        tags,
        summary:
          'Answer a survey (no login; signed-in residents are recorded as verified). A retry with the same Idempotency-Key returns the first response.',
        params: id,
        headers: z.looseObject({ 'idempotency-key': z.string().min(8).max(128) }),
        body: SubmitResponseRequest,
        response: { 201: ResponseReceipt },
      },
    },
    async (req, reply) => {
      const { receipt, replayed } = await services.responses.submit(req.ctx, req.params.id, {
        ...req.body,
        idempotencyKey: req.headers['idempotency-key'] as string,
      });
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(receipt);
    },
  );

  // ------------------------------------------------------------ campaigns and surveys
  app.get(
    '/participation/campaigns',
    {
      config: { permission: P.responsesRead },
      schema: {
        tags,
        summary: 'Campaigns of the user’s regions and the regions above them',
        response: { 200: z.object({ items: z.array(Campaign) }) },
      },
    },
    async (req) => ({ items: await services.campaigns.listCampaigns(req.ctx.actor) }),
  );

  app.post(
    '/participation/campaigns',
    {
      config: { permission: P.surveysManage },
      schema: {
        tags,
        summary: 'Open a campaign (问需于民) for a region',
        body: CreateCampaignRequest,
        response: { 201: Campaign },
      },
    },
    async (req, reply) => reply.status(201).send(await services.campaigns.createCampaign(req.ctx, req.body)),
  );

  app.get(
    '/participation/campaigns/:id',
    {
      config: { permission: P.responsesRead },
      schema: {
        tags,
        summary: 'A campaign with its surveys visible to the user',
        params: id,
        response: { 200: CampaignDetail },
      },
    },
    async (req) => services.campaigns.getCampaign(req.ctx.actor, req.params.id),
  );

  app.patch(
    '/participation/campaigns/:id',
    {
      config: { permission: P.surveysManage },
      schema: {
        tags,
        summary: 'Close or reopen a campaign, set its end',
        params: id,
        body: UpdateCampaignRequest,
        response: { 200: Campaign },
      },
    },
    async (req) => services.campaigns.updateCampaign(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/participation/campaigns/:id/surveys',
    {
      config: { permission: P.surveysManage },
      schema: {
        tags,
        summary: 'Create a survey (draft) in a region; with baseSurveyId it localises a template',
        params: id,
        body: CreateSurveyRequest,
        response: { 201: Survey },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await services.campaigns.createSurvey(req.ctx, req.params.id, req.body)),
  );

  app.get(
    '/participation/surveys/:id',
    {
      config: { permission: P.responsesRead },
      schema: { tags, summary: 'A survey (any status)', params: id, response: { 200: Survey } },
    },
    async (req) => services.campaigns.getSurvey(req.ctx.actor, req.params.id),
  );

  app.put(
    '/participation/surveys/:id',
    {
      config: { permission: P.surveysManage },
      schema: {
        tags,
        summary: 'Edit a draft survey (published ones are immutable)',
        params: id,
        body: SurveyInput,
        response: { 200: Survey },
      },
    },
    async (req) => services.campaigns.updateSurvey(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/participation/surveys/:id/publish',
    {
      config: { permission: P.surveysManage },
      schema: {
        tags,
        summary: 'Publish a draft; the lineage’s previous version is archived',
        params: id,
        response: { 200: Survey },
      },
    },
    async (req) => services.campaigns.publishSurvey(req.ctx, req.params.id),
  );

  app.post(
    '/participation/surveys/:id/versions',
    {
      config: { permission: P.surveysManage },
      schema: {
        tags,
        summary: 'Start a new draft version of a published survey',
        params: id,
        response: { 201: Survey },
      },
    },
    async (req, reply) => reply.status(201).send(await services.campaigns.newVersion(req.ctx, req.params.id)),
  );

  app.get(
    '/participation/surveys/:id/qrcode',
    {
      config: { permission: P.responsesRead },
      schema: {
        tags,
        summary: 'QR code (PNG) of the survey’s public link',
        params: id,
        querystring: z.object({ base: z.url().optional() }),
      },
    },
    async (req, reply) => {
      const s = await services.campaigns.getSurvey(req.ctx.actor, req.params.id);
      const base = req.query.base ?? `${req.protocol}://${req.host}`;
      const png = await QRCode.toBuffer(`${base.replace(/\/$/, '')}/s/${s.id}`, {
        type: 'png',
        width: 480,
        margin: 2,
        errorCorrectionLevel: 'M',
      });
      return reply.type('image/png').header('content-disposition', `inline; filename="survey-${s.id}.png"`).send(png);
    },
  );
}
