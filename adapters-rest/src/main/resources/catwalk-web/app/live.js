// Live updates over Server-Sent Events: one /api/events stream per tab for the deployments, and the log stream
// of the deployment on screen. The browser session's cookie authenticates them; both close while the tab is hidden.
import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useRef, useState } from 'preact/hooks';
import { get } from './api.js';

/**
 * Opens an EventSource while the tab is visible and calls onEvent(name, data) for each named event. EventSource
 * reconnects by itself after a dropped connection; when the server refuses the stream outright (it is then
 * closed for good) this opens it again after a pause. Returns the connection state: live, connecting, offline.
 */
export function useEventStream(url, names, onEvent) {
  const [state, setState] = useState('connecting');
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    if (!url) return undefined;
    let source = null;
    let retry = null;
    const open = () => {
      if (source || document.hidden) return;
      setState('connecting');
      source = new EventSource(url);
      source.onopen = () => setState('live');
      source.onerror = () => {
        if (source && source.readyState === EventSource.CLOSED) {
          source = null;
          setState('offline');
          retry = setTimeout(open, 5000);
        } else {
          setState('connecting');
        }
      };
      for (const name of names) {
        source.addEventListener(name, (e) => {
          setState('live');
          let data;
          try {
            data = JSON.parse(e.data);
          } catch {
            return;
          }
          handler.current(name, data);
        });
      }
    };
    const close = () => {
      clearTimeout(retry);
      if (source) source.close();
      source = null;
    };
    const onVisibility = () => (document.hidden ? close() : open());
    document.addEventListener('visibilitychange', onVisibility);
    open();
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      close();
    };
  }, [url]);
  return state;
}

export const Deployments = createContext(null);

/** The caller's deployments, live: {items (null while loading), live, error, upsert(view), remove(id), refresh()}. */
export function useDeploymentsStore(enabled) {
  const [items, setItems] = useState(null);
  const [error, setError] = useState(null);
  const refresh = useCallback(async () => {
    try {
      const page = await get('/api/deployments?limit=100');
      setItems(page.items);
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    if (enabled) refresh();
    else setItems(null);
  }, [enabled]);
  const live = useEventStream(enabled ? '/api/events' : null, ['deployments'], (name, data) => {
    setItems(data.items);
    setError(null);
  });
  const upsert = useCallback((view) => setItems((all) => {
    if (!all) return [view];
    const at = all.findIndex((d) => d.id === view.id);
    if (at < 0) return [view, ...all];
    const next = all.slice();
    next[at] = { ...all[at], ...view, token: undefined };
    return next;
  }), []);
  const remove = useCallback((id) => setItems((all) => (all ? all.filter((d) => d.id !== id) : all)), []);
  return { items, live, error, upsert, remove, refresh };
}

export const useDeployments = () => useContext(Deployments);
