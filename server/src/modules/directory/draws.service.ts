import crypto from 'node:crypto';
import {
  DIRECTORY_EVENTS,
  DIRECTORY_PERMISSIONS as P,
  type DrawReplaced,
  DrawRequest as DrawRequestSchema,
  type DrawPick,
  type DrawRequest,
  type DrawResponseInput,
  type DrawVerification,
  type ExclusionReason,
  type ExpertDraw,
  type ExpertDrawQuery,
  type ExpertField,
  type ExpertInvitation,
} from '@zhicheng/contracts/directory';
import type { RequestContext } from '../../platform/authorization/index.ts';
import { assertNotOwnWork } from '../../platform/authorization/four-eyes.ts';
import { sha256Hex } from '../../platform/crypto/index.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import { exclusionOf } from './conflicts.ts';
import { directoryError } from './directory.errors.ts';
import type { DrawPickRow, DrawRow } from './directory.tables.ts';
import { aliasOf, DRAW_ALGORITHM, drawKey, initialPicks, nextPick, rerunMatches } from './draw-rule.ts';
import { DrawsRepository } from './draws.repository.ts';
import type { ExpertsService } from './experts.service.ts';
import { chinaDay } from '../../platform/clock/index.ts';

const DRAW_WHAT = { zh: '抽取记录', en: 'Draw' };
const DRAW_TYPE = 'directory.draw';
/** The commitment row's object: its id is the seed's SHA-256, so the hash itself sits in the chained row. */
const SEED_TYPE = 'directory.draw-seed';

/** One drawn expert as the asking module receives it (the module keeps it from its operators). */
export interface DrawnExpert {
  position: number;
  field: ExpertField | null;
  expertId: string;
  /** The public pseudonym (ZJ-0001). */
  code: string;
  /** The expert's platform account, when they have one (online review). */
  userId: string | null;
  /** Where the expert sits (a module may check its own conflict rule again). */
  regionCode: string;
  /** 专家A, 专家B, …: what the module shows instead of a name. */
  alias: string;
  status: DrawPick['status'];
}

export interface DrawOutcome {
  drawId: string;
  attempt: number;
  seedHash: string;
  /** Revealed at once in assign mode; null in invite mode until the draw completes or is closed. */
  seed: string | null;
  picks: DrawnExpert[];
}

/** The day the conflict rules are judged on, in China Standard Time (the three-year window counts back from it). */

/**
 * Verifiable expert draws. The seed is drawn by the server, its SHA-256 written to the audit chain before any
 * pick is made, the candidates and exclusions recorded with the picks, and the seed revealed when the draw is over;
 * every attempt on an object stays on record, so a draw cannot be repeated quietly until a wanted expert comes up.
 */
export class DrawsService {
  readonly repo: DrawsRepository;

  constructor(
    private readonly platform: Platform,
    private readonly regions: RegionsService,
    private readonly experts: ExpertsService,
  ) {
    this.repo = new DrawsRepository(platform.db);
  }

  // ------------------------------------------------------------ drawing

  /** An operator's draw for an object of this module (科普展示中心 selection, ad-hoc reviews) in their region. */
  async request(ctx: RequestContext, raw: DrawRequest): Promise<ExpertDraw> {
    const req = DrawRequestSchema.parse(raw);
    await this.platform.authz.assertCovers(ctx.actor, P.drawRequest, req.object.regionCode);
    // Operators draw for the directory's own objects; only a module's code may draw for that module's objects.
    const out = await this.draw(ctx, { ...req, object: { ...req.object, module: 'directory' } });
    return this.get(ctx, out.drawId);
  }

