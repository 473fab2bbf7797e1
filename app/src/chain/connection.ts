// One connection to a HealthChain node for the whole app, with the chain's name, whether it is
// a development chain (whose well-known accounts the app then offers), and the best and
// finalized block numbers as they arrive.

import { ApiPromise, WsProvider } from '@polkadot/api';

export type ConnectionState =
  | { kind: 'connecting'; node: string }
  | { kind: 'connected'; node: string; api: ApiPromise; chain: string; development: boolean }
  | { kind: 'failed'; node: string; reason: string };

export interface Heads {
  best: number;
  finalized: number;
}

/** How long to wait for a node before telling the person it does not answer. */
const CONNECT_TIMEOUT_MS = 20_000;

export async function connectTo(node: string): Promise<ConnectionState> {
  // Reconnects every 2 s if the node restarts; each RPC call gives up after 60 s.
  const provider = new WsProvider(node, 2_000, {}, 60_000);
  const api = new ApiPromise({ provider, noInitWarn: true });
  api.isReadyOrError.catch(() => {});
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), CONNECT_TIMEOUT_MS);
  });
  try {
    await Promise.race([api.isReady, timeout]);
  } catch {
    await api.disconnect().catch(() => {});
    return {
      kind: 'failed',
      node,
      reason: `No HealthChain node answered at ${node}. Check that the node is running and that this address is right.`,
    };
  } finally {
    clearTimeout(timer);
  }
  const [chain, chainType] = await Promise.all([api.rpc.system.chain(), api.rpc.system.chainType()]);
  if (!api.tx.records || !api.tx.consent) {
    await api.disconnect();
    return { kind: 'failed', node, reason: `${chain} at ${node} is not a HealthChain network.` };
  }
  return { kind: 'connected', node, api, chain: chain.toString(), development: chainType.isDevelopment || chainType.isLocal };
}

/** Calls `onHeads` with the best and finalized block numbers; returns the unsubscribe. */
export async function watchHeads(api: ApiPromise, onHeads: (heads: Heads) => void): Promise<() => void> {
  const heads: Heads = { best: 0, finalized: 0 };
  const unsubBest = await api.rpc.chain.subscribeNewHeads((header) => {
    heads.best = header.number.toNumber();
    onHeads({ ...heads });
  });
  const unsubFinalized = await api.rpc.chain.subscribeFinalizedHeads((header) => {
    heads.finalized = header.number.toNumber();
    onHeads({ ...heads });
  });
  return () => {
    unsubBest();
    unsubFinalized();
  };
}
