import { z } from 'zod';
import {
  ActionItem,
  CreateActionRequest,
  Followup,
  FollowupAnswer,
  PARTICIPATION_PERMISSIONS as P,
  PublicFollowup,
  PublicProgress,
  UpdateActionRequest,
} from '@zhicheng/contracts/participation';
import type { ZodApp } from '../../platform/module.ts';
import type { ParticipationServices } from './participation.routes.ts';

const id = z.object({ id: z.uuid() });
const tags = ['participation'];

/** 你提我办: action items, their public progress page and satisfaction follow-ups. */
export function actionsRoutes(app: ZodApp, services: ParticipationServices) {
  app.get(
    '/participation/public/campaigns/:id/progress',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'What was done about the demands of a campaign (你提我办 public page)',
        params: id,
        response: { 200: PublicProgress },
      },
    },
    async (req) => services.actions.publicProgress(req.params.id),
  );

  app.get(
    '/participation/public/followups/:token',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'A satisfaction follow-up, by its private link',
        params: z.object({ token: z.string().min(10).max(64) }),
        response: { 200: PublicFollowup },
      },
    },
    async (req) => services.actions.publicFollowup(req.params.token),
  );

  app.post(
    '/participation/public/followups/:token',
    {
      config: { permission: 'public', rateLimit: { max: 20, windowSeconds: 60 } },
      schema: {
        tags,
        summary: 'Answer a satisfaction follow-up',
        params: z.object({ token: z.string().min(10).max(64) }),
        body: FollowupAnswer,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await services.actions.answerFollowup(req.params.token, req.body);
      return reply.status(204).send(null);
    },
  );

  // ------------------------------------------------------------ 你提我办
  app.get(
    '/participation/campaigns/:id/actions',
    {
      config: { permission: P.responsesRead },
      schema: {
        tags,
        summary: 'Action items of a campaign in the user’s regions',
        params: id,
        response: { 200: z.object({ items: z.array(ActionItem) }) },
      },
    },
    async (req) => ({ items: await services.actions.listActions(req.ctx.actor, req.params.id) }),
  );

  app.post(
    '/participation/campaigns/:id/actions',
    {
      config: { permission: P.actionsManage },
      schema: {
        tags,
        summary: 'Turn a demand topic or a single demand into an action item for a department',
        params: id,
        body: CreateActionRequest,
        response: { 201: ActionItem },
      },
    },
    async (req, reply) => reply.status(201).send(await services.actions.createAction(req.ctx, req.params.id, req.body)),
  );

  app.patch(
    '/participation/actions/:id',
    {
      config: { permission: P.actionsManage },
      schema: {
        tags,
        summary: 'Update an action item’s status, public progress note or deadline',
        params: id,
        body: UpdateActionRequest,
        response: { 200: ActionItem },
      },
    },
    async (req) => services.actions.updateAction(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/participation/actions/:id/followups',
    {
      config: { permission: P.actionsManage },
      schema: {
        tags,
        summary: 'Ask respondents who left contact whether they are satisfied',
        params: id,
        response: { 200: z.object({ created: z.number().int() }) },
      },
    },
    async (req) => services.actions.createFollowups(req.ctx, req.params.id),
  );

  app.get(
    '/participation/actions/:id/followups',
    {
      config: { permission: P.actionsManage },
      schema: {
        tags,
        summary: 'Follow-ups of an action item (contact masked)',
        params: id,
        response: { 200: z.object({ items: z.array(Followup) }) },
      },
    },
    async (req) => ({ items: await services.actions.listFollowups(req.ctx.actor, req.params.id) }),
  );
}
