import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../App';
import { fakeApi, PARTNER, problem } from '../../test/fakeApi';

afterEach(() => vi.unstubAllGlobals());

const READY = { ...PARTNER, email: 'a@example.com', phone: '+380441234567', passport: { type: 'id-card', number: '•••••6789' }, profileComplete: true, offer: { currentVersion: 1, acceptedVersion: 1, acceptedAt: '2026-12-01T10:00:00Z', accepted: true } };
const BRANCH = { id: 'b0000000-0000-4000-8000-000000000001', name: 'Центральне', address: null, customAddress: 'м. Київ, вул. Хрещатик, 1', addressText: 'м. Київ, вул. Хрещатик, 1', email: null, createdAt: '2026-12-01T10:00:00Z', updatedAt: '2026-12-01T10:00:00Z' };
const DOCUMENT_TYPES = { items: [
  { code: 'id-card', title: { uk: 'Паспорт громадянина України (ID-картка)', en: 'ID card' }, legalAct: 'ПКМУ № 278' },
  { code: 'taxpayer-card', title: { uk: 'РНОКПП', en: 'Taxpayer card' }, legalAct: null },
] };

function fieldOf(label: string): HTMLElement {
  return screen.getByLabelText(label);
}

function errorsOf(input: HTMLElement): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

