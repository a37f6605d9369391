import { useId, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from 'react';
import { ApiError, errorMessage, type FieldProblem } from '../api/client';
import { useLang } from '../LangContext';
import { pick } from '../i18n';
import { useTexts } from '../texts';
import { useDocumentTitle } from '../useDocumentTitle';

/** A screen: one <main> with one <h1>, the document title following it. */
export function Screen({ title, lead, children, badge, wide }: { title: string; lead?: ReactNode; children: ReactNode; badge?: string; wide?: boolean }) {
  useDocumentTitle(`${title} — qrshare`);
  return (
    <main id="main" tabIndex={-1} className={`screen${wide ? ' screen--wide' : ''}`}>
      <div className="container">
        <h1 className="screen__title">
          {title}
          {badge && <span className="demo-badge">{badge}</span>}
        </h1>
        {lead && <p className="screen__lead">{lead}</p>}
        {children}
      </div>
    </main>
  );
}

export function Loading() {
  const t = useTexts();
  return (
    <p className="state state--loading" role="status">
      {t.common.loading}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state state--empty">{children}</p>;
}

/** Any failure in the chosen language, with a retry when there is something to retry. */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useTexts();
  const { lang } = useLang();
  const examples = error instanceof ApiError && Array.isArray(error.problem.examples) ? (error.problem.examples as string[]) : null;
  return (
    <div className="alert alert--error" role="alert">
      <p>{errorMessage(error, lang)}</p>
      {examples && examples.length > 0 && (
        <p>
          {t.services.examplesFromServer} {examples.map((e) => `«${e}»`).join(', ')}
        </p>
      )}
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t.common.retry}
        </button>
      )}
    </div>
  );
}

export function Notice({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'warning' | 'success' }) {
  return (
    <div className={`alert alert--${tone}`} role="status">
      {children}
    </div>
  );
}

/** The field errors of one form field from the API (both dialects end up here), in the chosen language. */
export function fieldErrors(error: unknown, field: string): FieldProblem[] {
  return error instanceof ApiError ? error.forField(field) : [];
}

/** Field errors shown apart from any one input (e.g. "give an address" over the address parts). */
export function FieldMessages({ errors }: { errors: FieldProblem[] }) {
  const { lang } = useLang();
  if (errors.length === 0) return null;
  return (
    <div className="field__error grid-2__wide" role="alert">
      {errors.map((e, i) => (
        <p key={i}>{pick(e.messages, lang)}</p>
      ))}
    </div>
  );
}

interface FieldProps {
  label: string;
  hint?: ReactNode;
  errors?: FieldProblem[] | string[];
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}

export function Field({ label, hint, errors = [], children }: FieldProps) {
  const id = useId();
  const { lang } = useLang();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors.length > 0 ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${errors.length > 0 ? ' field--invalid' : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': errors.length > 0 || undefined })}
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {errorId && (
        <div id={errorId} className="field__error">
          {errors.map((e, i) => (
            <p key={i}>{typeof e === 'string' ? e : pick(e.messages, lang)}</p>
          ))}
        </div>
      )}
    </div>
  );
}

export function TextField({ label, hint, errors, ...input }: Omit<FieldProps, 'children'> & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field label={label} hint={hint} errors={errors}>
      {(a11y) => <input className="input" {...input} {...a11y} />}
    </Field>
  );
}

export function TextArea({ label, hint, errors, ...input }: Omit<FieldProps, 'children'> & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Field label={label} hint={hint} errors={errors}>
      {(a11y) => <textarea className="input input--area" {...input} {...a11y} />}
    </Field>
  );
}

/** Errors that belong to no field of the form: the problem's own text. */
export function FormError({ error, fields }: { error: unknown; fields: string[] }) {
  const t = useTexts();
  if (!error) return null;
  if (error instanceof ApiError && error.fieldErrors.length > 0 && error.fieldErrors.every((e) => fields.some((f) => e.field === f || e.field.startsWith(`${f}.`)))) {
    return (
      <div className="alert alert--error" role="alert">
        <p>{t.common.fixFields}</p>
      </div>
    );
  }
  return <ErrorMessage error={error} />;
}

export function DemoBadge() {
  const t = useTexts();
  return <span className="demo-badge">{t.demo.badge}</span>;
}

/** Blob → a download the browser saves, without navigating. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
