import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get, post } from '../api.js';
import { useDeployments } from '../live.js';
import { navigate } from '../router.js';
import { ErrorBox, Field } from '../ui.js';
import { rememberToken } from './deployment.js';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Deploy from a GitHub link (analysis, then its form) or from the MCP registry (its server.json's form). */
export function NewDeployment() {
  const initial = new URLSearchParams(location.search).get('from') === 'registry' ? 'registry' : 'github';
  const [tab, setTab] = useState(initial);
  const tabs = [['github', 'From a GitHub link'], ['registry', 'From the MCP registry']];
  const onKey = (e) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const next = tabs[(tabs.findIndex(([k]) => k === tab) + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length][0];
    setTab(next);
    document.getElementById(`tab-${next}`).focus();
  };
  return html`<div class="page-head"><h1 tabindex="-1">New deployment</h1></div>
    <div role="tablist" aria-label="Where the server comes from" class="tabs" onKeyDown=${onKey}>
      ${tabs.map(([key, label]) => html`<button type="button" role="tab" id=${`tab-${key}`} aria-selected=${tab === key}
        aria-controls=${`panel-${key}`} tabindex=${tab === key ? 0 : -1} onClick=${() => setTab(key)}>${label}</button>`)}
    </div>
    <section role="tabpanel" id=${`panel-${tab}`} aria-labelledby=${`tab-${tab}`} class="card">
      ${tab === 'github' ? html`<${FromGithub} />` : html`<${FromRegistry} />`}
    </section>`;
}

function FromGithub() {
  const [repo, setRepo] = useState('');
  const [error, setError] = useState(null);
  const [job, setJob] = useState(null);
  const [form, setForm] = useState(null);
  const cancelled = useRef(false);
  useEffect(() => () => { cancelled.current = true; }, []);

  const analyse = async (e) => {
    e.preventDefault();
    setError(null);
    setForm(null);
    setJob(null);
    try {
      let j = await post('/api/analyses', { repo: repo.trim() });
      setJob(j);
      while (j.status !== 'succeeded' && j.status !== 'failed' && !cancelled.current) {
        await sleep(700);
        j = await get(`/api/analyses/${j.id}`);
        setJob(j);
      }
      if (j.status === 'succeeded') {
        try {
          setForm(await get(`/api/analyses/${j.id}/form`));
        } catch (err) {
          setError(err);
        }
      }
    } catch (err) {
      setError(err);
    }
  };
  const running = job && job.status !== 'succeeded' && job.status !== 'failed';
  const fieldError = error && error.byField ? error.byField().repo : null;
  return html`<form onSubmit=${analyse} novalidate class="stack">
      <${Field} label="GitHub repository link" name="repo" value=${repo} onInput=${setRepo} required
        placeholder="https://github.com/owner/repo" spellcheck="false" autocomplete="off"
        description="A repository (or a folder of one, …/tree/main/path) holding an MCP server published on npm or PyPI."
        error=${fieldError} />
      <button type="submit" class="button primary" disabled=${running || !repo.trim()}>${running ? 'Analysing…' : 'Analyse'}</button>
    </form>
    ${job ? html`<${AnalysisProgress} job=${job} />` : ''}
    ${error && !fieldError ? html`<${ErrorBox} error=${error} title="The analysis could not go on" />` : ''}
    ${job && job.status === 'succeeded' ? html`<${AnalysisSummary} analysis=${job.analysis} />` : ''}
    ${form ? html`<${DeployForm} form=${form} defaultName=${defaultName(job.analysis)}
        toBody=${(base) => ({ ...base, analysisId: job.id })} />` : ''}`;
}

function defaultName(analysis) {
  const p = analysis && analysis.package;
  const name = p ? p.name.split('/').pop() : analysis ? analysis.repository.fullName.split('/').pop() : 'server';
  return name.replace(/^mcp-server-|^server-/, '').slice(0, 100) || name;
}

function AnalysisProgress({ job }) {
  const p = job.progress;
  const done = job.status === 'succeeded' || job.status === 'failed';
  return html`<div class="progress-box" aria-live="polite">
    ${done ? '' : html`<progress max=${p.of} value=${p.number} aria-label="Analysis progress"></progress>`}
    <p>${job.status === 'succeeded' ? `Analysed ${job.repo}${job.cached ? ' (from today’s earlier analysis)' : ''}.`
      : job.status === 'failed' ? `The analysis of ${job.repo} failed.`
      : `Step ${p.number} of ${p.of}: ${p.label}…`}</p>
    ${job.error ? html`<div class="notice notice-bad" role="alert"><strong>${job.error.message}</strong>
      ${job.error.hint ? html`<p class="muted">${job.error.hint}</p>` : ''}</div>` : ''}
  </div>`;
}

function AnalysisSummary({ analysis }) {
  const p = analysis.package;
  return html`<div class="summary">
    <h2>What Catwalk found</h2>
    <dl class="facts">
      <dt>MCP server</dt><dd>${analysis.isMcpServer && analysis.isMcpServer.value ? 'yes' : 'no'}</dd>
      <dt>Package</dt><dd class="mono">${p ? `${p.registry}:${p.name}${p.version ? `@${p.version}` : ''}` : 'none found'}</dd>
      ${analysis.runtime ? html`<dt>Runtime</dt><dd>${analysis.runtime.value}</dd>` : ''}
      ${analysis.command && analysis.command.length ? html`<dt>Runs</dt><dd class="mono">${analysis.command.join(' ')}</dd>` : ''}
    </dl>
    ${(analysis.notices || []).map((n) => html`<div class="notice notice-warn"><strong>${n.message}</strong>${n.hint ? html`<p class="muted">${n.hint}</p>` : ''}</div>`)}
  </div>`;
}

function FromRegistry() {
  const [q, setQ] = useState('');
  const [page, setPage] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [chosen, setChosen] = useState(null);
  const [form, setForm] = useState(null);
  const search = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setChosen(null);
    setForm(null);
    try {
      setPage(await get(`/api/registry/servers?limit=20&q=${encodeURIComponent(q.trim())}`));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const choose = async (server) => {
    setChosen(server);
    setForm(null);
    setError(null);
    try {
      setForm(await get(`/api/registry/servers/${server.name.split('/').map(encodeURIComponent).join('/')}/form`));
    } catch (err) {
      setError(err);
    }
  };
  if (chosen) {
    const pkg = parsePackage(chosen.packages[0]);
    return html`<div class="stack">
      <button type="button" class="button ghost small back" onClick=${() => { setChosen(null); setForm(null); }}>← Back to the results</button>
      <h2>${chosen.title || chosen.name}</h2>
      <p class="muted">${chosen.description}</p>
      <p class="mono small">${chosen.packages[0]}</p>
      <${ErrorBox} error=${error} title="This server's form could not be loaded" />
      ${form ? html`<${DeployForm} form=${form} defaultName=${(chosen.name.split('/').pop() || 'server').slice(0, 100)}
          toBody=${(base) => ({ name: base.name, sessionMode: base.sessionMode, env: base.env,
            package: { registry: pkg.registry, name: pkg.name, version: pkg.version, args: base.args } })}
          mapField=${(f) => f.replace(/^package\.args/, 'args')} />` : error ? '' : html`<p aria-busy="true" class="muted">Loading the form…</p>`}
    </div>`;
  }
  return html`<form onSubmit=${search} class="search" role="search">
      <${Field} label="Search the MCP registry" name="q" type="search" value=${q} onInput=${setQ}
        placeholder="filesystem, github, weather…" autocomplete="off" />
      <button type="submit" class="button primary" disabled=${busy}>${busy ? 'Searching…' : 'Search'}</button>
    </form>
    <${ErrorBox} error=${error} title="The registry could not be searched" />
    ${page ? html`<p class="muted small" role="status">${page.servers.length === 0 ? 'No servers match.' : `${page.servers.length} servers${page.nextCursor ? ' (the first page)' : ''}.`}</p>
      <ul class="results">${page.servers.map((s) => html`<li key=${s.name} class="result">
        <div><strong>${s.title || s.name}</strong> <span class="muted mono small">${s.name}${s.version ? `@${s.version}` : ''}</span>
          ${s.description ? html`<p class="small">${s.description}</p>` : ''}
          ${s.packages.length ? html`<p class="mono small muted">${s.packages.join(', ')}</p>` : ''}</div>
        ${s.deployable ? html`<button type="button" class="button" onClick=${() => choose(s)} aria-label=${`Deploy ${s.title || s.name}`}>Deploy</button>`
          : html`<span class="muted small">${s.remoteOnly ? 'Remote only: connect to it directly' : 'No package Catwalk can run'}</span>`}
      </li>`)}</ul>` : ''}`;
}

/** "npm:@scope/name@1.2.3" or "pypi:name@1.0" as {registry, name, version}. */
export function parsePackage(text) {
  const colon = text.indexOf(':');
  const registry = text.slice(0, colon);
  const rest = text.slice(colon + 1);
  const at = rest.lastIndexOf('@');
  return at > 0 ? { registry, name: rest.slice(0, at), version: rest.slice(at + 1) } : { registry, name: rest, version: null };
}

/** The generated form: the server's variables and required arguments, a name, the session mode; then deploy. */
function DeployForm({ form, defaultName, toBody, mapField = (f) => f }) {
  const { upsert } = useDeployments();
  const [name, setName] = useState(defaultName);
  const [mode, setMode] = useState('shared');
  const [env, setEnv] = useState(() => Object.fromEntries(form.fields.filter((f) => f.default != null).map((f) => [f.name, f.default])));
  const [args, setArgs] = useState(() => form.arguments.map(() => ''));
  const [errors, setErrors] = useState({});
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e) => {
    e.preventDefault();
    // The server validates (and names the field at fault); the form only shows what it says.
    setErrors({});
    setError(null);
    setBusy(true);
    const values = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '' && v != null));
    try {
      const created = await post('/api/deployments', toBody({ name: name.trim(), sessionMode: mode, env: values, args }));
      rememberToken(created.id, created.token, { created: true });
      upsert(created);
      navigate(`/deployments/${created.id}`);
    } catch (err) {
      const byField = {};
      if (err instanceof ApiError) {
        for (const [f, m] of Object.entries(err.byField())) byField[mapField(f)] = m;
      }
      const shown = (f) => f === 'name' || f === 'sessionMode' || form.fields.some((x) => `env.${x.name}` === f)
        || form.arguments.some((a, i) => `args[${i}]` === f);
      setErrors(byField);
      const rest = Object.entries(byField).filter(([f]) => !shown(f));
      if (rest.length || !Object.keys(byField).length) setError({ message: err.message, hint: err.hint, rest });
      else focusFirstError();
    } finally {
      setBusy(false);
    }
  };
  return html`<form onSubmit=${submit} novalidate class="stack deploy-form">
    <h2>Configure and deploy</h2>
    ${form.warnings.map((w) => html`<div class="notice notice-warn">${w}</div>`)}
    <${Field} label="Name" name="name" value=${name} onInput=${setName} required maxlength="100" error=${errors.name}
      description="Unique among your deployments; Claude shows it as the server's name." />
    ${form.fields.map((f) => html`<${EnvField} key=${f.name} field=${f} value=${env[f.name] ?? ''}
      onInput=${(v) => setEnv({ ...env, [f.name]: v })} error=${errors[`env.${f.name}`]} />`)}
    ${form.arguments.map((a, i) => html`<${Field} key=${`arg${i}`} label=${`Argument ${i + 1}: ${a.placeholder}`} name=${`args[${i}]`}
      value=${args[i]} required onInput=${(v) => setArgs(args.map((x, j) => (j === i ? v : x)))} error=${errors[`args[${i}]`]}
      description=${[a.description, a.example ? `For example: ${a.example}` : null].filter(Boolean).join(' ')} />`)}
    <${Field} label="Session mode" name="sessionMode" error=${errors.sessionMode}
      description="Shared: one process serves every client session. Isolated: a process per session.">
      ${({ id, describedBy, invalid }) => html`<select id=${id} value=${mode} aria-describedby=${describedBy} aria-invalid=${invalid ? 'true' : undefined}
        onChange=${(e) => setMode(e.currentTarget.value)}><option value="shared">Shared</option><option value="isolated">Isolated</option></select>`}
    </${Field}>
    ${error ? html`<div class="notice notice-bad" role="alert"><strong>The deployment was not created</strong>
      ${error.rest.length ? error.rest.map(([f, m]) => html`<p><span class="mono">${f}</span> ${m}</p>`) : html`<p>${error.message}</p>`}
      ${error.hint ? html`<p class="muted">${error.hint}</p>` : ''}</div>` : ''}
    <button type="submit" class="button primary" disabled=${busy} aria-busy=${busy}>${busy ? 'Deploying…' : 'Deploy'}</button>
  </form>`;
}

