import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../App';
import { fakeApi, PARTNER } from '../../test/fakeApi';

afterEach(() => vi.unstubAllGlobals());

const READY = { ...PARTNER, profileComplete: true, offer: { currentVersion: 1, acceptedVersion: 1, acceptedAt: '2026-12-01T10:00:00Z', accepted: true } };
const SERVICE = { id: 's0000000-0000-4000-8000-000000000001', branchId: 'b1', name: 'Відкриття рахунку', names: ['Відкриття рахунку'], documents: ['id-card'], legalBasis: 'Закон', legalBasisConfirmed: true };
const DAY = 24 * 3600 * 1000;

function qr(id: string, status: string, daysLeft: number, extra: Record<string, unknown> = {}) {
  return { id, serviceId: SERVICE.id, url: `http://localhost:8080/s/token-${id}`, addressText: 'вул. Хрещатик, 1', currentAddressText: 'вул. Хрещатик, 1',
    issuedAt: new Date(Date.now() - (180 - daysLeft) * DAY).toISOString(), expiresAt: new Date(Date.now() + daysLeft * DAY - 60_000).toISOString(), status, ...extra };
}

describe('QR codes of a service', () => {
  it('shows each status in words, days left, downloads of live codes, and reissues an outdated one', async () => {
    const items = [
      qr('q1', 'active', 120),
      qr('q2', 'outdated', 90, { currentAddressText: 'вул. Хрещатик, 2' }),
      qr('q3', 'revoked', 50),
    ];
    const { calls } = fakeApi({
      'GET /api/v1/partner': { status: 200, body: READY },
      [`GET /api/v1/services/${SERVICE.id}`]: { status: 200, body: SERVICE },
      [`GET /api/v1/services/${SERVICE.id}/qr-codes`]: { status: 200, body: { items, nextCursor: null } },
      [`POST /api/v1/services/${SERVICE.id}/qr-codes`]: { status: 201, body: qr('q4', 'active', 180) },
      'DELETE /api/v1/qr-codes/q2': { status: 204 },
    });
    render(<App path={`/cabinet/services/${SERVICE.id}`} />);
    const cards = await screen.findAllByTestId('qr-card');
    const byStatus = (label: string) => cards.find((c) => within(c).queryByText(label, { exact: true }))!;
    const active = byStatus('Діє');
    expect(within(active).getByText('залишилось днів: 120')).toBeTruthy();
    expect(within(active).getByRole('link', { name: 'Завантажити SVG' }).getAttribute('href')).toBe('/api/v1/qr-codes/q1.svg');
    expect(within(active).getByRole('link', { name: 'Завантажити плакат PDF' }).getAttribute('href')).toBe('/api/v1/qr-codes/q1.pdf');
    expect(within(active).queryByRole('button', { name: 'Перевипустити' })).toBeNull();

    const outdated = byStatus('Застарів: адреса змінилась');
    expect(within(outdated).getByText('вул. Хрещатик, 2')).toBeTruthy(); // the address it should carry now
    const revoked = byStatus('Відкликано');
    expect(within(revoked).queryByRole('link', { name: 'Завантажити SVG' })).toBeNull();
    expect(within(revoked).queryByRole('button', { name: 'Перевипустити' })).toBeNull(); // an active code exists

    fireEvent.click(within(outdated).getByRole('button', { name: 'Перевипустити' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE' && c.path === '/api/v1/qr-codes/q2')).toBe(true));
    const issued = calls.findIndex((c) => c.method === 'POST');
    const revokedOld = calls.findIndex((c) => c.method === 'DELETE');
    expect(issued).toBeGreaterThan(-1);
    expect(issued).toBeLessThan(revokedOld); // the new code exists before the old one stops working
  });

  it('offers to reissue a revoked code when the service has no active one', async () => {
    fakeApi({
      'GET /api/v1/partner': { status: 200, body: READY },
      [`GET /api/v1/services/${SERVICE.id}`]: { status: 200, body: SERVICE },
      [`GET /api/v1/services/${SERVICE.id}/qr-codes`]: { status: 200, body: { items: [qr('q1', 'revoked', 100), qr('q2', 'expired', 0)], nextCursor: null } },
    });
    render(<App path={`/cabinet/services/${SERVICE.id}`} />);
    const cards = await screen.findAllByTestId('qr-card');
    for (const card of cards) expect(within(card).getByRole('button', { name: 'Перевипустити' })).toBeTruthy();
    expect(within(cards.find((c) => c.textContent?.includes('Строк минув'))!).queryByText(/залишилось/)).toBeNull();
  });

  it('revokes only after the confirmation', async () => {
    const { calls } = fakeApi({
      'GET /api/v1/partner': { status: 200, body: READY },
      [`GET /api/v1/services/${SERVICE.id}`]: { status: 200, body: SERVICE },
      [`GET /api/v1/services/${SERVICE.id}/qr-codes`]: { status: 200, body: { items: [qr('q1', 'expiring', 10)], nextCursor: null } },
      'DELETE /api/v1/qr-codes/q1': { status: 204 },
    });
    render(<App path={`/cabinet/services/${SERVICE.id}`} />);
    const card = await screen.findByTestId('qr-card');
    expect(within(card).getByText('Скоро закінчиться')).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: 'Відкликати' }));
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    const confirm = within(card).getByRole('alertdialog');
    expect(confirm.textContent).toContain('Громадяни більше не зможуть його сканувати.');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Відкликати' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE' && c.path === '/api/v1/qr-codes/q1')).toBe(true));
  });
});
