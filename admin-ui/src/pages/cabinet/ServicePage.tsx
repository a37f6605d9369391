import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { keys, qrCodesQuery, serviceQuery } from '../../api/queries';
import type { QrCode } from '../../api/types';
import { Empty, ErrorMessage, Loading, Screen } from '../../components/ui';
import { useTexts } from '../../texts';

const DAY = 24 * 3600 * 1000;
/** Codes to replace soon; a dead code is worth reissuing only while the service has no active one. */
const NEEDS_REISSUE = new Set(['outdated', 'expiring']);
const DEAD = new Set(['expired', 'revoked']);

/** One service: its QR codes, issued, previewed, downloaded, revoked and reissued here. */
export function ServicePage() {
  const t = useTexts();
  const { serviceId = '' } = useParams();
  const service = useQuery(serviceQuery(serviceId));
  const codes = useQuery(qrCodesQuery(serviceId));
  const queryClient = useQueryClient();
  const issue = useMutation({
    mutationFn: () => api<QrCode>(`/api/v1/services/${serviceId}/qr-codes`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.qrCodes(serviceId) }),
  });
  const newestFirst = [...(codes.data ?? [])].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt));
  const hasActive = newestFirst.some((c) => c.status === 'active');
  return (
    <Screen title={t.qr.title(service.data?.name ?? '…')} lead={t.qr.lead}>
      {service.data && (
        <p>
          <Link to={`/cabinet/branches/${service.data.branchId}`}>← {t.branches.services}</Link>
        </p>
      )}
      {service.isError && <ErrorMessage error={service.error} onRetry={() => service.refetch()} />}
      <button type="button" className="button button--primary" disabled={issue.isPending || !service.data} onClick={() => issue.mutate()}>
        {t.qr.issue}
      </button>
      {issue.isError && <ErrorMessage error={issue.error} />}
      {codes.isPending && <Loading />}
      {codes.isError && <ErrorMessage error={codes.error} onRetry={() => codes.refetch()} />}
      {codes.data && codes.data.length === 0 && <Empty>{t.qr.empty}</Empty>}
      {newestFirst.length > 0 && (
        <ul className="cards-list">
          {newestFirst.map((qr) => (
            <QrCard key={qr.id} qr={qr} offerReissue={NEEDS_REISSUE.has(qr.status) || (DEAD.has(qr.status) && !hasActive)} />
          ))}
        </ul>
      )}
    </Screen>
  );
}

function QrCard({ qr, offerReissue }: { qr: QrCode; offerReissue: boolean }) {
  const t = useTexts();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.qrCodes(qr.serviceId) });
  const revoke = useMutation({ mutationFn: () => api(`/api/v1/qr-codes/${qr.id}`, { method: 'DELETE' }), onSuccess: refresh });
  // Reissue: a new code for today's address, and the old one revoked unless it is dead already.
  const reissue = useMutation({
    mutationFn: async () => {
      await api<QrCode>(`/api/v1/services/${qr.serviceId}/qr-codes`, { method: 'POST' });
      if (qr.status === 'outdated' || qr.status === 'expiring') await api(`/api/v1/qr-codes/${qr.id}`, { method: 'DELETE' });
    },
    onSuccess: refresh,
  });
  const live = qr.status !== 'revoked' && qr.status !== 'expired';
  const daysLeft = Math.ceil((new Date(qr.expiresAt).getTime() - Date.now()) / DAY);
  return (
    <li className="item-card qr-card" data-testid="qr-card">
      <div className="qr-card__head">
        <span className={`badge badge--${qr.status}`}>{t.qr.status[qr.status]}</span>
        {live && <span className="muted">{t.qr.daysLeft(daysLeft)}</span>}
      </div>
      <div className="qr-card__body">
        {live && <img className="qr-card__image" src={`/api/v1/qr-codes/${qr.id}.svg`} alt={`${t.qr.preview}: ${qr.url}`} width={160} height={160} />}
        <dl className="facts">
          <dt>{t.qr.issued}</dt>
          <dd>{t.common.day(qr.issuedAt)}</dd>
          <dt>{t.qr.expires}</dt>
          <dd>{t.common.day(qr.expiresAt)}</dd>
          <dt>{t.qr.address}</dt>
          <dd>{qr.addressText}</dd>
          {qr.addressText !== qr.currentAddressText && (
            <>
              <dt>{t.qr.currentAddress}</dt>
              <dd>{qr.currentAddressText}</dd>
            </>
          )}
        </dl>
      </div>
      <div className="actions">
        {live && (
          <>
            <a className="button button--secondary" href={`/api/v1/qr-codes/${qr.id}.svg`} download={`qr-${qr.id}.svg`}>
              {t.qr.downloadSvg}
            </a>
            <a className="button button--secondary" href={`/api/v1/qr-codes/${qr.id}.pdf`} download={`qr-${qr.id}.pdf`}>
              {t.qr.downloadPdf}
            </a>
          </>
        )}
        {offerReissue && (
          <button type="button" className="button button--primary" disabled={reissue.isPending} onClick={() => reissue.mutate()}>
            {t.qr.reissue}
          </button>
        )}
        {live && !confirming && (
          <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
            {t.qr.revoke}
          </button>
        )}
      </div>
      {confirming && (
        <div className="confirm" role="alertdialog" aria-label={t.qr.revoke}>
          <p>{t.qr.revokeQuestion}</p>
          <div className="actions">
            <button type="button" className="button button--danger" disabled={revoke.isPending} onClick={() => revoke.mutate()}>
              {t.qr.revoke}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
              {t.common.cancel}
            </button>
          </div>
        </div>
      )}
      {(revoke.isError || reissue.isError) && <ErrorMessage error={revoke.error ?? reissue.error} />}
    </li>
  );
}

export default ServicePage;
