// The frame around every page: the connection, the account the person acts as, navigation,
// and the transactions under way (announced to screen readers as they progress).

import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

import { useApp } from '../state';
import { hcu, shortAccount } from '../lib/format';
import type { Phase } from '../chain/submit';
import { useAsync } from '../lib/hooks';
import { AccountCode } from './Camera';

export const ROUTES = [
  { path: 'verify', title: 'Verify a medicine' },
  { path: 'patient', title: 'My health' },
  { path: 'clinician', title: 'Clinician' },
  { path: 'pharmacy', title: 'Pharmacy' },
  { path: 'trials', title: 'Clinical trials' },
  { path: 'registry', title: 'Licences' },
] as const;

export type Route = (typeof ROUTES)[number]['path'];

const PHASE_WORDS: Record<Phase, string> = {
  estimating: 'Working out the fee…',
  signing: 'Waiting for your signature…',
  sent: 'Sent; waiting for a block…',
  'in-block': 'In a block; waiting for finality…',
  finalized: 'Done (finalized)',
  failed: 'Not done',
};

export function Shell({ route, children }: { route: Route; children: ComponentChildren }) {
  const { connection, heads } = useApp();
  return (
    <div class="shell">
      <a class="skip" href="#main">Skip to content</a>
      <header class="top">
        <div class="brand">
          <span class="logo" aria-hidden="true">✚</span> HealthChain
        </div>
        <nav aria-label="Main">
          <ul>
            {ROUTES.map((r) => (
              <li key={r.path}>
                <a href={`#/${r.path}`} aria-current={r.path === route ? 'page' : undefined}>{r.title}</a>
              </li>
            ))}
          </ul>
        </nav>
        <p class="connection" role="status">
          {connection.kind === 'connecting' && <>Connecting to {connection.node}…</>}
          {connection.kind === 'connected' && (
            <>
              <span class="dot ok" aria-hidden="true" /> {connection.chain} · block {heads.best.toLocaleString('en-GB')}
              {' '}(finalized {heads.finalized.toLocaleString('en-GB')})
            </>
          )}
          {connection.kind === 'failed' && <><span class="dot bad" aria-hidden="true" /> Not connected</>}
        </p>
      </header>
      {connection.kind === 'connected' && <AccountBar />}
      <main id="main" tabIndex={-1}>
        {connection.kind === 'failed' ? (
          <section class="card error" role="alert">
            <h1>Cannot reach the network</h1>
            <p>{connection.reason}</p>
            <p>Then reload this page.</p>
          </section>
        ) : connection.kind === 'connecting' ? (
          <p class="loading">Connecting…</p>
        ) : (
          children
        )}
      </main>
      <Transactions />
    </div>
  );
}

function AccountBar() {
  const { accounts, account, chooseAccount, connectWallet, addDevelopmentAccount, accountsProblem, connection } = useApp();
  const [uri, setUri] = useState('');
  const [busy, setBusy] = useState(false);
  const [showCode, setShowCode] = useState(false);
  const development = connection.kind === 'connected' && connection.development;
  return (
    <section class="accounts" aria-label="Your account">
      <label>
        Acting as{' '}
        <select value={account?.address ?? ''} onChange={(e) => chooseAccount((e.target as HTMLSelectElement).value)}>
          <option value="">— choose an account —</option>
          {accounts.map((a) => (
            <option key={a.address} value={a.address}>
              {a.name} ({shortAccount(a.address)}){a.source === 'development' ? ' · development' : ''}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        class="secondary"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          await connectWallet().finally(() => setBusy(false));
        }}
      >
        Connect wallet
      </button>
      {development && (
        <form
          class="inline"
          onSubmit={async (e) => {
            e.preventDefault();
            if (uri.trim().startsWith('//')) await addDevelopmentAccount(uri.trim());
          }}
        >
          <label>
            Development key <input value={uri} placeholder="//Alice//patient" onInput={(e) => setUri((e.target as HTMLInputElement).value)} />
          </label>
          <button type="submit" class="secondary">Use</button>
        </form>
      )}
      {account && <Balance address={account.address} />}
      {account && (
        <button type="button" class="secondary" aria-expanded={showCode} onClick={() => setShowCode((s) => !s)}>
          {showCode ? 'Hide my account code' : 'Show my account code'}
        </button>
      )}
      {account && showCode && <AccountCode address={account.address} />}
      {accountsProblem && <p class="warning" role="alert">{accountsProblem}</p>}
    </section>
  );
}

function Balance({ address }: { address: string }) {
  const { connection, heads } = useApp();
  const [free, setFree] = useState<bigint>();
  const api = connection.kind === 'connected' ? connection.api : undefined;
  // Re-read on each new best block: cheap, and the fee just paid shows at once.
  useAsync(async () => {
    if (!api) return;
    const info = await api.query.system.account(address);
    setFree((info as unknown as { data: { free: { toBigInt(): bigint } } }).data.free.toBigInt());
  }, [api, address, heads.best]);
  return <span class="balance">{free === undefined ? '' : `Balance ${hcu(free)}`}</span>;
}

function Transactions() {
  const { transactions, dismiss } = useApp();
  return (
    <aside class="transactions" aria-label="Transactions" aria-live="polite">
      {transactions.map((t) => (
        <div key={t.id} class={`tx ${t.phase}`}>
          <div class="tx-head">
            <strong>{t.label}</strong>
            <button type="button" class="close" onClick={() => dismiss(t.id)} aria-label={`Hide ${t.label}`}>×</button>
          </div>
          <span>{PHASE_WORDS[t.phase]}{t.blockNumber ? ` · block ${t.blockNumber}` : ''}</span>
          {t.fee !== undefined && <span>Fee {hcu(t.fee)}</span>}
          {t.error && (
            <span class="why">
              {t.error.what} <em>{t.error.next}</em>
            </span>
          )}
        </div>
      ))}
    </aside>
  );
}
