import { CHROME, OPENAPI_URL } from '../content';
import type { Lang } from '../i18n';

export function SiteFooter({ lang }: { lang: Lang }) {
  const text = CHROME[lang];
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <p>{text.footer}</p>
        <a href={OPENAPI_URL} type="application/yaml">
          {text.footerApi}
        </a>
      </div>
    </footer>
  );
}
