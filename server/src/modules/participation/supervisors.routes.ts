import { z } from 'zod';
import {
  CreateTaskRequest,
  DrawCheck,
  DrawRequest,
  MyTask,
  PARTICIPATION_PERMISSIONS as P,
  SubmitScoreRequest,
  SupervisorApplication,
  SupervisorListQuery,
  TaskListQuery,
  SupervisorPage,
  Task,
  TaskSummary,
  VetRequest,
  VetResult,
} from '@zhicheng/contracts/participation';
import { readUpload } from '../../platform/http/upload.ts';
import type { ZodApp } from '../../platform/module.ts';
import type { ParticipationServices } from './participation.routes.ts';

const id = z.object({ id: z.uuid() });
const tags = ['participation'];

/** The 市民监督员 pool (public applications, vetting) and supervision tasks (panels, photos, scores). */
export function supervisorsRoutes(app: ZodApp, services: ParticipationServices) {
  app.post(
    '/participation/public/supervisor-applications',
    {
      config: { permission: 'public', rateLimit: { max: 10, windowSeconds: 600 } },
      schema: {
        tags,
        summary: 'Apply to be a citizen supervisor (市民监督员)',
        body: SupervisorApplication,
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await services.supervisors.apply(req.ctx, req.body)),
  );

  // ------------------------------------------------------------ supervisors
  app.get(
    '/participation/supervisors',
    {
      config: { permission: P.supervisorsManage },
      schema: {
        tags,
        summary: 'The supervisor pool of the user’s regions (name and phone masked)',
        querystring: SupervisorListQuery,
        response: { 200: SupervisorPage },
      },
    },
    async (req) => services.supervisors.list(req.ctx.actor, req.query),
  );

  app.post(
    '/participation/supervisors/:id/vet',
    {
      config: { permission: P.supervisorsManage },
      schema: {
        tags,
        summary: 'Approve (creates the account; password shown once) or reject an application',
        params: id,
        body: VetRequest,
        response: { 200: VetResult },
      },
    },
    async (req) => services.supervisors.vet(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/participation/tasks',
    {
      config: { permission: P.supervisorsManage },
      schema: {
        tags,
        summary: 'Supervision tasks in the user’s regions, or in one region and below',
        querystring: TaskListQuery,
        response: { 200: z.object({ items: z.array(TaskSummary) }) },
      },
    },
    async (req) => ({ items: await services.tasks.listTasks(req.ctx.actor, req.query) }),
  );

  app.post(
    '/participation/tasks',
    {
      config: { permission: P.supervisorsManage },
      schema: {
        tags,
        summary: 'Create a task: score a service or verify an indicator on site',
        body: CreateTaskRequest,
        response: { 201: Task },
      },
    },
    async (req, reply) => reply.status(201).send(await services.tasks.createTask(req.ctx, req.body)),
  );

  app.get(
    '/participation/tasks/:id',
    {
      config: { permission: P.supervisorsManage },
      schema: { tags, summary: 'A task with its panel, scores and agreement', params: id, response: { 200: Task } },
    },
    async (req) => services.tasks.getTask(req.ctx.actor, req.params.id),
  );

  app.post(
    '/participation/tasks/:id/draw',
    {
      config: { permission: P.supervisorsManage },
      schema: {
        tags,
        summary: 'Draw the panel (stratified random, quotas; the seed is recorded)',
        params: id,
        body: DrawRequest,
        response: { 200: Task },
      },
    },
    async (req) => services.tasks.draw(req.ctx, req.params.id, req.body.seed),
  );

  app.get(
    '/participation/tasks/:id/draw-check',
    {
      config: { permission: P.supervisorsManage },
      schema: { tags, summary: 'Re-run the recorded draw and compare', params: id, response: { 200: DrawCheck } },
    },
    async (req) => services.tasks.verifyDraw(req.ctx.actor, req.params.id),
  );

  app.get(
    '/participation/my/tasks',
    {
      config: { permission: P.tasksScore },
      schema: {
        tags,
        summary: 'The signed-in supervisor’s tasks',
        response: { 200: z.object({ items: z.array(MyTask) }) },
      },
    },
    async (req) => ({ items: await services.tasks.myTasks(req.ctx.actor) }),
  );

  app.post(
    '/participation/tasks/:id/photos',
    {
      config: { permission: P.tasksScore },
      schema: {
        tags,
        summary: 'Upload an on-site photo (jpg/png)',
        params: id,
        consumes: ['multipart/form-data'],
        response: { 201: z.object({ id: z.uuid(), count: z.number().int() }) },
      },
    },
    async (req, reply) => {
      const f = await readUpload(req, { maxBytes: 8 * 1024 * 1024, types: ['jpg', 'png'] });
      return reply.status(201).send(
        await services.tasks.addPhoto(req.ctx, req.params.id, {
          mime: f.type === 'png' ? 'image/png' : 'image/jpeg',
          data: f.data,
        }),
      );
    },
  );

  app.post(
    '/participation/tasks/:id/scores',
    {
      config: { permission: P.tasksScore },
      schema: {
        tags,
        summary: 'Submit the supervisor’s score (sent to assessment as participation.supervisor-score-submitted)',
        params: id,
        body: SubmitScoreRequest,
        response: { 201: z.object({ scoreId: z.uuid() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await services.tasks.submitScore(req.ctx, req.params.id, req.body)),
  );
}
