// Shared helpers for the HealthChain end-to-end scenarios.
//
// Every scenario file connects with `connect()`, signs with the dev accounts from
// `devAccounts()`, submits with `signAndWait()` / `sudo()` and asserts refusals by the
// decoded error name (`Pallet.Error`, e.g. `Balances.InsufficientBalance`).
// Nothing here waits without a bound: every wait takes a timeout.

import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { base32Encode, blake2AsHex, cryptoWaitReady, sha256AsU8a } from '@polkadot/util-crypto';

/** Endpoint of the node under test; run.sh exports it. */
export const WS_URL = process.env.HEALTHCHAIN_WS || 'ws://127.0.0.1:9944';

export const SS58_FORMAT = 42;
export const TOKEN_SYMBOL = 'HCU';
export const TOKEN_DECIMALS = 12;
/** 1 HCU in the smallest unit, as a bigint. */
export const UNIT = 10n ** BigInt(TOKEN_DECIMALS);

export const CONNECT_TIMEOUT_MS = 60_000;
export const TX_TIMEOUT_MS = 60_000;
export const BLOCK_WAIT_TIMEOUT_MS = 60_000;

const DEV_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];

// The api of the last connect(): signAndWait asks that node for the pool's next nonce.
let poolApi;

/** Rejects with a clear message if `promise` has not settled within `ms`. */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Connects to the node and resolves once the metadata is loaded.
 * No custom types: everything must decode from the runtime's own metadata.
 */
export async function connect({ url = WS_URL, timeoutMs = CONNECT_TIMEOUT_MS } = {}) {
  // Reconnect every second while the node comes up; the 4th argument bounds each RPC call.
  const provider = new WsProvider(url, 1_000, {}, TX_TIMEOUT_MS);
  const api = new ApiPromise({ provider, noInitWarn: true });
  api.isReadyOrError.catch(() => {}); // rejects on the first socket error; isReady is awaited below
  let lastError;
  api.on('error', (err) => {
    lastError = err; // socket errors arrive as ErrorEvents, init errors as Errors
  });
  try {
    await withTimeout(api.isReady, timeoutMs, `connecting to ${url}`);
  } catch (err) {
    await api.disconnect().catch(() => {});
    const cause = lastError ? `; last error: ${lastError.message || lastError.type || lastError}` : '';
    throw new Error(`${err.message}${cause}`);
  }
  poolApi = api;
  return api;
}

/**
 * The signer's next nonce as the transaction pool sees it (`system_accountNextIndex`, which
 * counts transactions still pending). polkadot.js resolves `nonce: -1` through the
 * AccountNonceApi runtime call instead, which sees only the best block's state; -1 remains
 * the fallback when no api is connected.
 */
async function poolNonce(address, api = poolApi) {
  if (!api?.rpc.system.accountNextIndex) return -1;
  return (await api.rpc.system.accountNextIndex(address)).toNumber();
}

/** The dev keyring: sr25519, SS58 format 42. */
export async function devKeyring() {
  await cryptoWaitReady(); // sr25519 lives in WASM; it must be loaded before deriving keys
  return new Keyring({ type: 'sr25519', ss58Format: SS58_FORMAT });
}

let devAccountsPromise;
/** `{ keyring, alice, bob, charlie, dave, eve, ferdie }`: the endowed dev accounts (`//Alice` ...). */
export function devAccounts() {
  devAccountsPromise ??= devKeyring().then((keyring) => {
    const accounts = { keyring };
    for (const name of DEV_NAMES) {
      accounts[name.toLowerCase()] = keyring.addFromUri(`//${name}`, { name });
    }
    return accounts;
  });
  return devAccountsPromise;
}

/** A refused dispatch. `message` is exactly the error name, e.g. `Balances.InsufficientBalance`. */
export class ChainError extends Error {
  constructor(errorName, details = {}) {
    super(errorName);
    this.name = 'ChainError';
    this.error = errorName;
    Object.assign(this, details); // docs, blockHash, blockNumber, events
  }
}

/**
 * Names a DispatchError: module errors as `Pallet.Error` with the pallet's runtime name
 * (`Balances.InsufficientBalance`), others as `Variant` or `Variant.Inner`
 * (`BadOrigin`, `Token.FundsUnavailable`, `Arithmetic.Overflow`).
 */
