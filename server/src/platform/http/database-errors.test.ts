import { describe, expect, it } from 'vitest';
import { databaseProblem } from './database-errors.ts';

/** What PGlite's and node-postgres's DatabaseError carry, under Drizzle's wrapper. */
const pg = (code: string, more: Record<string, string> = {}) => {
  const cause = Object.assign(new Error(`pg ${code}`), { severity: 'ERROR', code, ...more });
  return Object.assign(new Error('Failed query: …'), { cause });
};

describe('database errors as problems', () => {
  it('names the fields of a unique violation from its detail, in the API’s camelCase', () => {
    const p = databaseProblem(
      pg('23505', { detail: 'Key (user_id, role, region_code)=(…) already exists.', constraint: 'role_binding_pkey' }),
    )!;
    expect([p.status, p.code]).toEqual([409, 'conflict']);
    expect(p.fieldErrors?.map((f) => f.path)).toEqual(['userId', 'role', 'regionCode']);
  });

  it('tells a missing reference (400) from one still in use (409)', () => {
    const missing = databaseProblem(
      pg('23503', { detail: 'Key (organisation_id)=(…) is not present in table "organisation".' }),
    )!;
    expect([missing.status, missing.fieldErrors?.[0]?.path]).toEqual([400, 'organisationId']);
    const inUse = databaseProblem(
      pg('23503', { detail: 'Key (id)=(…) is still referenced from table "user_account".' }),
    )!;
    expect(inUse.status).toBe(409);
  });

  it('answers data exceptions with 400, races with 409, and leaves everything else a 500', () => {
    expect(databaseProblem(pg('23502', { column: 'display_name' }))!.fieldErrors).toEqual([
      { path: 'displayName', message: 'is required' },
    ]);
    for (const code of ['22001', '22003', '22007', '22008', '22P02', '22P05', '22021', '22025'])
      expect(databaseProblem(pg(code))?.status, code).toBe(400);
    for (const code of ['40001', '40P01']) expect(databaseProblem(pg(code))?.status, code).toBe(409);
    expect(databaseProblem(pg('54000'))?.status).toBe(413);
    for (const code of ['42P01', '08006', '53300']) expect(databaseProblem(pg(code)), code).toBeNull();
    expect(databaseProblem(new Error('plain'))).toBeNull();
    expect(databaseProblem(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBeNull();
  });
});
