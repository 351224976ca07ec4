import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';

export interface Bi {
  zh: string;
  en: string;
}

export interface FeatureNavItem {
  path: string;
  label: Bi;
  icon?: ReactNode;
  /** Shown only to users holding one of these permissions; omitted: every signed-in user. */
  permissions?: string[];
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
