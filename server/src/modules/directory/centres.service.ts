import crypto from 'node:crypto';
import {
  CENTRE_KINDS,
  DIRECTORY_PERMISSIONS as P,
  type Booking,
  type BookingInput,
  type CentreApplication,
  type CentreApplicationInput,
  type CentreDecisionInput,
  type CentreKind,
  type CentreReportInput,
  type CentreReview,
  type CentreRound,
  type CentreRoundDetail,
  type CentreRoundInput,
  type CentreScoreInput,
  type PublicCentre,
} from '@zhicheng/contracts/directory';
import type { RequestContext } from '../../platform/authorization/index.ts';
import { systemContext } from '../../platform/authorization/index.ts';
import { assertNotOwnWork } from '../../platform/authorization/four-eyes.ts';
import { maskName, maskPhone } from '../../platform/crypto/index.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import { certificatePdf, CjkFontMissing, findCjkFont } from './certificate.ts';
import { CentresRepository } from './centres.repository.ts';
import { directoryError } from './directory.errors.ts';
import type { CentreApplicationRow, CentreRoundRow } from './directory.tables.ts';
import type { DrawsService } from './draws.service.ts';
import type { ExpertsService } from './experts.service.ts';
import { chinaDay } from '../../platform/clock/index.ts';

const ROUND_WHAT = { zh: '遴选批次', en: 'Selection round' };
const APP_WHAT = { zh: '科普中心申报', en: 'Centre application' };
const APP_TYPE = 'directory.centre-application';
/** How far ahead visitors may book. */
export const BOOKING_DAYS = 30;

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** ISO weekday of a calendar day: 1 Monday … 7 Sunday. */
export const isoWeekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay() || 7;

/**
 * 科普展示中心 selection: rounds by year and kind; cities apply; experts of the field science-popularisation are
 * drawn (invite mode) with the module's own verifiable draw and score the criteria; the province decides (not the
 * operator who drew nor the city that applied) and certifies; certified centres are on the public map, take
 * bookings, and report their visitors and events every quarter.
 */
export class CentresService {
  readonly repo: CentresRepository;

  constructor(
    private readonly platform: Platform,
    private readonly regions: RegionsService,
    private readonly experts: ExpertsService,
    private readonly draws: DrawsService,
  ) {
    this.repo = new CentresRepository(platform.db);
  }

  private today() {
    return chinaDay(this.platform.clock.now());
  }

  // ------------------------------------------------------------ rounds

  async rounds(ctx: RequestContext): Promise<CentreRound[]> {
    this.platform.authz.require(ctx.actor, P.centreRead);
    const rows = await this.repo.rounds();
    const apps = await this.repo.applications({ roundIds: rows.map((r) => r.id) });
    return rows.map((r) => this.toRound(r, apps));
  }

  async round(ctx: RequestContext, id: string): Promise<CentreRoundDetail> {
    this.platform.authz.require(ctx.actor, P.centreRead);
    const r = await this.repo.round(id);
    if (!r) throw notFound(ROUND_WHAT);
    const scope = await this.platform.authz.scopeCodes(ctx.actor, P.centreRead);
    const all = await this.repo.applications({ roundIds: [id] });
    const mine = all.filter((a) => scope.includes(a.regionCode));
    return { ...this.toRound(r, all), applicationList: await this.toApplications(mine) };
  }

  async createRound(ctx: RequestContext, input: CentreRoundInput): Promise<CentreRoundDetail> {
    await this.platform.authz.assertCovers(ctx.actor, P.centreManage, this.platform.config.provinceCode);
    const id = crypto.randomUUID();
    await this.platform.db.transaction(async (tx) => {
      if (await this.repo.roundExists(input.year, input.kind))
        throw directoryError('directory_round_exists', undefined, [{ path: 'kind', message: 'already in that year' }]);
      await this.repo.insertRounds([{ id, ...input, isDemo: false, createdAt: this.platform.clock.now() }]);
      await this.platform.audit.record(tx, ctx, {
        action: 'directory.centre.round',
        objectType: 'directory.centre-round',
        objectId: id,
        after: input,
      });
    });
    return this.round(ctx, id);
  }

  // ------------------------------------------------------------ applications

