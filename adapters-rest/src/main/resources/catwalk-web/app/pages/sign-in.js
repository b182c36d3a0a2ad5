import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { Field } from '../ui.js';

/**
 * Signs in with GitHub (when the server has a GitHub OAuth app) or a personal token: the server opens a session and
 * keeps its secret in an HttpOnly cookie.
 */
export function SignIn({ onSignedIn }) {
  const [github, setGithub] = useState(false);
  useEffect(() => {
    get('/api/session/methods').then((m) => setGithub(m.github)).catch(() => setGithub(false));
  }, []);
  const next = new URLSearchParams(location.search).get('next') || '/';
  const [token, setToken] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await post('/api/session', { token });
      setToken('');
      onSignedIn(session);
    } catch (err) {
      setError(err.byField().token || (err.hint ? `${err.message} ${err.hint}` : err.message));
    } finally {
      setBusy(false);
    }
  };
  return html`<section class="card sign-in" aria-labelledby="sign-in-title">
    <div class="brand big"><img src="/app/icon.svg" alt="" width="32" height="32" /> Catwalk</div>
    <h1 id="sign-in-title" tabindex="-1">Sign in</h1>
    <p class="muted">Your MCP servers, on the internet, behind one stable URL each.</p>
    ${github ? html`<a class="button primary wide" href=${`/auth/github?next=${encodeURIComponent(next)}`}
        data-testid="github-sign-in">Sign in with GitHub</a>
      <p class="muted small center-text">or with a personal token</p>` : ''}
    <form onSubmit=${submit} novalidate>
      <${Field} label="Personal access token" name="token" type="password" value=${token} onInput=${setToken}
        required autocomplete="off" spellcheck="false" placeholder="cwk_…" error=${error}
        description="A cwk_ token: the first admin's is printed when the server first starts; make more under Settings or with the CLI." />
      <button type="submit" class=${github ? 'button wide' : 'button primary wide'} disabled=${busy || !token.trim()} aria-busy=${busy}>
        ${busy ? 'Signing in…' : 'Sign in'}</button>
    </form>
    <p class="muted small">The session lasts 12 hours of inactivity (7 days at most). The token is not stored in the browser.</p>
  </section>`;
}