  /**
   * The module API's draw: the calling module has authorized its user; audited as `ctx`. Throws
   * directory_not_enough_experts (nothing recorded) when a quota cannot be filled after exclusions, and
   * directory_redraw_reason when the object was drawn for before and no reason is given.
   */
  async draw(ctx: RequestContext, raw: DrawRequest): Promise<DrawOutcome> {
    const req = DrawRequestSchema.parse(raw);
    const o = req.object;
    const { platform } = this;
    return platform.db.transaction(async (tx) => {
      const attempt = (await this.repo.lastAttempt(o.module, o.objectType, o.objectId)) + 1;
      if (attempt > 1 && !req.redrawReason)
        throw directoryError('directory_redraw_reason', undefined, [
          { path: 'redrawReason', message: 'required when drawing again' },
        ]);
      const now = platform.clock.now();
      const day = chinaDay(now);
      const fields = [...new Set(req.quotas.flatMap((q) => (q.field ? [q.field] : [])))];
      const pool = await this.experts.pool(
        fields,
        req.quotas.some((q) => q.field === null),
      );
      const judged = pool.map((e) => ({
        e,
        x: exclusionOf(
          e,
          { regionCode: o.regionCode, units: o.units, companies: o.companies },
          req.regionRule,
          day,
          req.requireAccount,
        ),
      }));
      const eligible = judged.filter((j) => !j.x).map((j) => j.e);
      // Feasible or not follows from the pool alone: refuse before a seed exists, so a refusal reveals nothing.
      for (const q of req.quotas) {
        const n = eligible.filter((e) => q.field === null || e.fields.includes(q.field)).length;
        if (n < (q.atLeast ?? q.count)) throw notEnough(q, n);
      }
      const total = req.quotas.reduce((s, q) => s + (q.atLeast ?? q.count), 0);
      if (eligible.length < total) throw notEnough({ field: null, count: total }, eligible.length);

      const seed = crypto.randomBytes(32).toString('hex');
      const seedHash = sha256Hex(seed);
      const id = crypto.randomUUID();
      // The commitment, before any pick exists.
      await platform.audit.record(tx, ctx, {
        action: 'directory.draw.commit',
        objectType: SEED_TYPE,
        objectId: seedHash,
        after: { drawId: id, module: o.module, objectId: o.objectId, attempt },
      });
      const key = drawKey(seed, req.salt);
      const { picks, short } = initialPicks(key, req.quotas, eligible);
      if (short) throw notEnough(short, picks.filter((p) => p.field === short.field).length);
      const byCode = new Map(pool.map((e) => [e.code, e]));
      const status = req.mode === 'assign' ? 'assigned' : 'invited';
      const pickRows = picks.map((p, position) => ({
        drawId: id,
        position,
        field: p.field as ExpertField | null,
        expertId: byCode.get(p.code)!.id,
        code: p.code,
        alias: aliasOf(position),
        status: status as DrawPick['status'],
        replaces: null,
        invitedAt: now,
        respondedAt: null,
        declineReason: null,
      }));
      const assign = req.mode === 'assign';
      await this.repo.insert(
        {
          id,
          module: o.module,
          objectType: o.objectType,
          objectId: o.objectId,
          title: o.title,
          regionCode: o.regionCode,
          units: o.units,
          companies: o.companies,
          regionRule: req.regionRule,
          mode: req.mode,
          quotas: req.quotas,
          requireAccount: req.requireAccount,
          status: assign ? 'completed' : 'open',
          attempt,
          // A reason only means something on a repeat; a module may send one always.
          redrawReason: attempt > 1 ? (req.redrawReason ?? null) : null,
          seedHash,
          seedSealed: platform.protector.encrypt(seed),
          seed: assign ? seed : null,
          salt: req.salt ?? null,
          revealedAt: assign ? now : null,
          requestedBy: ctx.actor?.username ?? `system:${ctx.system?.name ?? 'unknown'}`,
          requestedByUser: ctx.actor?.userId ?? null,
          requestedAt: now,
          drawDay: day,
        },
        judged.map(({ e, x }) => ({
          drawId: id,
          expertId: e.id,
          code: e.code,
          fields: [...e.fields],
          excluded: x?.reason ?? null,
          detail: x?.detail ?? null,
        })),
        pickRows,
      );
      await platform.audit.record(tx, ctx, {
        action: 'directory.draw.perform',
        objectType: DRAW_TYPE,
        objectId: id,
        after: {
          attempt,
          seedHash,
          candidates: judged.length,
          excluded: judged.length - eligible.length,
          picks: picks.map((p) => p.code),
        },
      });
      if (assign) await this.auditReveal(ctx, id, seed);
      return {
        drawId: id,
        attempt,
        seedHash,
        seed: assign ? seed : null,
        picks: pickRows.map((p) => ({
          position: p.position,
          field: p.field,
          expertId: p.expertId,
          code: p.code,
          userId: byCode.get(p.code)!.userId,
          regionCode: byCode.get(p.code)!.regionCode,
          alias: p.alias,
          status: p.status,
        })),
      };
    });
  }

  // ------------------------------------------------------------ answers

