import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDb, openTestDatabase, type TestDatabase } from '../../../test/db.ts';
import { CasesRepository } from './cases.repository.ts';

/**
 * The one-screen view reads accepted cases over a region's whole subtree. Once streets and communities are
 * imported a province's subtree is tens of thousands of codes; passed one bound parameter each they would exceed
 * PostgreSQL's limit of 65,535 and the read would fail, so the codes go as one array parameter.
 */
describeDb('reads over a large subtree', (kind) => {
  let t: TestDatabase;
  // 70,000 made-up community codes plus the two real ones the database holds (the province and Jinan).
  const many = [...Array.from({ length: 70_000 }, (_, i) => `37${String(i).padStart(10, '0')}`), '370000', '370100'];

  beforeAll(async () => {
    t = await openTestDatabase(kind);
  });
  afterAll(() => t.close());

  it('scenarios: accepted cases of 70,000 regions in one statement', async () => {
    const repo = new CasesRepository(t.db);
    await expect(repo.page({ regions: many, statuses: ['accepted'] }, { limit: 0, offset: 0 })).resolves.toMatchObject({
      total: 0,
    });
    await expect(repo.page({ regions: [], statuses: ['accepted'] }, { limit: 0, offset: 0 })).resolves.toMatchObject({
      total: 0,
    });
    await expect(repo.acceptedCounts(many)).resolves.toEqual([]);
  });
});
