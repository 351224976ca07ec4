import { Button, Result } from 'antd';
import { Link, Outlet, isRouteErrorResponse, useRouteError, Navigate } from 'react-router';
import type { Permission } from '@zhicheng/contracts';
import { useAuth } from './auth';
import { useI18n } from './i18n';

/** The way out of every status page. */
function BackToDashboard() {
  const { t } = useI18n();
  return (
    <Link to="/">
      <Button type="primary">{t('返回工作台', 'Back to the dashboard')}</Button>
    </Link>
  );
}

/** 403: the page exists, this account may not open it — said plainly instead of an empty table. */
export function Forbidden() {
  const { t } = useI18n();
  return (
    <Result
      status="403"
      title={t('无权访问', 'Not available to you')}
      subTitle={t(
        '您的角色不能打开此页面。如需使用,请联系安全管理员授予相应角色。',
        'Your roles do not open this page. Ask the security admin for the role if you need it.',
      )}
      extra={<BackToDashboard />}
      data-testid="page-forbidden"
    />
  );
}

/** 404: an address the platform does not have (a mistyped or outdated link). */
export function NotFound() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t('页面不存在', 'Page not found')}
      subTitle={t(
        '您访问的地址不存在,可能已变更或输入有误。',
        'This address does not exist; it may have moved or be mistyped.',
      )}
      extra={<BackToDashboard />}
      data-testid="page-not-found"
    />
  );
}

/** What the router shows when a page fails to load or render, instead of its developer page. */
export function RouteError() {
  const { t } = useI18n();
  const e = useRouteError();
  if (isRouteErrorResponse(e) && e.status === 404) return <NotFound />;
  return (
    <Result
      status="error"
      title={t('页面出错了', 'Something went wrong')}
      subTitle={t(
        '请刷新页面重试;如仍有问题,请联系管理员。',
        'Reload the page to try again; if it keeps happening, contact the administrator.',
      )}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('刷新', 'Reload')}
        </Button>
      }
      data-testid="page-error"
    />
  );
}

/** A layout route over a feature page: the page when the account holds one of its permissions, else 403. */
export function RequirePermission({ permissions }: { permissions: Permission[] }) {
  const { me } = useAuth();
  if (!me) return null;
  return permissions.some((p) => me.permissions.includes(p)) ? <Outlet /> : <Forbidden />;
}

/**
 * A module's root (`/city-brain`) opens the first of its pages the account may see, as its menu would; with none,
 * 403. Typed or shared root links then land somewhere useful instead of on 404.
 */
export function FirstAllowedPage({ nav }: { nav: { path: string; permissions?: Permission[] }[] }) {
  const { me } = useAuth();
  if (!me) return null;
  const first = nav.find((n) => !n.permissions?.length || n.permissions.some((p) => me.permissions.includes(p)));
  return first ? <Navigate to={first.path} replace /> : <Forbidden />;
}
