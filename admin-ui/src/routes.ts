import type { ComponentType } from 'react';
import type { Lang } from './i18n';
import { LandingPage, landingSections } from './pages/LandingPage';

export interface PageProps {
  lang: Lang;
}

/** A link in the header that jumps to a part of the current screen. */
export interface Section {
  href: string;
  label: string;
}

export interface Route {
  page: ComponentType<PageProps>;
  /** In-page sections the header offers as navigation, if the screen is long enough to need them. */
  sections?: (lang: Lang) => Section[];
}

/**
 * Client-side routes by path. The gateway answers every unknown non-API path with index.html, so any path not
 * listed here is the SPA's to report as not found.
 */
export const routes: Readonly<Record<string, Route>> = {
  '/': { page: LandingPage, sections: landingSections },
};

/** One spelling per screen: no trailing slash (except the root), and the bare index.html means the root. */
export function normalizePath(pathname: string): string {
  const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (trimmed === '' || trimmed === '/index.html') {
    return '/';
  }
  return trimmed;
}

export function findRoute(pathname: string): Route | undefined {
  const path = normalizePath(pathname);
  return Object.hasOwn(routes, path) ? routes[path] : undefined;
}
