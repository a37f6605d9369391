import { vi } from 'vitest';

export interface Call {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

type Handler = (call: Call) => { status: number; body?: unknown } | undefined;

/** A stand-in for the gateway behind fetch: handlers by "METHOD /path", every call recorded. */
export function fakeApi(routes: Record<string, Handler | { status: number; body?: unknown }>) {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init.method ?? 'GET';
    const headers = { ...(init.headers as Record<string, string>) };
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : init.body;
    const call = { method, path: url.pathname + url.search, headers, body };
    calls.push(call);
    const route = routes[`${method} ${url.pathname}`];
    const answer = typeof route === 'function' ? route(call) : route;
    if (!answer) {
      return new Response(JSON.stringify({ code: 'NOT_FOUND', detail: 'Такого ресурсу немає.', messages: { uk: 'Такого ресурсу немає.', en: 'There is no such resource.' } }), {
        status: 404,
        headers: { 'Content-Type': 'application/problem+json' },
      });
    }
    const type = answer.status >= 400 ? 'application/problem+json' : 'application/json';
    return new Response(answer.status === 204 ? null : JSON.stringify(answer.body ?? {}), { status: answer.status, headers: { 'Content-Type': type } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}

export const PARTNER = {
  id: '7d0f6b6e-3c43-4c44-9d43-111111111111',
  kind: 'sole-proprietor',
  edrpou: null,
  name: 'ФОП Тестенко Марія Іванівна',
  headName: 'Тестенко Марія Іванівна',
  email: null,
  phone: null,
  passport: null,
  profileComplete: false,
  offer: { currentVersion: 1, acceptedVersion: null, acceptedAt: null, accepted: false },
};

export function problem(status: number, code: string, uk: string, en: string, extra: Record<string, unknown> = {}) {
  return { status, body: { type: `urn:qrshare:problem:${code.toLowerCase()}`, title: en, status, code, detail: uk, messages: { uk, en }, requestId: 'r-1', ...extra } };
}
