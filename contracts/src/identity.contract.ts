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
