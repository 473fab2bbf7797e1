// Small hooks the pages share.

import { useEffect, useState } from 'preact/hooks';

import { Refused } from '../chain/submit';

/** Runs `effect` when `deps` change, ignoring results that arrive after the next run. */
export function useAsync(effect: (alive: () => boolean) => Promise<void>, deps: unknown[]): void {
  useEffect(() => {
    let current = true;
    effect(() => current).catch((error) => console.error(error));
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
}

/** The page's hash route (`#/patient` → `patient`), updated as it changes. */
export function useHashRoute(fallback: string): string {
  const read = () => location.hash.replace(/^#\/?/, '').split('?')[0] || fallback;
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

/** A value loaded by `load` whenever `deps` change: `{ value, error, loading }`. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ value?: T; error?: string; loading: boolean }>({ loading: true });
  useAsync(async (alive) => {
    setState((s) => ({ ...s, loading: true }));
    try {
      const value = await load();
      if (alive()) setState({ value, loading: false });
    } catch (error) {
      if (alive()) setState({ error: error instanceof Error ? error.message : String(error), loading: false });
    }
  }, deps);
  return state;
}

/**
 * One action at a time per part of a page: `busy` names the one running (a row's id, or
 * `true`); `done` is what the last one achieved, in words (the string the action returns), and `problem` why it failed. A
 * refusal by the network is not repeated here: the transaction panel already explains it and
 * says what to do next.
 */
export function useAction<K = true>() {
  const [busy, setBusy] = useState<K>();
  const [outcome, setOutcome] = useState<{ done?: string; problem?: string }>({});
  const run = async (key: K, action: () => Promise<unknown>): Promise<boolean> => {
    setBusy(key);
    setOutcome({});
    try {
      const done = await action();
      setOutcome({ done: typeof done === 'string' ? done : undefined });
      return true;
    } catch (error) {
      if (!(error instanceof Refused)) setOutcome({ problem: error instanceof Error ? error.message : String(error) });
      return false;
    } finally {
      setBusy(undefined);
    }
  };
  return { busy, ...outcome, run, clear: () => setOutcome({}) };
}

/**
 * A change that cannot be undone asks to be confirmed by a second click, in the page: the first
 * click on `what` arms it (`armed` says which), the second on the same `what` returns true and
 * disarms it. A click on anything else arms that instead.
 */
export function useConfirm<W>(same: (a: W, b: W) => boolean = (a, b) => a === b) {
  const [armed, setArmed] = useState<W>();
  const confirmed = (what: W): boolean => {
    if (armed === undefined || !same(armed, what)) {
      setArmed(what);
      return false;
    }
    setArmed(undefined);
    return true;
  };
  return { armed, confirmed, isArmed: (what: W) => armed !== undefined && same(armed, what) };
}