export function describeDispatchError(registry, dispatchError) {
  if (dispatchError.isModule) {
    const mod = dispatchError.asModule;
    const meta = registry.findMetaError(mod);
    // findMetaError gives the camelCase section (`balances`); use the runtime's pallet name instead.
    const pallet = registry.metadata.pallets.find((p) => p.index.eq(mod.index));
    const section = pallet ? pallet.name.toString() : meta.section;
    return { name: `${section}.${meta.name}`, docs: meta.docs.join(' ').trim() };
  }
  const inner = dispatchError.value;
  const suffix = typeof inner?.type === 'string' ? `.${inner.type}` : '';
  return { name: `${dispatchError.type}${suffix}`, docs: '' };
}

/**
 * Subscribes with `subscribe(callback)` (a polkadot.js subscription returning a Promise of
 * its unsubscribe function) and settles when `onValue(value, resolve, reject)` does.
 * Always unsubscribes, also on timeout.
 */
function subscribeUntil(subscribe, onValue, timeoutMs, what) {
  let unsubscribe;
  let settled = false;
  const result = new Promise((resolve, reject) => {
    subscribe((value) => {
      try {
        onValue(value, resolve, reject);
      } catch (err) {
        reject(err);
      }
    }).then((unsub) => {
      unsubscribe = unsub;
      if (settled) unsub(); // settled before the subscription handle arrived
    }, reject);
  });
  return withTimeout(result, timeoutMs, what).finally(() => {
    settled = true;
    try {
      unsubscribe?.();
    } catch {
      // the connection may already be gone; nothing left to release
    }
  });
}

/**
 * Signs `tx` with `signer` (a keyring pair; nonce: the pool's next one), submits it and
 * resolves when it is in a block with `{ blockHash, blockNumber, txIndex, events, txHash }`
 * (`events`: this extrinsic's `EventRecord`s). Rejects with a `ChainError` named after the
 * dispatch error when the extrinsic failed, and with a plain Error when the pool refuses or
 * drops it.
 * Do not submit two transactions from the same signer concurrently: the nonce is read
 * before signing, so both would get the same one. `api` is the connection `tx` was made
 * with, when several are open (default: the last one `connect` opened). With `finalized`
 * (and `api`), it resolves only once the extrinsic is in a finalized block: on a network of
 * collators a block can be retracted after the pool reported it, and the transaction
 * reordered after others that followed it.
 */
export function signAndWait(tx, signer, { timeoutMs = TX_TIMEOUT_MS, api, finalized = false } = {}) {
  if (finalized) return signAndFinalize(api, tx, signer, { timeoutMs: Math.max(timeoutMs, 180_000) });
  const what = `${tx.method.section}.${tx.method.method}`;
  return subscribeUntil(
    async (callback) => tx.signAndSend(signer, { nonce: await poolNonce(signer.address, api) }, callback),
    (result, resolve, reject) => {
      const { status, dispatchError, events, txHash, txIndex, internalError } = result;
      if (internalError) {
        // the block or its events could not be fetched: the outcome is unknown
        reject(new Error(`${what}: ${internalError.message}`));
      } else if (status.isInBlock || status.isFinalized) {
        const blockHash = status.isInBlock ? status.asInBlock : status.asFinalized;
        const blockNumber = result.blockNumber?.toNumber();
        if (dispatchError) {
          const { name, docs } = describeDispatchError(tx.registry, dispatchError);
          reject(new ChainError(name, { docs, blockHash, blockNumber, events }));
        } else if (txIndex === undefined) {
          reject(new Error(`${what}: extrinsic not found in block ${blockHash.toHex()}`));
        } else {
          resolve({ blockHash, blockNumber, txIndex, events, txHash });
        }
      } else if (status.isInvalid || status.isDropped || status.isUsurped || status.isFinalityTimeout) {
        reject(new Error(`${what}: transaction ${status.type}`));
      }
    },
    timeoutMs,
    `${what} to be included in a block`,
  );
}

/**
 * `signAndWait` with `finalized`: submits without watching (the pool's status of a transaction
 * that a retracted block carried is not reliable across collators) and looks for the
 * extrinsic's hash in each newly finalized block, with its events from that block. As a wallet
 * would, it submits the same signed extrinsic again whenever it has left the pool while the
 * sender's nonce on the best chain still awaits it: a block that carried it was retracted (on
 * a parachain, an unincluded block abandoned when the relay chain dropped its candidate) and
 * the pool did not take it back.
 */
