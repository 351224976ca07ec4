import { z } from 'zod';
import type { ASSESSMENT_PERMISSIONS } from './assessment.contract.ts';
import type { AUDIT_PERMISSIONS } from './audit.contract.ts';
import { defineRoles, type RoleDefinition } from './common.contract.ts';
import { COMPUTE_ROLES, type COMPUTE_PERMISSIONS } from './compute-network.contract.ts';
import type { IDENTITY_PERMISSIONS } from './identity.contract.ts';
import { PARTICIPATION_ROLES, type PARTICIPATION_PERMISSIONS } from './participation.contract.ts';
import { DIRECTORY_ROLES, type DIRECTORY_PERMISSIONS } from './directory.contract.ts';
import { WORK_LEDGER_ROLES, type WORK_LEDGER_PERMISSIONS } from './work-ledger.contract.ts';
import { SCREEN_ROLES, type SCREEN_PERMISSIONS } from './screen.contract.ts';
import { SCENARIOS_ROLES, type SCENARIOS_PERMISSIONS } from './scenarios.contract.ts';
import { CITY_BRAIN_ROLES, type CITY_BRAIN_PERMISSIONS } from './city-brain.contract.ts';
import { COMMUNITIES_ROLES, type COMMUNITIES_PERMISSIONS } from './communities.contract.ts';
import type { REGION_PERMISSIONS } from './regions.contract.ts';

/**
 * Who may do what: the roles and the permission names of the platform and of every module. This file is the one
 * list of modules in the contracts (as app.ts is on the server): a module adds its roles and permissions here once.
 */

/**
 * The platform's own roles: the three separated admins (等保 level 3 三员分立: nobody holds two, nor an admin role
 * beside a business one), the bureau staff at each level who file (经办) and approve (审核), and the participants
 * several modules share. A module's own roles live in its contract and are listed once below.
 */
export const PLATFORM_ROLES = defineRoles({
  system_admin: { zh: '系统管理员', en: 'System admin', level: 'province', duty: 'admin' },
  security_admin: { zh: '安全管理员', en: 'Security admin', level: 'province', duty: 'admin' },
  audit_admin: { zh: '审计管理员', en: 'Audit admin', level: 'province', duty: 'admin' },
  province_operator: { zh: '省级经办人', en: 'Province operator', level: 'province', duty: 'operator' },
  province_approver: { zh: '省级审核人', en: 'Province approver', level: 'province', duty: 'approver' },
  city_operator: { zh: '市级经办人', en: 'City operator', level: 'city', duty: 'operator' },
  city_approver: { zh: '市级审核人', en: 'City approver', level: 'city', duty: 'approver' },
  county_operator: { zh: '县级经办人', en: 'County operator', level: 'county', duty: 'operator' },
  county_approver: { zh: '县级审核人', en: 'County approver', level: 'county', duty: 'approver' },
  expert: { zh: '评审专家', en: 'Expert', level: null, duty: 'participant' },
  enterprise_user: { zh: '企业用户', en: 'Enterprise user', level: null, duty: 'participant' },
});

/** Every role: the platform's and each module's (the only list of modules' roles, like app.ts for modules). */
export const ROLES = {
  ...PLATFORM_ROLES,
  ...PARTICIPATION_ROLES,
  ...COMPUTE_ROLES,
  ...DIRECTORY_ROLES,
  ...WORK_LEDGER_ROLES,
  ...SCREEN_ROLES,
  ...SCENARIOS_ROLES,
  ...CITY_BRAIN_ROLES,
  ...COMMUNITIES_ROLES,
  // (module roles are added here, one line each)
} as const satisfies Record<string, RoleDefinition>;

export const Role = z.enum(Object.keys(ROLES) as [keyof typeof ROLES, ...(keyof typeof ROLES)[]]);
export type Role = z.infer<typeof Role>;

const entries = Object.entries(ROLES) as [Role, RoleDefinition][];

export const SEPARATED_ADMIN_ROLES: readonly Role[] = entries.filter(([, d]) => d.duty === 'admin').map(([r]) => r);

/** The region level a role must be bound at; null: any level. */
export const ROLE_LEVEL = Object.fromEntries(entries.map(([r, d]) => [r, d.level])) as Record<
  Role,
  RoleDefinition['level']
>;

export const ROLE_NAMES = Object.fromEntries(entries.map(([r, d]) => [r, { zh: d.zh, en: d.en }])) as Record<
  Role,
  { zh: string; en: string }
>;

/**
 * Separation of duties for one account's roles (等保 2.0 level 3): at most one admin role and never an admin role
 * beside a business role; never a role that files (operator duty) beside one that approves. Returns what is wrong,
 * or null. The server enforces it; the web shows the same message before sending.
 */
export function roleConflict(roles: readonly Role[]): { zh: string; en: string } | null {
  const duty = (r: Role) => ROLES[r].duty;
  const admins = new Set(roles.filter((r) => duty(r) === 'admin'));
  if (admins.size > 1) {
    return {
      zh: '系统管理员、安全管理员、审计管理员不得由同一人兼任',
      en: 'System, security and audit admin roles must be held by different people',
    };
  }
  if (admins.size === 1 && roles.some((r) => !admins.has(r))) {
    return { zh: '管理员账号不得兼任业务角色', en: 'An admin account cannot also hold a business role' };
  }
  if (roles.some((r) => duty(r) === 'operator') && roles.some((r) => duty(r) === 'approver')) {
    return { zh: '填报(经办)与审核不得由同一账号兼任', en: 'One account cannot both file and approve' };
  }
  return null;
}

type ValuesOf<T> = T extends unknown ? T[keyof T] : never;

/** Every permission name a route or a page can check; a misspelt one does not compile. */
export type Permission = ValuesOf<
  | typeof IDENTITY_PERMISSIONS
  | typeof AUDIT_PERMISSIONS
  | typeof REGION_PERMISSIONS
  | typeof ASSESSMENT_PERMISSIONS
  | typeof PARTICIPATION_PERMISSIONS
  | typeof COMPUTE_PERMISSIONS
  | typeof DIRECTORY_PERMISSIONS
  | typeof WORK_LEDGER_PERMISSIONS
  | typeof SCREEN_PERMISSIONS
  | typeof SCENARIOS_PERMISSIONS
  | typeof CITY_BRAIN_PERMISSIONS
  | typeof COMMUNITIES_PERMISSIONS
  // (module permissions are added here, one line each)
>;
