import { useEffect, useState } from 'react';
import { SiteFooter } from './components/SiteFooter';
import { SiteHeader } from './components/SiteHeader';
import { initialLang, saveLang, type Lang } from './i18n';
import { NotFoundPage } from './pages/NotFoundPage';
import { findRoute } from './routes';

export interface AppProps {
  /** The path to render; the browser's current path unless a test says otherwise. */
  path?: string;
}

export function App({ path = window.location.pathname }: AppProps) {
  const [lang, setLang] = useState<Lang>(initialLang);

  useEffect(() => {
    document.documentElement.lang = lang;
    saveLang(lang);
  }, [lang]);

  const route = findRoute(path);
  const Page = route?.page ?? NotFoundPage;

  return (
    <>
      <SiteHeader lang={lang} sections={route?.sections?.(lang)} onLangChange={setLang} />
      <Page lang={lang} />
      <SiteFooter lang={lang} />
    </>
  );
}