  /** The drawn expert accepts or declines their own invitation. */
  async respond(ctx: RequestContext, drawId: string, position: number, answer: DrawResponseInput) {
    this.platform.authz.require(ctx.actor, P.invitationRespond);
    const me = await this.experts.repo.byUserId(ctx.actor.userId);
    await this.platform.db.transaction(async () => {
      const { d, pick } = await this.openPick(drawId, position);
      // Someone else's invitation is as good as absent: nothing tells who else was drawn.
      if (!me || pick.expertId !== me.id) throw notFound(DRAW_WHAT);
      await this.answer(ctx, d, pick, answer);
    });
    return this.invitations(ctx);
  }

  /**
   * The keeper records an answer given by phone for an expert without an account. Not for a draw they asked for
   * themselves (四眼原则).
   */
  async recordResponse(ctx: RequestContext, drawId: string, position: number, answer: DrawResponseInput) {
    this.platform.authz.require(ctx.actor, P.expertManage);
    await this.platform.db.transaction(async () => {
      const { d, pick } = await this.openPick(drawId, position);
      await this.platform.authz.assertCovers(ctx.actor, P.expertManage, d.regionCode);
      await assertNotOwnWork(this.platform.db, ctx, {
        type: DRAW_TYPE,
        id: d.id,
        editActions: ['directory.draw.perform'],
      });
      await this.answer(ctx, d, pick, answer);
    });
    return this.get(ctx, drawId, { as: P.expertManage });
  }

  /** Ends a draw early (the review was called off, or it stays short): the seed is revealed. */
  async close(ctx: RequestContext, drawId: string): Promise<ExpertDraw> {
    await this.platform.db.transaction(async (tx) => {
      const d = await this.repo.byId(drawId, { forUpdate: true });
      if (!d) throw notFound(DRAW_WHAT);
      await this.platform.authz.assertCovers(ctx.actor, P.drawRequest, d.regionCode);
      if (d.status === 'completed' || d.status === 'closed') throw directoryError('directory_draw_closed');
      const seed = this.platform.protector.decrypt(d.seedSealed);
      await this.repo.update(d.id, { status: 'closed', seed, revealedAt: this.platform.clock.now() });
      await this.platform.audit.record(tx, ctx, {
        action: 'directory.draw.close',
        objectType: DRAW_TYPE,
        objectId: d.id,
      });
      await this.auditReveal(ctx, d.id, seed);
    });
    return this.get(ctx, drawId);
  }

  private async openPick(drawId: string, position: number) {
    const d = await this.repo.byId(drawId, { forUpdate: true });
    if (!d) throw notFound(DRAW_WHAT);
    const pick = (await this.repo.picks([drawId])).find((p) => p.position === position);
    if (!pick) throw notFound(DRAW_WHAT);
    if (d.status !== 'open') throw directoryError('directory_draw_closed');
    if (pick.status !== 'invited') throw directoryError('directory_already_answered');
    return { d, pick };
  }

  private async answer(ctx: RequestContext, d: DrawRow, pick: DrawPickRow, answer: DrawResponseInput): Promise<void> {
    const now = this.platform.clock.now();
    const accepted = answer.answer === 'accept';
    await this.repo.updatePick(d.id, pick.position, {
      status: accepted ? 'accepted' : 'declined',
      respondedAt: now,
      declineReason: accepted ? null : answer.reason,
    });
    let replacement: string | null = null;
    const seed = this.platform.protector.decrypt(d.seedSealed);
    const picks = await this.repo.picks([d.id]);
    if (!accepted) {
      const eligible = (await this.repo.candidates(d.id)).filter((c) => !c.excluded);
      const code = nextPick(drawKey(seed, d.salt), pick.field, eligible, new Set(picks.map((p) => p.code)));
      if (code) {
        const c = eligible.find((x) => x.code === code)!;
        replacement = code;
        const position = Math.max(...picks.map((p) => p.position)) + 1;
        // Modules that assign reviewers from drawState hear of the new place instead of polling (outbox, after commit).
        const event: DrawReplaced = {
          drawId: d.id,
          module: d.module,
          objectType: d.objectType,
          objectId: d.objectId,
          declinedPosition: pick.position,
          replacementPosition: position,
          alias: pick.alias,
          field: pick.field,
          at: now.toISOString(),
        };
        await this.platform.events.publish(this.platform.db, DIRECTORY_EVENTS.drawReplaced, event);
        await this.repo.insertPick({
          drawId: d.id,
          position,
          field: pick.field,
          expertId: c.expertId,
          code,
          alias: pick.alias,
          status: 'invited',
          replaces: pick.position,
          invitedAt: now,
          respondedAt: null,
          declineReason: null,
        });
      } else await this.repo.update(d.id, { status: 'short' });
    }
    await this.platform.audit.record(this.platform.db, ctx, {
      action: 'directory.draw.respond',
      objectType: DRAW_TYPE,
      objectId: d.id,
      after: { position: pick.position, answer: answer.answer, replacement },
    });
    const now2 = await this.repo.picks([d.id]);
    const want = now2.filter((p) => p.replaces === null).length;
    if (now2.filter((p) => p.status === 'accepted').length === want) {
      await this.repo.update(d.id, { status: 'completed', seed, revealedAt: now });
      await this.auditReveal(ctx, d.id, seed);
    }
  }