  /** A city applies for one of its centres while the round is open. */
  async apply(ctx: RequestContext, roundId: string, input: CentreApplicationInput): Promise<CentreApplication> {
    await this.platform.authz.assertCovers(ctx.actor, P.centreApply, input.regionCode);
    const id = crypto.randomUUID();
    await this.platform.db.transaction(async (tx) => {
      const r = await this.repo.round(roundId);
      if (!r) throw notFound(ROUND_WHAT);
      if (this.today() > r.applyUntil) throw directoryError('directory_round_closed');
      if (await this.repo.nameTaken(roundId, input.name))
        throw directoryError('directory_centre_exists', undefined, [{ path: 'name', message: 'already applied' }]);
      await this.repo.insertApplications([
        {
          id,
          roundId,
          name: input.name,
          regionCode: input.regionCode,
          address: input.address,
          lng: input.lng,
          lat: input.lat,
          operatorUnit: input.operatorUnit,
          operatorCreditCode: input.operatorCreditCode ?? null,
          areaSqm: input.areaSqm,
          hours: input.hours,
          slotCapacity: input.slotCapacity,
          description: input.description,
          contactName: input.contactName,
          contactPhoneSealed: this.platform.protector.encrypt(input.contactPhone),
          contactPhoneMasked: maskPhone(input.contactPhone),
          status: 'submitted',
          createdAt: this.platform.clock.now(),
        },
      ]);
      await this.platform.audit.record(tx, ctx, {
        action: 'directory.centre.apply',
        objectType: APP_TYPE,
        objectId: id,
        after: { ...input, contactPhone: undefined },
      });
    });
    return this.application(ctx, id);
  }

  async application(ctx: RequestContext, id: string): Promise<CentreApplication> {
    const a = await this.repo.application(id);
    if (!a) throw notFound(APP_WHAT);
    await this.platform.authz.assertCovers(ctx.actor, P.centreRead, a.regionCode);
    return (await this.toApplications([a]))[0]!;
  }

  /**
   * The province draws the application's reviewers from the expert library: field science-popularisation, the
   * round's number, same-city experts and those tied to the operating unit excluded, invite mode (names sealed until
   * they accept), online scoring so an account is required. The draw is public at /verify/draw/:drawId.
   */
  async drawExperts(ctx: RequestContext, id: string): Promise<CentreApplication> {
    await this.platform.db.transaction(async (tx) => {
      const a = await this.repo.application(id, true);
      if (!a) throw notFound(APP_WHAT);
      await this.platform.authz.assertCovers(ctx.actor, P.centreManage, a.regionCode);
      if (a.status !== 'submitted') throw directoryError('directory_centre_state');
      const r = (await this.repo.round(a.roundId))!;
      const out = await this.draws.draw(ctx, {
        object: {
          module: 'directory',
          objectType: 'centre-application',
          objectId: a.id,
          title: `${r.title}:${a.name}`,
          regionCode: a.regionCode,
          units: [{ name: a.operatorUnit, ...(a.operatorCreditCode ? { creditCode: a.operatorCreditCode } : {}) }],
          companies: [],
        },
        quotas: [{ field: 'science-popularisation', count: r.expertsPerApplication }],
        regionRule: 'same_city',
        requireAccount: true,
        mode: 'invite',
      });
      await this.repo.updateApplication(a.id, { status: 'reviewing', drawId: out.drawId });
      await this.platform.audit.record(tx, ctx, {
        action: 'directory.centre.draw',
        objectType: APP_TYPE,
        objectId: a.id,
        after: { drawId: out.drawId, seedHash: out.seedHash },
      });
    });
    return this.application(ctx, id);
  }

  /** The applications a drawn expert accepted to review, with their own score once given. */
  async reviews(ctx: RequestContext): Promise<CentreReview[]> {
    this.platform.authz.require(ctx.actor, P.centreScore);
    const me = await this.experts.repo.byUserId(ctx.actor.userId);
    if (!me) return [];
    const picks = (await this.draws.repo.picksOfExpert(me.id)).filter((p) => p.status === 'accepted');
    const apps = await this.repo.applicationByDraw([...new Set(picks.map((p) => p.drawId))]);
    const [rounds, scores, names] = await Promise.all([
      this.repo.rounds(),
      this.repo.scores(apps.map((a) => a.id)),
      this.regions.nameOf([...new Set(apps.map((a) => a.regionCode))]),
    ]);
    return apps.map((a) => {
      const s = scores.find((x) => x.applicationId === a.id && x.expertId === me.id);
      return {
        applicationId: a.id,
        roundTitle: rounds.find((r) => r.id === a.roundId)?.title ?? '',
        name: a.name,
        regionName: names.get(a.regionCode) ?? a.regionCode,
        address: a.address,
        areaSqm: a.areaSqm,
        hours: a.hours,
        description: a.description,
        status: a.status,
        mine: s ? { scores: s.scores, total: s.total, comment: s.comment } : null,
      };
    });
  }

