import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../App';
import { fakeApi, problem } from '../../test/fakeApi';

afterEach(() => vi.unstubAllGlobals());

const DEV = { status: 200, body: { demoPartner: null, simulator: true, mailbox: true } };
const RESOLVED = {
  expiresAt: '2026-12-01T10:10:00Z',
  partner: { name: 'ТОВ «Зелений квартал»', edrpou: '43187521' },
  branch: { name: 'Центральне', address: 'м. Київ, вул. Хрещатик, 2' },
  service: { names: ['Відкриття рахунку'] },
  documents: [{ code: 'id-card', title: 'Паспорт громадянина України у формі ID-картки' }],
  qrAddress: 'м. Київ, вул. Хрещатик, 1',
  addressChanged: true,
};

function routes(resolved: Record<string, unknown>) {
  let polls = 0;
  return {
    'GET /dev/info': DEV,
    'POST /dev/app-token': { status: 200, body: { token: 'app-token-1', subject: 's', expiresAt: '2026-12-01T11:00:00Z' } },
    'POST /api/v1/app/qr/resolve': { status: 200, body: resolved },
    'POST /dev/documents': { status: 200, body: { documents: [{ type: 'id-card', attestation: 'jws-1' }] } },
    'POST /api/v1/app/shares': { status: 202, body: { shareId: 'sh-1', status: 'accepted' } },
    'GET /api/v1/app/shares/sh-1': () => ({ status: 200, body: { shareId: 'sh-1', status: ++polls < 2 ? 'signing' : 'sent' } }),
  };
}

async function scanPasted(text: string) {
  render(<App path="/demo/scan" />);
  fireEvent.change(await screen.findByLabelText('Або вставте текст QR-коду'), { target: { value: text } });
  fireEvent.click(screen.getByRole('button', { name: 'Відкрити запит' }));
  return screen.findByTestId('scan-request');
}

describe('the citizen simulator', () => {
  it('shows the request as the app would, with the moved-address warning, and follows the share to sent', async () => {
    const { calls } = fakeApi(routes({ ...RESOLVED, requestToken: 'req-1' }));
    const request = await scanPasted('http://localhost:8080/s/token');
    expect(within(request).getByText('Увага: відділення змінило адресу після випуску цього QR-коду.')).toBeTruthy();
    expect(request.textContent).toContain('м. Київ, вул. Хрещатик, 1');
    expect(request.textContent).toContain('м. Київ, вул. Хрещатик, 2');
    expect(request.textContent).toContain('Паспорт громадянина України у формі ID-картки');
    const resolve = calls.find((c) => c.path === '/api/v1/app/qr/resolve');
    expect(resolve?.headers.Authorization).toBe('Bearer app-token-1');
    expect(resolve?.body).toEqual({ qr: 'http://localhost:8080/s/token' });

    fireEvent.click(within(request).getByRole('button', { name: 'Поділитися документами' }));
    await waitFor(() => expect(screen.getByTestId('share-status').getAttribute('data-status')).toBe('sent'), { timeout: 8000 });
    const share = calls.find((c) => c.path === '/api/v1/app/shares');
    expect(share?.body).toEqual({ requestToken: 'req-1', documents: ['jws-1'] });
    expect(share?.headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(calls.find((c) => c.path === '/dev/documents')?.body).toMatchObject({ types: ['id-card'] });
  });

  it('shows the app API’s refusal of a dead QR code in words', async () => {
    fakeApi({ ...routes(RESOLVED), 'POST /api/v1/app/qr/resolve': problem(410, 'QR_REVOKED', 'Цей QR-код відкликано.', 'This QR code has been revoked.') });
    render(<App path="/demo/scan" />);
    fireEvent.change(await screen.findByLabelText('Або вставте текст QR-коду'), { target: { value: 'token' } });
    fireEvent.click(screen.getByRole('button', { name: 'Відкрити запит' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Цей QR-код відкликано.');
  });

  it('says it works on a development instance only when the dev endpoints are absent', async () => {
    fakeApi({});
    render(<App path="/demo/scan" />);
    expect(await screen.findByText('Ця сторінка працює лише на стенді розробки.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('ДЕМО');
  });
});
