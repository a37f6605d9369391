import type { Lang } from './i18n';

export interface PageProps {
  lang: Lang;
}

/** A link in the header that jumps to a part of the current screen. */
export interface Section {
  href: string;
  label: string;
}

/** One spelling per screen: no trailing slash (except the root), and the bare index.html means the root. */
export function normalizePath(pathname: string): string {
  const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (trimmed === '' || trimmed === '/index.html') {
    return '/';
  }
  return trimmed;
}
