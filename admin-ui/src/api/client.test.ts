import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, parseProblem, setApiLang } from './client';
import { fakeApi, problem } from '../test/fakeApi';

afterEach(() => {
  vi.unstubAllGlobals();
  setApiLang('uk');
});

describe('parseProblem: the problem+json dialects', () => {
  it('reads a 422 VALIDATION_FAILED with every field error and both languages', () => {
    const e = parseProblem(422, {
      code: 'VALIDATION_FAILED',
      detail: 'Деякі поля заповнено неправильно.',
      messages: { uk: 'Деякі поля заповнено неправильно.', en: 'Some fields are not filled in correctly.' },
      errors: [
        { field: 'email', code: 'INVALID_EMAIL', messages: { uk: 'Неправильна адреса.', en: 'Not a valid address.' } },
        { field: 'address.house', code: 'REQUIRED', messages: { uk: 'Заповніть це поле.', en: 'This field is required.' } },
      ],
    });
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.messageIn('en')).toBe('Some fields are not filled in correctly.');
    expect(e.forField('email').map((f) => f.messages.en)).toEqual(['Not a valid address.']);
    expect(e.forField('address').map((f) => f.code)).toEqual(['REQUIRED']); // sub-fields belong to their group
    expect(e.forField('phone')).toEqual([]);
  });

  it('reads the login’s 400 with a top-level field as that field’s error', () => {
    const e = parseProblem(400, { code: 'VALIDATION_FAILED', detail: 'Поле «signature» обов’язкове.', messages: { uk: 'Поле «signature» обов’язкове.', en: 'The field "signature" is required.' }, field: 'signature' });
    expect(e.forField('signature')).toEqual([{ field: 'signature', code: 'VALIDATION_FAILED', messages: { uk: 'Поле «signature» обов’язкове.', en: 'The field "signature" is required.' } }]);
  });

  it('keeps extra members such as the examples of SERVICE_NAME_NOT_ALLOWED', () => {
    const e = parseProblem(422, { ...problem(422, 'SERVICE_NAME_NOT_ALLOWED', '«Ідентифікація» — це не назва послуги.', '"Ідентифікація" is not a service name.').body, field: 'name', examples: ['Відкриття рахунку'] });
    expect(e.forField('name')[0].messages.uk).toBe('«Ідентифікація» — це не назва послуги.');
    expect(e.problem.examples).toEqual(['Відкриття рахунку']);
  });

  it('takes detail alone (no messages) as the text, and field errors with only a detail', () => {
    const e = parseProblem(409, { code: 'OFFER_VERSION_OUTDATED', detail: 'Є новіша версія.', errors: [{ field: 'version', detail: 'Застаріла.' }] });
    expect(e.messageIn('uk')).toBe('Є новіша версія.');
    expect(e.messageIn('en')).toBe('Є новіша версія.');
    expect(e.forField('version')[0].messages.uk).toBe('Застаріла.');
  });

  it('gives the generic text of the status for a body that is no problem document', () => {
    expect(parseProblem(503, null).messageIn('en')).toBe('The service is temporarily unavailable; try again later.');
    expect(parseProblem(502, 'Bad gateway').code).toBe('HTTP_502');
    expect(parseProblem(0, null).code).toBe('NETWORK_ERROR');
  });
});

describe('api: the one client', () => {
  it('sends X-Requested-With on state-changing calls only, and Accept-Language in the chosen language', async () => {
    const { calls } = fakeApi({ 'GET /api/v1/branches': { status: 200, body: { items: [] } }, 'DELETE /api/v1/branches/1': { status: 204 } });
    setApiLang('en');
    await api('/api/v1/branches');
    await expect(api('/api/v1/branches/1', { method: 'DELETE' })).resolves.toBeUndefined();
    expect(calls[0].headers['X-Requested-With']).toBeUndefined();
    expect(calls[0].headers['Accept-Language']).toBe('en');
    expect(calls[1].headers['X-Requested-With']).toBe('XMLHttpRequest');
  });

  it('throws the parsed problem for an error status', async () => {
    fakeApi({ 'POST /api/v1/auth/login': problem(403, 'NOT_ORGANISATION_HEAD', 'Ви не керівник.', 'You are not the head.') });
    const error = await api('/api/v1/auth/login', { json: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(403);
    expect((error as ApiError).messageIn('en')).toBe('You are not the head.');
  });

  it('turns a network failure into NETWORK_ERROR', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    const error = await api('/api/v1/partner').catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('NETWORK_ERROR');
  });
});
