import {
  SCENARIOS_PERMISSIONS as P,
  CaseIdParams,
  DuplicateDecision,
  DuplicateList,
  DuplicateParams,
  MergeConsent,
  MergeProposal,
  MergeProposalInput,
  Promotion,
  PromotionInput,
  PromotionList,
  Replication,
  ReplicationDecision,
  ReplicationInput,
  ReplicationList,
} from '@zhicheng/contracts/scenarios';
import type { ZodApp } from '../../platform/module.ts';
import type { ScenariosServices } from './services.ts';

const tags = ['scenarios'];

/** HTTP only: duplicates, adoptions (由点及面) and promotion events. */
export function spreadRoutes(app: ZodApp, s: ScenariosServices) {
  app.get(
    '/scenarios/cases/:id/duplicates',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Near-duplicates of a case, with the matching passages side by side',
        params: CaseIdParams,
        response: { 200: DuplicateList },
      },
    },
    async (req) => s.duplicates.list(req.ctx, req.params.id),
  );

  app.post(
    '/scenarios/cases/:id/duplicates/:otherId',
    {
      config: { permission: P.decide },
      schema: {
        tags,
        summary: 'Link the case as a replication of the other, or dismiss the match',
        params: DuplicateParams,
        body: DuplicateDecision,
        response: { 200: DuplicateList },
      },
    },
    async (req) => s.duplicates.decide(req.ctx, req.params.id, req.params.otherId, req.body.decision),
  );

  app.post(
    '/scenarios/cases/:id/duplicates/:otherId/merge',
    {
      config: { permission: P.decide },
      schema: {
        tags,
        summary: 'Propose retiring the case in favour of the similar other one (merged only when both authors consent)',
        params: DuplicateParams,
        body: MergeProposalInput,
        response: { 201: MergeProposal },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await s.merges.propose(req.ctx, req.params.id, req.params.otherId, req.body.reason)),
  );

  app.post(
    '/scenarios/merges/:id/consent',
    {
      config: { permission: P.file },
      schema: {
        tags,
        summary: 'An author consents to a merge for their case’s side, or declines it',
        params: CaseIdParams,
        body: MergeConsent,
        response: { 200: MergeProposal },
      },
    },
    async (req) => s.merges.consent(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/scenarios/cases/:id/replications',
    {
      config: { permission: P.file },
      schema: {
        tags,
        summary: 'Record that one’s region adopted this case (with evidence)',
        params: CaseIdParams,
        body: ReplicationInput,
        response: { 201: Replication },
      },
    },
    async (req, reply) => reply.status(201).send(await s.replications.claim(req.ctx, req.params.id, req.body)),
  );

  app.get(
    '/scenarios/replications',
    {
      config: { permission: P.read },
      schema: { tags, summary: 'Adoptions in the caller’s regions', response: { 200: ReplicationList } },
    },
    async (req) => s.replications.list(req.ctx),
  );

  app.post(
    '/scenarios/replications/:id/decision',
    {
      config: { permission: P.decide },
      schema: {
        tags,
        summary: 'The adopter’s city confirms or rejects an adoption',
        params: CaseIdParams,
        body: ReplicationDecision,
        response: { 200: Replication },
      },
    },
    async (req) => s.replications.decide(req.ctx, req.params.id, req.body.decision, req.body.reason),
  );

  app.get(
    '/scenarios/public/cases/:id/spread',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Where a case spread: confirmed adoptions and the events they followed',
        params: CaseIdParams,
        response: { 200: ReplicationList },
      },
    },
    async (req) => s.replications.spreadOf(req.params.id),
  );

  app.get(
    '/scenarios/events',
    {
      config: { permission: P.read },
      schema: { tags, summary: 'Promotion events (现场会/观摩会/巡讲)', response: { 200: PromotionList } },
    },
    async (req) => s.replications.events(req.ctx),
  );

  app.post(
    '/scenarios/events',
    {
      config: { permission: P.file },
      schema: {
        tags,
        summary: 'Record a promotion event hosted in one’s region',
        body: PromotionInput,
        response: { 201: Promotion },
      },
    },
    async (req, reply) => reply.status(201).send(await s.replications.createEvent(req.ctx, req.body)),
  );
}
