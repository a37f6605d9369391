import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { fakeApi } from '../test/fakeApi';

afterEach(() => vi.unstubAllGlobals());

const VALID = {
  valid: true,
  level: 'CAdES-BASELINE-T',
  signer: { subject: 'CN=qrshare dev seal,O=qrshare (development),C=UA', serialNumber: '0a', issuer: 'CN=qrshare dev CA' },
  signedAt: '2026-12-01T10:00:00Z',
  timestamp: { time: '2026-12-01T10:00:01Z', tsa: 'CN=qrshare dev TSA', policy: '2.25.1' },
  document: { type: 'id-card', shareId: '3f1c0000-0000-4000-8000-000000000001', recipient: 'ТОВ «Зелений квартал»' },
  problems: [],
};

describe('the verify page', () => {
  it('says in plain words who sealed a valid copy, when, and for whom; the file goes as application/pkcs7-signature', async () => {
    const { calls } = fakeApi({ 'POST /api/v1/verify': { status: 200, body: VALID } });
    render(<App path="/verify" />);
    const input = await screen.findByLabelText('Обрати файл .p7s');
    fireEvent.change(input, { target: { files: [new File([new Uint8Array([0x30, 0x80])], 'id-card-1.pdf.p7s')] } });
    const verdict = await screen.findByTestId('verdict');
    expect(within(verdict).getByRole('heading', { level: 2 }).textContent).toContain('Копія справжня і не змінена');
    expect(verdict.textContent).toContain('ТОВ «Зелений квартал»');
    expect(verdict.textContent).toContain('3f1c0000-0000-4000-8000-000000000001');
    expect(verdict.textContent).toContain('CN=qrshare dev seal');
    expect(within(verdict).getByRole('button', { name: 'Завантажити підписаний PDF' })).toBeTruthy();
    expect(calls[0].headers['Content-Type']).toBe('application/pkcs7-signature');
  });

  it('lists what is wrong with an invalid copy in the chosen language and offers no PDF', async () => {
    fakeApi({
      'POST /api/v1/verify': {
        status: 200,
        body: { ...VALID, valid: false, document: null, problems: [{ code: 'SIGNATURE_INVALID', messages: { uk: 'Підпис не відповідає вмісту.', en: 'The signature does not match the content.' } }] },
      },
    });
    render(<App path="/verify" />);
    fireEvent.click(await screen.findByRole('button', { name: 'English' }));
    fireEvent.change(screen.getByLabelText('Choose a .p7s file'), { target: { files: [new File([new Uint8Array([1])], 'x.p7s')] } });
    const verdict = await screen.findByTestId('verdict');
    expect(verdict.textContent).toContain('The copy is not confirmed');
    expect(within(verdict).getByRole('listitem').textContent).toBe('The signature does not match the content.');
    expect(within(verdict).queryByRole('button', { name: 'Download the signed PDF' })).toBeNull();
  });
});
