import crypto from 'node:crypto';
import {
  PARTICIPATION_PERMISSIONS as P,
  type Supervisor,
  type SupervisorApplication,
  type SupervisorPage,
  type VetRequest,
  type VetResult,
} from '@zhicheng/contracts/participation';
import { systemContext, type Actor, type RequestContext } from '../../platform/authorization/index.ts';
import { assertNotOwnWork } from '../../platform/authorization/four-eyes.ts';
import { maskName, maskPhone } from '../../platform/crypto/index.ts';
import { invalidField, notFound, platformError } from '../../platform/http/errors.ts';
import type { PreparedUser } from '../../platform/identity/identity.service.ts';
import type { Platform } from '../../platform/module.ts';
import { agreementScore, panelAgreement } from './panel.ts';
import { ymd, type RegionScope } from './region-scope.ts';
import { SupervisorsRepository, type ShownSupervisor } from './supervisors.repository.ts';
import { TasksRepository } from './tasks.repository.ts';

const SUPERVISOR = { zh: '监督员', en: 'supervisor' };
const alreadyVetted = () =>
  platformError('conflict', { zh: '该申请已审核', en: 'This application was already vetted' });

/** A password that passes the platform's strength check, shown once to the vetting official. */
export function initialPassword(): string {
  return `Zc-${crypto.randomBytes(12).toString('base64url')}#7`;
}

type Agreement = { agreement: number | null; outliers: number };

const toSupervisor = (s: ShownSupervisor, names: Map<string, string>, ag?: Agreement): Supervisor => ({
  id: s.id,
  nameMasked: s.nameMasked,
  phoneMasked: s.phoneMasked,
  regionCode: s.regionCode,
  regionName: names.get(s.regionCode) ?? s.regionCode,
  occupation: s.occupation,
  ageBand: s.ageBand,
  gender: s.gender,
  media: s.media,
  status: s.status,
  termStart: s.termStart && ymd(s.termStart),
  termEnd: s.termEnd && ymd(s.termEnd),
  username: s.username,
  appliedAt: s.appliedAt.toISOString(),
  demo: s.isDemo,
  agreement: ag?.agreement ?? null,
  outlierCount: ag?.outliers ?? 0,
});

/** The 市民监督员 pool: public applications, vetting (with an account shown once), each member's agreement. */
export class SupervisorsService {
  private readonly repo: SupervisorsRepository;
  private readonly tasks: TasksRepository;

  constructor(
    private readonly p: Platform,
    private readonly scope: RegionScope,
  ) {
    this.repo = new SupervisorsRepository(p.db);
    this.tasks = new TasksRepository(p.db);
  }

  /**
   * An application, from a citizen (public route) or filed by an operator on their behalf, who then may not vet it.
   * The demo loader files approved members directly (`opts`).
   */
  async apply(
    ctx: RequestContext,
    a: SupervisorApplication,
    opts: { demo?: boolean; status?: 'applied' | 'approved'; termStart?: string; termEnd?: string } = {},
  ): Promise<{ id: string }> {
    const level = await this.scope.regions.levelOf(a.regionCode);
    if (!level || level === 'province')
      throw invalidField('regionCode', '请选择所在市或县(市、区)', 'choose a city or county');
    const id = crypto.randomUUID();
    const inserted = await this.p.db.transaction(async (tx) => {
      const ok = await this.repo.insert({
        id,
        nameEnc: this.p.protector.encrypt(a.name),
        nameMasked: maskName(a.name),
        phoneEnc: this.p.protector.encrypt(a.phone),
        phoneMasked: maskPhone(a.phone),
        phoneDigest: this.p.protector.digest(`supervisor-phone:${a.phone}`),
        regionCode: a.regionCode,
        occupation: a.occupation,
        ageBand: a.ageBand,
        gender: a.gender,
        media: a.media,
        statement: a.statement,
        status: opts.status ?? 'applied',
        termStart: opts.termStart ?? null,
        termEnd: opts.termEnd ?? null,
        appliedAt: this.p.clock.now(),
        isDemo: !!opts.demo,
      });
      if (ok)
        await this.p.audit.record(tx, ctx, {
          action: 'participation.supervisor.apply',
          objectType: 'supervisor',
          objectId: id,
        });
      return ok;
    });
    if (!inserted)
      throw platformError(
        'conflict',
        { zh: '该手机号已提交过申请', en: 'An application with this phone number exists' },
        [{ path: 'phone', message: 'already applied' }],
      );
    return { id };
  }

  /** Each supervisor's agreement with the panels they scored on (panels of three or more). */
  private async agreementBySupervisor(): Promise<Map<string, Agreement>> {
    const byTask = new Map<string, { supervisorId: string; score: number }[]>();
    for (const r of await this.tasks.scores()) byTask.set(r.taskId, [...(byTask.get(r.taskId) ?? []), r]);
    const devs = new Map<string, number[]>();
    const outliers = new Map<string, number>();
    for (const scores of byTask.values()) {
      if (scores.length < 3) continue;
      for (const m of panelAgreement(scores).members) {
        devs.set(m.supervisorId, [...(devs.get(m.supervisorId) ?? []), m.deviation]);
        if (m.outlier) outliers.set(m.supervisorId, (outliers.get(m.supervisorId) ?? 0) + 1);
      }
    }
    const out = new Map<string, Agreement>();
    for (const [id, d] of devs) out.set(id, { agreement: agreementScore(d), outliers: outliers.get(id) ?? 0 });
    return out;
  }

