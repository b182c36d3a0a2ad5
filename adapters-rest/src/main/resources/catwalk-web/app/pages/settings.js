import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { del, get, post, put } from '../api.js';
import { Ago, ConfirmDialog, ErrorBox, Field, OneTimeSecret } from '../ui.js';

/** The caller's own OpenRouter key (write-only, shown as set or not) and personal tokens. */
export function Settings({ session }) {
  return html`<div class="page-head"><h1 tabindex="-1">Settings</h1></div>
    <p class="muted">Signed in as <strong>${session.user.name}</strong> (${session.user.role}).</p>
    <${GitHubAccount} />
    <${OpenRouterKey} />
    <${Tokens} />`;
}

/** Links this account to a GitHub account, so that signing in with GitHub opens it (when GitHub sign-in is set up). */
function GitHubAccount() {
  const [enabled, setEnabled] = useState(false);
  const [error, setError] = useState(null);
  useEffect(() => {
    get('/api/session/methods').then((m) => setEnabled(m.github)).catch(() => setEnabled(false));
  }, []);
  if (!enabled) return '';
  const link = async () => {
    setError(null);
    try {
      location.assign((await post('/api/session/github')).location);
    } catch (err) {
      setError(err);
    }
  };
  return html`<section class="card" aria-labelledby="github-title">
    <h2 id="github-title">GitHub account</h2>
    <p class="small muted">Link a GitHub account to sign in with it from now on. GitHub asks you to confirm, then sends you back here.</p>
    <div class="actions"><button type="button" class="button" onClick=${link}>Link a GitHub account</button></div>
    ${error ? html`<${ErrorBox} error=${error} />` : ''}
  </section>`;
}

function OpenRouterKey() {
  const [settings, setSettings] = useState(null);
  const [value, setValue] = useState('');
  const [error, setError] = useState(null);
  const [saved, setSaved] = useState('');
  useEffect(() => {
    get('/api/settings').then(setSettings).catch(setError);
  }, []);
  const save = async (next) => {
    setError(null);
    setSaved('');
    try {
      setSettings(await put('/api/settings', { openrouterApiKey: next }));
      setValue('');
      setSaved(next ? 'Saved.' : 'Removed.');
    } catch (err) {
      setError(err);
    }
  };
  const isSet = settings && settings.openrouterApiKey.set;
  const fieldError = error && error.byField ? error.byField().openrouterApiKey : null;
  return html`<section class="card" aria-labelledby="openrouter-title">
    <h2 id="openrouter-title">OpenRouter API key</h2>
    <p class="small muted">Analyses ask a model (through OpenRouter) about what a repository's files leave open. Your own key is
      used for your analyses; it is stored encrypted and never shown again.</p>
    <p>Status: <strong data-testid="openrouter-status">${settings ? (isSet ? 'set (••••••••)' : 'not set') : '…'}</strong></p>
    <form class="row wrap" onSubmit=${(e) => { e.preventDefault(); save(value); }} novalidate>
      <${Field} label=${isSet ? 'Replace the key' : 'Key'} name="openrouterApiKey" type="password" value=${value} onInput=${setValue}
        autocomplete="off" spellcheck="false" placeholder="sk-or-…" error=${fieldError} />
      <div class="actions"><button type="submit" class="button primary" disabled=${!value.trim()}>Save key</button>
      ${isSet ? html`<button type="button" class="button danger" onClick=${() => save(null)}>Remove key</button>` : ''}</div>
    </form>
    <p class="small" role="status">${saved}</p>
    ${error && !fieldError ? html`<${ErrorBox} error=${error} />` : ''}
  </section>`;
}

function Tokens() {
  const [tokens, setTokens] = useState(null);
  const [name, setName] = useState('');
  const [issued, setIssued] = useState(null);
  const [error, setError] = useState(null);
  const [revoking, setRevoking] = useState(null);
  const load = () => get('/api/tokens').then((r) => setTokens(r.items)).catch(setError);
  useEffect(() => {
    load();
  }, []);
  const create = async (e) => {
    e.preventDefault();
    setError(null);
    try {
      const t = await post('/api/tokens', { name: name.trim() });
      setIssued(t);
      setName('');
      load();
    } catch (err) {
      setError(err);
    }
  };
  const revoke = async () => {
    const t = revoking;
    setRevoking(null);
    try {
      await del(`/api/tokens/${t.id}`);
      load();
    } catch (err) {
      setError(err);
    }
  };
  const fieldError = error && error.byField ? error.byField().name : null;
  return html`<section class="card" aria-labelledby="tokens-title">
    <h2 id="tokens-title">Personal tokens</h2>
    <p class="small muted">For the API and the CLI (<code>catwalk login</code>). Revoking the token this browser signed in with signs it out.</p>
    ${issued ? html`<${OneTimeSecret} label="Personal token" secret=${issued.token}>Use it as a bearer token, or with <code>catwalk login</code>.</${OneTimeSecret}>` : ''}
    <form class="row wrap" onSubmit=${create} novalidate>
      <${Field} label="New token's name" name="name" value=${name} onInput=${setName} maxlength="100" placeholder="laptop CLI" error=${fieldError} />
      <div class="actions"><button type="submit" class="button primary" disabled=${!name.trim()}>Create token</button></div>
    </form>
    ${error && !fieldError ? html`<${ErrorBox} error=${error} />` : ''}
    ${tokens ? html`<div class="table-wrap"><table class="list">
      <caption class="sr-only">Your personal tokens</caption>
      <thead><tr><th scope="col">Name</th><th scope="col">Prefix</th><th scope="col" class="hide-narrow">Created</th><th scope="col" class="hide-narrow">Last used</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
      <tbody>${tokens.map((t) => html`<tr key=${t.id}>
        <td>${t.name}</td><td class="mono small">${t.prefix}…</td>
        <td class="hide-narrow small"><${Ago} at=${t.createdAt} /></td>
        <td class="hide-narrow small"><${Ago} at=${t.lastUsedAt} /></td>
        <td>${t.revokedAt ? html`<span class="muted small">revoked</span>`
          : html`<button type="button" class="button small danger" onClick=${() => setRevoking(t)} aria-label=${`Revoke ${t.name}`}>Revoke</button>`}</td>
      </tr>`)}</tbody></table></div>` : html`<p aria-busy="true" class="muted">Loading…</p>`}
    <${ConfirmDialog} open=${!!revoking} title="Revoke this token?" confirm="Revoke" danger onConfirm=${revoke} onCancel=${() => setRevoking(null)}>
      <p>${revoking ? `“${revoking.name}” (${revoking.prefix}…) stops working at once.` : ''}</p>
    </${ConfirmDialog}>
  </section>`;
}
