import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useSearchParams } from 'react-router';
import { apiBlob, parseProblem } from '../api/client';
import type { VerificationReport } from '../api/types';
import { ErrorMessage, Field, saveBlob, Screen } from '../components/ui';
import { pick } from '../i18n';
import { useLang } from '../LangContext';
import { useTexts } from '../texts';

async function verify(p7s: Blob, content?: 'pdf'): Promise<Response> {
  return fetch(`/api/v1/verify${content ? '?content=pdf' : ''}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/pkcs7-signature', 'X-Requested-With': 'XMLHttpRequest' },
    body: p7s,
    credentials: 'omit',
  });
}

/** Public: anyone holding a copy drops its .p7s here and reads the verdict in plain words. */
export function VerifyPage() {
  const t = useTexts();
  const { lang } = useLang();
  const [params] = useSearchParams();
  const [file, setFile] = useState<{ blob: Blob; name: string } | null>(null);
  const [report, setReport] = useState<VerificationReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function check(blob: Blob, name: string) {
    setFile({ blob, name });
    setReport(null);
    setError(null);
    setBusy(true);
    try {
      const response = await verify(blob);
      const body: unknown = await response.json().catch(() => null);
      if (!response.ok) throw parseProblem(response.status, body);
      setReport(body as VerificationReport);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  // Linked from the dev mailbox: fetch that attachment and check it at once.
  const mail = params.get('mail');
  const attachment = params.get('attachment');
  useEffect(() => {
    if (!mail || attachment === null) return;
    apiBlob(`/dev/mail/${encodeURIComponent(mail)}/attachments/${encodeURIComponent(attachment)}`)
      .then((blob) => check(blob, `${mail}.p7s`))
      .catch(setError);
  }, [mail, attachment]);

  async function downloadPdf() {
    if (!file) return;
    try {
      const response = await verify(file.blob, 'pdf');
      if (!response.ok) throw parseProblem(response.status, await response.json().catch(() => null));
      saveBlob(await response.blob(), file.name.replace(/\.p7s$/i, '').replace(/(\.pdf)?$/i, '.pdf'));
    } catch (e) {
      setError(e);
    }
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) void check(dropped, dropped.name);
  }

  return (
    <Screen title={t.verify.title} lead={t.verify.lead}>
      <div
        className={`dropzone${dragging ? ' dropzone--active' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p className="dropzone__text">{t.verify.drop}</p>
        <Field label={t.verify.choose}>
          {(a) => (
            <input {...a} ref={input} className="input input--file" type="file" name="p7s" accept=".p7s,application/pkcs7-signature"
              onChange={(e) => {
                const chosen = e.target.files?.[0];
                if (chosen) void check(chosen, chosen.name);
              }} />
          )}
        </Field>
      </div>
      <div aria-live="polite">
        {busy && <p role="status">{t.verify.checking}</p>}
        {error != null && <ErrorMessage error={error} />}
        {report && (
          <section className={`verdict verdict--${report.valid ? 'valid' : 'invalid'}`} aria-labelledby="verdict" data-testid="verdict">
            <h2 id="verdict">{report.valid ? `✓ ${t.verify.valid}` : `✗ ${t.verify.invalid}`}</h2>
            {file && <p className="muted">{file.name}</p>}
            <dl className="facts">
              {report.signer && (
                <>
                  <dt>{t.verify.sealedBy}</dt>
                  <dd>{report.signer.subject}</dd>
                </>
              )}
              {report.signedAt && (
                <>
                  <dt>{t.verify.signedAt}</dt>
                  <dd>{t.common.date(report.signedAt)}</dd>
                </>
              )}
              {report.timestamp && (
                <>
                  <dt>{t.verify.stampedAt}</dt>
                  <dd>
                    {report.timestamp.time ? t.common.date(report.timestamp.time) : ''}
                    {report.timestamp.tsa && <span className="muted"> — {report.timestamp.tsa}</span>}
                  </dd>
                </>
              )}
              {report.level && (
                <>
                  <dt>{t.verify.level}</dt>
                  <dd>{report.level}</dd>
                </>
              )}
              {report.document?.recipient && (
                <>
                  <dt>{t.verify.recipient}</dt>
                  <dd>{report.document.recipient}</dd>
                </>
              )}
              {report.document?.type && (
                <>
                  <dt>{t.verify.documentType}</dt>
                  <dd>{report.document.type}</dd>
                </>
              )}
              {report.document?.shareId && (
                <>
                  <dt>{t.verify.share}</dt>
                  <dd>
                    <code>{report.document.shareId}</code>
                  </dd>
                </>
              )}
            </dl>
            {report.problems.length > 0 && (
              <>
                <h3>{t.verify.problems}</h3>
                <ul>
                  {report.problems.map((p) => (
                    <li key={p.code}>{pick(p.messages, lang) || p.code}</li>
                  ))}
                </ul>
              </>
            )}
            {report.valid && (
              <button type="button" className="button button--primary" onClick={downloadPdf}>
                {t.verify.downloadPdf}
              </button>
            )}
          </section>
        )}
      </div>
    </Screen>
  );
}

export default VerifyPage;
