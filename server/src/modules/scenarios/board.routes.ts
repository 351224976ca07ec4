import {
  SCENARIOS_PERMISSIONS as P,
  Board,
  BoardQuery,
  CaseIdParams,
  CasePage,
  PublicCase,
  PublicSearchQuery,
  DrawInput,
  DrawResult,
  HeldDecision,
  HeldList,
  HeldOutcome,
  RecomputeResult,
  ReviewInput,
  ReviewParams,
  ReviewTask,
  ReviewTaskList,
  Round,
  RoundIdParams,
  RoundInput,
  RoundList,
  VoteInput,
  VoteReceipt,
  PhoneCodeInput,
  PhoneCodeSent,
  PhoneVerifyInput,
  VoterPhoneStatus,
} from '@zhicheng/contracts/scenarios';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodApp } from '../../platform/module.ts';
import type { ScenariosServices } from './services.ts';
import { newDeviceToken } from './votes.service.ts';

const tags = ['scenarios'];
/** The voting device's cookie: random, set by the server, kept only as an HMAC in the database. */
export const DEVICE_COOKIE = 'zc_device';

/** HTTP only: rounds, draws, reviews, held votes (staff); the board and voting (public). */
export function boardRoutes(app: ZodApp, s: ScenariosServices) {
  app.get(
    '/scenarios/rounds',
    { config: { permission: P.read }, schema: { tags, summary: 'Board rounds', response: { 200: RoundList } } },
    async (req) => s.board.rounds(req.ctx),
  );

  app.post(
    '/scenarios/rounds',
    {
      config: { permission: P.configure },
      schema: {
        tags,
        summary: 'Open a round with its weights (one at a time)',
        body: RoundInput,
        response: { 201: Round },
      },
    },
    async (req, reply) => reply.status(201).send(await s.board.createRound(req.ctx, req.body)),
  );

  app.post(
    '/scenarios/rounds/:id/close',
    {
      config: { permission: P.configure },
      schema: { tags, summary: 'Close a round and freeze its ranks', params: RoundIdParams, response: { 200: Round } },
    },
    async (req) => s.board.closeRound(req.ctx, req.params.id),
  );

  app.post(
    '/scenarios/rounds/:id/recompute',
    {
      config: { permission: P.configure },
      schema: {
        tags,
        summary: 'Recompute every standing of the round from scratch',
        params: RoundIdParams,
        response: { 200: RecomputeResult },
      },
    },
    async (req) => s.board.recomputeAs(req.ctx, req.params.id),
  );

  app.post(
    '/scenarios/rounds/:id/draws',
    {
      config: { permission: P.configure },
      schema: {
        tags,
        summary: 'Draw experts for cases (seeded, never from the case’s city)',
        params: RoundIdParams,
        body: DrawInput,
        response: { 200: DrawResult },
      },
    },
    async (req) => s.reviews.draw(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/scenarios/rounds/:id/held-votes',
    {
      config: { permission: P.configure },
      schema: { tags, summary: 'Votes held as bursts, by case', params: RoundIdParams, response: { 200: HeldList } },
    },
    async (req) => s.votes.held(req.ctx, req.params.id),
  );

  app.post(
    '/scenarios/rounds/:id/held-votes',
    {
      config: { permission: P.configure },
      schema: {
        tags,
        summary: 'Release (count) or reject a held burst',
        params: RoundIdParams,
        body: HeldDecision,
        response: { 200: HeldOutcome },
      },
    },
    async (req) => s.votes.decideHeld(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/scenarios/reviews/mine',
    {
      config: { permission: P.review },
      schema: { tags, summary: 'The cases I am drawn to review', response: { 200: ReviewTaskList } },
    },
    async (req) => s.reviews.mine(req.ctx),
  );

  app.put(
    '/scenarios/reviews/:roundId/:caseId',
    {
      config: { permission: P.review },
      schema: {
        tags,
        summary: 'Score a case I am drawn for (five criteria, 0–10)',
        params: ReviewParams,
        body: ReviewInput,
        response: { 200: ReviewTask },
      },
    },
    async (req) => s.reviews.score(req.ctx, req.params.roundId, req.params.caseId, req.body),
  );

  // ------------------------------------------------------------------------------------------ public

  app.get(
    '/scenarios/public/board',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'The board (overall, a domain’s or a city’s) with components, intervals, movement and why',
        querystring: BoardQuery,
        response: { 200: Board },
      },
    },
    async (req) => s.board.board(req.query),
  );

  app.get(
    '/scenarios/public/cases',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Search the cases on the board (Chinese words, domain, city, operating model)',
        querystring: PublicSearchQuery,
        response: { 200: CasePage },
      },
    },
    async (req) => s.cases.publicSearch(req.query),
  );

  app.get(
    '/scenarios/public/cases/:id',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'A case on the board with its standing and why',
        params: CaseIdParams,
        response: { 200: PublicCase },
      },
    },
    async (req) => ({
      ...(await s.cases.publicCase(req.params.id)),
      standing: await s.board.standingOf(req.params.id),
    }),
  );

  app.post(
    '/scenarios/public/cases/:id/vote',
    {
      config: { permission: 'public', rateLimit: { max: 30, windowSeconds: 60 } },
      schema: {
        tags,
        summary: 'Vote for a case on the board (one per device per round)',
        params: CaseIdParams,
        body: VoteInput,
        response: { 200: VoteReceipt },
      },
    },
    async (req, reply) => s.votes.vote(req.ctx, req.params.id, req.body.approve, deviceToken(req, reply)),
  );

  app.get(
    '/scenarios/public/phone',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: "This device's verified phone for voting (masked), if any",
        response: { 200: VoterPhoneStatus },
      },
    },
    async (req) => s.phones.status(validToken(req.cookies[DEVICE_COOKIE])),
  );

  app.post(
    '/scenarios/public/phone/code',
    {
      // Per address; per number the service allows one a minute and five a day.
      config: { permission: 'public', rateLimit: { max: 5, windowSeconds: 600 } },
      schema: {
        tags,
        summary: 'Send a verification code by text message, to verify a phone for voting (optional)',
        body: PhoneCodeInput,
        response: { 200: PhoneCodeSent },
      },
    },
    async (req) => s.phones.sendCode(req.body.phone),
  );

  app.post(
    '/scenarios/public/phone/verify',
    {
      config: { permission: 'public', rateLimit: { max: 20, windowSeconds: 600 } },
      schema: {
        tags,
        summary: "Bind this device to a phone with the code sent to it: the device's votes count once per phone",
        body: PhoneVerifyInput,
        response: { 200: VoterPhoneStatus },
      },
    },
    async (req, reply) => s.phones.verify(req.body.phone, req.body.code, deviceToken(req, reply)),
  );
}

const validToken = (t: string | undefined) => (t && /^[A-Za-z0-9_-]{22,64}$/.test(t) ? t : undefined);

/** The device's random cookie (votes and a verified phone hang on it), given to a device that has none. */
function deviceToken(req: FastifyRequest, reply: FastifyReply): string {
  let token = validToken(req.cookies[DEVICE_COOKIE]);
  if (!token) {
    // randomUUID draws from a buffered batch, not one system call per new device.
    token = newDeviceToken(new Date());
    reply.setCookie(DEVICE_COOKIE, token, {
      path: '/api/v1/scenarios/public',
      httpOnly: true,
      sameSite: 'lax',
      maxAge: 400 * 86_400,
    });
  }
  return token;
}
