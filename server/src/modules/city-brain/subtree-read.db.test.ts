import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDb, openTestDatabase, type TestDatabase } from '../../../test/db.ts';
import { RegistryRepository } from './registry.repository.ts';

/**
 * The one-screen view reads city brains over a region's whole subtree. Once streets and communities are
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

  it('city-brain: the sub-platforms of 70,000 regions in one statement', async () => {
    const repo = new RegistryRepository(t.db);
    await expect(repo.all(many)).resolves.toEqual([]);
    await expect(repo.all([])).resolves.toEqual([]);
  });
});