  /** An accepted reviewer scores once; when every place has scored, the application is ready for decision. */
  async score(ctx: RequestContext, id: string, input: CentreScoreInput): Promise<CentreReview[]> {
    this.platform.authz.require(ctx.actor, P.centreScore);
    const me = await this.experts.repo.byUserId(ctx.actor.userId);
    await this.platform.db.transaction(async (tx) => {
      const a = await this.repo.application(id, true);
      if (!a) throw notFound(APP_WHAT);
      if (!me || !a.drawId) throw directoryError('directory_not_reviewer');
      const state = await this.draws.state(a.drawId);
      const pick = state.picks.find((p) => p.expertId === me.id && p.status === 'accepted');
      if (!pick) throw directoryError('directory_not_reviewer');
      if (a.status !== 'reviewing') throw directoryError('directory_centre_state');
      const scores = await this.repo.scores([id]);
      if (scores.some((s) => s.expertId === me.id)) throw directoryError('directory_already_scored');
      const total = Object.values(input.scores).reduce((s, v) => s + v, 0);
      await this.repo.insertScore({
        applicationId: id,
        expertId: me.id,
        alias: pick.alias,
        scores: input.scores,
        total,
        comment: input.comment,
        scoredAt: this.platform.clock.now(),
      });
      const r = (await this.repo.round(a.roundId))!;
      if (scores.length + 1 >= r.expertsPerApplication) await this.repo.updateApplication(id, { status: 'scored' });
      await this.platform.audit.record(tx, ctx, {
        action: 'directory.centre.score',
        objectType: APP_TYPE,
        objectId: id,
        after: { alias: pick.alias, ...input },
      });
    });
    return this.reviews(ctx);
  }

  /** The province's decision (四眼: not whoever applied or drew); approval issues the certificate number. */
  async decide(ctx: RequestContext, id: string, input: CentreDecisionInput): Promise<CentreApplication> {
    await this.platform.db.transaction(async (tx) => {
      const a = await this.repo.application(id, true);
      if (!a) throw notFound(APP_WHAT);
      await this.platform.authz.assertCovers(ctx.actor, P.centreDecide, a.regionCode);
      await assertNotOwnWork(this.platform.db, ctx, {
        type: APP_TYPE,
        id,
        editActions: ['directory.centre.apply', 'directory.centre.draw', 'directory.centre.score'],
      });
      if (a.status !== 'scored') throw directoryError('directory_centre_state');
      const r = (await this.repo.round(a.roundId))!;
      const now = this.platform.clock.now();
      const approve = input.decision === 'approve';
      const certificateNo = approve
        ? certificateNumber(r.kind as CentreKind, r.year, await this.repo.nextCertificate())
        : null;
      await this.repo.updateApplication(id, {
        status: approve ? 'approved' : 'rejected',
        decisionReason: input.reason,
        decidedAt: now,
        certificateNo,
        certifiedOn: approve ? chinaDay(now) : null,
      });
      await this.platform.audit.record(tx, ctx, {
        action: 'directory.centre.decide',
        objectType: APP_TYPE,
        objectId: id,
        after: { ...input, certificateNo },
      });
    });
    return this.application(ctx, id);
  }

  /** The 授牌 certificate as a PDF (Chinese font found on the server at run time). */
  async certificate(ctx: RequestContext, id: string): Promise<{ pdf: Buffer; filename: string }> {
    const a = await this.repo.application(id);
    if (!a) throw notFound(APP_WHAT);
    await this.platform.authz.assertCovers(ctx.actor, P.centreRead, a.regionCode);
    if (a.status !== 'approved' || !a.certificateNo) throw directoryError('directory_centre_state');
    const r = (await this.repo.round(a.roundId))!;
    const names = await this.regions.nameOf([a.regionCode]);
    let font;
    try {
      font = findCjkFont();
    } catch (e) {
      if (e instanceof CjkFontMissing) {
        this.platform.log.error(e.message);
        throw directoryError('directory_font_missing');
      }
      throw e;
    }
    const kind = CENTRE_KINDS[r.kind as CentreKind];
    const pdf = await certificatePdf(
      {
        kindZh: kind.zh,
        kindEn: kind.en,
        centreName: a.name,
        regionName: names.get(a.regionCode) ?? a.regionCode,
        operatorUnit: a.operatorUnit,
        certificateNo: a.certificateNo,
        certifiedOn: a.certifiedOn!,
        year: r.year,
        demo: a.isDemo,
      },
      font,
    );
    return { pdf, filename: `${a.certificateNo}.pdf` };
  }

