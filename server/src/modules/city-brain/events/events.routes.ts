import { z } from 'zod';
import {
  CITY_BRAIN_PERMISSIONS as P,
  CityEvent,
  CityEventDetail,
  DispatchInput,
  EvaluateInput,
  EventInput,
  EventPage,
  EventQuery,
  EventStatistics,
  FeedbackInput,
  IdParam,
  RegisterInput,
  VerifyInput,
} from '@zhicheng/contracts/city-brain';
import { RegionCode } from '@zhicheng/contracts';
import type { ZodApp } from '../../../platform/module.ts';
import type { EventsService } from './events.service.ts';

const tags = ['city-brain'];

/** HTTP only: the event desk (事件流转闭环). */
export function eventRoutes(app: ZodApp, events: EventsService) {
  app.get(
    '/city-brain/events',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Events in the caller’s regions: filter by status, category, overdue; search',
        querystring: EventQuery,
        response: { 200: EventPage },
      },
    },
    async (req) => events.list(req.ctx, req.query),
  );

  app.get(
    '/city-brain/events/statistics',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'On-time and closure rates by city and by category',
        querystring: z.object({ region: RegionCode.optional() }),
        response: { 200: EventStatistics },
      },
    },
    async (req) => events.statistics(req.ctx, req.query.region),
  );

  app.post(
    '/city-brain/events',
    {
      config: { permission: P.handleEvents },
      schema: { tags, summary: 'Raise an event at a desk (上报)', body: EventInput, response: { 201: CityEvent } },
    },
    async (req, reply) => reply.status(201).send(await events.raise(req.ctx, req.body)),
  );

  app.get(
    '/city-brain/events/:id',
    {
      config: { permission: P.read },
      schema: { tags, summary: 'One event with its full history', params: IdParam, response: { 200: CityEventDetail } },
    },
    async (req) => events.get(req.ctx, req.params.id),
  );

  const step = <B extends z.ZodType>(
    path: string,
    permission: (typeof P)[keyof typeof P],
    summary: string,
    body: B,
    run: (ctx: Parameters<EventsService['get']>[0], id: string, b: z.infer<B>) => Promise<CityEventDetail>,
  ) =>
    app.post(
      `/city-brain/events/:id/${path}`,
      {
        config: { permission },
        schema: { tags, summary, params: IdParam, body, response: { 200: CityEventDetail } },
      },
      async (req) => run(req.ctx, (req.params as { id: string }).id, req.body as z.infer<B>),
    );

  step('register', P.handleEvents, '立案 (accept: true) or 不予立案', RegisterInput, (c, id, b) =>
    events.register(c, id, b),
  );
  step('dispatch', P.handleEvents, '派遣 to a region and department (again: 转派)', DispatchInput, (c, id, b) =>
    events.dispatch(c, id, b),
  );
  step('feedback', P.handleEvents, '处置 / 反馈 typed at a desk', FeedbackInput, (c, id, b) =>
    events.feedback(c, id, b),
  );
  step(
    'verify',
    P.verifyEvents,
    '核查结案 (passed) or 返工; not by who registered or dispatched it',
    VerifyInput,
    (c, id, b) => events.verify(c, id, b),
  );
  step('evaluate', P.verifyEvents, '评价 (1–5)', EvaluateInput, (c, id, b) => events.evaluate(c, id, b));
}