  private async auditReveal(ctx: RequestContext, drawId: string, seed: string) {
    await this.platform.audit.record(this.platform.db, ctx, {
      action: 'directory.draw.reveal',
      objectType: DRAW_TYPE,
      objectId: drawId,
      after: { seed },
    });
  }

  // ------------------------------------------------------------ reading

  /** A draw's current state for the module that asked for it (no authorization: module code only). */
  async state(drawId: string): Promise<DrawOutcome> {
    const d = await this.repo.byId(drawId);
    if (!d) throw notFound(DRAW_WHAT);
    const picks = await this.repo.picks([drawId]);
    const experts = new Map((await this.experts.repo.byIds(picks.map((p) => p.expertId))).map((e) => [e.id, e]));
    return {
      drawId: d.id,
      attempt: d.attempt,
      seedHash: d.seedHash,
      seed: d.seed,
      picks: picks.map((p) => ({
        position: p.position,
        field: p.field as ExpertField | null,
        expertId: p.expertId,
        code: p.code,
        userId: experts.get(p.expertId)?.userId ?? null,
        regionCode: experts.get(p.expertId)?.regionCode ?? '',
        alias: p.alias,
        status: p.status,
      })),
    };
  }

  async get(
    ctx: RequestContext,
    id: string,
    o: { as?: typeof P.drawRead | typeof P.expertManage } = {},
  ): Promise<ExpertDraw> {
    const d = await this.repo.byId(id);
    if (!d) throw notFound(DRAW_WHAT);
    await this.platform.authz.assertCovers(ctx.actor, o.as ?? P.drawRead, d.regionCode);
    return (await this.toDraws([d]))[0]!;
  }

