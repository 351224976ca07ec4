import { z } from 'zod';
import {
  CITY_BRAIN_PERMISSIONS as P,
  AuthorizationExport,
  DeadLetterPage,
  DeadLetterQuery,
  DownMessageInput,
  ExchangeStatus,
  OutboundMessage,
  OutboundPage,
  OutboundQuery,
  VitalSignLatest,
  IdParam,
  IssuedCredentials,
  SubPlatform,
  SubPlatformInput,
  SubPlatformPage,
  SubPlatformPatch,
  SubPlatformQuery,
} from '@zhicheng/contracts/city-brain';
import type { ZodApp } from '../../platform/module.ts';
import type { ExchangeService } from './exchange/exchange.service.ts';
import type { RegistryService } from './registry.service.ts';

const tags = ['city-brain'];

/** HTTP only: the schema, the permission, one service call. */
export function cityBrainRoutes(app: ZodApp, s: { registry: RegistryService; exchange: ExchangeService }) {
  app.get(
    '/city-brain/sub-platforms',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Sub-platforms (city brains, domain platforms) in the caller’s regions: search, filter, paged',
        querystring: SubPlatformQuery,
        response: { 200: SubPlatformPage },
      },
    },
    async (req) => s.registry.list(req.ctx, req.query),
  );

  app.post(
    '/city-brain/sub-platforms',
    {
      config: { permission: P.manage },
      schema: {
        tags,
        summary: 'Register a city brain (at a city) or a domain sub-platform',
        body: SubPlatformInput,
        response: { 201: SubPlatform },
      },
    },
    async (req, reply) => reply.status(201).send(await s.registry.create(req.ctx, req.body)),
  );

  app.get(
    '/city-brain/sub-platforms/:id',
    {
      config: { permission: P.read },
      schema: { tags, summary: 'One sub-platform with its link', params: IdParam, response: { 200: SubPlatform } },
    },
    async (req) => s.registry.get(req.ctx, req.params.id),
  );

  app.patch(
    '/city-brain/sub-platforms/:id',
    {
      config: { permission: P.manage },
      schema: {
        tags,
        summary: 'Change a sub-platform’s owner, contact, name or message kinds',
        params: IdParam,
        body: SubPlatformPatch,
        response: { 200: SubPlatform },
      },
    },
    async (req) => s.registry.update(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/city-brain/sub-platforms/:id/credentials',
    {
      config: { permission: P.manage },
      schema: {
        tags,
        summary: 'Issue a new NATS user key (the seed is shown once; the previous key stops working)',
        params: IdParam,
        response: { 201: IssuedCredentials },
      },
    },
    async (req, reply) => reply.status(201).send(await s.registry.issueCredentials(req.ctx, req.params.id)),
  );

  app.get(
    '/city-brain/sub-platforms/:id/vital-signs',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'The latest value of each vital sign (城市体征) the sub-platform reported',
        params: IdParam,
        response: { 200: z.array(VitalSignLatest) },
      },
    },
    async (req) => s.exchange.vitalSigns(req.ctx, req.params.id),
  );

  app.get(
    '/city-brain/sub-platforms/:id/messages',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Tasks, notices and alerts sent down to the sub-platform, newest first',
        params: IdParam,
        querystring: OutboundQuery,
        response: { 200: OutboundPage },
      },
    },
    async (req) => s.exchange.outbound(req.ctx, req.params.id, req.query),
  );

  app.post(
    '/city-brain/sub-platforms/:id/messages',
    {
      config: { permission: P.manage },
      schema: {
        tags,
        summary: 'Send a task, notice or alert down (delivered when the sub-platform’s link is up)',
        params: IdParam,
        body: DownMessageInput,
        response: { 201: OutboundMessage },
      },
    },
    async (req, reply) => reply.status(201).send(await s.exchange.send(req.ctx, req.params.id, req.body)),
  );

  app.get(
    '/city-brain/exchange',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'The exchange: connected or not, messages waiting for intake, dead letters, undelivered messages',
        response: { 200: ExchangeStatus },
      },
    },
    async (req) => s.exchange.status(req.ctx),
  );

  app.get(
    '/city-brain/exchange/authorization',
    {
      config: { permission: P.manage },
      schema: {
        tags,
        summary:
          'The NATS authorization block (hub and sub-platform logins as bcrypt hashes, each city limited to its own subjects) for a hub nats-server run by someone else',
        response: { 200: AuthorizationExport },
      },
    },
    async (req) => s.exchange.authorizationBlock(req.ctx),
  );

  app.get(
    '/city-brain/dead-letters',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Refused upward messages with the reason (a city sees its own)',
        querystring: DeadLetterQuery,
        response: { 200: DeadLetterPage },
      },
    },
    async (req) => s.exchange.deadLetters(req.ctx, req.query),
  );
}
