import type { OrganisationKind, Role } from '@zhicheng/contracts';
import { eq } from 'drizzle-orm';
import type { BuiltApp } from './app.ts';
import { organisation, userAccount } from './platform/identity/identity.tables.ts';
import { systemContext } from './platform/authorization/index.ts';
import type { DemoContext } from './platform/module.ts';

/** One password for every demo account: printed on start, and only ever created in demo mode. */
export const DEMO_PASSWORD = 'Zhicheng#Demo2024';

/** The accounts a visitor needs to see each part of the platform. Region codes are real; people are not. */
const PLATFORM_ACCOUNTS: {
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  org: string;
  kind: OrganisationKind;
}[] = [
  {
    username: 'sysadmin',
    displayName: '系统管理员(示例)',
    role: 'system_admin',
    regionCode: '370000',
    org: '山东省大数据局',
    kind: 'bureau',
  },
  {
    username: 'secadmin',
    displayName: '安全管理员(示例)',
    role: 'security_admin',
    regionCode: '370000',
    org: '山东省大数据局',
    kind: 'bureau',
  },
  {
    username: 'auditor',
    displayName: '审计管理员(示例)',
    role: 'audit_admin',
    regionCode: '370000',
    org: '山东省大数据局',
    kind: 'bureau',
  },
  {
    username: 'province',
    displayName: '省级经办人(示例)',
    role: 'province_operator',
    regionCode: '370000',
    org: '山东省大数据局',
    kind: 'bureau',
  },
  {
    username: 'province.approver',
    displayName: '省级审核人(示例)',
    role: 'province_approver',
    regionCode: '370000',
    org: '山东省大数据局',
    kind: 'bureau',
  },
  {
    username: 'jinan',
    displayName: '济南市经办人(示例)',
    role: 'city_operator',
    regionCode: '370100',
    org: '济南市大数据局',
    kind: 'bureau',
  },
  {
    username: 'jinan.approver',
    displayName: '济南市审核人(示例)',
    role: 'city_approver',
    regionCode: '370100',
    org: '济南市大数据局',
    kind: 'bureau',
  },
  {
    username: 'lixia',
    displayName: '历下区经办人(示例)',
    role: 'county_operator',
    regionCode: '370102',
    org: '历下区大数据局',
    kind: 'bureau',
  },
  {
    username: 'shizhong',
    displayName: '市中区经办人(示例)',
    role: 'county_operator',
    regionCode: '370103',
    org: '市中区大数据局',
    kind: 'bureau',
  },
];

export async function seedDemo(built: BuiltApp, print: (line: string) => void): Promise<void> {
  const { platform } = built;
  // Two modules may share a demo account (assessment's and participation's supervisor): print it once.
  const printed = new Set<string>();
  const ctx: DemoContext = {
    platform,
    async once(key, fn) {
      const k = `demo.seeded.${key}`;
      if (await platform.settings.get(k)) return;
      await fn();
      await platform.settings.set(k, { at: platform.clock.now().toISOString() });
    },
    print,
    async demoUser(u) {
      const [existing] = await platform.db
        .select({ id: userAccount.id })
        .from(userAccount)
        .where(eq(userAccount.username, u.username));
      let id = existing?.id;
      if (!id) {
        const [org] = await platform.db
          .select({ id: organisation.id })
          .from(organisation)
          .where(eq(organisation.name, u.organisation.name));
        const orgId =
          org?.id ??
          (await platform.identity.createOrganisation(systemContext('demo'), {
            name: u.organisation.name,
            kind: u.organisation.kind,
            regionCode: u.regionCode,
          }));
        id = await platform.identity.createUser(systemContext('demo'), {
          username: u.username,
          displayName: u.displayName,
          organisationId: orgId,
          password: DEMO_PASSWORD,
          roles: [{ role: u.role, regionCode: u.regionCode }],
          isDemo: true,
        });
      }
      if (!printed.has(u.username)) print(`demo account: ${u.role} ${u.username} ${DEMO_PASSWORD}`);
      printed.add(u.username);
      return id;
    },
  };
  for (const a of PLATFORM_ACCOUNTS) {
    await ctx.demoUser({
      username: a.username,
      displayName: a.displayName,
      role: a.role,
      regionCode: a.regionCode,
      organisation: { name: a.org, kind: a.kind },
    });
  }
  for (const m of built.modules.values()) await m.parts.seedDemo?.(ctx);
}
