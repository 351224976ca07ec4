import {
  COMMUNITIES_PERMISSIONS as P,
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
import type { ExchangeService } from './exchange.service.ts';

const tags = ['communities'];
const Id = z.object({ id: z.uuid() });

/** HTTP only: the schema, the permission, one service call. */
export function exchangeRoutes(app: ZodApp, exchange: ExchangeService) {
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
    async (req, reply) => reply.status(201).send(await exchange.run(req.ctx, req.body)),
  );
  app.get(
    '/communities/exchange/rounds/:id',
    {
      config: { permission: P.exchangeRead },
      schema: { tags, summary: 'A matching round with its pairs and reasons', params: Id, response: { 200: Round } },
    },
    async (req) => exchange.round(req.ctx, req.params.id),
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
    async (req) => exchange.confirm(req.ctx, req.params.id),
  );
}
