import { describe, expect, it } from 'vitest';
import { Authorizer, type Actor, type RegionDirectory } from './index.ts';

// A small tree: province 370000 → cities 370100, 370200 → counties.
const PARENT: Record<string, string | null> = {
  '370000': null,
  '370100': '370000',
  '370200': '370000',
  '370102': '370100',
  '370103': '370100',
  '370211': '370200',
};
const tree: RegionDirectory = {
  async lineage(code) {
    if (!(code in PARENT)) return null;
    const out = [code];
    let p = PARENT[code];
    while (p) {
      out.push(p);
      p = PARENT[p] ?? null;
    }
    return out;
  },
  async subtree(code) {
    const all = Object.keys(PARENT);
    const res: string[] = [];
    for (const c of all) if ((await this.lineage(c))!.includes(code)) res.push(c);
    return res;
  },
  async levelOf(code) {
    return code in PARENT ? (code.endsWith('0000') ? 'province' : code.endsWith('00') ? 'city' : 'county') : null;
  },
  async nameOf(codes) {
    return new Map(codes.map((c) => [c, c]));
  },
};

const authz = new Authorizer(
  [
    {
      'regions.manage': ['county_operator', 'city_operator', 'province_operator'],
      'assessment.submission.approve': ['city_approver'],
    },
  ],
  tree,
);
const actor = (role: Actor['roles'][number]['role'], regionCode: string): Actor => ({
  userId: 'u',
  username: 'u',
  displayName: 'u',
  organisationId: 'o',
  organisationKind: 'bureau',
  roles: [{ role, regionCode }],
  permissions: authz.permissionsOf([role]),
});

describe('region scope', () => {
  it('keeps a county operator of 历下区 out of 市中区', async () => {
    const lixia = actor('county_operator', '370102');
    expect(await authz.covers(lixia, 'regions.manage', '370102')).toBe(true);
    expect(await authz.covers(lixia, 'regions.manage', '370103')).toBe(false);
    expect(await authz.covers(lixia, 'regions.manage', '370100')).toBe(false);
    await expect(authz.assertCovers(lixia, 'regions.manage', '370103')).rejects.toMatchObject({
      code: 'out_of_region_scope',
      status: 403,
    });
  });

  it('lets a city operator cover only its own counties', async () => {
    const jinan = actor('city_operator', '370100');
    expect(await authz.covers(jinan, 'regions.manage', '370103')).toBe(true);
    expect(await authz.covers(jinan, 'regions.manage', '370211')).toBe(false);
    expect((await authz.scopeCodes(jinan, 'regions.manage')).sort()).toEqual(['370100', '370102', '370103']);
  });

  it('gives the province everything, and nothing for a permission its role lacks', async () => {
    const p = actor('province_operator', '370000');
    expect(await authz.covers(p, 'regions.manage', '370211')).toBe(true);
    expect(await authz.covers(p, 'assessment.submission.approve', '370211')).toBe(false);
    expect(() => authz.require(p, 'assessment.submission.approve')).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    );
    expect(() => authz.require(null, 'regions.manage')).toThrow(expect.objectContaining({ code: 'unauthenticated' }));
  });

  it('treats an unknown region as out of scope', async () => {
    expect(await authz.covers(actor('province_operator', '370000'), 'regions.manage', '999999')).toBe(false);
  });

  it('knows declared permissions and the two built-in ones only', () => {
    expect(authz.isKnownPermission('regions.manage')).toBe(true);
    expect(authz.isKnownPermission('public')).toBe(true);
    expect(authz.isKnownPermission('authenticated')).toBe(true);
    expect(authz.isKnownPermission('data.wrte')).toBe(false);
  });
});
