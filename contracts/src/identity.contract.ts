import { z } from 'zod';
import { RegionCode, RegionLevel } from './common.contract.ts';

/**
 * Roles are bound to a region subtree. The three admin roles are kept apart (等保 level 3 三员分立):
 * nobody holds two of them.
 */
export const Role = z.enum([
  'system_admin',
  'security_admin',
  'audit_admin',
  'province_operator',
  'province_approver',
  'city_operator',
  'city_approver',
  'county_operator',
  'county_approver',
  'expert',
  'citizen_supervisor',
  'enterprise_user',
  'datacentre_operator',
]);
export type Role = z.infer<typeof Role>;

export const SEPARATED_ADMIN_ROLES: readonly Role[] = ['system_admin', 'security_admin', 'audit_admin'];

const OPERATOR_ROLES: readonly Role[] = ['province_operator', 'city_operator', 'county_operator'];
const APPROVER_ROLES: readonly Role[] = ['province_approver', 'city_approver', 'county_approver'];

/**
 * Separation of duties for one account's roles (等保 2.0 level 3): at most one of the three admin roles and never
 * an admin role beside a business role; never an operator role (who files) beside an approver role (who approves).
 * Returns what is wrong, or null. The server enforces it; the web shows the same message before sending.
 */
export function roleConflict(roles: readonly Role[]): { zh: string; en: string } | null {
  const admins = new Set(roles.filter((r) => SEPARATED_ADMIN_ROLES.includes(r)));
  if (admins.size > 1) {
    return { zh: '系统管理员、安全管理员、审计管理员不得由同一人兼任', en: 'System, security and audit admin roles must be held by different people' };
  }
  if (admins.size === 1 && roles.some((r) => !admins.has(r))) {
    return { zh: '管理员账号不得兼任业务角色', en: 'An admin account cannot also hold a business role' };
  }
  if (roles.some((r) => OPERATOR_ROLES.includes(r)) && roles.some((r) => APPROVER_ROLES.includes(r))) {
    return { zh: '经办人与审核人不得由同一账号兼任', en: 'One account cannot be both an operator and an approver' };
  }
  return null;
}

/** The region level a role must be bound at; null: any level. */
export const ROLE_LEVEL: Record<Role, RegionLevel | null> = {
  system_admin: 'province',
  security_admin: 'province',
  audit_admin: 'province',
  province_operator: 'province',
  province_approver: 'province',
  city_operator: 'city',
  city_approver: 'city',
  county_operator: 'county',
  county_approver: 'county',
  expert: null,
  citizen_supervisor: null,
  enterprise_user: null,
  datacentre_operator: null,
};

export const ROLE_NAMES: Record<Role, { zh: string; en: string }> = {
  system_admin: { zh: '系统管理员', en: 'System admin' },
  security_admin: { zh: '安全管理员', en: 'Security admin' },
  audit_admin: { zh: '审计管理员', en: 'Audit admin' },
  province_operator: { zh: '省级经办人', en: 'Province operator' },
  province_approver: { zh: '省级审核人', en: 'Province approver' },
  city_operator: { zh: '市级经办人', en: 'City operator' },
  city_approver: { zh: '市级审核人', en: 'City approver' },
  county_operator: { zh: '县级经办人', en: 'County operator' },
  county_approver: { zh: '县级审核人', en: 'County approver' },
  expert: { zh: '评审专家', en: 'Expert' },
  citizen_supervisor: { zh: '市民监督员', en: 'Citizen supervisor' },
  enterprise_user: { zh: '企业用户', en: 'Enterprise user' },
  datacentre_operator: { zh: '数据中心运营方', en: 'Data-centre operator' },
};

export const OrganisationKind = z.enum(['bureau', 'enterprise', 'datacentre_operator', 'expert_unit', 'media', 'public']);
export type OrganisationKind = z.infer<typeof OrganisationKind>;

export const RoleBinding = z.object({ role: Role, regionCode: RegionCode, regionName: z.string() });
export type RoleBinding = z.infer<typeof RoleBinding>;

export const PASSWORD_MIN_LENGTH = 12;

export const LoginRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const Me = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  organisation: z.object({ id: z.uuid(), name: z.string(), kind: OrganisationKind }),
  roles: z.array(RoleBinding),
  permissions: z.array(z.string()),
  /** Idle and absolute expiry of the current session. */
  session: z.object({ idleExpiresAt: z.string(), absoluteExpiresAt: z.string() }),
  demoMode: z.boolean(),
});
export type Me = z.infer<typeof Me>;

export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const UserSummary = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  organisationName: z.string(),
  status: z.enum(['active', 'disabled']),
  /** Until when sign-in is being held back after wrong passwords (from some address), or null. */
  lockedUntil: z.string().nullable(),
  roles: z.array(RoleBinding),
  createdAt: z.string(),
});
export type UserSummary = z.infer<typeof UserSummary>;

export const RoleGrant = z.object({ role: Role, regionCode: RegionCode });
export type RoleGrant = z.infer<typeof RoleGrant>;

/** The system admin creates an account; roles are granted afterwards by the security admin (三员分立). */
export const CreateUserRequest = z.strictObject({
  username: z.string().trim().regex(/^[a-z0-9_.-]{3,64}$/, { message: 'lowercase letters, digits, _ . - (3–64)' }),
  displayName: z.string().trim().min(1).max(64),
  organisationId: z.uuid(),
  password: z.string().min(1).max(256),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

/** The security admin sets an account's roles; the account's sessions end so the change takes effect at once. */
export const SetRolesRequest = z.object({ roles: z.array(RoleGrant).max(20) });
export type SetRolesRequest = z.infer<typeof SetRolesRequest>;

export const Organisation = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: OrganisationKind,
  regionCode: RegionCode,
});
export type Organisation = z.infer<typeof Organisation>;

export const CreateOrganisationRequest = Organisation.omit({ id: true }).extend({ name: z.string().trim().min(1).max(128) });