  async list(ctx: RequestContext, q: ExpertDrawQuery) {
    this.platform.authz.require(ctx.actor, P.drawRead);
    const scope = await this.platform.authz.scopeCodes(ctx.actor, P.drawRead);
    const { rows, total } = await this.repo.page(scope, {
      module: q.module,
      objectId: q.objectId,
      status: q.status,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return { items: await this.toDraws(rows), total, page: q.page, pageSize: q.pageSize };
  }

  /** The drawn expert's own invitations, newest first. */
  async invitations(ctx: RequestContext): Promise<ExpertInvitation[]> {
    this.platform.authz.require(ctx.actor, P.invitationRespond);
    const me = await this.experts.repo.byUserId(ctx.actor.userId);
    if (!me) return [];
    const picks = await this.repo.picksOfExpert(me.id);
    const draws = new Map<string, DrawRow>();
    for (const p of picks) if (!draws.has(p.drawId)) draws.set(p.drawId, (await this.repo.byId(p.drawId))!);
    const names = await this.regions.nameOf([...new Set([...draws.values()].map((d) => d.regionCode))]);
    return picks.map((p) => {
      const d = draws.get(p.drawId)!;
      return {
        drawId: d.id,
        position: p.position,
        title: d.title,
        module: d.module,
        regionName: names.get(d.regionCode) ?? d.regionCode,
        field: p.field as ExpertField | null,
        status: p.status,
        invitedAt: p.invitedAt.toISOString(),
      };
    });
  }

  /** The public record: codes, never names; checks anyone can repeat with the revealed seed. */
  async verification(id: string): Promise<DrawVerification> {
    const d = await this.repo.byId(id);
    if (!d) throw notFound(DRAW_WHAT);
    const [candidates, picks, names] = await Promise.all([
      this.repo.candidates(id),
      this.repo.picks([id]),
      this.regions.nameOf([d.regionCode]),
    ]);
    const audit = (objectType: string, objectId: string) =>
      this.platform.audit.search(this.platform.db, { objectType, objectId, page: 1, pageSize: 50 });
    const commits = (await audit(SEED_TYPE, d.seedHash)).items.filter((e) => e.action === 'directory.draw.commit');
    const performed = (await audit(DRAW_TYPE, d.id)).items.find((e) => e.action === 'directory.draw.perform');
    const commit = commits.length ? commits[commits.length - 1]! : null;
    const eligible = candidates.filter((c) => !c.excluded);
    return {
      id: d.id,
      module: d.module,
      title: d.title,
      regionName: names.get(d.regionCode) ?? d.regionCode,
      attempt: d.attempt,
      redrawReason: d.redrawReason,
      status: d.status as DrawVerification['status'],
      requestedAt: d.requestedAt.toISOString(),
      quotas: d.quotas,
      seedHash: d.seedHash,
      seed: d.seed,
      salt: d.salt,
      revealedAt: d.revealedAt?.toISOString() ?? null,
      commitment: commit ? { seq: commit.seq, at: commit.at, hash: commit.hash } : null,
      candidates: candidates.map((c) => ({
        code: c.code,
        fields: c.fields as ExpertField[],
        excluded: c.excluded as ExclusionReason | null,
      })),
      picks: picks.map((p) => ({
        position: p.position,
        field: p.field as ExpertField | null,
        code: p.code,
        status: p.status,
        replaces: p.replaces,
      })),
      checks: {
        seedMatchesHash: d.seed === null ? null : sha256Hex(d.seed) === d.seedHash,
        committedBeforeDraw: !!commit && !!performed && commit.seq < performed.seq,
        rerunMatches: d.seed === null ? null : rerunMatches(drawKey(d.seed, d.salt), d.quotas, eligible, picks),
      },
      algorithm: DRAW_ALGORITHM,
    };
  }

  private async toDraws(rows: DrawRow[]): Promise<ExpertDraw[]> {
    const ids = rows.map((r) => r.id);
    const [picks, counts, names] = await Promise.all([
      this.repo.picks(ids),
      this.repo.exclusionCounts(ids),
      this.regions.nameOf([...new Set(rows.map((r) => r.regionCode))]),
    ]);
    // Names only of experts who accepted: the sealed envelope opens on acceptance.
    const accepted = await this.experts.repo.byIds([
      ...new Set(picks.filter((p) => p.status === 'accepted').map((p) => p.expertId)),
    ]);
    const who = new Map(accepted.map((e) => [e.id, e]));
    return rows.map((d) => {
      const c = counts.get(d.id);
      return {
        id: d.id,
        module: d.module,
        objectType: d.objectType,
        objectId: d.objectId,
        title: d.title,
        regionCode: d.regionCode,
        regionName: names.get(d.regionCode) ?? d.regionCode,
        regionRule: d.regionRule as ExpertDraw['regionRule'],
        mode: d.mode as ExpertDraw['mode'],
        quotas: d.quotas,
        status: d.status as ExpertDraw['status'],
        attempt: d.attempt,
        redrawReason: d.redrawReason,
        seedHash: d.seedHash,
        seed: d.seed,
        requestedBy: d.requestedBy,
        requestedAt: d.requestedAt.toISOString(),
        revealedAt: d.revealedAt?.toISOString() ?? null,
        candidates: c?.candidates ?? 0,
        exclusions: [...(c?.byReason ?? new Map<string, number>())].map(([reason, count]) => ({
          reason: reason as ExclusionReason,
          count,
        })),
        picks: picks
          .filter((p) => p.drawId === d.id)
          .map((p) => {
            const e = p.status === 'accepted' ? who.get(p.expertId) : undefined;
            return {
              position: p.position,
              field: p.field as ExpertField | null,
              alias: p.alias,
              status: p.status,
              replaces: p.replaces,
              respondedAt: p.respondedAt?.toISOString() ?? null,
              declineReason: p.declineReason,
              name: e?.name ?? null,
              unitName: e?.unitName ?? null,
            };
          }),
      };
    });
  }
}

function notEnough(q: { field: string | null; count: number }, have: number) {
  const field = q.field ?? '*';
  return directoryError(
    'directory_not_enough_experts',
    { zh: `领域 ${field} 需 ${q.count} 人,可抽 ${have} 人`, en: `field ${field} needs ${q.count}, ${have} eligible` },
    [{ path: 'quotas', message: `field ${field}: ${have} eligible of ${q.count}` }],
  );
}
