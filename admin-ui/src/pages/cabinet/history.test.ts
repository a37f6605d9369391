import { describe, expect, it } from 'vitest';
import { historyCsv, historyQuery, NO_FILTERS } from './history';

describe('delivery history', () => {
  it('exports CSV with a UTF-8 byte-order mark, quoting what needs it', () => {
    const csv = historyCsv(
      [{ shareId: 's1', createdAt: '2026-12-01T10:00:00Z', status: 'sent', branch: { id: 'b', name: 'Відділення "Центр", Київ' }, service: { id: 's', name: 'Відкриття рахунку' }, documentTypes: ['id-card', 'taxpayer-card'], sentAt: '2026-12-01T10:00:05Z', failureReason: null }],
      ['Час', 'Статус', 'Відділення', 'Послуга', 'Документи', 'Надіслано', 'Помилка', 'Ідентифікатор'],
      (s) => (s === 'sent' ? 'Надіслано' : s),
    );
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('Час,Статус,Відділення,Послуга,Документи,Надіслано,Помилка,Ідентифікатор');
    expect(lines[1]).toBe('2026-12-01T10:00:00Z,Надіслано,"Відділення ""Центр"", Київ",Відкриття рахунку,id-card taxpayer-card,2026-12-01T10:00:05Z,,s1');
  });

  it('sends only the filters that are set, days as whole days', () => {
    expect(historyQuery(NO_FILTERS)).toBe('limit=20');
    const q = new URLSearchParams(historyQuery({ ...NO_FILTERS, from: '2026-11-01', to: '2026-11-30', status: 'failed' }, 'c1', 100));
    expect(q.get('limit')).toBe('100');
    expect(q.get('status')).toBe('failed');
    expect(q.get('cursor')).toBe('c1');
    expect(new Date(q.get('to') ?? '').getTime() - new Date(q.get('from') ?? '').getTime()).toBe(30 * 24 * 3600 * 1000 - 1);
    expect(q.has('branchId')).toBe(false);
  });
});
