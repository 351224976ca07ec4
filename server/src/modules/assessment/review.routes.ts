import { z } from 'zod';
import {
  ASSESSMENT_PERMISSIONS as P,
  AssessmentReasonRequest,
  AssessmentSubmission,
  BulkApproveRequest,
  BulkApproveResponse,
  CoevalScoreRequest,
  CoevalScoreResponse,
  ObjectionRequest,
  ResolveObjectionRequest,
  ReviewScoreRequest,
  ReviewTask,
} from '@zhicheng/contracts/assessment';
import type { ZodApp } from '../../platform/module.ts';
import type { CoEvaluationService } from './coevaluation.service.ts';
import type { ReviewService } from './review.service.ts';

const tags = ['assessment'];
const id = z.object({ id: z.uuid() });

/** Approval, sending back, expert review, co-evaluation and objections: HTTP only. */
export function reviewRoutes(app: ZodApp, review: ReviewService, coevaluation: CoEvaluationService) {
  app.post(
    '/assessment/submissions/:id/approve',
    {
      config: { permission: P.submissionApprove },
      schema: {
        tags,
        summary: 'Approve one step (city, then province)',
        params: id,
        response: { 200: AssessmentSubmission },
      },
    },
    async (req) => review.approve(req.ctx, req.params.id),
  );

  app.post(
    '/assessment/campaigns/:id/approve-bulk',
    {
      config: { permission: P.submissionApprove },
      schema: {
        tags,
        summary: 'Approve several regions; each is checked on its own',
        params: id,
        body: BulkApproveRequest,
        response: { 200: BulkApproveResponse },
      },
    },
    async (req) => review.bulkApprove(req.ctx, req.params.id, req.body.regionCodes),
  );

  app.post(
    '/assessment/submissions/:id/send-back',
    {
      config: { permission: P.submissionReturn },
      schema: {
        tags,
        summary: 'Send back with a reason',
        params: id,
        body: AssessmentReasonRequest,
        response: { 200: AssessmentSubmission },
      },
    },
    async (req) => review.sendBack(req.ctx, req.params.id, req.body.reason),
  );

  app.get(
    '/assessment/reviews',
    {
      config: { permission: P.reviewScore },
      schema: { tags, summary: 'My review tasks (blind)', response: { 200: z.object({ items: z.array(ReviewTask) }) } },
    },
    async (req) => review.myReviews(req.ctx),
  );

  app.get(
    '/assessment/reviews/:id',
    {
      config: { permission: P.reviewScore },
      schema: { tags, summary: 'One review task', params: id, response: { 200: ReviewTask } },
    },
    async (req) => review.task(req.ctx, req.params.id),
  );

  app.post(
    '/assessment/reviews/:id/score',
    {
      config: { permission: P.reviewScore },
      schema: {
        tags,
        summary: 'Score a submission (0–100)',
        params: id,
        body: ReviewScoreRequest,
        response: { 200: ReviewTask },
      },
    },
    async (req) => review.score(req.ctx, req.params.id, req.body.score, req.body.comment),
  );

  app.post(
    '/assessment/submissions/:id/co-evaluation',
    {
      config: { permission: P.coevalScore },
      schema: {
        tags,
        summary: 'A citizen supervisor’s or media member’s co-evaluation score',
        params: id,
        body: CoevalScoreRequest,
        response: { 201: CoevalScoreResponse },
      },
    },
    async (req, reply) => reply.status(201).send(await coevaluation.score(req.ctx, req.params.id, req.body)),
  );

  app.post(
    '/assessment/submissions/:id/objections',
    {
      config: { permission: 'authenticated', rateLimit: { max: 10, windowSeconds: 3600 } },
      schema: {
        tags,
        summary: 'Raise an objection during the public notice',
        params: id,
        body: ObjectionRequest,
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await coevaluation.fileObjection(req.ctx, req.params.id, req.body.text)),
  );

  app.post(
    '/assessment/objections/:id/resolve',
    {
      config: { permission: P.campaignManage },
      schema: {
        tags,
        summary: 'Resolve an objection',
        params: id,
        body: ResolveObjectionRequest,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await coevaluation.resolveObjection(req.ctx, req.params.id, req.body.resolution);
      return reply.status(204).send(null);
    },
  );
}
