import {
  COMMUNITIES_PERMISSIONS as P,
  Community,
  CommunityCode,
  CommunityPage,
  CommunityQuery,
  Coverage,
  CoverageQuery,
  RegisterCommunity,
  UniverseList,
  UniverseQuery,
  UpdateCommunity,
} from '@zhicheng/contracts/communities';
import { z } from 'zod';
import type { ZodApp } from '../../platform/module.ts';
import type { RegistryService } from './registry.service.ts';

const tags = ['communities'];
const CodeParams = z.object({ code: CommunityCode });

/** HTTP only: the schema, the permission, one service call. */
export function registryRoutes(app: ZodApp, registry: RegistryService) {
  app.get(
    '/communities/registry',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Registered communities in the caller’s regions (search, tier filter, paged)',
        querystring: CommunityQuery,
        response: { 200: CommunityPage },
      },
    },
    async (req) => registry.list(req.ctx, req.query),
  );

  app.post(
    '/communities/registry',
    {
      config: { permission: P.manage },
      schema: {
        tags,
        summary: 'Register a village-level unit of the national list as a community of one’s county',
        body: RegisterCommunity,
        response: { 201: Community },
      },
    },
    async (req, reply) => reply.status(201).send(await registry.register(req.ctx, req.body)),
  );

  app.get(
    '/communities/registry/:code',
    {
      config: { permission: P.read },
      schema: { tags, summary: 'One community (contact masked)', params: CodeParams, response: { 200: Community } },
    },
    async (req) => registry.get(req.ctx, req.params.code),
  );

  app.patch(
    '/communities/registry/:code',
    {
      config: { permission: P.selfReport },
      schema: {
        tags,
        summary: 'Update a community’s figures (its county, or its own community worker)',
        params: CodeParams,
        body: UpdateCommunity,
        response: { 200: Community },
      },
    },
    async (req) => registry.update(req.ctx, req.params.code, req.body),
  );

  app.get(
    '/communities/universe',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'A county’s village-level units in the national list, registered or not',
        querystring: UniverseQuery,
        response: { 200: UniverseList },
      },
    },
    async (req) => registry.universeOf(req.ctx, req.query),
  );

  app.get(
    '/communities/coverage',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Smart communities per county against all units of the national list, with the targets',
        querystring: CoverageQuery,
        response: { 200: Coverage },
      },
    },
    async (req) => registry.coverage(req.ctx, req.query.region),
  );
}
