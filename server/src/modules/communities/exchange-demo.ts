import crypto from 'node:crypto';
import { FACILITY_TYPES, OFFER_MODELS } from '@zhicheng/contracts/communities';
import type { DirectoryApi } from '../directory/index.ts';
import type { DemoContext } from '../../platform/module.ts';
import { SeededRandom } from '../../platform/random.ts';
import { systemContext } from '../../platform/authorization/index.ts';
import { chinaDay } from './agreements.service.ts';
import type { ExchangeRepository } from './exchange.repository.ts';
import type { match, matchRound, need, offer, satisfaction } from './communities.tables.ts';
import { matchRound as solveRound } from './matching.ts';

/** The 16 cities (GB/T 2260). */
const CITY_CODES = [
  '3701',
  '3702',
  '3703',
  '3704',
  '3705',
  '3706',
  '3707',
  '3708',
  '3709',
  '3710',
  '3711',
  '3713',
  '3714',
  '3715',
  '3716',
  '3717',
];
/** The directory's demo providers (one per city it seeds) are found by their credit codes. */
const DIRECTORY_DEMO_CITIES = ['370100', '370200', '370300', '370600', '370700', '370800', '371000', '371300'];
const directoryDemoCode = (i: number) => `91${DIRECTORY_DEMO_CITIES[i]}MA3C${String(2 * (i + 1)).padStart(6, '0')}`;

/** The demo provider account: the directory's 济南 provider, so its portal can be tried at once. */
export const DEMO_PROVIDER_USER = 'provider.jinan';

const DAY = 86_400_000;

/**
 * One finished matching round per city (示例): in the county with most registered communities, needs posted, offers
 * from the directory's demo providers, the round solved by the same HiGHS model, confirmed, agreed, installed,
 * residents' answers, and a few services that stopped. Half the cities ran theirs 14 months ago, so "still running
 * after a year" has data. Written with multi-row inserts: start-up must stay fast.
 */
