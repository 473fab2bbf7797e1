// Where the app finds the chain and the record gateway. `serve.mjs` answers `/config.json`
// with the addresses it was started with; `?node=` and `?gateway=` in the page's address
// override them (for a person who runs their own node).

export interface AppConfig {
  /** WebSocket RPC of a HealthChain node. */
  node: string;
  /** Base URL of the record gateway that stores this deployment's documents. */
  gateway: string;
}

const DEFAULTS: AppConfig = { node: 'ws://127.0.0.1:9944', gateway: 'http://127.0.0.1:8088' };

export async function loadConfig(): Promise<AppConfig> {
  let served: Partial<AppConfig> = {};
  try {
    const reply = await fetch('./config.json', { cache: 'no-store' });
    if (reply.ok) served = await reply.json();
  } catch {
    // Served without serve.mjs (vite dev): the defaults are the dev chain's.
  }
  const params = new URLSearchParams(location.search);
  return {
    node: params.get('node') ?? served.node ?? DEFAULTS.node,
    gateway: (params.get('gateway') ?? served.gateway ?? DEFAULTS.gateway).replace(/\/+$/, ''),
  };
}
