// What every page shares: the configuration, the connection, the accounts, the one the person
// acts as, and the transactions under way. Pages read it with `useApp()`.

import type { ComponentChildren } from 'preact';
import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import type { SubmittableExtrinsic } from '@polkadot/api/types';

import type { AppConfig } from './config';
import { type Account, developmentAccounts, extensionAccounts } from './chain/accounts';
import { type ConnectionState, type Heads, connectTo, watchHeads } from './chain/connection';
import { type Included, type Progress, submit } from './chain/submit';

export interface AppState {
  config: AppConfig;
  connection: ConnectionState;
  heads: Heads;
  accounts: Account[];
  accountsProblem?: string;
  account?: Account;
  chooseAccount(address: string): void;
  /** Adds a development account by its URI (`//Alice//patient`); development chains only. */
  addDevelopmentAccount(uri: string): Promise<void>;
  connectWallet(): Promise<void>;
  /** Transactions of this session still shown, newest first, with their progress. */
  transactions: Tracked[];
  /** Hides a transaction's progress (finalized ones go by themselves after a few seconds). */
  dismiss(id: number): void;
  /** Signs and submits as the chosen account; resolves once in a block. */
  send(tx: SubmittableExtrinsic<'promise'>, label: string): Promise<Included>;
}

export type Tracked = Progress & { id: number };

/** How long a finalized transaction stays in view. */
const DONE_SHOWN_MS = 6_000;
let nextTransaction = 0;

const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const state = useContext(AppContext);
  if (!state) throw new Error('useApp outside <AppProvider>');
  return state;
}

/** The connected api; pages render only once connected. */
export function useApi() {
  const { connection } = useApp();
  if (connection.kind !== 'connected') throw new Error('not connected');
  return connection.api;
}

export function AppProvider({ config, children }: { config: AppConfig; children: ComponentChildren }) {
  const [connection, setConnection] = useState<ConnectionState>({ kind: 'connecting', node: config.node });
  const [heads, setHeads] = useState<Heads>({ best: 0, finalized: 0 });
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [accountsProblem, setAccountsProblem] = useState<string>();
  const [address, setAddress] = useState<string>();
  const [transactions, setTransactions] = useState<Tracked[]>([]);
  const dismiss = useCallback((id: number) => setTransactions((list) => list.filter((t) => t.id !== id)), []);

  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    connectTo(config.node).then(async (state) => {
      if (cancelled) return;
      setConnection(state);
      if (state.kind !== 'connected') return;
      stop = await watchHeads(state.api, setHeads);
      if (state.development) {
        // Merged, not replaced: an account the person added while these were derived stays.
        const wellKnown = await developmentAccounts();
        if (!cancelled) setAccounts((known) => [...wellKnown, ...known.filter((a) => !wellKnown.some((w) => w.address === a.address))]);
      }
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [config.node]);

  const addDevelopmentAccount = useCallback(async (uri: string) => {
    const [account] = (await developmentAccounts([uri])).slice(-1);
    setAccounts((known) => (known.some((a) => a.address === account.address) ? known : [...known, account]));
    setAddress(account.address);
  }, []);

  const connectWallet = useCallback(async () => {
    const { accounts: injected, problem } = await extensionAccounts();
    setAccountsProblem(problem);
    setAccounts((known) => [...injected, ...known.filter((a) => !injected.some((i) => i.address === a.address))]);
    if (injected.length > 0) setAddress(injected[0].address);
  }, []);

  const account = accounts.find((a) => a.address === address);

  const send = useCallback(
    (tx: SubmittableExtrinsic<'promise'>, label: string) => {
      if (connection.kind !== 'connected') return Promise.reject(new Error('Not connected to a node.'));
      if (!account) return Promise.reject(new Error('Choose an account first.'));
      const id = nextTransaction++;
      const track = (progress: Progress) => {
        setTransactions((list) => [{ ...progress, id }, ...list.filter((t) => t.id !== id)].slice(0, 8));
        if (progress.phase === 'finalized') setTimeout(() => dismiss(id), DONE_SHOWN_MS);
      };
      return submit(connection.api, tx, account, label, track);
    },
    [connection, account, dismiss],
  );

  const state = useMemo<AppState>(
    () => ({
      config, connection, heads, accounts, accountsProblem, account,
      chooseAccount: setAddress, addDevelopmentAccount, connectWallet, transactions, dismiss, send,
    }),
    [config, connection, heads, accounts, accountsProblem, account, addDevelopmentAccount, connectWallet, transactions, dismiss, send],
  );
  return <AppContext.Provider value={state}>{children}</AppContext.Provider>;
}
