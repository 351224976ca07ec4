import { z } from 'zod';
import { RegionCode } from './common.contract.ts';
import { Role } from './access.contract.ts';

/** 三员分立: who creates accounts, grants roles, lifts sign-in holds (the audit admin reads audit: AUDIT_PERMISSIONS). */
export const IDENTITY_PERMISSIONS = {
  usersRead: 'identity.users.read',
  usersManage: 'identity.users.manage',
  rolesGrant: 'identity.roles.grant',
  usersUnlock: 'identity.users.unlock',
} as const;

export const OrganisationKind = z.enum([
  'bureau',
  'enterprise',
  'datacentre_operator',
  'expert_unit',
  'media',
  'public',
]);
export type OrganisationKind = z.infer<typeof OrganisationKind>;

export const ORGANISATION_KIND_NAMES: Record<OrganisationKind, { zh: string; en: string }> = {
  bureau: { zh: '政府部门', en: 'Government bureau' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  datacentre_operator: { zh: '数据中心运营方', en: 'Data-centre operator' },
  expert_unit: { zh: '专家单位', en: 'Expert unit' },
  media: { zh: '媒体', en: 'Media' },
  public: { zh: '社会公众', en: 'Public' },
};

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
  /** The password was set by an administrator (one-time): nothing but changing it works until it is changed. */
  mustChangePassword: z.boolean(),
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
  organisationId: z.uuid(),
  /** The one-time password an administrator set has not been changed yet. */
  mustChangePassword: z.boolean(),
  /** Holds 系统/安全/审计管理员: such accounts change only through the command line (三员分立). */
  admin: z.boolean(),
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
  username: z
    .string()
    .trim()
    .regex(/^[a-z0-9_.-]{3,64}$/, { message: 'lowercase letters, digits, _ . - (3–64)' }),
  displayName: z.string().trim().min(1).max(64),
  organisationId: z.uuid(),
  password: z.string().min(1).max(256),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

/** The security admin sets an account's roles; the account's sessions end so the change takes effect at once. */
export const SetRolesRequest = z.object({ roles: z.array(RoleGrant).max(20) });
export type SetRolesRequest = z.infer<typeof SetRolesRequest>;

/** The system admin edits an account's name and organisation (never its username: the audit trail names it). */
export const UpdateUserRequest = z.strictObject({
  displayName: z.string().trim().min(1).max(64).optional(),
  organisationId: z.uuid().optional(),
});
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

export const SetUserStatusRequest = z.strictObject({
  status: z.enum(['active', 'disabled']),
  /** Why (kept in the audit trail): leaving the post, a suspected compromise … */
  reason: z.string().trim().min(2).max(500),
});
export type SetUserStatusRequest = z.infer<typeof SetUserStatusRequest>;

/** A reset answers the generated one-time password once; it must be changed at the next sign-in. */
export const PasswordResetResponse = z.object({ oneTimePassword: z.string() });
export type PasswordResetResponse = z.infer<typeof PasswordResetResponse>;

export const Organisation = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: OrganisationKind,
  regionCode: RegionCode,
});
export type Organisation = z.infer<typeof Organisation>;

export const CreateOrganisationRequest = Organisation.omit({ id: true }).extend({
  name: z.string().trim().min(1).max(128),
});
export type CreateOrganisationRequest = z.infer<typeof CreateOrganisationRequest>;

export const UpdateOrganisationRequest = z.strictObject({
  name: z.string().trim().min(1).max(128).optional(),
  kind: OrganisationKind.optional(),
});
export type UpdateOrganisationRequest = z.infer<typeof UpdateOrganisationRequest>;