  // ------------------------------------------------------------ the public side

  async publicCentres(): Promise<PublicCentre[]> {
    const apps = await this.repo.applications({ status: 'approved' });
    const [rounds, names] = await Promise.all([
      this.repo.rounds(),
      this.regions.nameOf([...new Set(apps.map((a) => a.regionCode))]),
    ]);
    return apps.map((a) => ({
      id: a.id,
      kind: rounds.find((r) => r.id === a.roundId)!.kind as CentreKind,
      name: a.name,
      regionName: names.get(a.regionCode) ?? a.regionCode,
      address: a.address,
      lng: a.lng,
      lat: a.lat,
      hours: a.hours,
      slotCapacity: a.slotCapacity,
      certificateNo: a.certificateNo!,
      certifiedOn: a.certifiedOn!,
      demo: a.isDemo,
    }));
  }

  /** Places left per half-day over the bookable days (tomorrow to BOOKING_DAYS ahead). */
  async availability(id: string) {
    const a = await this.certified(id);
    const from = addDays(this.today(), 1);
    const to = addDays(this.today(), BOOKING_DAYS);
    const booked = await this.repo.booked(a.id, from, to);
    const out = [];
    for (let d = from; d <= to; d = addDays(d, 1))
      for (const slot of ['am', 'pm'] as const) {
        const open =
          a.hours.days.includes(isoWeekday(d)) && (slot === 'am' ? a.hours.opens < '12:00' : a.hours.closes > '12:00');
        out.push({
          date: d,
          slot,
          open,
          left: open ? Math.max(0, a.slotCapacity - (booked.get(`${d}/${slot}`) ?? 0)) : 0,
        });
      }
    return out;
  }

  /**
   * A visitor books a half-day (public, rate-limited by the route). Name and phone are sealed at rest and only
   * their masked forms are shown; the audit row holds neither. The centre's row is locked so two bookings for the
   * last places cannot both pass.
   */
  async book(ctx: RequestContext, id: string, input: BookingInput): Promise<Booking> {
    const now = this.platform.clock.now();
    const reference = `KP${crypto.randomBytes(5).toString('hex').toUpperCase()}`;
    await this.platform.db.transaction(async (tx) => {
      const a = await this.certified(id, true);
      const from = addDays(this.today(), 1);
      const to = addDays(this.today(), BOOKING_DAYS);
      const am = input.slot === 'am';
      if (
        input.visitDate < from ||
        input.visitDate > to ||
        !a.hours.days.includes(isoWeekday(input.visitDate)) ||
        (am ? a.hours.opens >= '12:00' : a.hours.closes <= '12:00')
      )
        throw directoryError('directory_centre_closed', undefined, [
          { path: 'visitDate', message: `open days from ${from} to ${to}` },
        ]);
      const taken = (await this.repo.booked(a.id, input.visitDate, input.visitDate)).get(
        `${input.visitDate}/${input.slot}`,
      );
      if ((taken ?? 0) + input.partySize > a.slotCapacity)
        throw directoryError('directory_fully_booked', undefined, [
          { path: 'partySize', message: `${Math.max(0, a.slotCapacity - (taken ?? 0))} places left` },
        ]);
      await this.repo.insertBooking({
        id: crypto.randomUUID(),
        centreId: a.id,
        reference,
        visitDate: input.visitDate,
        slot: input.slot,
        partySize: input.partySize,
        nameSealed: this.platform.protector.encrypt(input.name),
        nameMasked: maskName(input.name),
        phoneSealed: this.platform.protector.encrypt(input.phone),
        phoneMasked: maskPhone(input.phone),
        createdAt: now,
      });
      // A visitor has no account: the trail names the public booking desk and the request, never the person.
      await this.platform.audit.record(tx, systemContext('directory.public-booking', ctx.requestId, ctx.ip), {
        action: 'directory.centre.book',
        objectType: APP_TYPE,
        objectId: a.id,
        after: { reference, visitDate: input.visitDate, slot: input.slot, partySize: input.partySize },
      });
    });
    return {
      reference,
      visitDate: input.visitDate,
      slot: input.slot,
      partySize: input.partySize,
      nameMasked: maskName(input.name),
      phoneMasked: maskPhone(input.phone),
      createdAt: now.toISOString(),
    };
  }

