import { createBrowserRouter, RouterProvider, type RouteObject } from 'react-router';
import { ConfigProvider, App as AntApp } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, type ComponentType } from 'react';
import { AuthProvider } from './auth';
import { I18nProvider, useI18n } from './i18n';
import { FEATURES } from './features';
import { PublicLayout } from './PublicLayout';
import type { Permission } from '@zhicheng/contracts';

/**
 * The desk shell, the sign-in page, the dashboard and the status pages are loaded when first shown, so a citizen's
 * public page (a survey on a phone) does not download the desk's menu, tables and dropdowns with the entry chunk.
 */
function deferred<P extends object>(load: () => Promise<ComponentType<P>>) {
  const Lazy = lazy(async () => ({ default: await load() }));
  return (props: P) => (
    <Suspense fallback={null}>
      <Lazy {...props} />
    </Suspense>
  );
}
const Shell = deferred(async () => (await import('./Shell')).Shell);
const LoginPage = deferred(async () => (await import('./LoginPage')).LoginPage);
const HomePage = deferred(async () => (await import('./HomePage')).HomePage);
const PlannedPage = deferred<{ title: { zh: string; en: string } }>(
  async () => (await import('./HomePage')).PlannedPage,
);
const NotFound = deferred(async () => (await import('./StatusPages')).NotFound);
const RouteError = deferred(async () => (await import('./StatusPages')).RouteError);
const RequirePermission = deferred<{ permissions: Permission[] }>(
  async () => (await import('./StatusPages')).RequirePermission,
);
const FirstAllowedPage = deferred<{ nav: { path: string; permissions?: Permission[] }[] }>(
  async () => (await import('./StatusPages')).FirstAllowedPage,
);

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

/**
 * A feature page whose menu entry needs a permission is wrapped so that a direct link by an account without it
 * shows 403 instead of a page of empty tables (the server refuses the data either way).
 */
function guarded(f: (typeof FEATURES)[number], r: RouteObject): RouteObject {
  const perms = f.nav.find((n) => n.path === r.path)?.permissions;
  return perms?.length ? { element: <RequirePermission permissions={perms} />, children: [r] } : r;
}

/** The path all of a feature's menu entries share (`/city-brain`), when no page of its own sits there. */
function moduleRoot(f: (typeof FEATURES)[number]): string | null {
  const roots = new Set(f.nav.map((n) => `/${n.path.split('/')[1]}`));
  const [root] = roots;
  if (roots.size !== 1 || !root || root === '/') return null;
  return f.routes.some((r) => r.path === root) || f.nav.some((n) => n.path === root) ? null : root;
}

/** Features whose public pages draw their own frame (participation's phone pages with 大字; the wall screen). */
const OWN_PUBLIC_FRAME = new Set(['participation', 'screen']);

function routes(): RouteObject[] {
  const inside: RouteObject[] = [{ index: true, element: <HomePage /> }];
  for (const f of FEATURES) {
    if (f.underConstruction)
      inside.push(...f.nav.map((n) => ({ path: n.path, element: <PlannedPage title={f.group} /> })));
    else inside.push(...f.routes.map((r) => guarded(f, r)));
    const root = moduleRoot(f);
    if (root) inside.push({ path: root, element: <FirstAllowedPage nav={f.nav} /> });
  }
  inside.push({ path: '*', element: <NotFound /> });
  return [
    {
      element: <PublicLayout languageSwitch={false} />,
      children: [{ path: '/login', element: <LoginPage />, errorElement: <RouteError /> }],
    },
    // The public pages under the large-text bar (大字); the citizens' phone pages draw their own frame with the same
    // switch, and the big screen is a wall display.
    {
      element: <PublicLayout />,
      children: FEATURES.filter((f) => !OWN_PUBLIC_FRAME.has(f.key))
        .flatMap((f) => f.publicRoutes ?? [])
        .map((r) => ({ errorElement: <RouteError />, ...r })),
    },
    ...FEATURES.filter((f) => OWN_PUBLIC_FRAME.has(f.key))
      .flatMap((f) => f.publicRoutes ?? [])
      .map((r) => ({ errorElement: <RouteError />, ...r })),
    { path: '/', element: <Shell />, children: inside, errorElement: <RouteError /> },
  ];
}

function Localised() {
  const { lang } = useI18n();
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  const router = useMemo(() => createBrowserRouter(routes()), []);
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={{
        token: {
          colorPrimary: '#1256b0',
          borderRadius: 6,
          // antd's defaults (25 % and 45 % black) fall below WCAG's 4.5:1 on white; these reach it.
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
          colorTextDescription: 'rgba(0, 0, 0, 0.6)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
          colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
          // Links and link buttons default to antd's #1677ff (4.0:1 on white, less on a hovered row): the primary.
          colorLink: '#1256b0',
          // Danger links and buttons (退回, 删除) in antd's #ff4d4f are 3.9:1 on white; this red is 5.6:1.
          colorError: '#cf1322',
        },
      }}
    >
      <AntApp>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Localised />
      </I18nProvider>
    </QueryClientProvider>
  );
}
