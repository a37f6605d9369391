import type { ComponentType } from 'react';
import { Outlet, redirect, useRouteError, type LoaderFunctionArgs, type RouteObject } from 'react-router';
import { ApiError, errorMessage } from './api/client';
import type { ClientHolder } from './clientHolder';
import { SiteFooter } from './components/SiteFooter';
import { SiteHeader } from './components/SiteHeader';
import { useLang } from './LangContext';
import { NotFoundPage } from './pages/NotFoundPage';
import { useDocumentTitle } from './useDocumentTitle';

function Layout() {
  return (
    <>
      <SiteHeader />
      <Outlet />
      <SiteFooter />
    </>
  );
}

function NotFound() {
  return <NotFoundPage lang={useLang().lang} />;
}

const FAILED = {
  uk: { title: 'Не вдалося', retry: 'Спробувати ще раз' },
  en: { title: 'Something went wrong', retry: 'Try again' },
};

function RouteError() {
  const error = useRouteError();
  const { lang } = useLang();
  useDocumentTitle(`${FAILED[lang].title} — qrshare`);
  return (
    <>
      <SiteHeader />
      <main id="main" tabIndex={-1} className="screen">
        <div className="container">
          <h1 className="screen__title">{FAILED[lang].title}</h1>
          <div className="alert alert--error" role="alert">
            <p>{errorMessage(error, lang)}</p>
            <button type="button" className="button button--secondary" onClick={() => window.location.reload()}>
              {FAILED[lang].retry}
            </button>
          </div>
        </div>
      </main>
      <SiteFooter />
    </>
  );
}

const ONBOARDING = ['/cabinet/profile', '/cabinet/offer'];

/**
 * The cabinet's guard, run on every navigation inside it: no session → login (and back here afterwards); a profile
 * to fill → the profile; an offer to sign (a new version too) → the offer. The partner comes through TanStack Query,
 * so screens read the same cached answer.
 */
export function cabinetGuard(holder: ClientHolder) {
  return async ({ request }: LoaderFunctionArgs) => {
    const url = new URL(request.url);
    const { createQueryClient, partnerQuery } = await import('./api/queries');
    holder.client ??= createQueryClient(holder.onError);
    let partner;
    try {
      partner = await holder.client.fetchQuery(partnerQuery);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        throw redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`);
      }
      throw e;
    }
    const path = url.pathname.replace(/\/+$/, '');
    if (!partner.profileComplete && path !== '/cabinet/profile') throw redirect('/cabinet/profile');
    if (partner.profileComplete && !partner.offer.accepted && !ONBOARDING.includes(path)) throw redirect('/cabinet/offer');
    if (path === '/cabinet') throw redirect('/cabinet/branches');
    return null;
  };
}

/** Each screen is its own chunk, loaded when first visited. */
function lazyPage(load: () => Promise<{ default: ComponentType }>) {
  return async () => ({ Component: (await load()).default });
}

export function appRoutes(holder: ClientHolder): RouteObject[] {
  return [
    {
      element: <Layout />,
      errorElement: <RouteError />,
      children: [
        { path: '/', lazy: lazyPage(() => import('./pages/LandingRoute')) },
        { path: '/index.html', lazy: lazyPage(() => import('./pages/LandingRoute')) },
        {
          // Everything with server state: the query client and its provider load with the first such screen.
          lazy: lazyPage(() => import('./AppShell')),
          children: [
            { path: '/login', lazy: lazyPage(() => import('./pages/LoginPage')) },
            { path: '/verify', lazy: lazyPage(() => import('./pages/VerifyPage')) },
            {
              path: '/cabinet',
              loader: cabinetGuard(holder),
              shouldRevalidate: () => true,
              lazy: lazyPage(() => import('./pages/cabinet/CabinetLayout')),
              children: [
                { index: true, element: null },
                { path: 'profile', lazy: lazyPage(() => import('./pages/cabinet/ProfilePage')) },
                { path: 'offer', lazy: lazyPage(() => import('./pages/cabinet/OfferPage')) },
                { path: 'branches', lazy: lazyPage(() => import('./pages/cabinet/BranchesPage')) },
                { path: 'branches/:branchId', lazy: lazyPage(() => import('./pages/cabinet/BranchPage')) },
                { path: 'services/:serviceId', lazy: lazyPage(() => import('./pages/cabinet/ServicePage')) },
                { path: 'history', lazy: lazyPage(() => import('./pages/cabinet/HistoryPage')) },
              ],
            },
            { path: '/demo/scan', lazy: lazyPage(() => import('./pages/demo/ScanPage')) },
            { path: '/demo/mailbox', lazy: lazyPage(() => import('./pages/demo/MailboxPage')) },
          ],
        },
        { path: '*', Component: NotFound },
      ],
    },
  ];
}