export async function seedExchangeDemo(
  ctx: DemoContext,
  repo: ExchangeRepository,
  directory: DirectoryApi,
  communities: { code: string; name: string }[],
): Promise<void> {
  const now = ctx.platform.clock.now();
  const rng = SeededRandom.fromString('demo-communities-exchange');
  // Providers: the directory's demo entries, each with a demo enterprise account under the same name.
  const providers: { orgId: string; name: string; barred: boolean }[] = [];
  for (let i = 0; i < DIRECTORY_DEMO_CITIES.length; i++) {
    const creditCode = directoryDemoCode(i);
    const e = await directory.orgEligibility(creditCode);
    if (!e.known || !e.name || !e.orgId) continue;
    // One sign-in account (the 济南 provider's) is enough to try the portal; the others need only their organisation
    // (an account costs a password hash at start-up).
    const orgId =
      i === 0
        ? (await repo.organisationOfUser(
            await ctx.demoUser({
              username: DEMO_PROVIDER_USER,
              displayName: `${e.name}业务员`,
              role: 'enterprise_user',
              regionCode: '370000',
              organisation: { name: e.name, kind: 'enterprise' },
            }),
          ))!
        : await ctx.platform.identity.createOrganisation(systemContext('demo.communities'), {
            name: e.name,
            kind: 'enterprise',
            regionCode: DIRECTORY_DEMO_CITIES[i]!,
          });
    if (!(await repo.provider(orgId)))
      await repo.insertProvider({
        organisationId: orgId,
        directoryOrgId: e.orgId,
        creditCode,
        name: e.name,
        isDemo: true,
        linkedBy: null,
        linkedAt: now,
      });
    providers.push({ orgId, name: e.name, barred: !e.eligible });
  }
  if (!providers.length) {
    ctx.print('communities: no directory demo providers found; exchange demo skipped');
    return;
  }

  const offers: (typeof offer.$inferInsert)[] = [];
  const needs: (typeof need.$inferInsert)[] = [];
  const rounds: (typeof matchRound.$inferInsert)[] = [];
  const pairs: (typeof match.$inferInsert)[] = [];
  const answers: (typeof satisfaction.$inferInsert)[] = [];
  const names = new Map(communities.map((c) => [c.code, c.name]));
  const facilityName = new Map<string, string>(FACILITY_TYPES.map((f) => [f[0], f[1]]));

  for (const [ci, city] of CITY_CODES.entries()) {
    const inCity = communities.filter((c) => c.code.startsWith(city));
    if (!inCity.length) continue;
    const counts = new Map<string, number>();
    for (const c of inCity) counts.set(c.code.slice(0, 6), (counts.get(c.code.slice(0, 6)) ?? 0) + 1);
    const county = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
    const pool = rng.shuffle(inCity.filter((c) => c.code.startsWith(county))).slice(0, 24);
    const old = ci % 2 === 0;
    const roundAt = new Date(now.getTime() - (old ? 425 : 75) * DAY);
    const facilities = rng.shuffle(FACILITY_TYPES.map((f) => f[0])).slice(0, 6);
    // Three providers per county; a barred one (失信) offers but is left out by the round, as in a real run.
    const chosen = rng.shuffle([...providers]).slice(0, Math.min(3, providers.length));
    const countyOffers = chosen.flatMap((p, k) =>
      facilities
        .filter((_, f) => f % chosen.length === k || rng.next() < 0.25)
        .map((facility) => ({
          id: crypto.randomUUID(),
          providerId: p.orgId,
          providerName: p.name,
          facility,
          counties: [county],
          capacity: rng.int(2, 5),
          terms: '设备免费投放、企业负责运维,按使用收费(示例)',
          model: OFFER_MODELS[rng.int(0, OFFER_MODELS.length - 1)]!,
          isDemo: true,
          createdBy: null,
          createdAt: new Date(roundAt.getTime() - 20 * DAY),
          barred: p.barred,
        })),
    );
    const countyNeeds = pool.map((c) => ({
      id: crypto.randomUUID(),
      communityCode: c.code,
      countyCode: county,
      facility: facilities[rng.int(0, facilities.length - 1)]!,
      priority: rng.int(1, 5),
      note: '居民议事会提出(示例)',
      status: 'open',
      isDemo: true,
      createdBy: null,
      createdAt: new Date(roundAt.getTime() - rng.int(10, 60) * DAY),
    }));
    const policy = { streetFloor: 1, providerCap: 0.5 };
    const r = await solveRound(
      countyNeeds.map((n) => ({
        id: n.id,
        street: n.communityCode.slice(0, 9),
        facility: n.facility,
        priority: n.priority,
      })),
      countyOffers.map((o) => ({
        id: o.id,
        provider: o.providerId,
        facility: o.facility,
        capacity: o.barred ? 0 : o.capacity,
      })),
      policy,
    );
    const roundId = crypto.randomUUID();
    rounds.push({
      id: roundId,
      countyCode: county,
      streetFloor: policy.streetFloor,
      providerCap: policy.providerCap,
      status: 'confirmed',
      solver: `highs (${r.status})`,
      needs: countyNeeds.length,
      served: r.pairs.length,
      floorShortfall: r.floorShortfall,
      unmatched: r.unmatched,
      isDemo: true,
      createdBy: null,
      createdAt: roundAt,
      confirmedBy: null,
      confirmedAt: new Date(roundAt.getTime() + DAY),
    });
    const byNeed = new Map<string, (typeof countyNeeds)[number]>(countyNeeds.map((n) => [n.id, n]));
    const byOffer = new Map<string, (typeof countyOffers)[number]>(countyOffers.map((o) => [o.id, o]));
    for (const p of r.pairs) {
      const n = byNeed.get(p.needId)!;
      const o = byOffer.get(p.offerId)!;
      const x = rng.next();
      // Most pairs agreed and installed; some still waiting for the provider; a few declined.
      const status = x < 0.7 ? 'installed' : x < 0.85 ? 'agreed' : x < 0.93 ? 'confirmed' : 'declined';
      const agreedAt = new Date(roundAt.getTime() + rng.int(2, 10) * DAY);
      const installedOn = status === 'installed' ? chinaDay(new Date(agreedAt.getTime() + rng.int(7, 45) * DAY)) : null;
      const stoppedOn =
        installedOn && old && rng.next() < 0.2
          ? chinaDay(new Date(Date.parse(installedOn) + rng.int(90, 300) * DAY))
          : null;
      n.status = status === 'declined' ? 'open' : status === 'confirmed' ? 'matched' : status;
      const id = crypto.randomUUID();
      const f = facilityName.get(n.facility) ?? n.facility;
      pairs.push({
        id,
        roundId,
        needId: n.id,
        offerId: o.id,
        status,
        explanation: {
          zh: `${names.get(n.communityCode)}需要「${f}」(优先级${n.priority});${o.providerName}提供同类设施、服务本县(示例)。`,
          en: `${names.get(n.communityCode)} needs ${n.facility} (priority ${n.priority}); ${o.providerName} offers it in this county (demo).`,
        },
        agreedBy: null,
        agreedAt: status === 'confirmed' ? null : agreedAt,
        installedBy: null,
        installedOn,
        stoppedOn,
        followups: installedOn ? 5 : 0,
      });
      if (installedOn)
        for (let k = rng.int(0, 5); k > 0; k--)
          answers.push({
            followupId: crypto.randomUUID(),
            matchId: id,
            satisfaction: Math.max(1, Math.min(5, Math.round(rng.normal(stoppedOn ? 3 : 4.2, 0.8)))),
            answeredAt: new Date(Date.parse(installedOn) + rng.int(3, 30) * DAY),
          });
    }
    offers.push(...countyOffers.map(({ barred: _, ...o }) => o));
    needs.push(...countyNeeds);
  }
  await repo.seedDemo(offers, needs, rounds, pairs, answers);
  ctx.print(
    `demo exchange (示例): ${rounds.length} finished rounds (one per city), ${needs.length} needs, ${pairs.length} pairs, ${providers.length} providers; provider account ${DEMO_PROVIDER_USER}`,
  );
}
