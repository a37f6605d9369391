import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { branchesQuery, documentTypesQuery, keys, servicesQuery } from '../../api/queries';
import type { SharePage, ShareItem } from '../../api/types';
import { Empty, ErrorMessage, Field, Loading, saveBlob, Screen } from '../../components/ui';
import { pick } from '../../i18n';
import { useLang } from '../../LangContext';
import { useTexts } from '../../texts';
import { historyCsv, historyQuery, NO_FILTERS, type HistoryFilters } from './history';

const STATUSES = ['accepted', 'signing', 'sent', 'failed'];

export function HistoryPage() {
  const t = useTexts();
  const { lang } = useLang();
  const [draft, setDraft] = useState<HistoryFilters>(NO_FILTERS);
  const [filters, setFilters] = useState<HistoryFilters>(NO_FILTERS);
  const [exportError, setExportError] = useState<unknown>(null);
  const branches = useQuery(branchesQuery);
  const services = useQuery({ ...servicesQuery(draft.branchId), enabled: draft.branchId !== '' });
  const types = useQuery(documentTypesQuery);
  const shares = useInfiniteQuery({
    queryKey: [...keys.shares, filters],
    queryFn: ({ pageParam }) => api<SharePage>(`/api/v1/shares?${historyQuery(filters, pageParam)}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = shares.data?.pages.flatMap((p) => p.items ?? []) ?? [];
  const docTitle = (code: string) => pick(types.data?.items.find((d) => d.code === code)?.title, lang) || code;

  function apply(event: FormEvent) {
    event.preventDefault();
    setFilters(draft);
  }

  async function exportCsv() {
    setExportError(null);
    try {
      const all: ShareItem[] = [];
      let cursor: string | null = null;
      do {
        const page: SharePage = await api<SharePage>(`/api/v1/shares?${historyQuery(filters, cursor, 100)}`);
        all.push(...(page.items ?? []));
        cursor = page.nextCursor ?? null;
      } while (cursor);
      const csv = historyCsv(all, t.history.csvHeader, (s) => t.history.statuses[s] ?? s);
      saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), `qrshare-history-${new Date().toISOString().slice(0, 10)}.csv`);
    } catch (e) {
      setExportError(e);
    }
  }

  return (
    <Screen title={t.history.title} lead={t.history.lead} wide>
      <form className="filters panel" onSubmit={apply} aria-label={t.history.filters}>
        <Field label={t.history.from}>
          {(a) => <input {...a} className="input" type="date" name="from" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />}
        </Field>
        <Field label={t.history.to}>
          {(a) => <input {...a} className="input" type="date" name="to" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />}
        </Field>
        <Field label={t.history.branch}>
          {(a) => (
            <select {...a} className="input" name="branchId" value={draft.branchId} onChange={(e) => setDraft({ ...draft, branchId: e.target.value, serviceId: '' })}>
              <option value="">{t.history.any}</option>
              {branches.data?.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t.history.service}>
          {(a) => (
            <select {...a} className="input" name="serviceId" value={draft.serviceId} disabled={!draft.branchId}
              onChange={(e) => setDraft({ ...draft, serviceId: e.target.value })}>
              <option value="">{t.history.any}</option>
              {services.data?.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t.history.status}>
          {(a) => (
            <select {...a} className="input" name="status" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
              <option value="">{t.history.any}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t.history.statuses[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="actions filters__actions">
          <button type="submit" className="button button--primary">
            {t.history.apply}
          </button>
          <button type="button" className="button button--secondary" onClick={exportCsv}>
            {t.history.export}
          </button>
        </div>
      </form>
      {exportError != null && <ErrorMessage error={exportError} />}
      {shares.isPending && <Loading />}
      {shares.isError && <ErrorMessage error={shares.error} onRetry={() => shares.refetch()} />}
      {shares.isSuccess && items.length === 0 && <Empty>{t.history.empty}</Empty>}
      {items.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t.history.title}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t.history.time}</th>
                <th scope="col">{t.history.status}</th>
                <th scope="col">{t.history.branch}</th>
                <th scope="col">{t.history.service}</th>
                <th scope="col">{t.history.documents}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.shareId} data-testid="share-row">
                  <td>{i.createdAt ? t.common.date(i.createdAt) : ''}</td>
                  <td>
                    <span className={`badge badge--share-${i.status}`}>{t.history.statuses[i.status ?? ''] ?? i.status}</span>
                    {i.failureReason && <span className="muted"> {i.failureReason}</span>}
                  </td>
                  <td>{i.branch?.name}</td>
                  <td>{i.service?.name}</td>
                  <td>{(i.documentTypes ?? []).map(docTitle).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {shares.hasNextPage && (
        <button type="button" className="button button--secondary" disabled={shares.isFetchingNextPage} onClick={() => shares.fetchNextPage()}>
          {t.common.loadMore}
        </button>
      )}
    </Screen>
  );
}

export default HistoryPage;
