import {
  CROSS_TAB_TYPES,
  PARTICIPATION_PERMISSIONS as P,
  type CampaignStats,
  type DemandTopicShare,
  type ParticipationSummary,
  type Question,
  type TopicAnalysis,
  type TopicComparison,
} from '@zhicheng/contracts/participation';
import type { Actor } from '../../platform/authorization/index.ts';
import { invalidField } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/module.ts';
import { allQuestions } from './answers.ts';
import { CampaignsRepository } from './campaigns.repository.ts';
import type { CampaignRow } from './participation.tables.ts';
import type { RegionScope } from './region-scope.ts';
import { ResponsesRepository } from './responses.repository.ts';
import { analyse, matchTopic, type Analysis } from './topics.ts';

/** Question types counted option by option (text answers go to the topic analysis instead). */
const CHOICE_TYPES = new Set(['single', 'multiple', 'rating', 'matrix', 'number']);
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** A question's options as the statistics count them: a rating's points, a matrix's row × column. */
function optionList(x: Question): { id: string; label: string }[] {
  if (x.type === 'rating')
    return Array.from({ length: x.scale ?? 5 }, (_, i) => ({ id: String(i + 1), label: `${i + 1}` }));
  if (x.type === 'matrix')
    return (x.rows ?? []).flatMap((r) =>
      (x.options ?? []).map((o) => ({ id: `${r.id}:${o.id}`, label: `${r.label}·${o.label}` })),
    );
  if (x.type === 'number') return [];
  return x.options ?? [];
}

/** Live statistics, demand topics from free text, comparison across years and the Excel export's content. */
export class AnalysisService {
  private readonly responses: ResponsesRepository;
  private readonly campaigns: CampaignsRepository;

  constructor(
    p: Platform,
    private readonly scope: RegionScope,
  ) {
    this.responses = new ResponsesRepository(p.db);
    this.campaigns = new CampaignsRepository(p.db);
  }

  /** The questions of a campaign's published surveys, by id (localised surveys add their own). */
  private async questionsOf(campaignId: string): Promise<Map<string, Question>> {
    const out = new Map<string, Question>();
    for (const s of await this.campaigns.surveysOfCampaign(campaignId)) {
      if (s.status === 'draft') continue;
      for (const q of allQuestions(s.definition)) if (!out.has(q.id)) out.set(q.id, q);
    }
    return out;
  }

