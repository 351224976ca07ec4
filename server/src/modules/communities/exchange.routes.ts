import {
  COMMUNITIES_PERMISSIONS as P,
  AdjustRound,
  AgreeMatch,
  Agreement,
  CommunityCode,
  InstallMatch,
  InstallResult,
  LinkProvider,
  Outcomes,
  OutcomesQuery,
  Provider,
  ProviderPortal,
  StopMatch,
  Suggestions,
  SuggestionsQuery,
  Board,
  BoardQuery,
  CreateNeed,
  CreateOffer,
  Need,
  Offer,
  Round,
  RunRound,
} from '@zhicheng/contracts/communities';
import { z } from 'zod';
import type { ZodApp } from '../../platform/module.ts';
import type { AgreementsService } from './agreements.service.ts';
import type { ExchangeService } from './exchange.service.ts';
import type { RoundsService } from './rounds.service.ts';

const tags = ['communities'];
const Id = z.object({ id: z.uuid() });

/** HTTP only: the schema, the permission, one service call. */
export function exchangeRoutes(
  app: ZodApp,
  exchange: ExchangeService,
  rounds: RoundsService,
  agreements: AgreementsService,
) {
  app.get(
    '/communities/exchange/board',
    {
      config: { permission: P.exchangeRead },
      schema: {
        tags,
        summary: 'A county’s exchange board: needs, offers, rounds',
        querystring: BoardQuery,
        response: { 200: Board },
      },
    },
    async (req) => exchange.board(req.ctx, req.query.county),
  );
  app.post(
    '/communities/exchange/offers',
    {
      config: { permission: P.exchangeOffer },
      schema: {
        tags,
        summary: 'Offer a facility to counties (enterprise)',
        body: CreateOffer,
        response: { 201: Offer },
      },
    },
    async (req, reply) => reply.status(201).send(await exchange.createOffer(req.ctx, req.body)),
  );
  app.post(
    '/communities/exchange/needs',
    {
      config: { permission: P.selfReport },
      schema: { tags, summary: 'Post a community’s need for a facility', body: CreateNeed, response: { 201: Need } },
    },
    async (req, reply) => reply.status(201).send(await exchange.createNeed(req.ctx, req.body)),
  );
  app.post(
    '/communities/exchange/rounds',
    {
      config: { permission: P.exchangeRun },
      schema: {
        tags,
        summary: 'Run a county’s matching round (HiGHS); a proposal with reasons',
        body: RunRound,
        response: { 201: Round },
      },
    },
    async (req, reply) => reply.status(201).send(await rounds.run(req.ctx, req.body)),
  );
  app.get(
    '/communities/exchange/rounds/:id',
    {
      config: { permission: P.exchangeRead },
      schema: { tags, summary: 'A matching round with its pairs and reasons', params: Id, response: { 200: Round } },
    },
    async (req) => rounds.round(req.ctx, req.params.id),
  );
  app.post(
    '/communities/exchange/rounds/:id/confirm',
    {
      config: { permission: P.exchangeConfirm },
      schema: {
        tags,
        summary: 'Confirm a proposed round (not by whoever ran it)',
        params: Id,
        response: { 200: Round },
      },
    },
    async (req) => rounds.confirm(req.ctx, req.params.id),
  );
  app.post(
    '/communities/exchange/rounds/:id/adjustments',
    {
      config: { permission: P.exchangeRun },
      schema: {
        tags,
        summary: 'Adjust a proposed round: drop a pair or reassign a need to another eligible offer, with a reason',
        description:
          'Before confirmation only. A reassignment must keep the facility, the county served, the offer’s capacity, the provider share cap and the dishonesty bar; otherwise 422 naming the field (needId, offerId, pairId). Whoever adjusts a round cannot confirm it.',
        params: Id,
        body: AdjustRound,
        response: { 200: Round },
      },
    },
    async (req) => rounds.adjust(req.ctx, req.params.id, req.body),
  );
  app.put(
    '/communities/exchange/provider',
    {
      config: { permission: P.exchangeOffer },
      schema: {
        tags,
        summary: 'Link the account’s organisation to its provider entry in the directory (by credit code)',
        body: LinkProvider,
        response: { 200: Provider },
      },
    },
    async (req) => exchange.linkProvider(req.ctx, req.body),
  );
  app.get(
    '/communities/exchange/portal',
    {
      config: { permission: P.exchangeOffer },
      schema: {
        tags,
        summary: 'Provider portal: own link, offers and agreements',
        response: { 200: ProviderPortal },
      },
    },
    async (req) => agreements.portal(req.ctx),
  );
  app.post(
    '/communities/exchange/pairs/:id/agree',
    {
      config: { permission: P.exchangeOffer },
      schema: {
        tags,
        summary: 'The provider agrees to (or declines) a confirmed pair of its own offer',
        params: Id,
        body: AgreeMatch,
        response: { 200: Agreement },
      },
    },
    async (req) => agreements.agree(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/communities/exchange/pairs/:id/install',
    {
      config: { permission: P.selfReport },
      schema: {
        tags,
        summary: 'Record the facility installed (落地); residents get a satisfaction follow-up',
        params: Id,
        body: InstallMatch,
        response: { 200: InstallResult },
      },
    },
    async (req) => agreements.install(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/communities/exchange/pairs/:id/stop',
    {
      config: { permission: P.selfReport },
      schema: {
        tags,
        summary: 'Record that the service stopped running',
        params: Id,
        body: StopMatch,
        response: { 200: Agreement },
      },
    },
    async (req) => agreements.stop(req.ctx, req.params.id, req.body),
  );
  app.get(
    '/communities/exchange/pairs',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'A community’s pairs and how far each got',
        querystring: z.object({ community: CommunityCode }),
        response: { 200: z.array(Agreement) },
      },
    },
    async (req) => agreements.ofCommunity(req.ctx, req.query.community),
  );
  app.get(
    '/communities/exchange/suggestions',
    {
      config: { permission: P.selfReport },
      schema: {
        tags,
        summary: 'Facilities suggested from the county’s 问需于民 demand topics',
        querystring: SuggestionsQuery,
        response: { 200: Suggestions },
      },
    },
    async (req) => agreements.suggestions(req.ctx, req.query.community),
  );
  app.get(
    '/communities/exchange/outcomes',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Public outcomes: fill rate, days to installation, satisfaction, still running after a year',
        querystring: OutcomesQuery,
        response: { 200: Outcomes },
      },
    },
    async (req) => agreements.outcomes(req.query.region),
  );
}
