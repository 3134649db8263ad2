import { ErrorBodySchema, type ErrorCode, type FieldIssue, FieldIssueSchema } from '@dampingan/contracts';
import { z } from 'zod';

export type ApiErrorCode = ErrorCode | 'network' | 'bad_response';

/** The API's one error shape, parsed back: `issues` point at form fields. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  /** Bahasa Indonesia text from `error.message`. */
  readonly messageId: string;
  /** English text from `error.details.messageEn` (falls back to the Indonesian text). */
  readonly messageEn: string;
  readonly issues: FieldIssue[];
  readonly details: Readonly<Record<string, unknown>>;

  constructor(init: {
    status: number;
    code: ApiErrorCode;
    messageId: string;
    messageEn?: string;
    issues?: FieldIssue[];
    details?: Record<string, unknown>;
  }) {
    super(init.messageEn ?? init.messageId);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.messageId = init.messageId;
    this.messageEn = init.messageEn ?? init.messageId;
    this.issues = init.issues ?? [];
    this.details = init.details ?? {};
  }

  /** Field name → first message, with the server's `body.` / `query.` prefix removed. */
  fieldErrors(): Record<string, string> {
    return issuesToFieldErrors(this.issues);
  }
}

export function issuesToFieldErrors(issues: readonly FieldIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path.replace(/^(body|query|params)\.?/, '') || '_';
    out[field] ??= issue.message;
  }
  return out;
}

const DetailsSchema = z
  .object({ messageEn: z.string().optional(), issues: z.array(FieldIssueSchema).optional() })
  .catchall(z.unknown())
  .catch({});

/** Turns any failed response body into an ApiError (also when the body is not the API's shape, e.g. a proxy page). */
export function toApiError(status: number, body: unknown): ApiError {
  const parsed = ErrorBodySchema.safeParse(body);
  if (!parsed.success) {
    return new ApiError({
      status,
      code: status === 401 ? 'unauthenticated' : status === 404 ? 'not_found' : 'internal',
      messageId: `Server menjawab dengan kode ${status}`,
      messageEn: `The server answered with status ${status}`,
    });
  }
  const { code, message, details } = parsed.data.error;
  const d = DetailsSchema.parse(details ?? {});
  return new ApiError({ status, code, messageId: message, messageEn: d.messageEn, issues: d.issues, details: d });
}

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();

/** Called when a request that needs a session gets 401 (session expired or ended elsewhere). */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

/** For requests made outside `request()` (file uploads): a 401 ends the session the same way. */
export function reportUnauthenticated(path: string): void {
  if (path.startsWith('/auth/')) return;
  for (const l of unauthenticatedListeners) l();
}

export const NETWORK_ERROR = {
  messageId: 'Tidak dapat terhubung ke server. Periksa koneksi lalu coba lagi.',
  messageEn: 'Cannot reach the server. Check the connection and try again.',
} as const;

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  schema: z.ZodType<T>;
  signal?: AbortSignal;
}

/** Sends a request and returns the body text of a 2xx answer; anything else becomes an ApiError. */
async function send(
  path: string,
  opts: Omit<RequestOptions<unknown>, 'schema'>,
  accept: string,
): Promise<{ status: number; text: string }> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept };
  // The server refuses mutations that are not JSON (its CSRF guard), so always send a JSON body.
  const body = method === 'GET' ? undefined : JSON.stringify(opts.body ?? {});
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api${buildUrl(path, opts.query)}`, { method, headers, body, credentials: 'same-origin', signal: opts.signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ status: 0, code: 'network', ...NETWORK_ERROR });
  }
  const text = await res.text();
  if (!res.ok) {
    const error = toApiError(res.status, parseJson(text));
    if (res.status === 401) reportUnauthenticated(path);
    throw error;
  }
  return { status: res.status, text };
}

/** For endpoints that answer with a file (CSV): the text as sent. */
export async function requestText(path: string, opts: Omit<RequestOptions<unknown>, 'schema'> = {}): Promise<string> {
  return (await send(path, opts, 'text/csv, text/plain, */*')).text;
}

/** One fetch wrapper for the whole app: same-origin cookie session, JSON in and out, typed errors. */
export async function request<T>(path: string, opts: RequestOptions<T>): Promise<T> {
  const res = await send(path, opts, 'application/json');
  const json = parseJson(res.text);
  return parseResponse(res.status, json, opts.schema);
}

/** Checks a successful answer against its contract schema. */
export function parseResponse<T>(status: number, json: unknown, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError({
      status,
      code: 'bad_response',
      messageId: 'Jawaban server tidak sesuai format yang diharapkan',
      messageEn: 'The server answered in an unexpected format',
      details: { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
    });
  }
  return parsed.data;
}