  /** The coming bookings of a centre, masked, for the city and the province. */
  async bookings(ctx: RequestContext, id: string): Promise<Booking[]> {
    const a = await this.repo.application(id);
    if (!a) throw notFound(APP_WHAT);
    await this.platform.authz.assertCovers(ctx.actor, P.centreRead, a.regionCode);
    return (await this.repo.bookings(id, this.today())).map((b) => ({
      reference: b.reference,
      visitDate: b.visitDate,
      slot: b.slot,
      partySize: b.partySize,
      nameMasked: b.nameMasked,
      phoneMasked: b.phoneMasked,
      createdAt: b.createdAt.toISOString(),
    }));
  }

  /** The city reports a certified centre's quarter: visitors and events (once per quarter). */
  async report(ctx: RequestContext, id: string, input: CentreReportInput): Promise<CentreApplication> {
    await this.platform.db.transaction(async (tx) => {
      const a = await this.repo.application(id, true);
      if (!a) throw notFound(APP_WHAT);
      await this.platform.authz.assertCovers(ctx.actor, P.centreApply, a.regionCode);
      if (a.status !== 'approved') throw directoryError('directory_centre_state');
      if (await this.repo.reportExists(id, input.year, input.quarter))
        throw directoryError('directory_report_exists', undefined, [{ path: 'quarter', message: 'already reported' }]);
      await this.repo.insertReports([
        { centreId: id, ...input, note: input.note ?? null, reportedAt: this.platform.clock.now() },
      ]);
      await this.platform.audit.record(tx, ctx, {
        action: 'directory.centre.report',
        objectType: APP_TYPE,
        objectId: id,
        after: input,
      });
    });
    return this.application(ctx, id);
  }

  private async certified(id: string, forUpdate = false): Promise<CentreApplicationRow> {
    const a = await this.repo.application(id, forUpdate);
    if (!a || a.status !== 'approved') throw notFound({ zh: '科普中心', en: 'Centre' });
    return a;
  }

  private toRound(r: CentreRoundRow, apps: CentreApplicationRow[]): CentreRound {
    const mine = apps.filter((a) => a.roundId === r.id);
    return {
      id: r.id,
      year: r.year,
      kind: r.kind as CentreKind,
      title: r.title,
      applyUntil: r.applyUntil,
      expertsPerApplication: r.expertsPerApplication,
      status: this.today() <= r.applyUntil ? 'open' : 'reviewing',
      applications: mine.length,
      certified: mine.filter((a) => a.status === 'approved').length,
      demo: r.isDemo,
    };
  }

  private async toApplications(rows: CentreApplicationRow[]): Promise<CentreApplication[]> {
    const ids = rows.map((a) => a.id);
    const [rounds, scores, reports, names] = await Promise.all([
      this.repo.rounds(),
      this.repo.scores(ids),
      this.repo.reports(ids),
      this.regions.nameOf([...new Set(rows.map((a) => a.regionCode))]),
    ]);
    return rows.map((a) => {
      const r = rounds.find((x) => x.id === a.roundId)!;
      const mine = scores.filter((s) => s.applicationId === a.id);
      return {
        id: a.id,
        roundId: a.roundId,
        roundTitle: r.title,
        kind: r.kind as CentreKind,
        year: r.year,
        name: a.name,
        regionCode: a.regionCode,
        regionName: names.get(a.regionCode) ?? a.regionCode,
        address: a.address,
        lng: a.lng,
        lat: a.lat,
        operatorUnit: a.operatorUnit,
        areaSqm: a.areaSqm,
        hours: a.hours,
        slotCapacity: a.slotCapacity,
        description: a.description,
        contactName: a.contactName,
        contactPhoneMasked: a.contactPhoneMasked,
        status: a.status,
        drawId: a.drawId,
        scores: mine.map((s) => ({ alias: s.alias, scores: s.scores, total: s.total, comment: s.comment })),
        meanScore: mine.length ? Math.round((mine.reduce((s, x) => s + x.total, 0) / mine.length) * 10) / 10 : null,
        decisionReason: a.decisionReason,
        decidedAt: a.decidedAt?.toISOString() ?? null,
        certificateNo: a.certificateNo,
        certifiedOn: a.certifiedOn,
        reports: reports
          .filter((x) => x.centreId === a.id)
          .map((x) => ({ year: x.year, quarter: x.quarter, visitors: x.visitors, events: x.events, note: x.note })),
        demo: a.isDemo,
      };
    });
  }
}

/** KPZS-2026-001 (展示) / KPTY-2026-001 (体验): the module's own numbering, not a document number. */
export const certificateNumber = (kind: CentreKind, year: number, n: number) =>
  `${kind === 'exhibition' ? 'KPZS' : 'KPTY'}-${year}-${String(n).padStart(3, '0')}`;
