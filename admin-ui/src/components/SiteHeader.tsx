import { Link, NavLink, useLocation } from 'react-router';
import { CHROME, LANDING } from '../content';
import { useLang } from '../LangContext';
import { normalizePath } from '../routes';
import { LogoMark } from './LogoMark';

const NAV = {
  uk: { cabinet: 'Кабінет', verify: 'Перевірити копію' },
  en: { cabinet: 'Cabinet', verify: 'Verify a copy' },
};

export function SiteHeader() {
  const { lang, setLang } = useLang();
  const text = CHROME[lang];
  const nav = NAV[lang];
  const path = normalizePath(useLocation().pathname);
  const sections = path === '/' ? LANDING[lang].nav : [];
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {text.skipLink}
      </a>
      <div className="container site-header__inner">
        <Link className="brand" to="/">
          <LogoMark />
          <span className="brand__name">qrshare</span>
        </Link>
        <nav className="site-nav" aria-label={text.sectionsLabel}>
          <ul>
            {sections.map((section) => (
              <li key={section.href}>
                <a href={section.href}>{section.label}</a>
              </li>
            ))}
            <li>
              <NavLink to="/cabinet">{nav.cabinet}</NavLink>
            </li>
            <li>
              <NavLink to="/verify">{nav.verify}</NavLink>
            </li>
          </ul>
        </nav>
        <button type="button" className="lang-switch" lang={text.switchTo.lang} onClick={() => setLang(text.switchTo.lang)}>
          {text.switchTo.label}
        </button>
      </div>
    </header>
  );
}
