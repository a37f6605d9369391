import type { ShareItem } from '../../api/types';

export interface HistoryFilters {
  from: string; // yyyy-mm-dd, Kyiv days as the person typed them
  to: string;
  branchId: string;
  serviceId: string;
  status: string;
}

export const NO_FILTERS: HistoryFilters = { from: '', to: '', branchId: '', serviceId: '', status: '' };

/** The query string for GET /api/v1/shares: dates as the start of "from" and the end of "to". */
export function historyQuery(f: HistoryFilters, cursor?: string | null, limit = 20): string {
  const q = new URLSearchParams();
  q.set('limit', String(limit));
  if (f.from) q.set('from', new Date(`${f.from}T00:00:00`).toISOString());
  if (f.to) q.set('to', new Date(`${f.to}T23:59:59.999`).toISOString());
  if (f.branchId) q.set('branchId', f.branchId);
  if (f.serviceId) q.set('serviceId', f.serviceId);
  if (f.status) q.set('status', f.status);
  if (cursor) q.set('cursor', cursor);
  return q.toString();
}

function csvCell(value: string): string {
  return /[",\r\n;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** RFC 4180 CSV with a UTF-8 byte-order mark, so spreadsheet programs read the Cyrillic right. */
export function historyCsv(items: ShareItem[], header: string[], status: (s: string) => string): string {
  const rows = [header];
  for (const i of items) {
    rows.push([
      i.createdAt ?? '',
      status(i.status ?? ''),
      i.branch?.name ?? '',
      i.service?.name ?? '',
      (i.documentTypes ?? []).join(' '),
      i.sentAt ?? '',
      i.failureReason ?? '',
      i.shareId ?? '',
    ]);
  }
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
