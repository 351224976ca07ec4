import {
  SCENARIOS_PERMISSIONS as P,
  type Taxonomy,
  type Term,
  type TermInput,
  type TermKind,
} from '@zhicheng/contracts/scenarios';
import type { RequestContext } from '../../platform/authorization/index.ts';
import { invalidField } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/module.ts';
import { scenariosError } from './scenarios.errors.ts';
import type { TermRow } from './scenarios.tables.ts';
import { TermsRepository } from './terms.repository.ts';

const toTerm = (r: TermRow): Term => ({
  kind: r.kind,
  code: r.code,
  parent: r.parent,
  zh: r.zh,
  en: r.en,
  active: r.active,
  sort: r.sort,
});

/**
 * The taxonomy (domains and their sub-categories) and the operating models: the province configures them, every
 * case names one of each. Codes stay; a retired term keeps its old cases readable but takes no new ones.
 */
export class TaxonomyService {
  private readonly repo: TermsRepository;
  /** Small and read on every case answer; refreshed on every change this instance makes. */
  private cache: { at: number; rows: TermRow[] } | null = null;

  constructor(private readonly platform: Platform) {
    this.repo = new TermsRepository(platform.db);
  }

  /** Anyone may read it: the public board filters by it. */
  async list(): Promise<Taxonomy> {
    return { items: (await this.rows()).map(toTerm) };
  }

  async rows(): Promise<TermRow[]> {
    // Another instance may change a term: a short lifetime bounds how long this one shows the old name.
    if (!this.cache || Date.now() - this.cache.at > 30_000)
      this.cache = { at: Date.now(), rows: await this.repo.all() };
    return this.cache.rows;
  }

  async names(): Promise<Map<string, TermRow>> {
    return new Map((await this.rows()).map((r) => [`${r.kind}:${r.code}`, r]));
  }

  async upsert(ctx: RequestContext, kind: TermKind, code: string, input: TermInput): Promise<Term> {
    await this.platform.authz.assertCovers(ctx.actor, P.configure, this.platform.config.provinceCode);
    if ((kind === 'category') !== (input.parent !== null))
      throw invalidField('parent', '子类须属于一个领域,领域和运营模式不设上级', 'a category has a domain; others none');
    const row = await this.platform.db.transaction(async (tx) => {
      if (kind === 'category') {
        const domain = await this.repo.get('domain', input.parent!);
        if (!domain)
          throw scenariosError('scenarios_unknown_term', undefined, [{ path: 'parent', message: 'no such domain' }]);
      }
      const before = await this.repo.get(kind, code, { forUpdate: true });
      const next = { kind, code, ...input, updatedAt: this.platform.clock.now() };
      await this.repo.upsert(next);
      await this.platform.audit.record(tx, ctx, {
        action: before ? 'scenarios.term.update' : 'scenarios.term.create',
        objectType: 'scenarios.term',
        objectId: `${kind}:${code}`,
        before: before ? toTerm(before) : undefined,
        after: next,
      });
      return next;
    });
    this.cache = null;
    return toTerm(row);
  }
}