describe('the cabinet guard', () => {
  it('sends a visitor without a session to login', async () => {
    fakeApi({ 'GET /api/v1/partner': problem(401, 'UNAUTHENTICATED', 'Потрібно увійти.', 'Log in first.'), 'GET /dev/info': { status: 200, body: { demoPartner: null, simulator: false, mailbox: false } } });
    render(<App path="/cabinet/history" />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Вхід до кабінету' })).toBeTruthy();
    expect(screen.getByLabelText('Файл ключа (.p12, .pfx)')).toBeTruthy();
  });

  it('sends a partner with a profile to fill to the profile, whatever the bookmark', async () => {
    fakeApi({ 'GET /api/v1/partner': { status: 200, body: PARTNER } });
    render(<App path="/cabinet/branches" />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Профіль' })).toBeTruthy();
  });

  it('sends a partner who has not signed the current offer to the offer', async () => {
    fakeApi({
      'GET /api/v1/partner': { status: 200, body: { ...READY, offer: { currentVersion: 2, acceptedVersion: 1, acceptedAt: '2026-11-01T10:00:00Z', accepted: false } } },
      'GET /api/v1/offer': { status: 200, body: { version: 2, text: 'Текст оферти, версія 2', sha256: 'ab'.repeat(32) } },
    });
    render(<App path="/cabinet/history" />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Публічна оферта' })).toBeTruthy();
    expect(await screen.findByText('Опубліковано нову версію оферти. Прочитайте її і підпишіть знову.')).toBeTruthy();
    expect(await screen.findByText('Текст оферти, версія 2')).toBeTruthy(); // the offer text is its own query, it may load later
  });
});

describe('forms and their validation messages', () => {
  it('the profile shows every field error from the API at its field, in the chosen language', async () => {
    const { calls } = fakeApi({
      'GET /api/v1/partner': { status: 200, body: PARTNER },
      'PUT /api/v1/partner/profile': problem(422, 'VALIDATION_FAILED', 'Деякі поля заповнено неправильно.', 'Some fields are not filled in correctly.', {
        errors: [
          { field: 'email', code: 'INVALID_EMAIL', messages: { uk: 'Неправильна адреса електронної пошти.', en: 'Not a valid e-mail address.' } },
          { field: 'phone', code: 'INVALID_PHONE', messages: { uk: 'Телефон: +380 і 9 цифр.', en: 'Phone: +380 and 9 digits.' } },
          { field: 'passport', code: 'LATIN_LETTERS_IN_PASSPORT', messages: { uk: 'Серія — українськими літерами.', en: 'The series in Ukrainian letters.' } },
        ],
      }),
    });
    render(<App path="/cabinet/profile" />);
    fireEvent.change(await screen.findByLabelText('Електронна пошта'), { target: { value: 'nope' } });
    fireEvent.change(fieldOf('Телефон'), { target: { value: '12' } });
    fireEvent.change(fieldOf('Паспорт керівника'), { target: { value: 'AB123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Зберегти' }));

    await waitFor(() => expect(fieldOf('Електронна пошта').getAttribute('aria-invalid')).toBe('true'));
    expect(errorsOf(fieldOf('Електронна пошта'))).toContain('Неправильна адреса електронної пошти.');
    expect(errorsOf(fieldOf('Телефон'))).toContain('Телефон: +380 і 9 цифр.');
    expect(errorsOf(fieldOf('Паспорт керівника'))).toContain('Серія — українськими літерами.');
    expect(screen.getByRole('alert').textContent).toContain('Виправте позначені поля.');
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.body).toEqual({ email: 'nope', phone: '12', passport: 'AB123456' });
    expect(put?.headers['X-Requested-With']).toBe('XMLHttpRequest');

    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    await waitFor(() => expect(errorsOf(screen.getByLabelText('E-mail'))).toContain('Not a valid e-mail address.'));
    expect(errorsOf(screen.getByLabelText('Phone'))).toContain('Phone: +380 and 9 digits.');
    expect(document.documentElement.lang).toBe('en');
  });

  it('a forbidden service name is refused at the name field with good examples; the checklist comes from the API', async () => {
    const { calls } = fakeApi({
      'GET /api/v1/partner': { status: 200, body: READY },
      [`GET /api/v1/branches/${BRANCH.id}`]: { status: 200, body: BRANCH },
      [`GET /api/v1/branches/${BRANCH.id}/services`]: { status: 200, body: { items: [], nextCursor: null } },
      'GET /api/v1/document-types': { status: 200, body: DOCUMENT_TYPES },
      [`POST /api/v1/branches/${BRANCH.id}/services`]: problem(422, 'SERVICE_NAME_NOT_ALLOWED', '«Ідентифікація» — це не назва послуги.', '"Ідентифікація" is not a service name.', {
        field: 'name',
        examples: ['Відкриття рахунку', 'Оренда авто'],
      }),
    });
    render(<App path={`/cabinet/branches/${BRANCH.id}`} />);
    expect(await screen.findByText('Послуг ще немає.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Додати послугу' }));
    fireEvent.change(screen.getByLabelText('Назва послуги'), { target: { value: 'Ідентифікація' } });
    const checklist = screen.getByRole('group', { name: 'Документи, які ви просите' });
    fireEvent.click(await within(checklist).findByLabelText(/Паспорт громадянина України \(ID-картка\)/));
    expect(within(checklist).getByText(/ПКМУ № 278/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Правова підстава обробки'), { target: { value: 'Закон' } });
    fireEvent.click(screen.getByLabelText('Підтверджую, що ця правова підстава існує'));
    fireEvent.click(screen.getByRole('button', { name: 'Зберегти' }));

    await waitFor(() => expect(screen.getByLabelText('Назва послуги').getAttribute('aria-invalid')).toBe('true'));
    const errors = errorsOf(screen.getByLabelText('Назва послуги'));
    expect(errors).toContain('«Ідентифікація» — це не назва послуги.');
    expect(errors).toContain('«Відкриття рахунку», «Оренда авто»');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ name: 'Ідентифікація', documents: ['id-card'], legalBasis: 'Закон', legalBasisConfirmed: true });
  });

  it('editing a branch address warns that its QR codes become outdated', async () => {
    fakeApi({
      'GET /api/v1/partner': { status: 200, body: READY },
      'GET /api/v1/branches': { status: 200, body: { items: [BRANCH], nextCursor: null } },
    });
    render(<App path="/cabinet/branches" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Змінити' }));
    const warning = 'Адресу змінено: усі QR-коди цього відділення стануть застарілими, їх треба буде перевипустити.';
    expect(screen.queryByText(warning)).toBeNull();
    fireEvent.change(screen.getByLabelText('Повна адреса'), { target: { value: 'м. Київ, вул. Хрещатик, 2' } });
    expect(screen.getByText(warning)).toBeTruthy();
  });

  it('deleting a branch asks first and deletes only after the confirmation', async () => {
    const { calls } = fakeApi({
      'GET /api/v1/partner': { status: 200, body: READY },
      'GET /api/v1/branches': { status: 200, body: { items: [BRANCH], nextCursor: null } },
      [`DELETE /api/v1/branches/${BRANCH.id}`]: { status: 204 },
    });
    render(<App path="/cabinet/branches" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Видалити' }));
    expect(screen.getByText(/Видалити «Центральне»\?/)).toBeTruthy();
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Так, видалити' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE')).toBe(true));
  });

  it('the key form asks for a file before anything else', async () => {
    fakeApi({ 'GET /dev/info': { status: 200, body: { demoPartner: { organisation: 'ТОВ «Зелений квартал» (EDRPOU 43187521)', keyFile: '/data/pki/demo-partner.p12', passwordFile: '/data/pki/demo-partner.password', password: 's3cret' }, simulator: true, mailbox: true } } });
    render(<App path="/login" />);
    expect(await screen.findByText('/data/pki/demo-partner.p12')).toBeTruthy(); // dev mode says where the demo key is
    expect(screen.getByText('s3cret')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Увійти з КЕП' }));
    expect(errorsOf(screen.getByLabelText('Файл ключа (.p12, .pfx)'))).toContain('Оберіть файл ключа.');
  });
});
