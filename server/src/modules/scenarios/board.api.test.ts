import { sql } from 'drizzle-orm';
import pg from 'pg';
import { queryRows } from '../../platform/database/index.ts';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createTestApp, expectAuthMatrix, type TestApp, type TestUser } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';
import type { ScenariosServices } from './services.ts';
import { enrolInDirectory, seedCaseLibrary } from './testing.ts';

const weights = { expert: 0.5, votes: 0.25, replication: 0.15, growth: 0.1 };
const roundInput = (name = '2026年第四季度') => ({
  name,
  kind: 'quarter',
  startsOn: '2026-10-01',
  endsOn: '2026-12-31',
  weights,
});
const marks = (x: number) => ({ innovation: x, effectiveness: x, replicability: x, sustainability: x, benefit: x });

describeDb('scenarios api: the board', (kind) => {
  let t: TestApp;
  let s: ScenariosServices;
  let provinceOp: TestUser;
  let provinceApprover: TestUser;
  let lixia: TestUser;
  let qingdaoExpert: TestUser;
  let zibExpert: TestUser;
  let provExpert: TestUser;
  let jinanExpert: TestUser;
  let roundId = '';
  type Item = {
    caseId: string;
    rank: number;
    cityName: string;
    votesTotal: number;
    votesHeld: number;
    reviewCount: number;
    score: number;
    why: { text: { zh: string } } | null;
    movement: number | null;
  };
  const board = async (qs = '') =>
    (await t.app.inject({ method: 'GET', url: `/api/v1/scenarios/public/board?pageSize=500${qs}` })).json();
  const find = async (caseId: string) => ((await board()).items as Item[]).find((i) => i.caseId === caseId)!;
  const vote = (caseId: string, approve: boolean, o: { ip?: string; cookie?: string } = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/scenarios/public/cases/${caseId}/vote`,
      payload: { approve },
      headers: { ...(o.ip ? { 'x-forwarded-for': o.ip } : {}), ...(o.cookie ? { cookie: o.cookie } : {}) },
    });

  beforeAll(async () => {
    t = await createTestApp(kind);
    s = await seedCaseLibrary(t);
    provinceOp = await t.user('province_operator', '370000');
    provinceApprover = await t.user('province_approver', '370000');
    lixia = await t.user('county_operator', '370102');
    qingdaoExpert = await t.user('expert', '370200');
    zibExpert = await t.user('expert', '370300');
    provExpert = await t.user('expert', '370000');
    jinanExpert = await t.user('expert', '370102');
    await enrolInDirectory(t, qingdaoExpert, zibExpert, provExpert, jinanExpert);
  });
  afterAll(() => t.close());

  it('opens a round (province only, one at a time) and ranks every accepted case', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/scenarios/rounds',
      payload: { ...roundInput(), endsOn: '2026-09-01' },
      headers: { cookie: provinceOp.cookie },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('endsOn');
    const ok = await expectAuthMatrix(t, {
      method: 'POST',
      url: '/api/v1/scenarios/rounds',
      payload: roundInput(),
      allowed: provinceOp,
      wrongRole: provinceApprover,
      okStatus: 201,
    });
    roundId = ok.json().id;
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/scenarios/rounds',
      payload: roundInput('另一轮'),
      headers: { cookie: provinceOp.cookie },
    });
    expect(again.json().code).toBe('scenarios_round_open');
    await expectAuthMatrix(t, {
      method: 'GET',
      url: '/api/v1/scenarios/rounds',
      allowed: lixia,
      wrongRole: qingdaoExpert,
    });
    const b = await board();
    expect(b.round.id).toBe(roundId);
    expect(b.total).toBeGreaterThan(100);
    // With no reviews or votes yet every case ties: one rank for all, and the explanation says so.
    expect(b.items[0].rank).toBe(1);
    expect(b.items[0].why.tie).toBe(true);
  });

  it('draws experts never from the case’s own city, and only drawn experts score', async () => {
    const jinanCase = ((await board()).items as Item[]).find((i) => i.cityName === '济南市')!.caseId;
    const drawn = await expectAuthMatrix(t, {
      method: 'POST',
      url: `/api/v1/scenarios/rounds/${roundId}/draws`,
      payload: { caseIds: [jinanCase], perCase: 4, seed: 7 },
      allowed: provinceOp,
      wrongRole: provinceApprover,
    });
    // Four asked, three eligible: the Jinan expert is never drawn for a Jinan case. The draw is the directory's,
    // public and verifiable, with the province's number as its salt.
    expect(drawn.json()).toMatchObject({ seed: 7, assigned: [{ caseId: jinanCase, experts: 3 }], short: [jinanCase] });
    const drawId = drawn.json().assigned[0].drawId as string;
    const verified = await t.app.inject({ method: 'GET', url: `/api/v1/directory/draws/${drawId}/verification` });
    expect(verified.json()).toMatchObject({
      module: 'scenarios',
      salt: '7',
      checks: { seedMatchesHash: true, committedBeforeDraw: true, rerunMatches: true },
    });
    expect(verified.json().candidates.filter((c: { excluded: string | null }) => c.excluded)).toHaveLength(1);
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/scenarios/rounds/${roundId}/draws`,
      payload: { caseIds: [], perCase: 3 },
      headers: { cookie: provinceOp.cookie },
    });
    expect(bad.statusCode).toBe(400);

    const url = `/api/v1/scenarios/reviews/${roundId}/${jinanCase}`;
    const tooHigh = await t.app.inject({
      method: 'PUT',
      url,
      payload: { scores: marks(11) },
      headers: { cookie: qingdaoExpert.cookie },
    });
    expect(tooHigh.statusCode).toBe(400);
    expect(tooHigh.json().errors[0].path).toContain('scores');
    const own = await t.app.inject({
      method: 'PUT',
      url,
      payload: { scores: marks(10) },
      headers: { cookie: jinanExpert.cookie },
    });
    expect(own.json().code).toBe('scenarios_conflict_of_interest');
    const scored = await expectAuthMatrix(t, {
      method: 'PUT',
      url,
      payload: { scores: marks(9), comment: '可复制性强' },
      allowed: qingdaoExpert,
      wrongRole: lixia,
    });
    expect(scored.json()).toMatchObject({ total: 90, caseId: jinanCase });
    await t.app.inject({ method: 'PUT', url, payload: { scores: marks(8) }, headers: { cookie: zibExpert.cookie } });
    await t.app.inject({ method: 'PUT', url, payload: { scores: marks(9) }, headers: { cookie: provExpert.cookie } });
    const mine = await expectAuthMatrix(t, {
      method: 'GET',
      url: '/api/v1/scenarios/reviews/mine',
      allowed: zibExpert,
      wrongRole: lixia,
    });
    expect(mine.json().items).toHaveLength(1);

    // Before the refresh the board has not moved; after it, the case leads and says why.
    expect((await find(jinanCase)).reviewCount).toBe(0);
    await s.board.refresh();
    const after = await find(jinanCase);
    expect(after).toMatchObject({ reviewCount: 3, rank: 1 });
    expect(after.why!.text.zh).toContain('专家评审');
  });

  it('takes one vote per device per case, counts it after the check, and holds a burst without moving a rank', async () => {
    const items = (await board()).items as Item[];
    const target = items[5]!.caseId;
    const first = await vote(target, true, { ip: '203.0.113.5' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ recorded: true, status: 'pending', verified: false });
    const cookie = String(first.headers['set-cookie']).split(';')[0]!;
    // The cookie leads with its issue second, and so does the device's stored key (new devices' keys arrive in order).
    const issued = /^zc_device=(\d{10})-[0-9a-f-]{36}$/.exec(cookie)?.[1];
    expect(issued, cookie).toBeDefined();
    expect(Math.abs(Number(issued) - Date.now() / 1000)).toBeLessThan(60);
    const stored = await queryRows<{ device: string }>(
      t.database.db,
      sql`SELECT device FROM scenarios.vote WHERE case_id = ${target} AND device LIKE ${`${issued}%`}`,
    );
    expect(stored.map((r) => r.device)).toEqual([expect.stringMatching(new RegExp(`^${issued}[0-9a-f]{64}$`))]);
    expect((await vote(target, false, { ip: '203.0.113.5', cookie })).json()).toEqual({
      recorded: false,
      status: 'duplicate',
      verified: false,
    });
    expect((await vote(target, true, { cookie: 'zc_device=x' })).statusCode).toBe(200);
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/scenarios/public/cases/${target}/vote`,
      payload: {},
    });
    expect(bad.statusCode).toBe(400);
    const draft = await t.app.inject({
      method: 'POST',
      url: '/api/v1/scenarios/cases',
      payload: {
        regionCode: '370102',
        title: '历下区未入榜的案例',
        domain: 'gov',
        category: 'grassroots',
        summary: '一个还在草稿中的案例,不能投票。',
        operatingModel: 'gov_led',
      },
      headers: { cookie: lixia.cookie },
    });
    expect((await vote(draft.json().id, true)).json().code).toBe('scenarios_not_on_board');
    await s.board.refresh();
    const counted = await find(target);
    expect(counted.votesTotal).toBe(2);

    // The public case page: accepted cases only, with the standing and why; a draft is not found.
    const pub = await t.app.inject({ method: 'GET', url: `/api/v1/scenarios/public/cases/${target}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ id: target, standing: { votesTotal: 2 } });
    expect(pub.json()).not.toHaveProperty('history');
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/scenarios/public/cases/${draft.json().id}` })).statusCode,
    ).toBe(404);
    const found = await t.app.inject({
      method: 'GET',
      url: `/api/v1/scenarios/public/cases?q=${encodeURIComponent(pub.json().title)}`,
    });
    expect(found.json().items.map((c: { id: string }) => c.id)).toContain(target);
    const drafts = await t.app.inject({
      method: 'GET',
      url: `/api/v1/scenarios/public/cases?q=${encodeURIComponent('未入榜')}`,
    });
    expect(drafts.json().total).toBe(0);

    const quiet = items[40]!.caseId;
    const before = await find(quiet);
    // 60 fresh devices from one network within a minute: a burst.
    for (let i = 0; i < 60; i++) await vote(quiet, true, { ip: `198.51.100.${i + 1}` });
    // Held votes move no score: the refresh classifies them and rewrites no standing.
    expect(await s.board.refresh()).toEqual({ votes: 60, cases: 0 });
    const during = await find(quiet);
    expect(during.votesTotal).toBe(before.votesTotal);
    expect(during.votesHeld).toBe(60);
    expect(during.rank).toBe(before.rank);
    expect(during.score).toBe(before.score);

    const held = await expectAuthMatrix(t, {
      method: 'GET',
      url: `/api/v1/scenarios/rounds/${roundId}/held-votes`,
      allowed: provinceOp,
      wrongRole: provinceApprover,
    });
    expect(held.json().items[0]).toMatchObject({ caseId: quiet, votes: 60 });
    const released = await expectAuthMatrix(t, {
      method: 'POST',
      url: `/api/v1/scenarios/rounds/${roundId}/held-votes`,
      payload: { caseId: quiet, reason: held.json().items[0].reason, decision: 'release' },
      allowed: provinceOp,
      wrongRole: provinceApprover,
    });
    expect(released.json().changed).toBe(60);
    await s.board.refresh();
    expect((await find(quiet)).votesTotal).toBe(60);
  });

  it('records votes sent at once in batches with each its own outcome: new, repeated, refused', async () => {
    const items = (await board()).items as Item[];
    const [a, b] = [items[60]!.caseId, items[61]!.caseId];
    const draft = await t.app.inject({
      method: 'POST',
      url: '/api/v1/scenarios/cases',
      payload: {
        regionCode: '370102',
        title: '历下区另一个草稿案例',
        domain: 'gov',
        category: 'grassroots',
        summary: '另一个还在草稿中的案例,同样不能投票。',
        operatingModel: 'gov_led',
      },
      headers: { cookie: lixia.cookie },
    });
    const device = (i: number) => `zc_device=batchdevice${String(i).padStart(16, '0')}`;
    // 40 devices vote for a and b at once; device 0 sends its vote for a three times; one vote goes to a draft.
    const sent = await Promise.all([
      ...Array.from({ length: 40 }, (_, i) => vote(a, true, { ip: `192.0.2.${i + 1}`, cookie: device(i) })),
      ...Array.from({ length: 40 }, (_, i) => vote(b, i % 2 === 0, { ip: `192.0.2.${i + 1}`, cookie: device(i) })),
      vote(a, false, { ip: '192.0.2.1', cookie: device(0) }),
      vote(a, false, { ip: '192.0.2.1', cookie: device(0) }),
      vote(draft.json().id, true, { cookie: device(1) }),
    ]);
    const bodies = sent.map((r) => r.json());
    expect(bodies.slice(0, 80).every((x) => x.recorded === true || x.status === 'duplicate')).toBe(true);
    const aVotes = [bodies[0], bodies[80], bodies[81]];
    expect(aVotes.filter((x) => x.recorded).length).toBe(1);
    expect(aVotes.filter((x) => x.status === 'duplicate').length).toBe(2);
    expect(bodies.slice(1, 80).every((x) => x.recorded === true)).toBe(true);
    expect(bodies[82].code).toBe('scenarios_not_on_board');
    const rows = await queryRows<{ case_id: string; n: number }>(
      t.database.db,
      sql`SELECT case_id, count(*)::int AS n FROM scenarios.vote WHERE case_id IN (${a}, ${b}) GROUP BY case_id`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.case_id, r.n]))).toEqual({
      [a]: 40,
      [b]: 40,
    });

    // The burst rule's "has the device voted for another case?", answered by the device row: yes for the 40 that
    // voted for both (the refused vote for the draft is no case voted for); device 40 votes for a alone, then later
    // for c, which its earlier vote then says too.
    const c = items[62]!.caseId;
    await vote(a, true, { ip: '192.0.2.41', cookie: device(40) });
    const others = async (caseId: string) =>
      (await s.board.repo.arrivedVotes((await s.board.repo.round(roundId))!, 100_000)).votes
        .filter((v) => v.caseId === caseId)
        .map((v) => v.deviceOtherCases);
    expect(await others(a)).toEqual([...Array(40).fill(1), 0]);
    await vote(c, true, { ip: '192.0.2.41', cookie: device(40) });
    expect(await others(a)).toEqual(Array(41).fill(1));
    expect(await others(c)).toEqual([1]);
  });

  it('holds a burst that spans two refreshes, the votes counted at the first one too', async () => {
    const items = (await board()).items as Item[];
    const target = items[70]!.caseId;
    const before = await find(target);
    // 15 votes from one network: under the rule's 20, counted.
    for (let i = 0; i < 15; i++) await vote(target, true, { ip: `203.0.113.${i + 100}` });
    await s.board.refresh();
    expect((await find(target)).votesTotal).toBe(before.votesTotal + 15);
    // 10 more from the same network within the window: a burst, and the 15 already counted are held with it.
    for (let i = 0; i < 10; i++) await vote(target, true, { ip: `203.0.113.${i + 200}` });
    await s.board.refresh();
    const after = await find(target);
    expect(after.votesTotal).toBe(before.votesTotal);
    expect(after.votesHeld).toBe(before.votesHeld + 25);

    // Every tally the refreshes and the moderator's decisions kept equals a count of the votes themselves.
    const drift = await queryRows<{ case_id: string }>(
      t.database.db,
      sql`SELECT coalesce(t.case_id, v.case_id) AS case_id FROM scenarios.vote_tally t
          FULL JOIN (SELECT round_id, case_id, count(*) FILTER (WHERE status = 'counted' AND approve)::int AS up,
                            count(*) FILTER (WHERE status = 'counted')::int AS total,
                            count(*) FILTER (WHERE status = 'held')::int AS held
                     FROM scenarios.vote GROUP BY round_id, case_id) v
            ON v.round_id = t.round_id AND v.case_id = t.case_id
          WHERE (t.up, t.total, t.held) IS DISTINCT FROM (v.up, v.total, v.held)
            AND NOT (v.case_id IS NULL AND t.up = 0 AND t.total = 0 AND t.held = 0)`,
    );
    expect(drift).toEqual([]);
  });

  // Two connections at once: PostgreSQL only (PGlite has one).
  it.skipIf(kind === 'pglite')(
    'reads a vote whose transaction ends after a later vote was taken, and waits for no transaction writing nothing',
    async () => {
      const items = (await board()).items as Item[];
      const [early, late] = [items[80]!.caseId, items[81]!.caseId];
      const [early0, late0] = [await find(early), await find(late)];
      await s.board.refresh();
      const writer = new pg.Client({ connectionString: t.database.url });
      const other = new pg.Client({ connectionString: t.database.url });
      await writer.connect();
      await other.connect();
      try {
        // A long transaction writing something else (an import, say), begun before the votes.
        await other.query('BEGIN');
        await other.query('SELECT pg_current_xact_id()');
        // A vote written by a transaction that has not ended yet, as the endpoint's statement is until it commits.
        await writer.query('BEGIN');
        await writer.query(
          `INSERT INTO scenarios.vote (round_id, case_id, device, network, approve, status, device_first_seen,
                                       created_at, txid)
           VALUES ($1, $2, 'test-device-early', 'test-network', true, 'pending', now(), now(), pg_current_xact_id())`,
          [roundId, early],
        );
        expect((await vote(late, true, { ip: '198.51.100.7' })).json().recorded).toBe(true);
        // The later vote waits behind the running one: reading it now would move the mark past the earlier vote.
        expect(await s.board.refresh()).toEqual({ votes: 0, cases: 0 });
        await writer.query('COMMIT');
        // Both are read once it has ended, while the other transaction still runs.
        expect(await s.board.refresh()).toEqual({ votes: 2, cases: 2 });
        expect((await find(early)).votesTotal).toBe(early0.votesTotal + 1);
        expect((await find(late)).votesTotal).toBe(late0.votesTotal + 1);
        expect(await s.board.refresh()).toEqual({ votes: 0, cases: 0 });
      } finally {
        await other.query('ROLLBACK');
        await writer.end();
        await other.end();
      }
    },
  );

  it('rewrites only the standings a full recompute changes', async () => {
    await s.board.recompute(roundId);
    const upsert = vi.spyOn(s.board.repo, 'upsertStandings');
    try {
      await s.board.recompute(roundId);
      // Read back from jsonb (keys in the database's order), every standing is found unchanged.
      expect(upsert.mock.calls[0]![1]).toEqual([]);
    } finally {
      upsert.mockRestore();
    }
  });

  it('closes a round, freezes its ranks and shows movement in the next', async () => {
    await expectAuthMatrix(t, {
      method: 'POST',
      url: `/api/v1/scenarios/rounds/${roundId}/recompute`,
      allowed: provinceOp,
      wrongRole: provinceApprover,
    });
    await expectAuthMatrix(t, {
      method: 'POST',
      url: `/api/v1/scenarios/rounds/${roundId}/close`,
      allowed: provinceOp,
      wrongRole: provinceApprover,
    });
    const next = await t.app.inject({
      method: 'POST',
      url: '/api/v1/scenarios/rounds',
      payload: roundInput('2027年第一季度'),
      headers: { cookie: provinceOp.cookie },
    });
    expect(next.statusCode).toBe(201);
    const b = await board();
    expect(b.round.previousRoundId).toBe(roundId);
    expect((b.items as Item[]).every((i) => i.movement !== null)).toBe(true);
    // A fresh round starts level: the leader of the last one stays first, the rest move up to share first place.
    expect((b.items as Item[]).some((i) => i.movement! > 0)).toBe(true);
    const byDomain = await board('&domain=gov');
    expect((byDomain.items as Item[]).length).toBeGreaterThan(0);
    expect(byDomain.items[0].rank).toBe(1);
  });
});
