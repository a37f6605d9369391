import { CHROME, NOT_FOUND } from '../content';
import type { PageProps } from '../routes';
import { useDocumentTitle } from '../useDocumentTitle';

export function NotFoundPage({ lang }: PageProps) {
  const text = NOT_FOUND[lang];
  // Someone who landed here by a wrong link may not read the current language: name the problem in the other one too.
  const other = NOT_FOUND[lang === 'uk' ? 'en' : 'uk'];
  useDocumentTitle(text.title);

  return (
    <main id="main" tabIndex={-1} className="not-found">
      <div className="container not-found__inner">
        <p className="not-found__code" aria-hidden="true">
          404
        </p>
        <h1>{text.heading}</h1>
        <p className="not-found__other" lang={lang === 'uk' ? 'en' : 'uk'}>
          {other.heading}
        </p>
        <p>{text.text}</p>
        <a className="button button--primary" href="/">
          {CHROME[lang].homeLink}
        </a>
      </div>
    </main>
  );
}
