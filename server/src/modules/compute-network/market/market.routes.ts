import { z } from 'zod';
import { pageOf } from '@zhicheng/contracts';
import {
  COMPUTE_PERMISSIONS as P,
  Offer,
  OfferInput,
  OfferSearch,
  OfferStatus,
  Order,
  OrderAction,
  OrderInput,
  OrderListQuery,
  RankResult,
  Throughput,
  Usage,
  UsageInput,
  Workload,
  MeteringInput,
} from '@zhicheng/contracts/compute-network';
import type { ZodApp } from '../../../platform/module.ts';
import type { OffersService } from './offers.service.ts';
import type { OrdersService } from './orders.service.ts';

const tags = ['compute-network'];
const Id = z.object({ id: z.uuid() });

/** HTTP only: the supermarket's offers, ranking, throughput table and orders. */
export function marketRoutes(app: ZodApp, offers: OffersService, orders: OrdersService): void {
  app.get(
    '/compute/market/offers',
    {
      config: { permission: P.market },
      schema: {
        tags,
        summary: 'Search offers (buyers: published and current; an operator may list its own withdrawn ones)',
        querystring: OfferSearch,
        response: { 200: pageOf(Offer) },
      },
    },
    async (req) => offers.search(req.ctx, req.query),
  );

  app.get(
    '/compute/market/offers/:id',
    {
      config: { permission: P.market },
      schema: { tags, summary: 'One offer', params: Id, response: { 200: Offer } },
    },
    async (req) => offers.get(req.ctx, req.params.id),
  );

  app.post(
    '/compute/market/offers',
    {
      config: { permission: P.offer },
      schema: {
        tags,
        summary: 'Publish an offer (never more cards than the registry and latest report say are free)',
        body: OfferInput,
        response: { 201: Offer },
      },
    },
    async (req, reply) => reply.status(201).send(await offers.publish(req.ctx, req.body)),
  );

  app.put(
    '/compute/market/offers/:id',
    {
      config: { permission: P.offer },
      schema: {
        tags,
        summary: 'Edit or withdraw an offer',
        params: Id,
        body: OfferInput.and(z.object({ status: OfferStatus.optional() })),
        response: { 200: Offer },
      },
    },
    async (req) => offers.update(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/compute/market/rank',
    {
      config: { permission: P.market },
      schema: {
        tags,
        summary: 'Offers ranked by effective cost for a described workload (price ÷ throughput)',
        body: Workload,
        response: { 200: RankResult },
      },
    },
    async (req) => offers.rank(req.ctx, req.body),
  );

  app.get(
    '/compute/market/throughputs',
    {
      config: { permission: P.market },
      schema: {
        tags,
        summary: "The province's workload × accelerator throughput table (steps per second)",
        querystring: z.object({ family: z.string().max(128).optional() }),
        response: { 200: z.object({ items: z.array(Throughput), families: z.array(z.string()) }) },
      },
    },
    async (req) => offers.throughputs(req.ctx, req.query.family),
  );

  app.put(
    '/compute/market/throughputs',
    {
      config: { permission: P.manage },
      schema: { tags, summary: 'Add or correct a throughput figure', body: Throughput, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await offers.saveThroughput(req.ctx, req.body);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/compute/market/orders',
    {
      config: { permission: P.market },
      schema: {
        tags,
        summary: 'Orders the caller may see (buyer: its own; centre: on its centres; bureau: in its scope)',
        querystring: OrderListQuery,
        response: { 200: pageOf(Order) },
      },
    },
    async (req) => orders.list(req.ctx, req.query),
  );

  app.post(
    '/compute/market/orders',
    {
      config: { permission: P.order },
      schema: { tags, summary: 'Request an order on an offer', body: OrderInput, response: { 201: Order } },
    },
    async (req, reply) => reply.status(201).send(await orders.place(req.ctx, req.body)),
  );

  app.get(
    '/compute/market/orders/:id',
    {
      config: { permission: P.market },
      schema: { tags, summary: 'One order with its history', params: Id, response: { 200: Order } },
    },
    async (req) => orders.get(req.ctx, req.params.id),
  );

  app.post(
    '/compute/market/orders/:id/actions',
    {
      config: { permission: P.market },
      schema: {
        tags,
        summary: 'Move an order on: confirm, reject, start, bill (centre); cancel, pay (buyer)',
        params: Id,
        body: OrderAction,
        response: { 200: Order },
      },
    },
    async (req) => orders.act(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/compute/market/orders/:id/usage',
    {
      config: { permission: P.market },
      schema: { tags, summary: 'Metered usage of an order', params: Id, response: { 200: z.array(Usage) } },
    },
    async (req) => orders.usage(req.ctx, req.params.id),
  );

  app.post(
    '/compute/market/orders/:id/usage',
    {
      config: { permission: P.offer },
      schema: {
        tags,
        summary: 'Record metered card-hours (the centre, from its API or metrics)',
        params: Id,
        body: UsageInput,
        response: { 201: Order },
      },
    },
    async (req, reply) => reply.status(201).send(await orders.recordUsage(req.ctx, req.params.id, req.body)),
  );

  app.post(
    '/compute/market/orders/:id/usage/metered',
    {
      config: { permission: P.offer },
      schema: {
        tags,
        summary:
          "Meter card-hours from the centre's remote-write metrics (series labelled zc_order = the order number)",
        params: Id,
        body: MeteringInput,
        response: { 201: Order },
      },
    },
    async (req, reply) => reply.status(201).send(await orders.meterFromMetrics(req.ctx, req.params.id, req.body)),
  );
}
