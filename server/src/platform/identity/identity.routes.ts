import { z } from 'zod';
import {
  ChangePasswordRequest,
  CreateOrganisationRequest,
  CreateUserRequest,
  LoginRequest,
  Me,
  Organisation,
  PasswordResetResponse,
  ROLE_NAMES,
  SetRolesRequest,
  SetUserStatusRequest,
  UpdateOrganisationRequest,
  UpdateUserRequest,
  UserSummary,
} from '@zhicheng/contracts';
import type { PermissionGrants } from '../authorization/index.ts';
import type { Platform, ZodApp } from '../module.ts';
import { platformError } from '../http/errors.ts';
import type { SessionInfo } from './session.service.ts';

export const SESSION_COOKIE = 'zc_session';

export function identityRoutes(app: ZodApp, platform: Platform) {
  const { identity, sessions } = platform;

  const me = async (info: SessionInfo): Promise<Me> => {
    const org = await identity.organisationOf(info.actor.organisationId);
    const names = await identity.regionNames(info.actor.roles.map((r) => r.regionCode));
    return {
      id: info.actor.userId,
      username: info.actor.username,
      displayName: info.actor.displayName,
      organisation: org,
      roles: info.actor.roles.map((r) => ({ ...r, regionName: names.get(r.regionCode) ?? r.regionCode })),
      permissions: [...info.actor.permissions].sort(),
      session: {
        idleExpiresAt: info.idleExpiresAt.toISOString(),
        absoluteExpiresAt: info.absoluteExpiresAt.toISOString(),
      },
      demoMode: platform.config.demo || info.isDemo,
      mustChangePassword: info.mustChangePassword,
    };
  };

  app.post(
    '/auth/login',
    {
      config: { permission: 'public', rateLimit: { max: 30, windowSeconds: 60 } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie',
        body: LoginRequest,
        response: { 200: Me },
      },
    },
    async (req, reply) => {
      const { token, info } = await sessions.login(req.ctx, req.body.username, req.body.password, {
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: platform.config.cookieSecure,
        // The browser forgets it at the absolute limit; the server enforces idle expiry.
        expires: info.absoluteExpiresAt,
      });
      return me(info);
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['auth'], summary: 'Sign out; ends the session', response: { 204: z.null() } },
    },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await sessions.logout(req.ctx, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, roles, permissions and session expiry',
        response: { 200: Me },
      },
    },
    async (req) => {
      if (!req.session) throw platformError('unauthenticated');
      return me(req.session);
    },
  );

  app.post(
    '/auth/password',
    {
      config: { permission: 'authenticated', rateLimit: { max: 10, windowSeconds: 60 } },
      schema: {
        tags: ['auth'],
        summary: 'Change own password',
        body: ChangePasswordRequest,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await sessions.changePassword(
        req.ctx,
        req.cookies[SESSION_COOKIE] ?? '',
        req.body.currentPassword,
        req.body.newPassword,
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/identity/roles',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['identity'],
        summary: 'Role names in both languages',
        response: { 200: z.record(z.string(), z.object({ zh: z.string(), en: z.string() })) },
      },
    },
    async () => ROLE_NAMES,
  );

  app.get(
    '/identity/users',
    {
      config: { permission: 'identity.users.read' },
      schema: {
        tags: ['identity'],
        summary: 'Users whose roles fall in your scope',
        querystring: z.object({ q: z.string().max(64).optional() }),
        response: { 200: z.object({ items: z.array(UserSummary) }) },
      },
    },
    async (req) => ({ items: await identity.listUsers(req.ctx.actor!, { search: req.query.q }) }),
  );

  app.post(
    '/identity/users',
    {
      config: { permission: 'identity.users.manage' },
      schema: {
        tags: ['identity'],
        summary: 'Create an account (no roles: the security admin grants them)',
        body: CreateUserRequest,
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (req, reply) => reply.status(201).send({ id: await identity.createUser(req.ctx, req.body) }),
  );

  app.patch(
    '/identity/users/:id',
    {
      config: { permission: 'identity.users.manage' },
      schema: {
        tags: ['identity'],
        summary: 'Edit an account’s display name or organisation',
        params: z.object({ id: z.uuid() }),
        body: UpdateUserRequest,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await identity.updateUser(req.ctx, req.params.id, req.body);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/identity/users/:id/status',
    {
      config: { permission: 'identity.users.manage' },
      schema: {
        tags: ['identity'],
        summary: 'Disable (ends its sessions) or enable an account, with a reason',
        params: z.object({ id: z.uuid() }),
        body: SetUserStatusRequest,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await identity.setStatus(req.ctx, req.params.id, req.body.status, req.body.reason);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/identity/users/:id/password-reset',
    {
      config: { permission: 'identity.users.manage', rateLimit: { max: 20, windowSeconds: 60 } },
      schema: {
        tags: ['identity'],
        summary: 'Reset to a one-time password (answered once; must be changed at the next sign-in)',
        params: z.object({ id: z.uuid() }),
        response: { 200: PasswordResetResponse },
      },
    },
    async (req) => identity.resetPassword(req.ctx, req.params.id),
  );

  app.put(
    '/identity/users/:id/roles',
    {
      config: { permission: 'identity.roles.grant' },
      schema: {
        tags: ['identity'],
        summary: 'Set an account’s roles (ends its sessions)',
        params: z.object({ id: z.uuid() }),
        body: SetRolesRequest,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await identity.setRoles(req.ctx, req.params.id, req.body.roles);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/identity/users/:id/unlock',
    {
      config: { permission: 'identity.users.unlock' },
      schema: {
        tags: ['identity'],
        summary: 'Clear a login lockout',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await identity.unlock(req.ctx, req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/identity/organisations',
    {
      config: { permission: 'identity.users.read' },
      schema: {
        tags: ['identity'],
        summary: 'Organisations',
        response: { 200: z.object({ items: z.array(Organisation) }) },
      },
    },
    async () => ({ items: await identity.listOrganisations() }),
  );

  app.post(
    '/identity/organisations',
    {
      config: { permission: 'identity.users.manage' },
      schema: {
        tags: ['identity'],
        summary: 'Create an organisation',
        body: CreateOrganisationRequest,
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (req, reply) => {
      return reply.status(201).send({ id: await identity.createOrganisation(req.ctx, req.body) });
    },
  );

  app.patch(
    '/identity/organisations/:id',
    {
      config: { permission: 'identity.users.manage' },
      schema: {
        tags: ['identity'],
        summary: 'Rename an organisation or correct its kind',
        params: z.object({ id: z.uuid() }),
        body: UpdateOrganisationRequest,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await identity.updateOrganisation(req.ctx, req.params.id, req.body);
      return reply.status(204).send(null);
    },
  );
}

/**
 * 三员分立: the system admin creates and edits accounts and organisations; the security admin grants roles and lifts
 * sign-in holds; the audit admin only reads the audit trail (platform/audit). Admin accounts come from the CLI.
 */
export const IDENTITY_GRANTS: PermissionGrants = {
  'identity.users.read': ['system_admin', 'security_admin'],
  'identity.users.manage': ['system_admin'],
  'identity.roles.grant': ['security_admin'],
  'identity.users.unlock': ['security_admin'],
};
