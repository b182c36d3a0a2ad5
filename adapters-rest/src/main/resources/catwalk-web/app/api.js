// The dashboard's only way to the server: the public /api, with the browser session's cookie and, on every
// change, its CSRF token. Errors arrive as Catwalk's problem JSON and become ApiError.

let csrfToken = null;
let onSignedOut = () => {};

/** Remembers the session's CSRF token (null when signed out). */
export function setCsrf(token) {
  csrfToken = token;
}

/** Called when the server answers 401: the session ended (signed out elsewhere, expired, token revoked). */
export function whenSignedOut(callback) {
  onSignedOut = callback;
}

/** A refused request: its status, Catwalk's error code, message, hint, and the fields at fault. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body.message || `The server answered ${status}.`);
    this.status = status;
    this.code = body.error || `http_${status}`;
    this.hint = body.hint || null;
    this.problems = Array.isArray(body.problems)
      ? body.problems
      : body.field ? [{ field: body.field, message: body.message, hint: body.hint }] : [];
  }

  /** The problems by field name: {"env.API_KEY": "is required — paste it"}. */
  byField() {
    const out = {};
    for (const p of this.problems) {
      if (p.field) out[p.field] = p.hint ? `${p.message} — ${p.hint}` : p.message;
    }
    return out;
  }
}

/** Sends a request to the API and returns its JSON (null for 204); throws ApiError when refused. */
export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res;
  try {
    res = await fetch(path, {
      method, headers, credentials: 'same-origin', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { error: 'offline', message: 'Catwalk cannot be reached. Check the server and your connection.' });
  }
  if (res.status === 204) return null;
  let data = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  if (!res.ok) {
    if (res.status === 401 && !path.startsWith('/api/session')) onSignedOut();
    throw new ApiError(res.status, data || {});
  }
  return data;
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body === undefined ? {} : body);
export const put = (path, body) => api('PUT', path, body);
export const del = (path) => api('DELETE', path);
