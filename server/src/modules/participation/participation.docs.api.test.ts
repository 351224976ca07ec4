import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';

describeDb('participation OpenAPI', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('documents every participation route', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(r.statusCode).toBe(200);
    const paths = Object.keys(r.json().paths).filter((p) => p.includes('/participation/'));
    expect(paths).toContain('/api/v1/participation/surveys/{id}/responses');
    expect(paths.length).toBeGreaterThanOrEqual(30);
  });
});
