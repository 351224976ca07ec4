import { z } from 'zod';
import { pageOf } from '@zhicheng/contracts';
import {
  COMPUTE_PERMISSIONS as P,
  DataCentre,
  DataCentreInput,
  DataCentreListQuery,
  DataCentreSummary,
  DeviceModel,
  Zone,
  ZoneInput,
} from '@zhicheng/contracts/compute-network';
import type { ZodApp } from '../../../platform/module.ts';
import type { RegistryService } from './registry.service.ts';

const tags = ['compute-network'];
const Id = z.object({ id: z.uuid() });

/** HTTP only: the catalogue, the zone layout, the data-centre registry. */
export function registryRoutes(app: ZodApp, registry: RegistryService): void {
  app.get(
    '/compute/models',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Device model catalogue with vendor peak FLOPS per precision',
        response: { 200: z.object({ items: z.array(DeviceModel) }) },
      },
    },
    async () => ({ items: await registry.listModels() }),
  );

  app.put(
    '/compute/models/:id',
    {
      config: { permission: P.manage },
      schema: {
        tags,
        summary: 'Add or correct a device model',
        params: z.object({ id: z.string().regex(/^[a-z0-9-]{2,64}$/) }),
        body: DeviceModel.omit({ id: true }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await registry.saveModel(req.ctx, { ...req.body, id: req.params.id });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/compute/zones',
    {
      config: { permission: P.read },
      schema: { tags, summary: 'The "2+5+N" zone layout', response: { 200: z.object({ items: z.array(Zone) }) } },
    },
    async () => ({ items: await registry.listZones() }),
  );

  app.post(
    '/compute/zones',
    {
      config: { permission: P.manage },
      schema: { tags, summary: 'Create a zone', body: ZoneInput, response: { 201: Zone } },
    },
    async (req, reply) => reply.status(201).send(await registry.saveZone(req.ctx, null, req.body)),
  );

  app.put(
    '/compute/zones/:id',
    {
      config: { permission: P.manage },
      schema: {
        tags,
        summary: 'Edit a zone (type, counties covered)',
        params: Id,
        body: ZoneInput,
        response: { 200: Zone },
      },
    },
    async (req) => registry.saveZone(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/compute/operators',
    {
      config: { permission: P.manage },
      schema: {
        tags,
        summary: 'Organisations that operate data centres (for the registry form)',
        response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) }) },
      },
    },
    async () => ({ items: (await registry.operatorOrganisations()).map((o) => ({ id: o.id, name: o.name })) }),
  );

  app.get(
    '/compute/data-centres',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Data centres the caller may see (an operator: its own)',
        querystring: DataCentreListQuery,
        response: { 200: pageOf(DataCentreSummary) },
      },
    },
    async (req) => registry.listCentres(req.ctx, req.query),
  );

  app.post(
    '/compute/data-centres',
    {
      config: { permission: P.manage },
      schema: {
        tags,
        summary: 'Register a data centre',
        body: DataCentreInput,
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (req, reply) => reply.status(201).send({ id: await registry.createCentre(req.ctx, req.body) }),
  );

  app.get(
    '/compute/data-centres/:id',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'One data centre with its inventory and computed capacity',
        params: Id,
        response: { 200: DataCentre },
      },
    },
    async (req) => registry.getCentre(req.ctx, req.params.id),
  );

  app.put(
    '/compute/data-centres/:id',
    {
      config: { permission: P.manage },
      schema: { tags, summary: 'Edit a data centre', params: Id, body: DataCentreInput, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await registry.updateCentre(req.ctx, req.params.id, req.body);
      return reply.status(204).send(null);
    },
  );
}
