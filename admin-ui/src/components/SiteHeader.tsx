import { CHROME } from '../content';
import type { Lang } from '../i18n';
import type { Section } from '../routes';
import { LogoMark } from './LogoMark';

interface SiteHeaderProps {
  lang: Lang;
  sections?: Section[];
  onLangChange: (lang: Lang) => void;
}

export function SiteHeader({ lang, sections, onLangChange }: SiteHeaderProps) {
  const text = CHROME[lang];
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {text.skipLink}
      </a>
      <div className="container site-header__inner">
        <a className="brand" href="/">
          <LogoMark />
          <span className="brand__name">qrshare</span>
        </a>
        {sections && sections.length > 0 && (
          <nav className="site-nav" aria-label={text.sectionsLabel}>
            <ul>
              {sections.map((section) => (
                <li key={section.href}>
                  <a href={section.href}>{section.label}</a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <button
          type="button"
          className="lang-switch"
          lang={text.switchTo.lang}
          onClick={() => onLangChange(text.switchTo.lang)}
        >
          {text.switchTo.label}
        </button>
      </div>
    </header>
  );
}
