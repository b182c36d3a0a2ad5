// The dashboard: a client of Catwalk's public API, signed in with a browser session.
import { html } from 'htm/preact';
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { del, get, setCsrf, whenSignedOut } from './api.js';
import { Deployments, useDeploymentsStore } from './live.js';
import { Link, navigate, useLocation } from './router.js';
import { LiveState } from './ui.js';
import { SignIn } from './pages/sign-in.js';
import { DeploymentList } from './pages/deployments.js';
import { NewDeployment } from './pages/new-deployment.js';
import { DeploymentPage } from './pages/deployment.js';
import { Settings } from './pages/settings.js';

const THEME_KEY = 'catwalk.theme';

function applyTheme(theme) {
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
}
applyTheme(localStorage.getItem(THEME_KEY));

function ThemeToggle() {
  const [theme, setTheme] = useState(() => localStorage.getItem(THEME_KEY) || 'system');
  const next = { system: 'light', light: 'dark', dark: 'system' }[theme];
  const choose = () => {
    if (next === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, next);
    applyTheme(next);
    setTheme(next);
  };
  return html`<button type="button" class="button ghost small" onClick=${choose}
    aria-label=${`Theme: ${theme}. Switch to ${next}`}>${{ system: 'Auto', light: 'Light', dark: 'Dark' }[theme]} theme</button>`;
}

/** Which page a path shows, and its title. */
function page(path) {
  const m = path.match(/^\/deployments\/([A-Za-z0-9_-]{1,64})$/);
  if (m) return { key: 'deployment', id: m[1], title: 'Deployment' };
  if (path === '/new') return { key: 'new', title: 'New deployment' };
  if (path === '/settings') return { key: 'settings', title: 'Settings' };
  if (path === '/' || path === '/deployments') return { key: 'list', title: 'Deployments' };
  if (path === '/sign-in') return { key: 'sign-in', title: 'Sign in' };
  return { key: 'missing', title: 'Not found' };
}

function Shell({ session, onSignOut, children, live }) {
  const loc = useLocation();
  const here = (p) => (loc.split('?')[0] === p ? 'page' : undefined);
  return html`<a class="skip" href="#main">Skip to content</a>
    <header class="top">
      <${Link} href="/" class="brand"><img src="/app/icon.svg" alt="" width="24" height="24" /> Catwalk</${Link}>
      <nav aria-label="Main">
        <${Link} href="/" aria-current=${here('/')}>Deployments</${Link}>
        <${Link} href="/new" aria-current=${here('/new')}>New deployment</${Link}>
        <${Link} href="/settings" aria-current=${here('/settings')}>Settings</${Link}>
      </nav>
      <div class="who">
        <${LiveState} state=${live} />
        <${ThemeToggle} />
        <span class="muted user" title=${`Signed in as ${session.user.name} (${session.user.role})`}>${session.user.name}</span>
        <button type="button" class="button small" onClick=${onSignOut}>Sign out</button>
      </div>
    </header>
    <main id="main" tabindex="-1">${children}</main>`;
}

function App() {
  const loc = useLocation();
  const path = loc.split('?')[0];
  const [session, setSession] = useState(undefined);
  const store = useDeploymentsStore(!!session);

  useEffect(() => {
    whenSignedOut(() => {
      setCsrf(null);
      setSession(null);
    });
    get('/api/session')
      .then((s) => {
        setCsrf(s.csrfToken);
        setSession(s);
      })
      .catch(() => setSession(null));
  }, []);

  const current = page(path);
  const moved = useRef(false);
  useEffect(() => {
    document.title = `${current.title} · Catwalk`;
    // After a navigation (not the first load), focus goes to the new page's heading, as a page load would.
    if (moved.current) {
      setTimeout(() => {
        const h1 = document.querySelector('main h1');
        if (h1) h1.focus({ preventScroll: false });
      }, 0);
    }
    moved.current = true;
  }, [path]);

  useEffect(() => {
    if (session === null && path !== '/sign-in') {
      navigate(`/sign-in?next=${encodeURIComponent(loc)}`, { replace: true });
    }
    if (session && path === '/sign-in') {
      const next = new URLSearchParams(location.search).get('next');
      if (next && next.startsWith('/authorize?')) {
        // The authorization server's consent page is the server's, not the app's: load it.
        location.assign(next);
        return;
      }
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    }
  }, [session, path]);

  if (session === undefined) return html`<p class="boot" aria-busy="true">Loading Catwalk…</p>`;
  if (session === null) {
    return html`<main id="main" class="center"><${SignIn} onSignedIn=${(s) => { setCsrf(s.csrfToken); setSession(s); }} /></main>`;
  }
  const signOut = async () => {
    try {
      await del('/api/session');
    } catch {
      // Signed out all the same: the cookie is gone or expired.
    }
    setCsrf(null);
    setSession(null);
  };
  let body;
  switch (current.key) {
    case 'list': body = html`<${DeploymentList} />`; break;
    case 'new': body = html`<${NewDeployment} />`; break;
    case 'deployment': body = html`<${DeploymentPage} id=${current.id} key=${current.id} />`; break;
    case 'settings': body = html`<${Settings} session=${session} />`; break;
    case 'sign-in': body = html`<p aria-busy="true">Signing in…</p>`; break;
    default: body = html`<h1>Not found</h1><p>Nothing is at this address. <${Link} href="/">See your deployments</${Link}>.</p>`;
  }
  return html`<${Deployments.Provider} value=${store}>
    <${Shell} session=${session} onSignOut=${signOut} live=${store.live}><div class="page">${body}</div></${Shell}>
  </${Deployments.Provider}>`;
}

render(html`<${App} />`, document.getElementById('app'));