function focusFirstError() {
  setTimeout(() => {
    const bad = document.querySelector('.deploy-form [aria-invalid="true"]');
    if (bad) bad.focus();
  }, 0);
}

/** One variable of the form, as the control its type asks for. */
function EnvField({ field, value, onInput, error }) {
  const label = field.label && field.label !== field.name ? `${field.label} (${field.name})` : field.name;
  const common = { label, name: `env.${field.name}`, required: field.required, error, description: field.description };
  if (field.type === 'select' && field.choices && field.choices.length) {
    return html`<${Field} ...${common}>${({ id, describedBy, invalid }) => html`<select id=${id} value=${value}
      aria-describedby=${describedBy} aria-invalid=${invalid ? 'true' : undefined} onChange=${(e) => onInput(e.currentTarget.value)}>
      ${field.required ? '' : html`<option value="">(not set)</option>`}
      ${field.choices.map((c) => html`<option value=${c}>${c}</option>`)}</select>`}</${Field}>`;
  }
  if (field.type === 'boolean') {
    return html`<${Field} ...${common}>${({ id, describedBy, invalid }) => html`<select id=${id} value=${value}
      aria-describedby=${describedBy} aria-invalid=${invalid ? 'true' : undefined} onChange=${(e) => onInput(e.currentTarget.value)}>
      <option value="">(not set)</option><option value="true">true</option><option value="false">false</option></select>`}</${Field}>`;
  }
  const type = field.type === 'secret' ? 'password' : field.type === 'number' ? 'text' : field.type === 'url' ? 'url' : 'text';
  return html`<${Field} ...${common} type=${type} value=${value} onInput=${onInput} placeholder=${field.placeholder || ''}
    autocomplete=${field.type === 'secret' ? 'new-password' : 'off'} spellcheck="false"
    inputmode=${field.type === 'number' ? 'decimal' : undefined} />`;
}
