import {
  SCENARIOS_PERMISSIONS as P,
  CaseIdParams,
  CaseInput,
  CasePage,
  CaseQuery,
  ReturnInput,
  ScenarioCase,
  Taxonomy,
  Term,
  TermInput,
  TermParams,
} from '@zhicheng/contracts/scenarios';
import type { ZodApp } from '../../platform/module.ts';
import type { ScenariosServices } from './services.ts';

const tags = ['scenarios'];

/** HTTP only: the schema, the permission, one service call. */
export function scenariosRoutes(app: ZodApp, s: ScenariosServices) {
  app.get(
    '/scenarios/taxonomy',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Domains, sub-categories and operating models (the public board filters by them)',
        response: { 200: Taxonomy },
      },
    },
    async () => s.taxonomy.list(),
  );

  app.put(
    '/scenarios/taxonomy/:kind/:code',
    {
      config: { permission: P.configure },
      schema: {
        tags,
        summary: 'Add or change a domain, sub-category or operating model (province)',
        params: TermParams,
        body: TermInput,
        response: { 200: Term },
      },
    },
    async (req) => s.taxonomy.upsert(req.ctx, req.params.kind, req.params.code, req.body),
  );

  app.get(
    '/scenarios/cases',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Cases in the caller’s regions: search (jieba words) and filters, paged',
        querystring: CaseQuery,
        response: { 200: CasePage },
      },
    },
    async (req) => s.cases.list(req.ctx, req.query),
  );

  app.post(
    '/scenarios/cases',
    {
      config: { permission: P.file },
      schema: {
        tags,
        summary: 'File a case (a draft) for one’s own region',
        body: CaseInput,
        response: { 201: ScenarioCase },
      },
    },
    async (req, reply) => reply.status(201).send(await s.cases.create(req.ctx, req.body)),
  );

  app.get(
    '/scenarios/cases/:id',
    {
      config: { permission: P.read },
      schema: { tags, summary: 'A case with its steps', params: CaseIdParams, response: { 200: ScenarioCase } },
    },
    async (req) => s.cases.get(req.ctx, req.params.id),
  );

  app.put(
    '/scenarios/cases/:id',
    {
      config: { permission: P.file },
      schema: {
        tags,
        summary: 'Edit a draft or returned case',
        params: CaseIdParams,
        body: CaseInput,
        response: { 200: ScenarioCase },
      },
    },
    async (req) => s.cases.update(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/scenarios/cases/:id/submit',
    {
      config: { permission: P.file },
      schema: {
        tags,
        summary: 'Submit: a county’s case to its city, a city’s or the province’s to the province',
        params: CaseIdParams,
        response: { 200: ScenarioCase },
      },
    },
    async (req) => s.cases.step(req.ctx, req.params.id, 'submit'),
  );

  for (const step of ['recommend', 'accept'] as const) {
    app.post(
      `/scenarios/cases/:id/${step}`,
      {
        config: { permission: P.decide },
        schema: {
          tags,
          summary: step === 'recommend' ? 'The city recommends to the province' : 'The province accepts onto the board',
          params: CaseIdParams,
          response: { 200: ScenarioCase },
        },
      },
      async (req) => s.cases.step(req.ctx, req.params.id, step),
    );
  }

  app.post(
    '/scenarios/cases/:id/return',
    {
      config: { permission: P.decide },
      schema: {
        tags,
        summary: 'Return to the author with a reason',
        params: CaseIdParams,
        body: ReturnInput,
        response: { 200: ScenarioCase },
      },
    },
    async (req) => s.cases.step(req.ctx, req.params.id, 'return', req.body.reason),
  );
}
