import type { z } from 'zod';
import { DrawReplaced, type ExpertInput as ExpertInputSchema } from '@zhicheng/contracts/directory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moduleApi } from '../../app.ts';
import { createTestApp, expectAuthMatrix, type TestApp, type TestUser } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';
import ExcelJS from 'exceljs';
import { multipart, xlsxOf } from '../../../test/xlsx-fixtures.ts';
import { sha256Hex } from '../../platform/crypto/index.ts';
import { drawKey, rerunMatches } from './draw-rule.ts';

type ExpertInput = z.input<typeof ExpertInputSchema>;

const expertBody = (over: Partial<ExpertInput> = {}): ExpertInput => ({
  name: '张建国',
  title: 'senior',
  fields: ['data-governance'],
  unitName: '山东大学',
  regionCode: '370200',
  phone: '13912345678',
  email: 'zhang@example.org',
  ...over,
});

describeDb('directory api', (kind) => {
  let t: TestApp;
  let keeper: TestUser, qdKeeper: TestUser, province: TestUser, jinanOp: TestUser, qdOp: TestUser;
  let expertA: TestUser, expertB: TestUser, expertC: TestUser;
  const send = (u: TestUser | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({ method, url, payload: payload as never, headers: u ? { cookie: u.cookie } : {} });

  beforeAll(async () => {
    t = await createTestApp(kind);
    keeper = await t.user('directory_keeper', '370000');
    qdKeeper = await t.user('directory_keeper', '370200');
    province = await t.user('province_operator', '370000');
    jinanOp = await t.user('city_operator', '370100');
    qdOp = await t.user('city_operator', '370200');
    expertA = await t.user('expert', '370200');
    expertB = await t.user('expert', '370600');
    expertC = await t.user('expert', '370700');
  });
  afterAll(() => t.close());

  describe('the expert library', () => {
    it('adds an expert: auth matrix, contact sealed and masked, 400 naming the field, 409 on a linked account twice', async () => {
      const ok = await expectAuthMatrix(t, {
        method: 'POST',
        url: '/api/v1/directory/experts',
        payload: expertBody({ regionCode: '370102', userId: expertA.id }),
        allowed: keeper,
        wrongRole: province,
        wrongRegion: qdKeeper,
        okStatus: 201,
      });
      const e = ok.json();
      expect(e).toMatchObject({
        code: expect.stringMatching(/^ZJ-\d{4}$/),
        phoneMasked: '139****5678',
        hasAccount: true,
      });
      expect(e.emailMasked).toBe('z***@example.org');
      expect(ok.body).not.toContain('13912345678');
      const { rows } = (await t.database.db.execute(
        `SELECT phone_sealed FROM directory.expert WHERE id = '${e.id}'`,
      )) as unknown as { rows: { phone_sealed: string }[] };
      expect(rows[0]!.phone_sealed).not.toContain('13912345678');
      expect(t.platform.protector.decrypt(rows[0]!.phone_sealed)).toBe('13912345678');

      const bad = await send(keeper, 'POST', '/api/v1/directory/experts', expertBody({ phone: '12345' }));
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toContain('phone');
      const badRel = await send(keeper, 'POST', '/api/v1/directory/experts', {
        ...expertBody(),
        relations: [{ kind: 'region', partyName: '济南市' }],
      });
      expect(badRel.statusCode).toBe(400);
      expect(JSON.stringify(badRel.json().errors)).toContain('partyRegionCode');
      const twice = await send(keeper, 'POST', '/api/v1/directory/experts', expertBody({ userId: expertA.id }));
      expect(twice.statusCode).toBe(409);
      expect(twice.json()).toMatchObject({ code: 'directory_expert_exists', errors: [{ path: 'userId' }] });
    });

    it('lists experts only to the keeper, within their region, searchable by field', async () => {
      await expectAuthMatrix(t, {
        method: 'GET',
        url: '/api/v1/directory/experts?region=370100',
        allowed: keeper,
        wrongRole: province,
        wrongRegion: qdKeeper,
      });
      const qd = (await send(qdKeeper, 'GET', '/api/v1/directory/experts')).json();
      expect(qd.items.every((x: { regionCode: string }) => x.regionCode.startsWith('3702'))).toBe(true);
      const byField = (await send(keeper, 'GET', '/api/v1/directory/experts?field=ai')).json();
      expect(byField.total).toBe(0);
    });

    it('switches availability (audited) with the matrix', async () => {
      const list = (await send(keeper, 'GET', '/api/v1/directory/experts')).json();
      const id = list.items[0].id;
      const r = await expectAuthMatrix(t, {
        method: 'PUT',
        url: `/api/v1/directory/experts/${id}/availability`,
        payload: { available: true, unavailableUntil: null },
        allowed: keeper,
        wrongRole: jinanOp,
        wrongRegion: qdKeeper,
      });
      expect(r.json().available).toBe(true);
    });
  });

  describe('verifiable draws', () => {
    let drawId: string;
    beforeAll(async () => {
      const api = moduleApi(t, 'directory');
      const sys = t.systemCtx();
      await api.enrolExpert(sys, {
        ...expertBody({ name: '李海燕', regionCode: '370600', userId: expertB.id }),
        fields: ['ai'],
      });
      await api.enrolExpert(sys, {
        ...expertBody({ name: '王志强', regionCode: '370700', userId: expertC.id }),
        fields: ['ai'],
      });
      for (const [i, r] of ['370300', '370800', '371000', '370100'].entries())
        await api.enrolExpert(
          sys,
          expertBody({ name: `专家${i}号`, regionCode: r, fields: ['ai'], phone: `1380000000${i}` }),
        );
      // Excluded: consults for the company under review.
      await api.enrolExpert(
        sys,
        expertBody({
          name: '赵顾问',
          regionCode: '371300',
          fields: ['ai'],
          relations: [{ kind: 'consulting', partyName: '示例科技有限公司' }],
        }),
      );
    });

    const request = (over: Record<string, unknown> = {}) => ({
      object: {
        module: 'directory',
        objectType: 'review',
        objectId: 'centre-2026-01',
        title: '2026年科普体验中心遴选(历下)',
        regionCode: '370102',
        companies: [{ name: '示例科技有限公司' }],
      },
      // Four of the five eligible: at least one of the two experts with an account is always drawn.
      quotas: [{ field: 'ai', count: 4 }],
      ...over,
    });

    it('draws by field and number: matrix, the operator sees aliases and counts, never names or the pool', async () => {
      const r = await expectAuthMatrix(t, {
        method: 'POST',
        url: '/api/v1/directory/draws',
        payload: request(),
        allowed: jinanOp,
        wrongRole: keeper,
        wrongRegion: qdOp,
        okStatus: 201,
      });
      const d = r.json();
      drawId = d.id;
      expect(d).toMatchObject({ status: 'open', attempt: 1, seed: null, module: 'directory' });
      expect(d.picks.map((p: { alias: string }) => p.alias)).toEqual(['专家A', '专家B', '专家C', '专家D']);
      expect(d.picks.every((p: { name: null }) => p.name === null)).toBe(true);
      // The pool: everyone enrolled with field ai; the Jinan expert and the company's consultant are excluded.
      const reasons = Object.fromEntries(
        d.exclusions.map((x: { reason: string; count: number }) => [x.reason, x.count]),
      );
      expect(reasons).toMatchObject({ same_region: 1, declared_company: 1 });
      expect(r.body).not.toMatch(/ZJ-\d|李海燕|王志强|赵顾问/);
      const bad = await send(
        jinanOp,
        'POST',
        '/api/v1/directory/draws',
        request({ quotas: [{ field: 'ai', count: 0 }] }),
      );
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toContain('quotas');
    });

    it('commits the seed hash in the audit chain before the draw, and refuses a quiet repeat', async () => {
      const v = (await send(null, 'GET', `/api/v1/directory/draws/${drawId}/verification`)).json();
      expect(v.seed).toBeNull();
      expect(v.commitment).not.toBeNull();
      expect(v.checks).toMatchObject({ committedBeforeDraw: true, seedMatchesHash: null, rerunMatches: null });
      const again = await send(jinanOp, 'POST', '/api/v1/directory/draws', request());
      expect(again.statusCode).toBe(400);
      expect(again.json()).toMatchObject({ code: 'directory_redraw_reason', errors: [{ path: 'redrawReason' }] });
      const second = await send(jinanOp, 'POST', '/api/v1/directory/draws', request({ redrawReason: '评审日期调整' }));
      expect(second.statusCode).toBe(201);
      expect(second.json()).toMatchObject({ attempt: 2, redrawReason: '评审日期调整' });
      // Both attempts sit in the chain, each with its own commitment.
      const commits = await t.platform.audit.search(t.platform.db, {
        action: 'directory.draw.commit',
        page: 1,
        pageSize: 50,
      });
      expect(commits.items.length).toBeGreaterThanOrEqual(2);
      await send(jinanOp, 'POST', `/api/v1/directory/draws/${second.json().id}/close`);
    });

    it('refuses when too few remain after exclusions, recording nothing', async () => {
      const r = await send(jinanOp, 'POST', '/api/v1/directory/draws', {
        ...request({ quotas: [{ field: 'ai', count: 9 }] }),
        object: { ...request().object, objectId: 'centre-2026-99' },
      });
      expect(r.statusCode).toBe(409);
      expect(r.json().code).toBe('directory_not_enough_experts');
      expect((await send(jinanOp, 'GET', '/api/v1/directory/draws?objectId=centre-2026-99')).json().total).toBe(0);
    });

    it('lets the drawn expert accept or decline; a decline brings the replacement from the same seed', async () => {
      const invitationsOf = async (u: TestUser) => (await send(u, 'GET', '/api/v1/directory/invitations')).json();
      await expectAuthMatrix(t, {
        method: 'GET',
        url: '/api/v1/directory/invitations',
        allowed: expertB,
        wrongRole: jinanOp,
      });
      const state = await moduleApi(t, 'directory').drawState(drawId);
      const drawnUsers = state.picks.map((p) => p.userId).filter(Boolean);
      const [first, second] = [expertB, expertC].filter((u) => drawnUsers.includes(u.id));
      expect(first).toBeDefined();
      const inv = (await invitationsOf(first!)).find((i: { drawId: string }) => i.drawId === drawId);
      // Someone else's invitation: 404, as if absent.
      const other = state.picks.find((p) => p.userId !== first!.id)!;
      expect(
        (await send(first!, 'POST', `/api/v1/directory/invitations/${drawId}/${other.position}`, { answer: 'accept' }))
          .statusCode,
      ).toBe(404);
      const bad = await send(first!, 'POST', `/api/v1/directory/invitations/${drawId}/${inv.position}`, {
        answer: 'decline',
      });
      expect(bad.statusCode).toBe(400);
      await expectAuthMatrix(t, {
        method: 'POST',
        url: `/api/v1/directory/invitations/${drawId}/${inv.position}`,
        payload: { answer: 'decline', reason: '时间冲突' },
        allowed: first!,
        wrongRole: jinanOp,
      });
      const after = await moduleApi(t, 'directory').drawState(drawId);
      expect(after.picks).toHaveLength(5);
      expect(after.picks[4]).toMatchObject({ alias: state.picks[inv.position]!.alias, status: 'invited' });
      // The replacement is announced to the asking module (outbox, delivered after commit).
      const { rows: events } = (await t.database.db.execute(
        `SELECT payload FROM platform.outbox WHERE topic = 'directory.draw-replaced'`,
      )) as unknown as { rows: { payload: unknown }[] };
      expect(events.map((e) => DrawReplaced.parse(e.payload))).toContainEqual(
        expect.objectContaining({
          drawId,
          declinedPosition: inv.position,
          replacementPosition: 4,
          alias: state.picks[inv.position]!.alias,
        }),
      );
      expect((await invitationsOf(first!)).find((i: { drawId: string }) => i.drawId === drawId).status).toBe(
        'declined',
      );
      if (second) {
        const p = after.picks.find((x) => x.userId === second.id && x.status === 'invited');
        if (p)
          await send(second, 'POST', `/api/v1/directory/invitations/${drawId}/${p.position}`, { answer: 'accept' });
      }
    });

    it('lets the keeper record phone answers (not for their own draw); on completion names open and the seed is revealed', async () => {
      const open = (await send(keeper, 'GET', `/api/v1/directory/draws/${drawId}`)).json();
      const pending = open.picks.filter((p: { status: string }) => p.status === 'invited');
      for (const [k, p] of pending.entries()) {
        const url = `/api/v1/directory/draws/${drawId}/picks/${p.position}/response`;
        if (k === 0)
          await expectAuthMatrix(t, {
            method: 'POST',
            url,
            payload: { answer: 'accept' },
            allowed: keeper,
            wrongRole: jinanOp,
            wrongRegion: qdKeeper,
          });
        else expect((await send(keeper, 'POST', url, { answer: 'accept' })).statusCode).toBe(200);
      }
      const done = await expectAuthMatrix(t, {
        method: 'GET',
        url: `/api/v1/directory/draws/${drawId}`,
        allowed: jinanOp,
        wrongRole: expertB,
        wrongRegion: qdOp,
      });
      const d = done.json();
      expect(d.status).toBe('completed');
      expect(d.seed).toMatch(/^[0-9a-f]{64}$/);
      expect(
        d.picks.filter((p: { status: string; name: string | null }) => p.status === 'accepted' && p.name).length,
      ).toBe(4);
      expect(
        d.picks.filter((p: { status: string; name: string | null }) => p.status === 'declined' && p.name).length,
      ).toBe(0);
    });

    it('re-runs from the revealed seed publicly and gives the same experts', async () => {
      const r = await send(null, 'GET', `/api/v1/directory/draws/${drawId}/verification`);
      expect(r.statusCode).toBe(200);
      const v = r.json();
      expect(v.checks).toEqual({ seedMatchesHash: true, committedBeforeDraw: true, rerunMatches: true });
      expect(sha256Hex(v.seed)).toBe(v.seedHash);
      const eligible = v.candidates.filter((c: { excluded: string | null }) => !c.excluded);
      expect(rerunMatches(drawKey(v.seed, v.salt), v.quotas, eligible, v.picks)).toBe(true);
      // A record with one pick changed no longer re-runs.
      const swapped = v.picks.map((p: { code: string }, i: number) => (i === 0 ? { ...p, code: 'ZJ-9999' } : p));
      expect(rerunMatches(drawKey(v.seed, v.salt), v.quotas, eligible, swapped)).toBe(false);
      // The public record names nobody.
      expect(r.body).not.toMatch(/李海燕|王志强|赵顾问|山东大学/);
      const commit = await t.platform.audit.search(t.platform.db, { objectId: v.seedHash, page: 1, pageSize: 5 });
      expect(commit.items[0]).toMatchObject({ action: 'directory.draw.commit', seq: v.commitment.seq });
      expect(
        (await send(null, 'GET', '/api/v1/directory/draws/00000000-0000-4000-8000-000000000000/verification'))
          .statusCode,
      ).toBe(404);
    });

    it('lists draws in the caller’s scope', async () => {
      await expectAuthMatrix(t, {
        method: 'GET',
        url: '/api/v1/directory/draws',
        allowed: province,
        wrongRole: expertB,
      });
      expect((await send(qdOp, 'GET', '/api/v1/directory/draws')).json().total).toBe(0);
      expect((await send(jinanOp, 'GET', '/api/v1/directory/draws')).json().total).toBe(2);
    });
  });

  describe('project teams and providers', () => {
    let orgId: string;
    const orgBody = (over: Record<string, unknown> = {}) => ({
      kind: 'provider',
      name: '历下智慧社区服务有限公司',
      creditCode: '91370102MA3C000001',
      regionCode: '370102',
      contactName: '王经理',
      phone: '13612345678',
      services: ['智能快递柜', '适老化改造'],
      qualifications: [{ name: 'ISO 9001', validUntil: '2027-01-01' }],
      ...over,
    });

    it('adds an organisation: matrix, phone masked, 400 on a bad credit code, 409 on a duplicate', async () => {
      const r = await expectAuthMatrix(t, {
        method: 'POST',
        url: '/api/v1/directory/orgs',
        payload: orgBody(),
        allowed: keeper,
        wrongRole: province,
        wrongRegion: qdKeeper,
        okStatus: 201,
      });
      orgId = r.json().id;
      expect(r.json()).toMatchObject({ phoneMasked: '136****5678', blocked: false, deliveries: 0, rating: null });
      const bad = await send(keeper, 'POST', '/api/v1/directory/orgs', orgBody({ creditCode: '123' }));
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toContain('creditCode');
      const dup = await send(keeper, 'POST', '/api/v1/directory/orgs', orgBody());
      expect(dup.statusCode).toBe(409);
      expect(dup.json()).toMatchObject({ code: 'directory_org_exists', errors: [{ path: 'creditCode' }] });
    });

    it('records deliveries with ratings (performance history)', async () => {
      const url = `/api/v1/directory/orgs/${orgId}/deliveries`;
      await expectAuthMatrix(t, {
        method: 'POST',
        url,
        payload: { title: '燕山街道智能快递柜', kind: 'facility', regionCode: '370102', year: 2024, rating: 4 },
        allowed: keeper,
        wrongRole: jinanOp,
        wrongRegion: qdKeeper,
      });
      const r = await send(keeper, 'POST', url, {
        title: '甸柳社区适老化',
        kind: 'facility',
        regionCode: '370102',
        year: 2024,
        rating: 5,
      });
      expect(r.json()).toMatchObject({ deliveries: 2, rating: 4.5 });
      const bad = await send(keeper, 'POST', url, {
        title: 'x1',
        kind: 'facility',
        regionCode: '370102',
        year: 2024,
        rating: 6,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toContain('rating');
    });

    it('blocks an organisation under a dishonesty record from new work; another keeper lifts it', async () => {
      const api = moduleApi(t, 'directory');
      expect(await api.orgEligibility('91370102MA3C000001')).toMatchObject({ known: true, eligible: true });
      expect(await api.orgEligibility('91370102MA3C999999')).toMatchObject({ known: false, eligible: true });
      const rec = await expectAuthMatrix(t, {
        method: 'POST',
        url: `/api/v1/directory/orgs/${orgId}/dishonesty`,
        payload: { reason: '拒不履行运维合同', source: '信用中国(山东)', listedOn: '2024-06-01' },
        allowed: keeper,
        wrongRole: jinanOp,
        wrongRegion: qdKeeper,
      });
      expect(rec.json().blocked).toBe(true);
      const record = rec.json().dishonesty[0];
      const blocked = await api.orgEligibility('91370102MA3C000001');
      expect(blocked).toMatchObject({ eligible: false, blockedBy: [{ reason: '拒不履行运维合同' }] });
      // Filtered lists: blocked ones on their own.
      const list = (await send(jinanOp, 'GET', '/api/v1/directory/orgs?blocked=true')).json();
      expect(list.items.map((o: { id: string }) => o.id)).toContain(orgId);
      // Whoever entered it cannot lift it.
      const liftUrl = `/api/v1/directory/orgs/${orgId}/dishonesty/${record.id}/lift`;
      const own = await send(keeper, 'POST', liftUrl, { reason: '已整改完毕' });
      expect(own.statusCode).toBe(403);
      expect(own.json().code).toBe('own_work');
      const other = await t.user('directory_keeper', '370000');
      const lifted = await expectAuthMatrix(t, {
        method: 'POST',
        url: liftUrl,
        payload: { reason: '已整改完毕,信用修复' },
        allowed: other,
        wrongRole: jinanOp,
        wrongRegion: qdKeeper,
      });
      expect(lifted.json().blocked).toBe(false);
      expect((await send(other, 'POST', liftUrl, { reason: '再次解除' })).json().code).toBe('directory_not_in_force');
      expect((await api.orgEligibility('91370102MA3C000001')).eligible).toBe(true);
    });

    it('lets a dated record lapse by itself', async () => {
      await send(keeper, 'POST', `/api/v1/directory/orgs/${orgId}/dishonesty`, {
        reason: '逾期未报送服务数据',
        source: '省大数据局通报',
        listedOn: '2024-01-01',
        until: '2024-06-30',
      });
      expect((await moduleApi(t, 'directory').orgEligibility('91370102MA3C000001')).eligible).toBe(true);
    });

    it('lists and reads organisations within the caller’s scope', async () => {
      await expectAuthMatrix(t, {
        method: 'GET',
        url: `/api/v1/directory/orgs/${orgId}`,
        allowed: jinanOp,
        wrongRole: expertB,
        wrongRegion: qdOp,
      });
      await expectAuthMatrix(t, {
        method: 'GET',
        url: '/api/v1/directory/orgs?kind=provider',
        allowed: jinanOp,
        wrongRole: expertB,
      });
      expect((await send(qdOp, 'GET', '/api/v1/directory/orgs')).json().total).toBe(0);
    });

    it('corrects an organisation (matrix, phone kept unless given, audited)', async () => {
      const { kind: _k, phone: _p, ...rest } = orgBody();
      const r = await expectAuthMatrix(t, {
        method: 'PUT',
        url: `/api/v1/directory/orgs/${orgId}`,
        payload: { ...rest, contactName: '李经理', services: ['智能快递柜'] },
        allowed: keeper,
        wrongRole: province,
        wrongRegion: qdKeeper,
      });
      expect(r.json()).toMatchObject({ contactName: '李经理', services: ['智能快递柜'], phoneMasked: '136****5678' });
      const bad = await send(keeper, 'PUT', `/api/v1/directory/orgs/${orgId}`, { ...rest, kind: 'project_team' });
      expect(bad.statusCode).toBe(400);
      const { rows } = (await t.database.db.execute(
        `SELECT count(*)::int AS n FROM audit.event WHERE action = 'directory.org.update' AND object_id = '${orgId}'`,
      )) as unknown as { rows: { n: number }[] };
      expect(rows[0]!.n).toBe(1);
    });
  });

  describe('library upkeep: edit, Excel import and export', () => {
    const upload = (u: TestUser, data: Buffer) => {
      const m = multipart({ data, filename: 'experts.xlsx' });
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/directory/experts/import',
        payload: m.payload,
        headers: { ...m.headers, cookie: u.cookie },
      });
    };
    const HEADER = [
      '姓名',
      '职称',
      '专业领域',
      '工作单位',
      '单位统一社会信用代码',
      '所在地区代码',
      '手机号',
      '邮箱',
      '申报关系',
    ];
    const sheet = (...rows: string[][]) => xlsxOf([HEADER, ...rows]);

    it('declares a relation after creation: it excludes the expert from a draw for that company', async () => {
      const sys = t.systemCtx();
      const e = await moduleApi(t, 'directory').enrolExpert(
        sys,
        expertBody({ name: '钱后报', regionCode: '371300', fields: ['finance-audit'], phone: '13700000001' }),
      );
      const body = {
        name: '钱后报',
        title: 'senior',
        fields: ['finance-audit'],
        unitName: '山东大学',
        regionCode: '371300',
        relations: [{ kind: 'shareholding', partyName: '后来科技有限公司', startedOn: '2025-01-01' }],
      };
      const r = await expectAuthMatrix(t, {
        method: 'PUT',
        url: `/api/v1/directory/experts/${e.id}`,
        payload: body,
        allowed: keeper,
        wrongRole: province,
        wrongRegion: qdKeeper,
      });
      expect(r.json().relations).toMatchObject([{ kind: 'shareholding', partyName: '后来科技有限公司' }]);
      expect(r.json().phoneMasked).toBe('137****0001');
      const bad = await send(keeper, 'PUT', `/api/v1/directory/experts/${e.id}`, { ...body, userId: expertA.id });
      expect(bad.statusCode).toBe(400);
      const d = await send(jinanOp, 'POST', '/api/v1/directory/draws', {
        object: {
          module: 'directory',
          objectType: 'review',
          objectId: 'audit-after-edit',
          title: '审计评审',
          regionCode: '370100',
          companies: [{ name: '后来科技有限公司' }],
        },
        quotas: [{ field: 'finance-audit', count: 1, atLeast: 1 }],
        regionRule: 'none',
      });
      // The only finance expert is now tied to the company: not enough eligible.
      expect(d.json().code).toBe('directory_not_enough_experts');
    });

    it('refuses the whole Excel file when any row is bad, naming row and column', async () => {
      const before = (await send(keeper, 'GET', '/api/v1/directory/experts?pageSize=100')).json().total;
      const r = await upload(
        keeper,
        sheet(
          [
            '孙一',
            '正高级',
            '数据治理、人工智能',
            '山东师范大学',
            '',
            '370100',
            '13800001001',
            '',
            '任职:山东师范大学@2010-01-01',
          ],
          ['孙二', '教授', '数据治理', '山东师范大学', '', '370100', '13800001002', '', ''],
          ['孙三', '副高级', '炼金术', '山东师范大学', '', '370100', '12345', '', ''],
          ['孙一', '中级', '数据治理', '山东师范大学', '', '370100', '13800001004', '', ''],
          ['孙五', '中级', '数字政府', '青大', '', '370100', '13800001005', '', '地区:火星市'],
        ),
      );
      expect(r.statusCode).toBe(200);
      const rep = r.json();
      expect(rep.imported).toBe(0);
      const at = (n: number) =>
        rep.errors.filter((e: { row: number }) => e.row === n).map((e: { field: string }) => e.field);
      expect(at(3)).toContain('title');
      expect(at(4)).toEqual(expect.arrayContaining(['fields']));
      expect(at(5)).toContain('name');
      expect(at(6)).toContain('relations');
      expect((await send(keeper, 'GET', '/api/v1/directory/experts?pageSize=100')).json().total).toBe(before);
    });

    it('imports a good file (matrix) and exports the library in the same layout, contact masked', async () => {
      const good = sheet(
        [
          '孙一',
          '正高级',
          '数据治理、人工智能',
          '山东师范大学',
          '',
          '370100',
          '13800001001',
          'sun1@example.org',
          '任职:山东师范大学@2010-01-01;地区:济南市',
        ],
        ['孙二', '副高级', 'data-governance', '齐鲁工业大学', '', '370102', '13800001002', '', ''],
      );
      const anon = await t.app.inject({
        method: 'POST',
        url: '/api/v1/directory/experts/import',
        ...multipart({ data: good }),
      });
      expect(anon.statusCode).toBe(401);
      expect((await upload(province, good)).statusCode).toBe(403);
      // A city keeper cannot import Jinan's experts: every row outside their region is reported.
      const qd = (await upload(qdKeeper, good)).json();
      expect(qd.imported).toBe(0);
      expect(qd.errors.map((e: { field: string }) => e.field)).toEqual(['regionCode', 'regionCode']);
      expect((await upload(keeper, good)).json()).toEqual({ imported: 2, errors: [] });
      const listed = (await send(keeper, 'GET', '/api/v1/directory/experts?q=孙一')).json().items[0];
      expect(
        listed.relations.map((x: { kind: string; partyRegionCode: string | null }) => [x.kind, x.partyRegionCode]),
      ).toEqual([
        ['employment', null],
        ['region', '370100'],
      ]);
      const again = (await upload(keeper, good)).json();
      expect(again.errors[0]).toMatchObject({ row: 2, field: 'name', message: 'already in the library' });

      const ex = await expectAuthMatrix(t, {
        method: 'GET',
        url: '/api/v1/directory/experts/export',
        allowed: keeper,
        wrongRole: province,
      });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(ex.rawPayload as never);
      const ws = wb.worksheets[0]!;
      expect(ws.getRow(1).getCell(2).value).toBe('姓名');
      const sun = ws.getRows(2, ws.rowCount - 1)!.find((row) => row.getCell(2).value === '孙一')!;
      expect(sun.getCell(4).value).toBe('数据治理、人工智能');
      expect(sun.getCell(8).value).toBe('138****1001');
      expect(ex.rawPayload.toString('latin1')).not.toContain('13800001001');
      await expectAuthMatrix(t, {
        method: 'GET',
        url: '/api/v1/directory/experts/template',
        allowed: keeper,
        wrongRole: province,
      });
    });

    it('takes the expert’s region by name (所在地区); an unknown or shared bare name is a row error', async () => {
      const named = (...rows: string[][]) =>
        xlsxOf([HEADER.map((h) => (h === '所在地区代码' ? '所在地区' : h)), ...rows]);
      const expert = (name: string, region: string, phone: string, relations = '') => [
        name,
        '正高级',
        '数据治理',
        '山东大学',
        '',
        region,
        phone,
        '',
        relations,
      ];
      const bad = (
        await upload(
          keeper,
          named(
            expert('周一', '济南市 历下区', '13800002001'),
            expert('周二', '市中区', '13800002002'),
            expert('周三', '历上区', '13800002003'),
            expert('周四', '370102', '13800002004', '地区:市中区'),
          ),
        )
      ).json();
      expect(bad.imported).toBe(0);
      const at = (n: number) =>
        bad.errors.filter((e: { row: number }) => e.row === n).map((e: { field: string; message: string }) => e);
      expect(at(2)).toEqual([]);
      expect(at(3)).toHaveLength(1);
      expect(at(3)[0]).toMatchObject({ field: 'regionCode' });
      expect(at(3)[0].message).toContain('济南市市中区 370103、枣庄市市中区 370402');
      expect(at(4)).toHaveLength(1);
      expect(at(4)[0].message).toContain('未知区划“历上区”');
      expect(at(5)).toHaveLength(1);
      expect(at(5)[0]).toMatchObject({ field: 'relations' });
      expect(at(5)[0].message).toContain('枣庄市市中区');
      const ok = await upload(keeper, named(expert('周一', '济南市历下区', '13800002001', '地区:枣庄市市中区')));
      expect(ok.json()).toEqual({ imported: 1, errors: [] });
      const listed = (await send(keeper, 'GET', '/api/v1/directory/experts?q=周一')).json().items[0];
      expect(listed.regionCode).toBe('370102');
      expect(listed.relations.map((x: { partyRegionCode: string | null }) => x.partyRegionCode)).toEqual(['370402']);
    });
  });
});
