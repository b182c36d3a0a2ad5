import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { del, get, post } from '../api.js';
import { useDeployments, useEventStream } from '../live.js';
import { Link, navigate } from '../router.js';
import { Ago, CodeBlock, ConfirmDialog, ErrorBox, LiveState, OneTimeSecret, StatusBadge } from '../ui.js';
import { runs } from './deployments.js';

// Access tokens the server showed this tab (at creation or rotation), by deployment: kept in memory only, so the
// connection snippets can carry the real token until the page is reloaded. The server never shows them again.
const shownTokens = new Map();
const justCreated = new Set();

/** Keeps a just-issued access token for this tab's connection snippets; `created` shows it on the next visit. */
export function rememberToken(id, token, { created = false } = {}) {
  if (!token) return;
  shownTokens.set(id, token);
  if (created) justCreated.add(id);
}

const BUSY = new Set(['pending', 'validating', 'provisioning', 'starting']);
const MAX_LOG_LINES = 2000;

/** One deployment: status and progress, connection snippets, token, lifecycle actions, timeline, live logs. */
export function DeploymentPage({ id }) {
  const store = useDeployments();
  const [fetched, setFetched] = useState(null);
  const [error, setError] = useState(null);
  const [token, setToken] = useState(() => shownTokens.get(id) || null);
  const [createdToken, setCreatedToken] = useState(() => (justCreated.delete(id) ? shownTokens.get(id) : null));
  useEffect(() => {
    get(`/api/deployments/${id}`).then(setFetched).catch(setError);
  }, [id]);
  const live = store.items && store.items.find((d) => d.id === id);
  const d = live || fetched;
  if (error && !d) {
    return html`<h1 tabindex="-1">Deployment not found</h1>
      <${ErrorBox} error=${error} />
      <p><${Link} href="/">Back to your deployments</${Link}></p>`;
  }
  if (!d) return html`<p aria-busy="true" class="muted">Loading the deployment…</p>`;
  const readOnly = d.source === 'file';
  return html`<div class="page-head">
      <div><p class="crumbs"><${Link} href="/">Deployments</${Link}> /</p>
        <h1 tabindex="-1">${d.name}</h1>
        <p class="muted mono small">${d.id} · ${runs(d)}</p></div>
      <div class="head-status"><${StatusBadge} status=${d.status} /></div>
    </div>
    <${Progress} d=${d} />
    ${readOnly ? html`<p class="notice">This deployment comes from the server's deployments file: it is read-only here.</p>`
      : html`<${Actions} d=${d} onChanged=${(v) => { store.upsert(v); setFetched(v); }}
          onDeleted=${() => { store.remove(id); navigate('/', {}); }} />`}
    ${createdToken ? html`<${OneTimeSecret} label="Access token" secret=${createdToken}>
        The deployment's MCP endpoint needs it: the snippets below already carry it.</${OneTimeSecret}>` : ''}
    <div class="grid">
      <section class="card" aria-labelledby="connect-title">
        <h2 id="connect-title">Connect</h2>
        <${Connect} id=${id} token=${token} />
        ${readOnly ? '' : html`<${Rotate} id=${id} onRotated=${(t) => { rememberToken(id, t); setToken(t); setCreatedToken(null); }} />`}
      </section>
      <section class="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline</h2>
        <${Timeline} id=${id} version=${`${d.status}|${d.updatedAt}`} readOnly=${readOnly} />
      </section>
    </div>
    ${readOnly ? '' : html`<section class="card" aria-labelledby="apps-title">
      <h2 id="apps-title">Connected apps</h2>
      <${Apps} id=${id} />
    </section>`}
    <section class="card" aria-labelledby="logs-title">
      <${Logs} id=${id} />
    </section>`;
}

/** The applications connected through OAuth (Claude's custom connectors and others), each disconnectable. */
function Apps({ id }) {
  const [apps, setApps] = useState(null);
  const [error, setError] = useState(null);
  const [asking, setAsking] = useState(null);
  const load = () => get(`/api/deployments/${id}/apps`).then((r) => setApps(r.items)).catch(setError);
  useEffect(() => {
    load();
  }, [id]);
  const revoke = async () => {
    const app = asking;
    setAsking(null);
    try {
      await del(`/api/deployments/${id}/apps/${app.id}`);
      load();
    } catch (err) {
      setError(err);
    }
  };
  if (error) return html`<${ErrorBox} error=${error} />`;
  if (!apps) return html`<p aria-busy="true" class="muted">Loading…</p>`;
  return html`${apps.length === 0 ? html`<p class="muted small">No application is connected. Paste the MCP URL into Claude's
      “Add custom connector” (or <code>claude mcp add --transport http</code> without a header) to connect one through OAuth.</p>`
    : html`<ul class="results">${apps.map((a) => html`<li key=${a.id} class="result">
        <div><strong>${a.name}</strong> <span class="muted small mono">${a.clientId}</span>
          <p class="small muted">Connected <${Ago} at=${a.grantedAt} />, last used <${Ago} at=${a.lastUsedAt} /> · ${a.scopes.join(' ')}</p></div>
        <button type="button" class="button small danger" onClick=${() => setAsking(a)} aria-label=${`Disconnect ${a.name}`}>Disconnect</button>
      </li>`)}</ul>`}
    <${ConfirmDialog} open=${!!asking} title="Disconnect this application?" confirm="Disconnect" danger
      onConfirm=${revoke} onCancel=${() => setAsking(null)}>
      <p>${asking ? `${asking.name} loses access to this deployment at once; it must ask again to reconnect.` : ''}</p>
    </${ConfirmDialog}>`;
}

/** Where a deployment is on its way to running, or why it is not running; read out as it changes. */
function Progress({ d }) {
  let text;
  if (BUSY.has(d.status)) text = `Starting: ${d.status}… this page follows it live.`;
  else if (d.status === 'running') text = `Running. Connect an MCP client to ${d.mcpUrl}.`;
  else if (d.status === 'failed') text = `Failed: ${d.reason || 'no reason recorded'}.`;
  else if (d.status === 'unhealthy') text = `Unhealthy: ${d.reason || 'the server stopped answering'}. Catwalk is restarting it.`;
  else if (d.status === 'suspended') text = `Suspended after ${d.suspendAfterMinutes} idle minute(s); the next request to ${d.mcpUrl} resumes it.`;
  else if (d.status === 'stopped') text = d.desiredState === 'running' ? 'Stopped; starting again…' : 'Stopped. Start it to serve clients again.';
  else text = d.status;
  const tone = d.status === 'failed' ? 'bad' : d.status === 'running' ? 'ok' : d.status === 'unhealthy' ? 'warn' : '';
  return html`<div class=${`notice progress-line ${tone ? `notice-${tone}` : ''}`} role="status" aria-live="polite" data-testid="progress">
    ${BUSY.has(d.status) ? html`<span class="spinner" aria-hidden="true"></span>` : ''}${text}</div>`;
}

const CONFIRMS = {
  stop: { title: 'Stop this deployment?', body: 'Its server stops and MCP clients get errors until you start it again.', confirm: 'Stop', danger: true },
  restart: { title: 'Restart this deployment?', body: 'Its server restarts: open MCP sessions end and clients connect again.', confirm: 'Restart' },
  delete: { title: 'Delete this deployment?', body: 'Its server stops, and its variables, token, timeline and logs are deleted. This cannot be undone.', confirm: 'Delete', danger: true },
};

function Actions({ d, onChanged, onDeleted }) {
  const [asking, setAsking] = useState(null);
  const [busy, setBusy] = useState(null);
  const [error, setError] = useState(null);
  const run = async (action) => {
    setAsking(null);
    setBusy(action);
    setError(null);
    try {
      if (action === 'delete') {
        await del(`/api/deployments/${d.id}`);
        onDeleted();
        return;
      }
      onChanged(await post(`/api/deployments/${d.id}/${action}`));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  const wantsRunning = d.desiredState === 'running';
  const c = asking && CONFIRMS[asking];
  return html`<div class="actions bar" aria-label="Actions">
      ${wantsRunning ? html`<button type="button" class="button" onClick=${() => setAsking('stop')} disabled=${!!busy}>Stop</button>`
        : html`<button type="button" class="button primary" onClick=${() => run('start')} disabled=${!!busy}>${busy === 'start' ? 'Starting…' : 'Start'}</button>`}
      <button type="button" class="button" onClick=${() => setAsking('restart')} disabled=${!!busy || !wantsRunning}>Restart</button>
      <button type="button" class="button danger" onClick=${() => setAsking('delete')} disabled=${!!busy}>Delete</button>
    </div>
    <${ErrorBox} error=${error} title="That did not work" />
    <${ConfirmDialog} open=${!!c} title=${c ? c.title : ''} confirm=${c ? c.confirm : ''} danger=${c && c.danger}
      onConfirm=${() => run(asking)} onCancel=${() => setAsking(null)}>${c ? html`<p>${c.body}</p>` : ''}</${ConfirmDialog}>`;
}

function Connect({ id, token }) {
  const [info, setInfo] = useState(null);
  const [error, setError] = useState(null);
  const [client, setClient] = useState('claude-code');
  useEffect(() => {
    get(`/api/deployments/${id}/connect`).then(setInfo).catch(setError);
  }, [id]);
  if (error) return html`<${ErrorBox} error=${error} />`;
  if (!info) return html`<p aria-busy="true" class="muted">Loading…</p>`;
  const fill = (text) => (token ? text.split('<TOKEN>').join(token) : text);
  const snippets = {
    'claude-code': { label: 'Claude Code command', code: fill(info.claudeCode) },
    'claude-desktop': { label: 'Claude Desktop configuration', code: fill(JSON.stringify(info.claudeDesktop, null, 2)) },
    json: { label: 'Generic JSON configuration', code: fill(JSON.stringify(info.generic, null, 2)) },
  };
  const names = { 'claude-code': 'Claude Code', 'claude-desktop': 'Claude Desktop', json: 'JSON' };
  return html`<p class="small">MCP endpoint: <code class="mono">${info.mcpUrl}</code></p>
    <div class="segmented" role="radiogroup" aria-label="Client">
      ${Object.keys(snippets).map((k) => html`<label class=${client === k ? 'on' : ''}>
        <input type="radio" name="client" value=${k} checked=${client === k} onChange=${() => setClient(k)} />${names[k]}</label>`)}
    </div>
    <${CodeBlock} code=${snippets[client].code} label=${snippets[client].label} copyLabel=${`Copy the ${snippets[client].label}`} />
    ${token ? '' : html`<p class="muted small">Replace <code>${'<TOKEN>'}</code> with the deployment's access token (shown once, when it was created or last rotated), or rotate it to get a new one.</p>`}`;
}

function Rotate({ id, onRotated }) {
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState(null);
  const [shown, setShown] = useState(null);
  const rotate = async () => {
    setAsking(false);
    setError(null);
    try {
      const r = await post(`/api/deployments/${id}/token`);
      setShown(r.token);
      onRotated(r.token);
    } catch (err) {
      setError(err);
    }
  };
  return html`<div class="rotate">
    <h3>Access token</h3>
    ${shown ? html`<${OneTimeSecret} label="New access token" secret=${shown}>The old token no longer works; the snippets above carry the new one.</${OneTimeSecret}>`
      : html`<p class="small muted">Lost the token, or think it leaked? A new one replaces it at once; clients using the old one are disconnected.</p>`}
    <button type="button" class="button" onClick=${() => setAsking(true)}>Rotate token</button>
    <${ErrorBox} error=${error} title="The token was not rotated" />
    <${ConfirmDialog} open=${asking} title="Rotate the access token?" confirm="Rotate" danger
      onConfirm=${rotate} onCancel=${() => setAsking(false)}>
      <p>The current token stops working at once and every connected MCP client must use the new one.</p>
    </${ConfirmDialog}>
  </div>`;
}

function Timeline({ id, version, readOnly }) {
  const [events, setEvents] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    if (readOnly) return;
    get(`/api/deployments/${id}/events?limit=100`).then((r) => setEvents(r.items)).catch(setError);
  }, [id, version]);
  if (readOnly) return html`<p class="muted small">Deployments of the deployments file keep no timeline.</p>`;
  if (error) return html`<${ErrorBox} error=${error} />`;
  if (!events) return html`<p aria-busy="true" class="muted">Loading…</p>`;
  return html`<ol class="timeline">${events.slice().reverse().map((e) => html`<li>
    <${StatusBadge} status=${e.to} /> <${Ago} at=${e.at} />
    ${e.message && e.message !== e.to ? html`<div class="small">${e.message}</div>` : ''}</li>`)}</ol>`;
}

function Logs({ id }) {
  const [lines, setLines] = useState([]);
  const [follow, setFollow] = useState(true);
  const box = useRef(null);
  const state = useEventStream(follow ? `/api/deployments/${id}/logs/stream?lines=200` : null, ['lines'], (name, data) => {
    setLines((old) => {
      const all = old.concat(data.lines);
      return all.length > MAX_LOG_LINES ? all.slice(all.length - MAX_LOG_LINES) : all;
    });
  });
  useEffect(() => {
    if (follow) setLines([]);
  }, [follow]);
  useEffect(() => {
    const b = box.current;
    if (b && follow) b.scrollTop = b.scrollHeight;
  }, [lines]);
  return html`<div class="logs-head">
      <h2 id="logs-title">Logs</h2>
      <div class="row">
        ${follow ? html`<${LiveState} state=${state} />` : html`<span class="muted small">Paused</span>`}
        <label class="check"><input type="checkbox" checked=${follow} onChange=${(e) => setFollow(e.currentTarget.checked)} /> Follow live</label>
      </div>
    </div>
    <p class="muted small">The server's stderr, newest last; secrets are redacted.</p>
    <pre class="logs" ref=${box} tabindex="0" aria-label="Server log" data-testid="logs">${lines.length ? lines.join('\n') : 'No output yet.'}</pre>`;
}
