import { z } from 'zod';
import {
  DIRECTORY_PERMISSIONS as P,
  DeliveryInput,
  DishonestyInput,
  LiftInput,
  OrgDetail,
  OrgInput,
  OrgPage,
  OrgQuery,
  OrgUpdate,
} from '@zhicheng/contracts/directory';
import type { ZodApp } from '../../platform/module.ts';
import type { OrgsService } from './orgs.service.ts';

const tags = ['directory'];
const id = z.object({ id: z.uuid() });

/** 项目团队库 and 服务商库: HTTP only. */
export function orgsRoutes(app: ZodApp, orgs: OrgsService) {
  app.get(
    '/directory/orgs',
    {
      config: { permission: P.orgRead },
      schema: {
        tags,
        summary: 'Project teams and providers in the caller’s regions (kind, search, service, blocked)',
        querystring: OrgQuery,
        response: { 200: OrgPage },
      },
    },
    async (req) => orgs.list(req.ctx, req.query),
  );

  app.post(
    '/directory/orgs',
    {
      config: { permission: P.orgManage },
      schema: { tags, summary: 'Add a project team or provider', body: OrgInput, response: { 201: OrgDetail } },
    },
    async (req, reply) => reply.status(201).send(await orgs.create(req.ctx, req.body)),
  );

  app.get(
    '/directory/orgs/:id',
    {
      config: { permission: P.orgRead },
      schema: {
        tags,
        summary: 'One organisation with deliveries and dishonesty records',
        params: id,
        response: { 200: OrgDetail },
      },
    },
    async (req) => orgs.get(req.ctx, req.params.id),
  );

  app.put(
    '/directory/orgs/:id',
    {
      config: { permission: P.orgManage },
      schema: {
        tags,
        summary: 'Correct an organisation (contact, services, qualifications)',
        params: id,
        body: OrgUpdate,
        response: { 200: OrgDetail },
      },
    },
    async (req) => orgs.update(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/directory/orgs/:id/deliveries',
    {
      config: { permission: P.orgManage },
      schema: {
        tags,
        summary: 'Record a delivered case, facility or project with its rating',
        params: id,
        body: DeliveryInput,
        response: { 200: OrgDetail },
      },
    },
    async (req) => orgs.addDelivery(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/directory/orgs/:id/dishonesty',
    {
      config: { permission: P.orgManage },
      schema: {
        tags,
        summary: 'Record a dishonesty decision (失信): no new work while in force',
        params: id,
        body: DishonestyInput,
        response: { 200: OrgDetail },
      },
    },
    async (req) => orgs.recordDishonesty(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/directory/orgs/:id/dishonesty/:recordId/lift',
    {
      config: { permission: P.orgManage },
      schema: {
        tags,
        summary: 'Lift a dishonesty record (信用修复); not by whoever entered it',
        params: z.object({ id: z.uuid(), recordId: z.uuid() }),
        body: LiftInput,
        response: { 200: OrgDetail },
      },
    },
    async (req) => orgs.lift(req.ctx, req.params.id, req.params.recordId, req.body.reason),
  );
}
