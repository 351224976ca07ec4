import { z } from 'zod';
import {
  Booking,
  BookingInput,
  CentreApplication,
  CentreApplicationInput,
  CentreAvailability,
  CentreDecisionInput,
  CentreReportInput,
  CentreReview,
  CentreRound,
  CentreRoundDetail,
  CentreRoundInput,
  CentreScoreInput,
  DIRECTORY_PERMISSIONS as P,
  PublicCentre,
} from '@zhicheng/contracts/directory';
import type { ZodApp } from '../../platform/module.ts';
import type { CentresService } from './centres.service.ts';

const tags = ['directory'];
const id = z.object({ id: z.uuid() });

/** 科普展示中心: HTTP only. */
export function centresRoutes(app: ZodApp, centres: CentresService) {
  app.get(
    '/directory/centre-rounds',
    {
      config: { permission: P.centreRead },
      schema: { tags, summary: '科普中心 selection rounds', response: { 200: z.array(CentreRound) } },
    },
    async (req) => centres.rounds(req.ctx),
  );

  app.post(
    '/directory/centre-rounds',
    {
      config: { permission: P.centreManage },
      schema: {
        tags,
        summary: 'Open a yearly selection round (province)',
        body: CentreRoundInput,
        response: { 201: CentreRoundDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await centres.createRound(req.ctx, req.body)),
  );

  app.get(
    '/directory/centre-rounds/:id',
    {
      config: { permission: P.centreRead },
      schema: {
        tags,
        summary: 'A round with the applications in the caller’s regions',
        params: id,
        response: { 200: CentreRoundDetail },
      },
    },
    async (req) => centres.round(req.ctx, req.params.id),
  );

  app.post(
    '/directory/centre-rounds/:id/applications',
    {
      config: { permission: P.centreApply },
      schema: {
        tags,
        summary: 'A city applies for one of its centres while the round is open',
        params: id,
        body: CentreApplicationInput,
        response: { 201: CentreApplication },
      },
    },
    async (req, reply) => reply.status(201).send(await centres.apply(req.ctx, req.params.id, req.body)),
  );

  app.get(
    '/directory/centre-applications/:id',
    {
      config: { permission: P.centreRead },
      schema: {
        tags,
        summary: 'One application or certified centre',
        params: id,
        response: { 200: CentreApplication },
      },
    },
    async (req) => centres.application(req.ctx, req.params.id),
  );

  app.post(
    '/directory/centre-applications/:id/draw',
    {
      config: { permission: P.centreManage },
      schema: {
        tags,
        summary: 'Draw the reviewing experts (science popularisation, invite mode; public record of the draw)',
        params: id,
        response: { 200: CentreApplication },
      },
    },
    async (req) => centres.drawExperts(req.ctx, req.params.id),
  );

  app.post(
    '/directory/centre-applications/:id/decision',
    {
      config: { permission: P.centreDecide },
      schema: {
        tags,
        summary: 'Certify (授牌) or reject a scored application; not by whoever applied or drew',
        params: id,
        body: CentreDecisionInput,
        response: { 200: CentreApplication },
      },
    },
    async (req) => centres.decide(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/directory/centre-applications/:id/certificate',
    {
      config: { permission: P.centreRead },
      schema: { tags, summary: 'The 授牌 certificate as a printable PDF', params: id },
    },
    async (req, reply) => {
      const { pdf, filename } = await centres.certificate(req.ctx, req.params.id);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${filename}"`)
        .send(pdf);
    },
  );

  app.post(
    '/directory/centre-applications/:id/reports',
    {
      config: { permission: P.centreApply },
      schema: {
        tags,
        summary: 'Report a certified centre’s quarter: visitors and events',
        params: id,
        body: CentreReportInput,
        response: { 201: CentreApplication },
      },
    },
    async (req, reply) => reply.status(201).send(await centres.report(req.ctx, req.params.id, req.body)),
  );

  app.get(
    '/directory/centre-applications/:id/bookings',
    {
      config: { permission: P.centreRead },
      schema: {
        tags,
        summary: 'Coming bookings of a centre (booker masked)',
        params: id,
        response: { 200: z.array(Booking) },
      },
    },
    async (req) => centres.bookings(req.ctx, req.params.id),
  );

  // ------------------------------------------------------------ the drawn expert
  app.get(
    '/directory/centre-reviews',
    {
      config: { permission: P.centreScore },
      schema: { tags, summary: 'Applications I accepted to review', response: { 200: z.array(CentreReview) } },
    },
    async (req) => centres.reviews(req.ctx),
  );

  app.post(
    '/directory/centre-reviews/:id',
    {
      config: { permission: P.centreScore },
      schema: {
        tags,
        summary: 'Score an application I accepted to review (once)',
        params: id,
        body: CentreScoreInput,
        response: { 200: z.array(CentreReview) },
      },
    },
    async (req) => centres.score(req.ctx, req.params.id, req.body),
  );

  // ------------------------------------------------------------ public
  app.get(
    '/directory/public/centres',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Certified centres for the public map (opening hours, booking)',
        response: { 200: z.array(PublicCentre) },
      },
    },
    async () => centres.publicCentres(),
  );

  app.get(
    '/directory/public/centres/:id/availability',
    {
      config: { permission: 'public', rateLimit: { max: 120, windowSeconds: 60 } },
      schema: {
        tags,
        summary: 'Places left per half-day over the bookable days',
        params: id,
        response: { 200: CentreAvailability },
      },
    },
    async (req) => centres.availability(req.params.id),
  );

  app.post(
    '/directory/public/centres/:id/bookings',
    {
      config: { permission: 'public', rateLimit: { max: 5, windowSeconds: 600 } },
      schema: {
        tags,
        summary: 'Book a visit (name and phone sealed at rest, shown masked)',
        params: id,
        body: BookingInput,
        response: { 201: Booking },
      },
    },
    async (req, reply) => reply.status(201).send(await centres.book(req.ctx, req.params.id, req.body)),
  );
}
