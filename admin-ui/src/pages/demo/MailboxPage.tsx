import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { devInfoQuery, keys } from '../../api/queries';
import type { DevMailMessage } from '../../api/types';
import { Empty, ErrorMessage, Loading, Notice, Screen } from '../../components/ui';
import { useTexts } from '../../texts';

/** Dev mode only: what the embedded SMTP sink received, with the copies to download and verify. */
export function MailboxPage() {
  const t = useTexts();
  const dev = useQuery(devInfoQuery);
  const mail = useQuery({
    queryKey: keys.mail,
    queryFn: () => api<{ items: DevMailMessage[] }>('/dev/mail'),
    enabled: dev.data?.mailbox === true,
  });
  if (dev.isPending) return <Screen title={t.mailbox.title} badge={t.demo.badge}><Loading /></Screen>;
  if (!dev.data?.mailbox) {
    return (
      <Screen title={t.mailbox.title} badge={t.demo.badge}>
        <Notice tone="warning">{t.demo.notDev}</Notice>
      </Screen>
    );
  }
  return (
    <Screen title={t.mailbox.title} lead={t.mailbox.lead} badge={t.demo.badge} wide>
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={() => mail.refetch()} disabled={mail.isFetching}>
          {t.mailbox.refresh}
        </button>
        <a href="/demo/scan">{t.nav.demoScan}</a>
      </div>
      {mail.isPending && <Loading />}
      {mail.isError && <ErrorMessage error={mail.error} onRetry={() => mail.refetch()} />}
      {mail.data && mail.data.items.length === 0 && <Empty>{t.mailbox.empty}</Empty>}
      {mail.data && mail.data.items.length > 0 && (
        <ul className="cards-list">
          {mail.data.items.map((m) => (
            <li key={m.id} className="item-card" data-testid="mail-item">
              <h2 className="item-card__title">{m.subject ?? '—'}</h2>
              <dl className="facts">
                <dt>{t.mailbox.time}</dt>
                <dd>{t.common.date(m.receivedAt)}</dd>
                <dt>{t.mailbox.to}</dt>
                <dd>{m.to.join(', ')}</dd>
              </dl>
              {m.attachments.length > 0 && (
                <>
                  <h3>{t.mailbox.attachments}</h3>
                  <ul className="files-list">
                    {m.attachments.map((a) => (
                      <li key={a.index}>
                        <a href={`/dev/mail/${m.id}/attachments/${a.index}`} download={a.filename}>
                          {a.filename}
                        </a>{' '}
                        <span className="muted">({Math.ceil(a.size / 1024)} KB)</span>
                        {a.filename.endsWith('.p7s') && (
                          <>
                            {' '}
                            <Link to={`/verify?mail=${encodeURIComponent(m.id)}&attachment=${a.index}`}>{t.mailbox.verify}</Link>
                          </>
                        )}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </Screen>
  );
}

export default MailboxPage;
