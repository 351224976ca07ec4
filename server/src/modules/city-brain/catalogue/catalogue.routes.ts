import {
  CITY_BRAIN_PERMISSIONS as P,
  DataRequest,
  DataRequestDecision,
  DataRequestInput,
  DataRequestPage,
  DataRequestQuery,
  Dataset,
  DatasetPage,
  DatasetPatch,
  DatasetQuery,
  DataUse,
  DataUseInput,
  DataUsePage,
  IdParam,
} from '@zhicheng/contracts/city-brain';
import { PageQuery } from '@zhicheng/contracts';
import type { ZodApp } from '../../../platform/module.ts';
import type { CatalogueService } from './catalogue.service.ts';

const tags = ['city-brain'];

/** 数据资源目录: HTTP only — the schema, the permission, one service call. */
export function catalogueRoutes(app: ZodApp, s: CatalogueService) {
  app.get(
    '/city-brain/catalogue/datasets',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'The data catalogue: datasets every sub-platform offers, by sharing class, owner or text',
        querystring: DatasetQuery,
        response: { 200: DatasetPage },
      },
    },
    async (req) => s.list(req.ctx, req.query),
  );

  app.get(
    '/city-brain/catalogue/datasets/:id',
    {
      config: { permission: P.read },
      schema: { tags, summary: 'One dataset with its fields', params: IdParam, response: { 200: Dataset } },
    },
    async (req) => s.get(req.ctx, req.params.id),
  );

  app.patch(
    '/city-brain/catalogue/datasets/:id',
    {
      config: { permission: P.manage },
      schema: {
        tags,
        summary: 'Describe a dataset (name, fields, update cycle, sharing class and conditions): its owner’s region',
        params: IdParam,
        body: DatasetPatch,
        response: { 200: Dataset },
      },
    },
    async (req) => s.update(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/city-brain/catalogue/datasets/:id/requests',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Ask to use a conditionally shared dataset (purpose, unit, fields, until); its owner decides',
        params: IdParam,
        body: DataRequestInput,
        response: { 201: DataRequest },
      },
    },
    async (req, reply) => reply.status(201).send(await s.request(req.ctx, req.params.id, req.body)),
  );

  app.post(
    '/city-brain/catalogue/datasets/:id/uses',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Use a dataset for a purpose (conditional data under an approved request); the use is recorded',
        params: IdParam,
        body: DataUseInput,
        response: { 201: DataUse },
      },
    },
    async (req, reply) => reply.status(201).send(await s.use(req.ctx, req.params.id, req.body)),
  );

  app.get(
    '/city-brain/catalogue/datasets/:id/uses',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Who used the dataset, when, for what and under which approval (the owner’s region)',
        params: IdParam,
        querystring: PageQuery,
        response: { 200: DataUsePage },
      },
    },
    async (req) => s.uses(req.ctx, req.params.id, req.query),
  );

  app.get(
    '/city-brain/catalogue/requests',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Requests for conditional data: mine, those waiting for my decision, or both',
        querystring: DataRequestQuery,
        response: { 200: DataRequestPage },
      },
    },
    async (req) => s.requests(req.ctx, req.query),
  );

  app.post(
    '/city-brain/catalogue/requests/:id/decision',
    {
      config: { permission: P.approveData },
      schema: {
        tags,
        summary: 'Grant or refuse a request (an approver of the owner’s region, never the requester)',
        params: IdParam,
        body: DataRequestDecision,
        response: { 200: DataRequest },
      },
    },
    async (req) => s.decide(req.ctx, req.params.id, req.body),
  );
}
