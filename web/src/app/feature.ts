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

/** Something waiting for the signed-in user (待办): what, how many, since and by when, and where to do it. */
export interface Todo {
  key: string;
  title: Bi;
  path: string;
  count?: number;
  /** ISO date-time the work has been waiting since, if known. */
  since?: string | null;
  /** ISO date (YYYY-MM-DD) it is due by, if there is a deadline. */
  due?: string | null;
  /** A reminder line under the title (e.g. what to do about a closed deadline). */
  note?: Bi;
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
  /**
   * A hook answering what waits for the signed-in user in this module (its queries run only for holders of the
   * permission). The header counts them and the dashboard lists them.
   */
  useTodos?: () => Todo[];
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
