import type {
  CreateOrganisationRequest,
  CreateUserRequest,
  Organisation,
  PasswordResetResponse,
  Region,
  RoleGrant,
  SetUserStatusRequest,
  UpdateOrganisationRequest,
  UpdateUserRequest,
  UserSummary,
} from '@zhicheng/contracts';
import { api, qs } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/hooks';

export const adminKeys = {
  users: ['users'] as const,
  userList: (q: string) => ['users', q] as const,
  organisations: ['organisations'] as const,
  regions: (province: string) => ['regions', 'descendants', province] as const,
};

export const useUsers = (q: string) =>
  useApiQuery<{ items: UserSummary[] }>(adminKeys.userList(q), `/api/v1/identity/users${qs({ q })}`);

export const useOrganisations = () =>
  useApiQuery<{ items: Organisation[] }>(adminKeys.organisations, '/api/v1/identity/organisations');

/** Cities and counties under the province, for binding a role to a region. */
export const useBindableRegions = (province: string | undefined) =>
  useApiQuery<{ items: Region[] }>(
    adminKeys.regions(province ?? ''),
    province ? `/api/v1/regions?parent=${province}&descendants=true` : null,
  );

export const useCreateUser = () =>
  useApiMutation((input: CreateUserRequest) => api.post<{ id: string }>('/api/v1/identity/users', input), {
    invalidate: [adminKeys.users],
    done: { zh: '已创建,请安全管理员授予角色', en: 'Created; the security admin grants its roles' },
  });

export const useSetRoles = () =>
  useApiMutation(
    (v: { id: string; roles: RoleGrant[] }) => api.put(`/api/v1/identity/users/${v.id}/roles`, { roles: v.roles }),
    {
      invalidate: [adminKeys.users],
      done: { zh: '角色已更新,该账号需重新登录', en: 'Roles updated; the account must sign in again' },
    },
  );

export const useUnlock = () =>
  useApiMutation((id: string) => api.post(`/api/v1/identity/users/${id}/unlock`), {
    invalidate: [adminKeys.users],
    done: { zh: '已解除登录限制', en: 'Sign-in hold lifted' },
  });

export const useUpdateUser = () =>
  useApiMutation(
    (v: { id: string } & UpdateUserRequest) =>
      api.patch(`/api/v1/identity/users/${v.id}`, {
        displayName: v.displayName,
        organisationId: v.organisationId,
      }),
    {
      invalidate: [adminKeys.users],
      done: { zh: '账号已更新', en: 'Account updated' },
    },
  );

export const useSetUserStatus = () =>
  useApiMutation(
    (v: { id: string } & SetUserStatusRequest) =>
      api.put(`/api/v1/identity/users/${v.id}/status`, { status: v.status, reason: v.reason }),
    {
      invalidate: [adminKeys.users],
      done: { zh: '账号状态已更新', en: 'Account status updated' },
    },
  );

/** The one-time password comes back once: the page shows it to the admin, who hands it over. */
export const useResetPassword = () =>
  useApiMutation((id: string) => api.post<PasswordResetResponse>(`/api/v1/identity/users/${id}/password-reset`), {
    invalidate: [adminKeys.users],
  });

export const useCreateOrganisation = () =>
  useApiMutation(
    (input: CreateOrganisationRequest) => api.post<{ id: string }>('/api/v1/identity/organisations', input),
    { invalidate: [adminKeys.organisations], done: { zh: '单位已创建', en: 'Organisation created' } },
  );

export const useUpdateOrganisation = () =>
  useApiMutation(
    (v: { id: string } & UpdateOrganisationRequest) =>
      api.patch(`/api/v1/identity/organisations/${v.id}`, { name: v.name, kind: v.kind }),
    { invalidate: [adminKeys.organisations, adminKeys.users], done: { zh: '单位已更新', en: 'Organisation updated' } },
  );
