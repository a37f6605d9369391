import { QrPoster } from '../components/QrPoster';
import { LANDING, OPENAPI_URL } from '../content';
import { DOCUMENT_TYPES } from '../documentTypes';
import type { Lang } from '../i18n';
import type { PageProps, Section } from '../routes';
import { useDocumentTitle } from '../useDocumentTitle';

export function landingSections(lang: Lang): Section[] {
  return LANDING[lang].nav;
}

export function LandingPage({ lang }: PageProps) {
  const text = LANDING[lang];
  useDocumentTitle(text.title);

  return (
    <main id="main" tabIndex={-1} className="landing">
      <section className="hero" aria-labelledby="hero-title">
        <div className="container hero__inner">
          <div className="hero__copy">
            <p className="eyebrow">{text.hero.eyebrow}</p>
            <h1 id="hero-title">{text.hero.title}</h1>
            <p className="hero__lead">{text.hero.lead}</p>
            <div className="hero__actions">
              <a className="button button--primary" href="#start">
                {text.hero.primary}
              </a>
              <a className="button button--secondary" href="#documents">
                {text.hero.secondary}
              </a>
            </div>
            <ul className="hero__facts">
              {text.hero.facts.map((fact) => (
                <li key={fact}>{fact}</li>
              ))}
            </ul>
          </div>
          <QrPoster text={text.poster} />
        </div>
      </section>

      <section id="how" className="section" aria-labelledby="how-title">
        <div className="container">
          <h2 id="how-title">{text.how.title}</h2>
          <p className="section__intro">{text.how.intro}</p>
          <ol className="flow">
            {text.how.steps.map((step) => (
              <li key={step.title} className="flow__step">
                <h3>{step.title}</h3>
                <p>{step.text}</p>
              </li>
            ))}
          </ol>
          <h3 className="subheading">{text.how.principlesTitle}</h3>
          <ul className="cards cards--three">
            {text.how.principles.map((item) => (
              <li key={item.title} className="card">
                <h4>{item.title}</h4>
                <p>{item.text}</p>
              </li>
            ))}
          </ul>
        </div>
      </section>

      <section id="who" className="section section--tinted" aria-labelledby="who-title">
        <div className="container who">
          <div>
            <h2 id="who-title">{text.who.title}</h2>
            <p className="who__lead">{text.who.lead}</p>
          </div>
          <ul className="checklist">
            {text.who.points.map((point) => (
              <li key={point}>{point}</li>
            ))}
          </ul>
        </div>
      </section>

      <section id="start" className="section" aria-labelledby="start-title">
        <div className="container">
          <h2 id="start-title">{text.start.title}</h2>
          <p className="section__intro">{text.start.intro}</p>
          <ol className="steps" aria-labelledby="start-title">
            {text.start.steps.map((step) => (
              <li key={step.title} className="steps__item">
                <h3>{step.title}</h3>
                <p>{step.text}</p>
              </li>
            ))}
          </ol>
          <h3 className="subheading">{text.start.notesTitle}</h3>
          <ul className="cards cards--two">
            {text.start.notes.map((note) => (
              <li key={note.title} className="card card--note">
                <h4>{note.title}</h4>
                <p>{note.text}</p>
              </li>
            ))}
          </ul>
        </div>
      </section>

      <section id="documents" className="section section--tinted" aria-labelledby="documents-title">
        <div className="container">
          <h2 id="documents-title">{text.documents.title}</h2>
          <p className="section__intro">{text.documents.intro}</p>
          <ul className="documents" aria-labelledby="documents-title">
            {DOCUMENT_TYPES.map((doc) => (
              <li key={doc.code} className="document">
                <h3 className="document__title">{doc.title[lang]}</h3>
                <dl className="document__meta">
                  {doc.legalAct && (
                    <div>
                      <dt>{text.documents.legalActLabel}</dt>
                      <dd>{doc.legalAct[lang]}</dd>
                    </div>
                  )}
                  <div>
                    <dt>{text.documents.codeLabel}</dt>
                    <dd>
                      <code>{doc.code}</code>
                    </dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
          <p className="note">{text.documents.note}</p>
        </div>
      </section>

      <section id="copies" className="section" aria-labelledby="copies-title">
        <div className="container copies">
          <div>
            <h2 id="copies-title">{text.copies.title}</h2>
            <p className="section__intro">{text.copies.intro}</p>
            <ul className="files">
              {text.copies.files.map((file) => (
                <li key={file.format} className="file">
                  <span className="file__badge">{file.format}</span>
                  <p>{file.text}</p>
                </li>
              ))}
            </ul>
            <p>{text.copies.print}</p>
          </div>
          <div className="verify">
            <h3>{text.copies.verifyTitle}</h3>
            <p>{text.copies.verify[0]}</p>
            <ul className="checklist checklist--compact">
              {text.copies.verifyChecks.map((check) => (
                <li key={check}>{check}</li>
              ))}
            </ul>
            {text.copies.verify.slice(1).map((paragraph) => (
              <p key={paragraph}>{paragraph}</p>
            ))}
            <a className="button button--primary" href="/verify">
              {text.copies.verifyLink}
            </a>
          </div>
        </div>
      </section>

      <section id="developers" className="section section--dark" aria-labelledby="developers-title">
        <div className="container developers">
          <div>
            <h2 id="developers-title">{text.developers.title}</h2>
            <p>{text.developers.text}</p>
            <p>{text.developers.errors}</p>
          </div>
          <a className="button button--inverse" href={OPENAPI_URL} type="application/yaml">
            {text.developers.link}
          </a>
        </div>
      </section>

      <section id="faq" className="section" aria-labelledby="faq-title">
        <div className="container">
          <h2 id="faq-title">{text.faq.title}</h2>
          <div className="faq">
            {text.faq.items.map((item) => (
              <details key={item.q} className="faq__item">
                <summary>{item.q}</summary>
                <p>{item.a}</p>
              </details>
            ))}
          </div>
        </div>
      </section>
    </main>
  );
}
