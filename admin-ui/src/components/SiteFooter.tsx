import { CHROME, OPENAPI_URL } from '../content';
import { useLang } from '../LangContext';

export function SiteFooter() {
  const { lang } = useLang();
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
