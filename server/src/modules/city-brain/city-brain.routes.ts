import {
  CITY_BRAIN_PERMISSIONS as P,
  IdParam,
  IssuedCredentials,
  SubPlatform,
  SubPlatformInput,
  SubPlatformPage,
  SubPlatformPatch,
  SubPlatformQuery,
} from '@zhicheng/contracts/city-brain';
import type { ZodApp } from '../../platform/module.ts';
import type { RegistryService } from './registry.service.ts';

const tags = ['city-brain'];

/** HTTP only: the schema, the permission, one service call. */
export function cityBrainRoutes(app: ZodApp, s: { registry: RegistryService }) {
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
}