async function signAndFinalize(api, tx, signer, { timeoutMs }) {
  const what = `${tx.method.section}.${tx.method.method}`;
  const nonce = await poolNonce(signer.address, api);
  const signed = await tx.signAsync(signer, { nonce });
  const txHash = signed.hash.toHex();
  let next = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber() + 1;
  await api.rpc.author.submitExtrinsic(signed);
  const resubmitIfLost = async () => {
    const pending = await api.rpc.author.pendingExtrinsics();
    if (pending.some((x) => x.hash.toHex() === txHash)) return;
    const bestNonce = (await api.query.system.account(signer.address)).nonce.toNumber();
    if (bestNonce > nonce) return; // in a block on the best chain: wait for its finality
    await api.rpc.author.submitExtrinsic(signed).catch(() => {}); // raced back in: fine
  };
  let scanning = Promise.resolve();
  return subscribeUntil(
    (callback) => api.rpc.chain.subscribeFinalizedHeads(callback),
    (header, resolve, reject) => {
      const upTo = header.number.toNumber();
      // One scan at a time, in order, over every block finalized since the last one seen.
      scanning = scanning.then(async () => {
        for (; next <= upTo; next++) {
          const blockHash = await api.rpc.chain.getBlockHash(next);
          const block = await api.rpc.chain.getBlock(blockHash);
          const txIndex = block.block.extrinsics.findIndex((x) => x.hash.toHex() === txHash);
          if (txIndex < 0) continue;
          const records = await (await api.at(blockHash)).query.system.events();
          const events = records.filter(({ phase }) => phase.isApplyExtrinsic && phase.asApplyExtrinsic.eq(txIndex));
          const failed = events.find(({ event }) => api.events.system.ExtrinsicFailed.is(event));
          if (failed) {
            const { name, docs } = describeDispatchError(api.registry, failed.event.data[0]);
            reject(new ChainError(name, { docs, blockHash, blockNumber: next, events }));
          } else {
            resolve({ blockHash, blockNumber: next, txIndex, events, txHash: signed.hash });
          }
          return;
        }
        await resubmitIfLost();
      }).catch(reject);
    },
    timeoutMs,
    `${what} to be finalized`,
  );
}

/**
 * Dispatches `call` as root through `Sudo.sudo`, signed by `signer` (default Alice, the sudo
 * key). Resolves like `signAndWait`; rejects with a `ChainError` named after the inner
 * call's error when `Sudo.Sudid` carries an Err.
 */
export async function sudo(api, call, { signer, timeoutMs = TX_TIMEOUT_MS } = {}) {
  signer ??= (await devAccounts()).alice;
  const included = await signAndWait(api.tx.sudo.sudo(call), signer, { timeoutMs });
  const sudid = included.events.find(({ event }) => api.events.sudo.Sudid.is(event));
  if (!sudid) throw new Error('sudo: no Sudo.Sudid event in the extrinsic events');
  const sudoResult = sudid.event.data[0]; // Result<(), DispatchError>
  if (sudoResult.isErr) {
    const { name, docs } = describeDispatchError(api.registry, sudoResult.asErr);
    const { blockHash, blockNumber, events } = included;
    throw new ChainError(name, { docs, blockHash, blockNumber, events });
  }
  return included;
}

/**
 * Passes `call` through a collective (`council` or `technicalCommittee`): the first of
 * `members` proposes it with a threshold of all of them (a threshold of one executes at once,
 * as that member's motion), each votes aye (a proposal carries no vote of its own), and it is
 * closed. Resolves with `{ result, included }`: the `Executed` event's result, `'Ok'` or the
 * error's name, and the extrinsic that executed it, as `signAndWait` resolves.
 */
export async function passMotion(api, body, members, call, { finalized = false } = {}) {
  const length = call.method.toU8a().length;
  const { weight } = await api.call.transactionPaymentCallApi.queryCallInfo(call.method, length);
  const proposed = await signAndWait(api.tx[body].propose(members.length, call.method, length), members[0], { api, finalized });
  let included = proposed;
  if (members.length > 1) {
    const [, index, hash] = findEvents(proposed.events, body, 'Proposed')[0].data;
    for (const member of members) {
      await signAndWait(api.tx[body].vote(hash, index, true), member, { api, finalized });
    }
    included = await signAndWait(api.tx[body].close(hash, index, weight, length), members[0], { api, finalized });
  }
  const [executed] = findEvents(included.events, body, 'Executed');
  if (!executed) throw new Error(`${body}: the motion was not executed`);
  const result = executed.data[1];
  return { result: result.isOk ? 'Ok' : describeDispatchError(api.registry, result.asErr).name, included };
}

/**
 * Upgrades the runtime to `code` (bytes or hex) the way a network without sudo does: the
 * council approves `system.authorize_upgrade(hash)` through the whitelist (a deferred
 * dispatch until the committee vouches), the committee whitelists it, `relayer` dispatches
 * it, and `relayer` submits the code, which the parachain schedules and applies on the relay
 * chain's go-ahead. Resolves with `{ before, after }` runtime versions once the chain runs the
 * new one; `maxBlocks` bounds the wait for it. `relayer` needs funds for two fees.
 */
