import { useState, type FormEvent, type ReactNode } from 'react';
import { Field, TextField } from '../components/ui';
import { useLang } from '../LangContext';
import { useTexts } from '../texts';
import { KepError, openKeyFile, validityProblem, type KeyFile } from './keyFile';

/**
 * Choose the key file, type its password: the file is opened in the page and handed to {@code onKey}. Errors of the
 * file itself (wrong password, unsupported key, expired certificate) are explained here; the server's verdict is the
 * caller's to show.
 */
export function KeyFileForm({ submitLabel, busyLabel, onKey, children }: {
  submitLabel: string;
  busyLabel: string;
  onKey: (key: KeyFile) => Promise<void>;
  children?: ReactNode;
}) {
  const t = useTexts();
  const { lang } = useLang();
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFileError(null);
    setPasswordError(null);
    if (!file) {
      setFileError(t.kep.errors.NO_FILE as string);
      return;
    }
    setBusy(true);
    try {
      let key: KeyFile;
      try {
        key = await openKeyFile(await file.arrayBuffer(), password);
      } catch (e) {
        const code = e instanceof KepError ? e.code : 'NOT_A_KEY_FILE';
        const text = t.kep.errors[code] as string;
        if (code === 'WRONG_PASSWORD') setPasswordError(text);
        else setFileError(text);
        return;
      }
      const invalid = validityProblem(key);
      if (invalid) {
        const day = invalid.date.toLocaleDateString(lang === 'uk' ? 'uk-UA' : 'en-GB', { timeZone: 'UTC' });
        setFileError((t.kep.errors[invalid.code] as (d: string) => string)(day));
        return;
      }
      await onKey(key);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <Field label={t.kep.file} hint={t.kep.fileHint} errors={fileError ? [fileError] : []}>
        {(a11y) => (
          <input
            {...a11y}
            className="input input--file"
            type="file"
            name="keyFile"
            accept=".p12,.pfx,application/x-pkcs12"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        )}
      </Field>
      <TextField
        label={t.kep.password}
        type="password"
        name="keyPassword"
        autoComplete="off"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        errors={passwordError ? [passwordError] : []}
      />
      {children}
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? busyLabel : submitLabel}
      </button>
    </form>
  );
}
