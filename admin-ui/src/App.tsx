import { useState } from 'react';
import { createBrowserRouter, createMemoryRouter, RouterProvider } from 'react-router';
import { ApiError } from './api/client';
import { ClientHolderContext, type ClientHolder } from './clientHolder';
import { KeySessionProvider } from './kep/KeySession';
import { LangProvider } from './LangContext';
import { appRoutes } from './router';

type AppRouter = ReturnType<typeof createBrowserRouter>;

/**
 * A 401 anywhere means the session ended: back to login, and back here afterwards. The cabinet's 403s
 * PROFILE_INCOMPLETE and OFFER_NOT_ACCEPTED send the partner to the step that is missing.
 */
function followProblem(router: () => AppRouter | null, error: unknown): void {
  const r = router();
  if (!(error instanceof ApiError) || !r) return;
  const here = r.state.location.pathname;
  if (!here.startsWith('/cabinet')) return;
  if (error.status === 401) void r.navigate(`/login?next=${encodeURIComponent(here)}`, { replace: true });
  else if (error.code === 'PROFILE_INCOMPLETE') void r.navigate('/cabinet/profile');
  else if (error.code === 'OFFER_NOT_ACCEPTED') void r.navigate('/cabinet/offer');
}

function build(initialPath?: string): { holder: ClientHolder; router: AppRouter } {
  let router: AppRouter | null = null;
  const holder: ClientHolder = { onError: (e) => followProblem(() => router, e) };
  const routes = appRoutes(holder);
  router = initialPath === undefined ? createBrowserRouter(routes) : createMemoryRouter(routes, { initialEntries: [initialPath] });
  return { holder, router };
}

export interface AppProps {
  /** Tests render a path in memory; the browser's location otherwise. */
  path?: string;
}

export function App({ path }: AppProps) {
  const [{ holder, router }] = useState(() => build(path));
  return (
    <LangProvider>
      <ClientHolderContext.Provider value={holder}>
        <KeySessionProvider>
          <RouterProvider router={router} />
        </KeySessionProvider>
      </ClientHolderContext.Provider>
    </LangProvider>
  );
}