  async stats(
    actor: Actor | null,
    campaignId: string,
    q: { region?: string; crossQuestion?: string },
  ): Promise<CampaignStats> {
    const c = await this.scope.visibleCampaign(actor, P.responsesRead, campaignId);
    const region = await this.scope.focus(actor, P.responsesRead, c, q.region);
    const subtree = await this.scope.regions.subtree(region);
    const counts = await this.responses.counts(campaignId, subtree);
    const byChild = new Map<string, number>();
    for (const r of counts.byRegion) {
      const child = await this.scope.childUnder(region, r.code);
      byChild.set(child, (byChild.get(child) ?? 0) + r.n);
    }
    const questions = await this.questionsOf(campaignId);
    // The cross-tab's question: the one asked for, else the first choice or rating question of the campaign's own
    // surveys (in their order), so a survey of any structure gets one; none when it has no such question.
    const crossQ = q.crossQuestion
      ? questions.get(q.crossQuestion)
      : [...questions.values()].find((x) => CROSS_TAB_TYPES.includes(x.type));
    if (q.crossQuestion && (!crossQ || !CROSS_TAB_TYPES.includes(crossQ.type)))
      throw invalidField(
        'crossQuestion',
        '须为本活动问卷中的选择题或评分题',
        'must be a choice or rating question of this campaign’s surveys',
      );
    const choiceIds = [...questions.values()].filter((x) => CHOICE_TYPES.has(x.type)).map((x) => x.id);
    const per = new Map<string, { answered: number; counts: Map<string, number>; sum: number; n: number }>();
    const cross = new Map<string, Map<string, number>>();
    const crossTotal = new Map<string, number>();
    const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
    for (const g of await this.responses.answerGroups(campaignId, subtree, choiceIds)) {
      const e = per.get(g.q) ?? { answered: 0, counts: new Map(), sum: 0, n: 0 };
      per.set(g.q, e);
      e.answered += g.n;
      const q0 = questions.get(g.q)!;
      const vals = Array.isArray(g.v) ? (g.v as string[]) : [g.v as string | number];
      if (q0.type === 'matrix')
        (g.v as string[]).forEach((opt, i) => add(e.counts, `${q0.rows?.[i]?.id ?? i}:${opt}`, g.n));
      else for (const v of vals) add(e.counts, String(v), g.n);
      if (typeof g.v === 'number') {
        e.sum += g.v * g.n;
        e.n += g.n;
      }
      if (crossQ?.id === g.q) {
        const child = await this.scope.childUnder(region, g.region);
        const m = cross.get(child) ?? new Map<string, number>();
        cross.set(child, m);
        for (const v of vals) add(m, String(v), g.n);
        add(crossTotal, child, g.n);
      }
    }
    const names = await this.scope.names([...byChild.keys(), ...cross.keys()]);
    return {
      regionCode: region,
      total: counts.byRegion.reduce((a, r) => a + r.n, 0),
      byRegion: [...byChild]
        .map(([code, count]) => ({ code, name: names.get(code) ?? code, count }))
        .sort((a, b) => b.count - a.count),
      byChannel: counts.byChannel.map((r) => ({ channel: r.channel, count: r.n })),
      byDay: counts.byDay.map((r) => ({ day: r.day, count: r.n })),
      questions: [...questions.values()]
        .filter((x) => CHOICE_TYPES.has(x.type))
        .map((x) => {
          const e = per.get(x.id);
          return {
            questionId: x.id,
            title: x.title,
            type: x.type,
            answered: e?.answered ?? 0,
            options: optionList(x).map((o) => ({ ...o, count: e?.counts.get(o.id) ?? 0 })),
            mean: e && e.n ? Math.round((e.sum / e.n) * 100) / 100 : null,
          };
        }),
      crossTab: crossQ
        ? {
            questionId: crossQ.id,
            options: optionList(crossQ),
            rows: [...cross]
              .map(([code, m]) => ({
                code,
                name: names.get(code) ?? code,
                total: crossTotal.get(code) ?? 0,
                counts: optionList(crossQ).map((o) => m.get(o.id) ?? 0),
              }))
              .sort((a, b) => b.total - a.total),
          }
        : null,
    };
  }

  /** Topics of the demand questions' answers (all free text when no question is marked), by child of `region`. */
  private async analysisOf(campaignId: string, region: string): Promise<Analysis> {
    const texts = [...(await this.questionsOf(campaignId)).values()].filter((x) => x.type === 'text');
    const demand = texts.filter((x) => x.demand);
    const ids = (demand.length ? demand : texts).map((x) => x.id);
    const rows = await this.responses.textAnswers(campaignId, await this.scope.regions.subtree(region), ids);
    const childOf = new Map<string, string>();
    for (const code of new Set(rows.map((r) => r.region))) childOf.set(code, await this.scope.childUnder(region, code));
    return analyse(rows.map((r) => ({ text: r.text, region: childOf.get(r.region)! })));
  }

  async topics(actor: Actor | null, campaignId: string, q: { region?: string }): Promise<TopicAnalysis> {
    const c = await this.scope.visibleCampaign(actor, P.responsesRead, campaignId);
    const region = await this.scope.focus(actor, P.responsesRead, c, q.region);
    const t0 = performance.now();
    const a = await this.analysisOf(campaignId, region);
    const names = await this.scope.names(a.topics.flatMap((t) => t.byRegion.map((r) => r.code)));
    return {
      regionCode: region,
      documents: a.documents,
      topics: a.topics.map((t) => ({
        ...t,
        share: round3(t.share),
        byRegion: t.byRegion.map((r) => ({ ...r, name: names.get(r.code) ?? r.code })),
      })),
      keywords: a.keywords,
      elapsedMs: Math.round(performance.now() - t0),
    };
  }

