import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { LangProvider } from '../LangContext';
import { TEST_KEYS_DIR } from '../test/globalSetup';
import { KeyFileForm } from './KeyFileForm';

function choose(name: string, password: string) {
  const file = new File([readFileSync(join(TEST_KEYS_DIR, name))], name, { type: 'application/x-pkcs12' });
  fireEvent.change(screen.getByLabelText('Файл ключа (.p12, .pfx)'), { target: { files: [file] } });
  fireEvent.change(screen.getByLabelText('Пароль ключа'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Увійти' }));
}

function describedText(label: string): string {
  const ids = (screen.getByLabelText(label).getAttribute('aria-describedby') ?? '').split(' ');
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

describe('the key file form', { timeout: 30_000 }, () => {
  it('says the password is wrong at the password field, and sends nothing', async () => {
    const onKey = vi.fn(async () => {});
    render(<LangProvider initial="uk"><KeyFileForm submitLabel="Увійти" busyLabel="…" onKey={onKey} /></LangProvider>);
    choose('ec256.p12', 'not-the-password');
    await waitFor(() => expect(describedText('Пароль ключа')).toContain('Неправильний пароль ключа'), { timeout: 10_000 });
    expect(onKey).not.toHaveBeenCalled();
  });
});
