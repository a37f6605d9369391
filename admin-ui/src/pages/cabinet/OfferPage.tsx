import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../../api/client';
import { keys, offerQuery, partnerQuery } from '../../api/queries';
import type { OfferAcceptance } from '../../api/types';
import { ErrorMessage, Loading, Notice, Screen } from '../../components/ui';
import { signCms, toBase64 } from '../../kep/cms';
import { KeyFileForm } from '../../kep/KeyFileForm';
import { useKeySession } from '../../kep/KeySession';
import type { KeyFile } from '../../kep/keyFile';
import { useTexts } from '../../texts';

export function OfferPage() {
  const t = useTexts();
  const offer = useQuery(offerQuery);
  const partner = useQuery(partnerQuery);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { key, setKey } = useKeySession();
  const [error, setError] = useState<unknown>(null);
  const [outdated, setOutdated] = useState(false);
  const [busy, setBusy] = useState(false);
  const [chooseOther, setChooseOther] = useState(false);

  async function sign(with_: KeyFile) {
    if (!offer.data) return;
    setError(null);
    setBusy(true);
    try {
      const signature = await signCms(with_, new TextEncoder().encode(offer.data.text));
      await api<OfferAcceptance>('/api/v1/offer/accept', { json: { version: offer.data.version, signature: toBase64(signature) } });
      setKey(with_);
      await queryClient.invalidateQueries({ queryKey: keys.partner });
      navigate('/cabinet/branches');
    } catch (e) {
      if (e instanceof ApiError && e.code === 'OFFER_VERSION_OUTDATED') {
        setOutdated(true);
        await offer.refetch();
      } else {
        setError(e);
      }
    } finally {
      setBusy(false);
    }
  }

  const status = partner.data?.offer;
  const reSign = status && !status.accepted && status.acceptedVersion != null;
  return (
    <Screen title={t.offer.title} lead={t.offer.lead}>
      {offer.isPending && <Loading />}
      {offer.isError && <ErrorMessage error={offer.error} onRetry={() => offer.refetch()} />}
      {(outdated || reSign) && <Notice tone="warning">{t.offer.newVersion}</Notice>}
      {status?.accepted && status.acceptedAt && (
        <Notice tone="success">{t.offer.accepted(status.acceptedVersion ?? status.currentVersion, t.common.date(status.acceptedAt))}</Notice>
      )}
      {offer.data && (
        <>
          <dl className="facts">
            <dt>{t.offer.version}</dt>
            <dd>{offer.data.version}</dd>
            <dt>SHA-256</dt>
            <dd>
              <code className="hash">{offer.data.sha256}</code>
            </dd>
          </dl>
          <section className="offer-text" tabIndex={0} aria-label={t.offer.textLabel}>
            <pre>{offer.data.text}</pre>
          </section>
          {!status?.accepted && (
            <div className="panel">
              {key && !chooseOther ? (
                <div className="actions">
                  <button type="button" className="button button--primary" disabled={busy} onClick={() => sign(key)}>
                    {busy ? t.offer.signing : t.offer.signWith(key.holder)}
                  </button>
                  <button type="button" className="button button--secondary" onClick={() => setChooseOther(true)}>
                    {t.offer.otherKey}
                  </button>
                </div>
              ) : (
                <KeyFileForm submitLabel={t.offer.sign} busyLabel={t.offer.signing} onKey={sign} />
              )}
              {error != null && <ErrorMessage error={error} />}
            </div>
          )}
        </>
      )}
    </Screen>
  );
}

export default OfferPage;
