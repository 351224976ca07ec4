import type { ComponentType, ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { Permission } from '@zhicheng/contracts';

export interface Bi {
  zh: string;
  en: string;
}

export interface FeatureNavItem {
  path: string;
  label: Bi;
  icon?: ReactNode;
  /** Shown only to users holding one of these permissions; omitted: every signed-in user. */
  permissions?: Permission[];
}

/** A module's web part: its navigation group and its pages. The shell lists features in app/features.tsx. */
export interface FeatureDefinition {
  key: string;
  group: Bi;
  /** One line on the dashboard card: what the module is for. */
  summary?: Bi;
  icon: ReactNode;
  nav: FeatureNavItem[];
  /** Pages inside the signed-in layout. */
  routes: RouteObject[];
  /** Pages anyone can open without signing in (a survey's answer page, a public progress page). */
  publicRoutes?: RouteObject[];
  /** Not built yet: the nav shows the group with a 建设中 tag and a placeholder page. */
  underConstruction?: boolean;
}

/**
 * A page loaded only when its route is opened: `{ path: '/regions', lazy: page(() => import('./RegionsPage')) }`.
 * The page file's default export is the page, and it exports nothing else.
 */
export const page =
  (load: () => Promise<{ default: ComponentType }>): RouteObject['lazy'] =>
  async () => ({ Component: (await load()).default });
