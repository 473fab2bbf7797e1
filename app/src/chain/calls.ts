// Runtime API calls by name. HealthChain's runtime APIs decode from the runtime's own metadata
// (V15), so @polkadot/api knows their shapes at run time but not at compile time: results are
// the decoded codecs, typed loosely here and read field by field where they are used.

import type { ApiPromise } from '@polkadot/api';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Decoded = any;

/** `api.call[section][method](...args)`, e.g. `runtimeCall(api, 'consentApi', 'accessLog', who)`. */
export function runtimeCall(api: ApiPromise, section: string, method: string, ...args: unknown[]): Promise<Decoded> {
  const calls = api.call as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<Decoded>>>;
  const call = calls[section]?.[method];
  if (!call) return Promise.reject(new Error(`The node's runtime has no ${section}.${method}.`));
  return call(...args);
}
