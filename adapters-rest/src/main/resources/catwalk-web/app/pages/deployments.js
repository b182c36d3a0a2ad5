import { html } from 'htm/preact';
import { useDeployments } from '../live.js';
import { Link } from '../router.js';
import { Ago, ErrorBox, StatusBadge } from '../ui.js';

/** What a deployment runs, in one line. */
export function runs(d) {
  if (d.package) {
    const p = d.package;
    return `${p.registry}:${p.name}${p.version ? (p.registry === 'pypi' ? `==${p.version}` : `@${p.version}`) : ''}`;
  }
  return (d.command || []).join(' ');
}

/** Every deployment of the caller, with live status. */
export function DeploymentList() {
  const { items, error } = useDeployments();
  return html`<div class="page-head">
      <h1 tabindex="-1">Deployments</h1>
      <${Link} href="/new" class="button primary">New deployment</${Link}>
    </div>
    <${ErrorBox} error=${error} title="The deployments could not be loaded" />
    ${items === null && !error ? html`<p aria-busy="true" class="muted">Loading deployments…</p>` : ''}
    ${items && items.length === 0 ? html`<div class="empty card">
        <h2>No deployments yet</h2>
        <p>Paste a GitHub link or pick a server from the MCP registry, and Catwalk runs it behind an authenticated URL.</p>
        <${Link} href="/new" class="button primary">Deploy your first MCP server</${Link}>
      </div>` : ''}
    ${items && items.length > 0 ? html`<div class="table-wrap"><table class="list">
      <caption class="sr-only">Your deployments and their status</caption>
      <thead><tr><th scope="col">Name</th><th scope="col">Status</th><th scope="col" class="hide-narrow">Runs</th><th scope="col" class="hide-narrow">Updated</th></tr></thead>
      <tbody>${items.map((d) => html`<tr key=${d.id}>
        <td><${Link} href=${`/deployments/${d.id}`} class="strong">${d.name}</${Link}>
          <div class="muted mono small">${d.id}</div></td>
        <td><${StatusBadge} status=${d.status} />${d.reason && d.status === 'failed' ? html`<div class="small error-text">${d.reason}</div>` : ''}</td>
        <td class="hide-narrow mono small">${runs(d)}</td>
        <td class="hide-narrow small">${d.source === 'file' ? html`<span class="muted">deployments file</span>` : html`<${Ago} at=${d.updatedAt} />`}</td>
      </tr>`)}</tbody>
    </table></div>` : ''}`;
}