export async function upgradeThroughGovernance(api, { code, council, committee, relayer, maxBlocks = 15, finalized = false }) {
  const opts = { api, finalized };
  const hex = typeof code === 'string' ? code : u8aToHex(code);
  const codeHash = blake2AsHex(hex, 256);
  const before = await api.rpc.state.getRuntimeVersion();
  const authorize = api.tx.system.authorizeUpgrade(codeHash);
  const dispatch = api.tx.whitelist.dispatchWhitelistedCallWithPreimage(authorize.method);
  const whitelist = api.tx.whitelist.whitelistCall(blake2AsHex(authorize.method.toU8a(), 256));

  // The council alone only defers the dispatch.
  const councilResult = (await passMotion(api, 'council', council, dispatch, opts)).result;
  if (councilResult !== 'Ok') throw new Error(`the council's motion failed: ${councilResult}`);
  if ((await api.query.system.authorizedUpgrade()).isSome) {
    throw new Error('the council alone authorised an upgrade');
  }
  // The committee vouches; anyone relays the council's deferred dispatch.
  const committeeResult = (await passMotion(api, 'technicalCommittee', committee, whitelist, opts)).result;
  if (committeeResult !== 'Ok') throw new Error(`the committee's motion failed: ${committeeResult}`);
  const relayed = await signAndWait(dispatch, relayer, opts);
  if (findEvents(relayed.events, 'system', 'UpgradeAuthorized').length !== 1) {
    throw new Error('the relayed dispatch authorised no upgrade');
  }
  // Anyone submits the code; the parachain schedules it and applies it on the go-ahead.
  const stored = await signAndWait(api.tx.system.applyAuthorizedUpgrade(hex), relayer, {
    ...opts,
    timeoutMs: 120_000,
  });
  if (findEvents(stored.events, 'parachainSystem', 'ValidationFunctionStored').length !== 1) {
    throw new Error('the parachain did not store the new validation function');
  }
  let after = before;
  for (let i = 0; i < maxBlocks && after.specVersion.eq(before.specVersion); i++) {
    await waitForBlocks(api, 1);
    after = await api.rpc.state.getRuntimeVersion();
  }
  // polkadot.js reloads the metadata when it sees the new version; queries made before that
  // decode with the old types.
  for (let i = 0; i < 60 && !after.specVersion.eq(before.specVersion) && !api.runtimeVersion.specVersion.eq(after.specVersion); i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { before, after, codeHash };
}

/** Resolves with the best block number once it is at least `n` above the current one. */
export function waitForBlocks(api, n = 1, timeoutMs = BLOCK_WAIT_TIMEOUT_MS) {
  let start;
  return subscribeUntil(
    (callback) => api.rpc.chain.subscribeNewHeads(callback),
    (header, resolve) => {
      const number = header.number.toNumber();
      start ??= number; // the first notification is the current best head
      if (number >= start + n) resolve(number);
    },
    timeoutMs,
    `${n} new block(s)`,
  );
}

/** Resolves with `{ number, hash }` of the finalized head once it reaches `blockNumber`. */
export function waitForFinalized(api, blockNumber, timeoutMs = BLOCK_WAIT_TIMEOUT_MS) {
  return subscribeUntil(
    (callback) => api.rpc.chain.subscribeFinalizedHeads(callback),
    (header, resolve) => {
      const number = header.number.toNumber();
      if (number >= blockNumber) resolve({ number, hash: header.hash.toHex() });
    },
    timeoutMs,
    `block #${blockNumber} to be finalized`,
  );
}

/** Block number of the block with hash `blockHash`. */
export async function blockNumberOf(api, blockHash) {
  return (await api.rpc.chain.getHeader(blockHash)).number.toNumber();
}

/** Free balance of `address` as a bigint, at the best block or at block `at`. */
export async function freeBalance(api, address, at) {
  const query = at ? (await api.at(at)).query : api.query;
  return (await query.system.account(address)).data.free.toBigInt();
}

/** The events among `records` from pallet `section` (camelCase, `balances`) named `method` (`Transfer`). */
export function findEvents(records, section, method) {
  return records
    .map(({ event }) => event)
    .filter((event) => event.section === section && event.method === method);
}

/**
 * Where the record gateway would keep the document `text`: `ipfs://` and the CIDv1 (raw codec,
 * sha2-256, base32) of its bytes, the form the chain accepts as a pointer.
 */
export function documentPointer(text) {
  const multihash = u8aConcat(new Uint8Array([0x01, 0x55, 0x12, 0x20]), sha256AsU8a(text));
  return `ipfs://b${base32Encode(multihash)}`;
}