  async list(
    actor: Actor | null,
    q: { status?: 'applied' | 'approved' | 'rejected'; region?: string; q?: string; page: number; pageSize: number },
  ): Promise<SupervisorPage> {
    this.p.authz.require(actor, P.supervisorsManage);
    let regions: string[];
    if (q.region) {
      await this.p.authz.assertCovers(actor, P.supervisorsManage, q.region);
      regions = await this.scope.regions.subtree(q.region);
    } else regions = await this.p.authz.scopeCodes(actor, P.supervisorsManage);
    const { items, total } = await this.repo.page(regions, q);
    const names = await this.scope.names(items.map((i) => i.regionCode));
    const ag = await this.agreementBySupervisor();
    return { items: items.map((s) => toSupervisor(s, names, ag.get(s.id))), total, page: q.page, pageSize: q.pageSize };
  }

  /**
   * Approving makes the supervisor's account (role citizen_supervisor at their region) with a generated password
   * returned once. The decision and the account are one transaction: of two opposite decisions at the same moment
   * exactly one applies, and a refused application never leaves an account behind. Whoever filed the application
   * on the applicant's behalf may not vet it.
   */
  async vet(ctx: RequestContext, id: string, input: VetRequest): Promise<VetResult> {
    const s = await this.repo.byId(id);
    if (!s) throw notFound(SUPERVISOR);
    const actor = await this.p.authz.assertCovers(ctx.actor, P.supervisorsManage, s.regionCode);
    if (s.status !== 'applied') throw alreadyVetted();
    const approve = input.decision === 'approve';
    const termStart = approve ? (input.termStart ?? this.p.clock.now().toISOString().slice(0, 10)) : null;
    const termEnd = approve ? (input.termEnd ?? `${Number(termStart!.slice(0, 4)) + 2}${termStart!.slice(4)}`) : null;
    if (termStart && termEnd && termEnd < termStart)
      throw invalidField('termEnd', '任期结束须晚于开始', 'term must end after it starts');
    // The account is prepared (password hashed, organisation found or made) before the transaction; an organisation
    // without members is harmless if the decision then loses.
    const sys = systemContext('participation.supervisor-account', ctx.requestId, ctx.ip);
    let account: { prepared: PreparedUser; password: string } | null = null;
    if (approve) {
      const regionName = (await this.scope.names([s.regionCode])).get(s.regionCode) ?? s.regionCode;
      const orgName = `${s.media ? '媒体监督员' : '市民监督员'}(${regionName})`;
      const org = (await this.p.identity.listOrganisations()).find((o) => o.name === orgName);
      const organisationId =
        org?.id ??
        (await this.p.identity.createOrganisation(sys, {
          name: orgName,
          kind: s.media ? 'media' : 'public',
          regionCode: s.regionCode,
        }));
      const password = initialPassword();
      const prepared = await this.p.identity.prepareUser(sys, {
        username: `sv.${s.regionCode}.${s.id.slice(0, 8)}`,
        displayName: `监督员${s.nameMasked}`,
        organisationId,
        password,
        roles: [{ role: 'citizen_supervisor', regionCode: s.regionCode }],
        // The official reads this password out to the supervisor: it works once, then the supervisor picks one.
        oneTimePassword: true,
      });
      account = { prepared, password };
    }
    const username = account?.prepared.input.username ?? null;
    await this.p.db.transaction(async (tx) => {
      await assertNotOwnWork(tx, ctx, { type: 'supervisor', id, editActions: ['participation.supervisor.apply'] });
      const decided = await this.repo.vet(id, {
        status: approve ? 'approved' : 'rejected',
        termStart,
        termEnd,
        userId: account?.prepared.id ?? null,
        username,
        vettedBy: actor.userId,
        vettedAt: this.p.clock.now(),
      });
      if (!decided) throw alreadyVetted();
      if (account) await this.p.identity.insertUser(tx, sys, account.prepared);
      await this.p.audit.record(tx, ctx, {
        action: `participation.supervisor.${input.decision}`,
        objectType: 'supervisor',
        objectId: id,
        before: { status: s.status },
        after: { decision: input.decision, termStart, termEnd, username, note: input.note },
      });
    });
    return { status: approve ? 'approved' : 'rejected', username, initialPassword: account?.password ?? null };
  }

  /** The demo's supervisor account is made by the demo loader and linked here. */
  linkDemoAccount(supervisorId: string, userId: string, username: string): Promise<void> {
    return this.repo.linkUser(supervisorId, userId, username);
  }
}