  /** The topics of the last campaign listed and their share of answers in each of the others (matched by keywords). */
  async compareTopics(actor: Actor | null, campaignIds: string[], region?: string): Promise<TopicComparison> {
    const cs: CampaignRow[] = [];
    for (const id of campaignIds) cs.push(await this.scope.visibleCampaign(actor, P.responsesRead, id));
    const baseId = campaignIds.at(-1);
    cs.sort((a, b) => a.year - b.year || (a.id === baseId ? 1 : b.id === baseId ? -1 : 0));
    const analyses: Analysis[] = [];
    for (const c of cs)
      analyses.push(await this.analysisOf(c.id, await this.scope.focus(actor, P.responsesRead, c, region)));
    const latest = analyses[cs.findIndex((c) => c.id === baseId)]!;
    return {
      campaigns: cs.map((c, i) => ({ id: c.id, title: c.title, year: c.year, documents: analyses[i]!.documents })),
      rows: latest.topics
        .filter((t) => t.id !== 'other')
        .map((t) => ({
          label: t.label,
          keywords: t.keywords.slice(0, 5),
          shares: analyses.map((a) => {
            const m = a === latest ? t : matchTopic(t, a.topics);
            return m ? round3(m.share) : null;
          }),
        })),
    };
  }

  /**
   * For other modules (ParticipationApi.demandTopics): the demand topics of the latest campaign covering a region
   * (its own or one of its ancestors'), counted over that region's answers. No quotes: those are residents' words.
   */
  async demandTopics(regionCode: string, opts: { limit?: number } = {}): Promise<DemandTopicShare[]> {
    const lineage = await this.scope.regions.lineage(regionCode);
    if (!lineage) return [];
    const c = await this.campaigns.latestCovering(lineage);
    if (!c) return [];
    const a = await this.analysisOf(c.id, regionCode);
    return a.topics
      .filter((t) => t.id !== 'other')
      .slice(0, opts.limit ?? 12)
      .map((t) => ({ label: t.label, keywords: t.keywords, share: round3(t.share), count: t.count }));
  }

  /**
   * For other modules (ParticipationApi.summary): the latest campaign covering a region (its own or an ancestor's)
   * and its answers from the region's subtree, counted. Counts only: nobody's answers leave the module this way.
   */
  async summary(regionCode: string): Promise<ParticipationSummary> {
    const empty = {
      regionCode,
      campaign: null,
      responses: 0,
      byRegion: [],
      byChannel: [],
      byDay: [],
      asOf: null,
      sample: false,
    };
    const lineage = await this.scope.regions.lineage(regionCode);
    if (!lineage) return empty;
    const c = await this.campaigns.latestCovering(lineage);
    if (!c) return empty;
    const codes = await this.scope.regions.subtree(regionCode);
    const counts = await this.responses.counts(c.id, codes);
    const last = await this.responses.lastAnswerAt(c.id, codes);
    return {
      regionCode,
      campaign: { id: c.id, title: c.title, year: c.year, regionCode: c.regionCode, status: c.status },
      responses: counts.byRegion.reduce((s, r) => s + r.n, 0),
      byRegion: counts.byRegion,
      byChannel: counts.byChannel.map((r) => ({ channel: String(r.channel), n: r.n })),
      byDay: counts.byDay,
      asOf: last?.toISOString() ?? null,
      sample: c.isDemo,
    };
  }

  /** What the Excel export holds: the raw answers, the question summary and counts by region. */
  async exportRows(actor: Actor | null, campaignId: string, region?: string) {
    const c = await this.scope.visibleCampaign(actor, P.responsesRead, campaignId);
    const focus = await this.scope.focus(actor, P.responsesRead, c, region);
    const rows = await this.responses.all(campaignId, await this.scope.regions.subtree(focus), 200_000);
    const questions = [...(await this.questionsOf(campaignId)).values()];
    const stats = await this.stats(actor, campaignId, { region: focus });
    const names = await this.scope.names(rows.map((r) => r.regionCode));
    return { campaign: c, questions, rows, stats, names };
  }
}
