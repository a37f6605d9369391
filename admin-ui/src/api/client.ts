import type { Lang, Localized } from '../i18n';

/**
 * The one API client: same-origin fetch with the session cookie (never a token in storage), `X-Requested-With` on
 * every state-changing call (the gateway's CSRF rule for cookie sessions), `Accept-Language` in the chosen language,
 * and every error turned into an {@link ApiError} from the problem+json body.
 */

let apiLang: Lang = 'uk';

export function setApiLang(lang: Lang): void {
  apiLang = lang;
}

export interface FieldProblem {
  field: string;
  code: string;
  messages: Localized;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messages: Localized;
  readonly fieldErrors: FieldProblem[];
  /** The whole problem document, for members such as `examples`, `missing`, `currentVersion`. */
  readonly problem: Record<string, unknown>;

  constructor(status: number, code: string, messages: Localized, fieldErrors: FieldProblem[], problem: Record<string, unknown>) {
    super(messages.en || code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.messages = messages;
    this.fieldErrors = fieldErrors;
    this.problem = problem;
  }

  messageIn(lang: Lang): string {
    return this.messages[lang] || this.messages.uk || this.messages.en;
  }

  /** The messages for one form field (also `field.sub` errors under it). */
  forField(field: string): FieldProblem[] {
    return this.fieldErrors.filter((e) => e.field === field || e.field.startsWith(`${field}.`) || e.field.startsWith(`${field}[`));
  }
}

const GENERIC: Record<number, Localized> = {
  0: { uk: 'Немає зв’язку із сервером. Перевірте мережу й спробуйте ще раз.', en: 'Cannot reach the server. Check the network and try again.' },
  400: { uk: 'Запит має неправильний формат.', en: 'The request is malformed.' },
  401: { uk: 'Потрібно увійти.', en: 'Authentication is required.' },
  403: { uk: 'Доступ заборонено.', en: 'Access is forbidden.' },
  404: { uk: 'Такого ресурсу немає.', en: 'There is no such resource.' },
  409: { uk: 'Конфлікт із поточним станом.', en: 'Conflict with the current state.' },
  410: { uk: 'Цього більше немає.', en: 'This is gone.' },
  413: { uk: 'Файл завеликий.', en: 'The file is too large.' },
  422: { uk: 'Деякі поля заповнено неправильно.', en: 'Some fields are not filled in correctly.' },
  429: { uk: 'Забагато запитів; спробуйте пізніше.', en: 'Too many requests; try again later.' },
  500: { uk: 'Внутрішня помилка сервера; спробуйте пізніше.', en: 'Internal server error; please try again later.' },
  503: { uk: 'Сервіс тимчасово недоступний; спробуйте пізніше.', en: 'The service is temporarily unavailable; try again later.' },
};

function genericMessages(status: number): Localized {
  return GENERIC[status] ?? GENERIC[status >= 500 ? 500 : 400];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `messages: {uk, en}`, else `detail` (and `title`) as the only text. */
function localizedOf(v: Record<string, unknown>, fallback: Localized): Localized {
  const m = isObject(v.messages) ? v.messages : undefined;
  const detail = typeof v.detail === 'string' ? v.detail : typeof v.message === 'string' ? v.message : undefined;
  const uk = (typeof m?.uk === 'string' && m.uk) || detail || '';
  const en = (typeof m?.en === 'string' && m.en) || (typeof v.title === 'string' && !m ? v.title : '') || detail || '';
  if (!uk && !en) return fallback;
  return { uk: uk || en, en: en || uk };
}

/**
 * Reads both dialects the gateway speaks today: 422 `VALIDATION_FAILED` with `errors: [{field, code, messages}]`
 * (forms), and a single top-level `field` (the login's 400, `SERVICE_NAME_NOT_ALLOWED`). Anything that is not a
 * problem document gets the generic text for its status.
 */
export function parseProblem(status: number, body: unknown): ApiError {
  if (!isObject(body)) {
    return new ApiError(status, status === 0 ? 'NETWORK_ERROR' : `HTTP_${status}`, genericMessages(status), [], {});
  }
  const code = typeof body.code === 'string' ? body.code : `HTTP_${status}`;
  const messages = localizedOf(body, genericMessages(status));
  const fieldErrors: FieldProblem[] = [];
  if (Array.isArray(body.errors)) {
    for (const e of body.errors) {
      if (!isObject(e)) continue;
      const field = typeof e.field === 'string' ? e.field : typeof e.pointer === 'string' ? e.pointer.replace(/^\/+/, '').replace(/\//g, '.') : '';
      fieldErrors.push({ field, code: typeof e.code === 'string' ? e.code : code, messages: localizedOf(e, messages) });
    }
  }
  if (typeof body.field === 'string' && !fieldErrors.some((e) => e.field === body.field)) {
    fieldErrors.push({ field: body.field, code, messages });
  }
  return new ApiError(status, code, messages, fieldErrors, body);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  json?: unknown;
  body?: BodyInit;
  contentType?: string;
  headers?: Record<string, string>;
  /** Send the session cookie (default) or not (the citizen simulator speaks as the app, with its own token). */
  credentials?: RequestCredentials;
  signal?: AbortSignal;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? (options.json !== undefined || options.body !== undefined ? 'POST' : 'GET');
  const headers: Record<string, string> = { 'Accept-Language': apiLang, ...options.headers };
  if (method !== 'GET') headers['X-Requested-With'] = 'XMLHttpRequest';
  let body = options.body;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.contentType) {
    headers['Content-Type'] = options.contentType;
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, credentials: options.credentials ?? 'same-origin', signal: options.signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw parseProblem(0, null);
  }
  if (!response.ok) {
    let problem: unknown = null;
    try {
      problem = await response.json();
    } catch {
      // not JSON: the generic text for the status
    }
    throw parseProblem(response.status, problem);
  }
  return response;
}

/** A JSON call; 204 answers `undefined`. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A call whose answer is a file. */
export async function apiBlob(path: string, options: RequestOptions = {}): Promise<Blob> {
  return (await send(path, options)).blob();
}

/** The text to show for any failure, in the chosen language. */
export function errorMessage(error: unknown, lang: Lang): string {
  if (error instanceof ApiError) return error.messageIn(lang);
  return genericMessages(500)[lang];
}
