import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { devInfoQuery } from '../../api/queries';
import type { AppToken, DevDocuments, ResolveResponse, ShareStatus } from '../../api/types';
import { ErrorMessage, Field, Loading, Notice, Screen, TextArea } from '../../components/ui';
import { useTexts } from '../../texts';
import { decodeImageFile, decodePixels } from './qrDecode';

/** Dev mode only: plays the citizen's phone app against this gateway's app API. */
export function ScanPage() {
  const t = useTexts();
  const dev = useQuery(devInfoQuery);
  const [subject] = useState(() => `demo-citizen-${crypto.randomUUID()}`);
  const token = useRef<string | null>(null);
  const [text, setText] = useState('');
  const [decodeError, setDecodeError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [resolved, setResolved] = useState<ResolveResponse | null>(null);
  const [share, setShare] = useState<ShareStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [camera, setCamera] = useState(false);

  async function appToken(): Promise<string> {
    if (!token.current) {
      token.current = (await api<AppToken>('/dev/app-token', { json: { subject }, credentials: 'omit' })).token ?? null;
    }
    return token.current ?? '';
  }

  async function resolve(qr: string) {
    setError(null);
    setResolved(null);
    setShare(null);
    setBusy(true);
    try {
      const bearer = await appToken();
      setResolved(await api<ResolveResponse>('/api/v1/app/qr/resolve', { json: { qr: qr.trim() }, credentials: 'omit', headers: { Authorization: `Bearer ${bearer}` } }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function confirm() {
    if (!resolved) return;
    setError(null);
    setBusy(true);
    try {
      const bearer = await appToken();
      const types = resolved.documents.map((d) => d.code ?? '');
      const docs = await api<DevDocuments>('/dev/documents', { json: { subject, types, photo: true }, credentials: 'omit' });
      const accepted = await api<{ shareId?: string; status?: string }>('/api/v1/app/shares', {
        json: { requestToken: resolved.requestToken, documents: (docs.documents ?? []).map((d) => d.attestation) },
        credentials: 'omit',
        headers: { Authorization: `Bearer ${bearer}`, 'Idempotency-Key': crypto.randomUUID() },
      });
      setShare({ shareId: accepted.shareId, status: 'accepted' });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  // Follow the share until it is sent or has failed.
  useEffect(() => {
    if (!share?.shareId || share.status === 'sent' || share.status === 'failed') return;
    const timer = setTimeout(async () => {
      try {
        const bearer = await appToken();
        setShare(await api<ShareStatus>(`/api/v1/app/shares/${share.shareId}`, { credentials: 'omit', headers: { Authorization: `Bearer ${bearer}` } }));
      } catch (e) {
        setError(e);
      }
    }, 700);
    return () => clearTimeout(timer);
  }, [share]);

  async function onImage(file: File | undefined) {
    setDecodeError(null);
    if (!file) return;
    try {
      const decoded = await decodeImageFile(file);
      if (!decoded) {
        setDecodeError(t.scan.notFound);
        return;
      }
      setText(decoded);
      await resolve(decoded);
    } catch {
      setDecodeError(t.scan.notFound);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (text.trim()) void resolve(text);
  }

  if (dev.isPending) return <Screen title={t.scan.title} badge={t.demo.badge}><Loading /></Screen>;
  if (!dev.data?.simulator) {
    return (
      <Screen title={t.scan.title} badge={t.demo.badge}>
        <Notice tone="warning">{t.demo.notDev}</Notice>
      </Screen>
    );
  }
  return (
    <Screen title={t.scan.title} lead={t.scan.lead} badge={t.demo.badge}>
      <div className="panel">
        {camera ? (
          <CameraScanner
            onText={(decoded) => {
              setCamera(false);
              setText(decoded);
              void resolve(decoded);
            }}
            onError={() => {
              setCamera(false);
              setDecodeError(t.scan.cameraError);
            }}
            stopLabel={t.scan.stopCamera}
            onStop={() => setCamera(false)}
          />
        ) : (
          <button type="button" className="button button--secondary" onClick={() => setCamera(true)}>
            {t.scan.camera}
          </button>
        )}
        <Field label={t.scan.upload} errors={decodeError ? [decodeError] : []}>
          {(a) => <input {...a} className="input input--file" type="file" name="qrImage" accept="image/*" onChange={(e) => onImage(e.target.files?.[0])} />}
        </Field>
        <form onSubmit={submit} className="form">
          <TextArea label={t.scan.paste} name="qrText" rows={2} value={text} onChange={(e) => setText(e.target.value)} />
          <button type="submit" className="button button--primary" disabled={busy || !text.trim()}>
            {t.scan.resolve}
          </button>
        </form>
      </div>
      {error != null && <ErrorMessage error={error} />}
      {resolved && (
        <section className="panel phone" aria-labelledby="request-title" data-testid="scan-request">
          <h2 id="request-title">{t.scan.request}</h2>
          {resolved.addressChanged && <Notice tone="warning">{t.scan.addressChanged}</Notice>}
          <dl className="facts">
            <dt>{t.scan.organisation}</dt>
            <dd>{resolved.partner.name}</dd>
            <dt>{t.scan.branch}</dt>
            <dd>{resolved.branch.name}</dd>
            <dt>{t.scan.address}</dt>
            <dd>{resolved.branch.address}</dd>
            <dt>{t.scan.qrAddress}</dt>
            <dd>{resolved.qrAddress}</dd>
            <dt>{t.scan.service}</dt>
            <dd>{(resolved.service.names ?? []).join(', ')}</dd>
            <dt>{t.scan.documents}</dt>
            <dd>
              <ul>
                {resolved.documents.map((d) => (
                  <li key={d.code}>{d.title}</li>
                ))}
              </ul>
            </dd>
          </dl>
          {!share && (
            <button type="button" className="button button--primary" disabled={busy} onClick={confirm}>
              {busy ? t.scan.sharing : t.scan.confirm}
            </button>
          )}
          {share && (
            <p role="status" className="share-status" data-testid="share-status" data-status={share.status}>
              {t.scan.status}: <strong>{t.scan.statuses[share.status ?? ''] ?? share.status}</strong>
            </p>
          )}
          {share?.status === 'sent' && (
            <p>
              <Link to="/demo/mailbox">{t.nav.demoMailbox}</Link>
            </p>
          )}
        </section>
      )}
    </Screen>
  );
}

function CameraScanner({ onText, onError, onStop, stopLabel }: { onText: (text: string) => void; onError: () => void; onStop: () => void; stopLabel: string }) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    let stream: MediaStream | null = null;
    let frame = 0;
    let stopped = false;
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const tick = () => {
      const v = video.current;
      if (stopped || !v || !context) return;
      if (v.readyState >= 2 && v.videoWidth > 0) {
        canvas.width = v.videoWidth;
        canvas.height = v.videoHeight;
        context.drawImage(v, 0, 0);
        const decoded = decodePixels(context.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
        if (decoded) {
          onText(decoded);
          return;
        }
      }
      frame = requestAnimationFrame(tick);
    };
    navigator.mediaDevices
      ?.getUserMedia({ video: { facingMode: 'environment' } })
      .then((s) => {
        stream = s;
        if (stopped) return;
        if (video.current) {
          video.current.srcObject = s;
          void video.current.play();
        }
        frame = requestAnimationFrame(tick);
      })
      .catch(onError) ?? onError();
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);
  return (
    <div className="camera">
      <video ref={video} className="camera__video" muted playsInline aria-hidden="true" />
      <button type="button" className="button button--secondary" onClick={onStop}>
        {stopLabel}
      </button>
    </div>
  );
}

export default ScanPage;
