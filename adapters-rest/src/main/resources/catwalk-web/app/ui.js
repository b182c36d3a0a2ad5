// Small components the pages share. Text is always text (Preact escapes it); status is shown as words and colour.
import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';

const TONES = {
  running: 'ok', pending: 'busy', validating: 'busy', provisioning: 'busy', starting: 'busy',
  unhealthy: 'warn', suspended: 'idle', stopped: 'idle', failed: 'bad', deleted: 'idle',
};

/** A deployment's status as a word with a coloured dot; busy states pulse (unless motion is reduced). */
export function StatusBadge({ status }) {
  const tone = TONES[status] || 'idle';
  return html`<span class="badge badge-${tone}" data-status=${status}><span class="dot" aria-hidden="true"></span>${status}</span>`;
}

/** The time now, refreshed every `ms` while the component is shown. */
function useNow(ms) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/** "3 min ago" for an ISO instant (kept current), with the exact time as its title. */
export function Ago({ at }) {
  const now = useNow(30000);
  if (!at) return html`<span class="muted">—</span>`;
  const when = new Date(at);
  const seconds = Math.round((now - when.getTime()) / 1000);
  let text;
  if (seconds < 45) text = 'just now';
  else if (seconds < 3600) text = `${Math.round(seconds / 60)} min ago`;
  else if (seconds < 86400) text = `${Math.round(seconds / 3600)} h ago`;
  else text = when.toLocaleDateString();
  return html`<time datetime=${at} title=${when.toLocaleString()}>${text}</time>`;
}

/** Copies text to the clipboard; where the clipboard is not allowed, selects the text of `fallback` instead. */
export function CopyButton({ text, label = 'Copy', fallback }) {
  // The visible word is Copy (then Copied); the accessible name says what is copied, and starts with Copy.
  const [done, setDone] = useState('');
  useEffect(() => {
    if (!done) return undefined;
    const t = setTimeout(() => setDone(''), 2000);
    return () => clearTimeout(t);
  }, [done]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setDone('Copied');
    } catch {
      const node = fallback && fallback.current;
      if (node) {
        const range = document.createRange();
        range.selectNodeContents(node);
        const sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
      }
      setDone('Selected: press Ctrl+C');
    }
  };
  return html`<button type="button" class="button small" onClick=${copy} aria-label=${label}>${done === 'Copied' ? 'Copied' : done ? 'Selected' : 'Copy'}</button>
    <span class="sr-only" role="status">${done}</span>`;
}

/** A block of code with its copy button. */
export function CodeBlock({ code, label, copyLabel }) {
  const ref = useRef(null);
  return html`<div class="code">
    <div class="code-bar"><span class="muted">${label}</span><${CopyButton} text=${code} label=${copyLabel || `Copy ${label}`} fallback=${ref} /></div>
    <pre ref=${ref} tabindex="0" aria-label=${label}><code>${code}</code></pre>
  </div>`;
}

/**
 * A confirmation in a native modal dialog (focus is trapped and Escape cancels): open it with `open`, and it
 * calls onConfirm or onCancel.
 */
let dialogIds = 0;

export function ConfirmDialog({ open, title, children, confirm, danger, onConfirm, onCancel }) {
  const ref = useRef(null);
  const titleId = useRef(`dialog${++dialogIds}`).current;
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return html`<dialog ref=${ref} class="dialog" aria-labelledby=${titleId} onCancel=${(e) => { e.preventDefault(); onCancel(); }}>
    <form method="dialog" onSubmit=${(e) => { e.preventDefault(); onConfirm(); }}>
      <h2 id=${titleId}>${title}</h2>
      <div class="dialog-body">${children}</div>
      <div class="actions">
        <button type="button" class="button" onClick=${onCancel}>Cancel</button>
        <button type="submit" class=${danger ? 'button danger' : 'button primary'}>${confirm}</button>
      </div>
    </form>
  </dialog>`;
}

let fieldIds = 0;

/** A labelled form control with its description and, when refused, its error right below it. */
export function Field({ label, name, error, description, required, children, type = 'text', value, onInput, ...rest }) {
  const id = useRef(`f${++fieldIds}`).current;
  const describedBy = [description ? `${id}-d` : null, error ? `${id}-e` : null].filter(Boolean).join(' ') || undefined;
  const control = children
    ? children({ id, describedBy, invalid: !!error })
    : html`<input id=${id} name=${name} type=${type} value=${value} required=${required}
        aria-invalid=${error ? 'true' : undefined} aria-describedby=${describedBy}
        onInput=${(e) => onInput(e.currentTarget.value)} ...${rest} />`;
  return html`<div class=${error ? 'field invalid' : 'field'}>
    <label for=${id}>${label}${required ? html` <span class="req" aria-hidden="true">*</span>` : ''}${required ? html`<span class="sr-only"> (required)</span>` : ''}</label>
    ${description ? html`<p class="help" id=${`${id}-d`}>${description}</p>` : ''}
    ${control}
    ${error ? html`<p class="error" id=${`${id}-e`}>${error}</p>` : ''}
  </div>`;
}

/** An error (or warning) box with its hint; role=alert so it is read out when it appears. */
export function ErrorBox({ error, title }) {
  if (!error) return '';
  return html`<div class="notice notice-bad" role="alert">
    <strong>${title || error.message}</strong>
    ${title ? html`<p>${error.message}</p>` : ''}
    ${error.hint ? html`<p class="muted">${error.hint}</p>` : ''}
  </div>`;
}

/** A secret shown once, with its copy button and what to do with it. */
export function OneTimeSecret({ label, secret, children }) {
  const ref = useRef(null);
  return html`<div class="notice notice-ok one-time" role="status">
    <strong>${label}</strong>
    <p>${children} It is shown only this once.</p>
    <div class="secret-row"><code ref=${ref} class="secret" data-testid="one-time-secret">${secret}</code><${CopyButton} text=${secret} label=${`Copy ${label.toLowerCase()}`} fallback=${ref} /></div>
  </div>`;
}

/** Says whether the live stream is connected. */
export function LiveState({ state }) {
  const text = { live: 'Live', connecting: 'Connecting…', offline: 'Offline: retrying' }[state] || state;
  return html`<span class=${`live live-${state}`} title="Updates from the server"><span class="dot" aria-hidden="true"></span>${text}</span>`;
}
