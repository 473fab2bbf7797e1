// Transaction floods for the fault tests: senders funded in one batch, transactions signed
// offline (immortal, explicit nonces) and submitted over JSON-RPC as fast as the node accepts
// them, an RPC latency probe, and the checks of what the chain made of a flood.

import { performance } from 'node:perf_hooks';

import { documentPointer, signAndWait, UNIT } from '../lib/chain.mjs';
import { httpRpc } from './node.mjs';

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** A discharge summary (LOINC 18842-5): the record kind the flood's patients add. */
const DISCHARGE_SUMMARY = { system: 'Loinc', code: '18842-5' };

/** `n` flood senders, `//Flood//<i>` in the dev keyring. */
export function floodSenders(keyring, n, label = 'Flood') {
  return Array.from({ length: n }, (_, i) => keyring.addFromUri(`//${label}//${i}`));
}

/** Gives every sender `amount` from `funder`, 100 transfers to a batch. */
export async function fundSenders(api, funder, senders, amount) {
  for (let i = 0; i < senders.length; i += 100) {
    const transfers = senders
      .slice(i, i + 100)
      .map((s) => api.tx.balances.transferKeepAlive(s.address, amount));
    await signAndWait(api.tx.utility.batchAll(transfers), funder);
  }
}

/**
 * The `k`-th flood call of sender `i`: mostly transfers to the next sender, and every fifth a
 * patient's own healthcare call (a new record, or a new encryption key), each holding a deposit.
 */
export function floodCall(api, senders, i, k) {
  switch (k % 10) {
    case 3:
      return api.tx.records.addRecord(
        DISCHARGE_SUMMARY,
        `0x${(i * 1_000_000 + k).toString(16).padStart(64, '0')}`,
        documentPointer(`flood ${i} ${k}`),
      );
    case 7:
      // Any 32 bytes but all-zero are accepted as an X25519 public key.
      return api.tx.records.publishEncryptionKey(`0x${(i * 1_000_000 + k + 1).toString(16).padStart(64, '7')}`);
    default:
      return api.tx.balances.transferKeepAlive(senders[(i + 1) % senders.length].address, UNIT + BigInt(k));
  }
}

/** Signs `tx` offline, immortal (checked against genesis), with `nonce`; the hex extrinsic. */
export function signOffline(api, tx, pair, nonce) {
  return tx
    .sign(pair, {
      nonce,
      blockHash: api.genesisHash,
      genesisHash: api.genesisHash,
      runtimeVersion: api.runtimeVersion,
      signedExtensions: api.registry.signedExtensions,
      version: api.extrinsicType,
    })
    .toHex();
}

/** The pool's next nonce of each sender (counts pending transactions). */
export async function poolNonces(api, senders) {
  return Promise.all(senders.map(async (s) => (await api.rpc.system.accountNextIndex(s.address)).toNumber()));
}

/** The pool refusing for lack of room (not for the transaction's fault): worth a retry. */
export function isPoolFull(err) {
  return /1014|1016|Immediately Dropped|Priority is too low/i.test(String(err?.message ?? err));
}

/**
 * Submits `hex` with `author_submitExtrinsic`, retrying for up to `retryMs` while the pool is
 * full. Rejects with the node's error otherwise.
 */
export async function submit(api, hex, stats, retryMs = 120_000) {
  const giveUp = Date.now() + retryMs;
  for (;;) {
    try {
      await api.rpc.author.submitExtrinsic(hex);
      stats.accepted += 1;
      return;
    } catch (err) {
      if (!isPoolFull(err) || Date.now() > giveUp) throw err;
      stats.poolFull += 1;
      await sleep(100);
    }
  }
}

/**
 * Submits `signed[i]` (sender i's transactions in nonce order) from one loop per sender, all
 * at once; resolves with `{ accepted, poolFull, ms }`.
 */
export async function flood(api, signed) {
  const stats = { accepted: 0, poolFull: 0, ms: 0 };
  const start = performance.now();
  await Promise.all(
    signed.map(async (txs) => {
      for (const hex of txs) await submit(api, hex, stats);
    }),
  );
  stats.ms = Math.round(performance.now() - start);
  return stats;
}

/** `q`-quantile (0..1) of sorted `values`. */
export function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/**
 * Calls `system_health` over HTTP every `intervalMs` until stopped; `stop()` resolves with the
 * latencies' count, p50, p99 and max in ms, and the calls that failed.
 */
export function healthProbe(url, intervalMs = 50) {
  const latencies = [];
  let failed = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const start = performance.now();
      try {
        const reply = await httpRpc(url, 'system_health', [], { timeoutMs: 10_000 });
        if (!reply.result) failed += 1;
      } catch {
        failed += 1;
      }
      latencies.push(performance.now() - start);
      await sleep(intervalMs);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const sorted = [...latencies].sort((a, b) => a - b);
      const ms = (v) => Math.round(v * 10) / 10;
      return {
        calls: sorted.length,
        failed,
        p50: ms(quantile(sorted, 0.5)),
        p99: ms(quantile(sorted, 0.99)),
        max: ms(sorted[sorted.length - 1] ?? NaN),
      };
    },
  };
}

/** Records when each new best block arrives; `stop()` resolves with the largest gap in ms. */
export async function blockClock(api) {
  const arrivals = [];
  const unsubscribe = await api.rpc.chain.subscribeNewHeads((header) => {
    arrivals.push({ number: header.number.toNumber(), at: performance.now() });
  });
  return {
    arrivals,
    stop() {
      unsubscribe();
      let maxGap = 0;
      for (let i = 1; i < arrivals.length; i += 1) maxGap = Math.max(maxGap, arrivals[i].at - arrivals[i - 1].at);
      return { blocks: arrivals.length, maxGapMs: Math.round(maxGap) };
    },
  };
}

/**
 * Waits until every sender's nonce on chain reaches `want[i]` and the pool is empty; resolves
 * with the ms it took, rejects after `timeoutMs` with what is missing.
 */
export async function waitDrained(api, senders, want, timeoutMs) {
  const start = performance.now();
  for (;;) {
    const [accounts, pending] = await Promise.all([
      api.query.system.account.multi(senders.map((s) => s.address)),
      api.rpc.author.pendingExtrinsics(),
    ]);
    const behind = accounts.filter((a, i) => a.nonce.toNumber() < want[i]).length;
    if (behind === 0 && pending.length === 0) return Math.round(performance.now() - start);
    if (performance.now() - start > timeoutMs) {
      throw new Error(`not drained after ${timeoutMs} ms: ${behind} senders behind, ${pending.length} in the pool`);
    }
    await sleep(500);
  }
}

/**
 * Walks blocks `from`..`to` and checks each against the runtime's limits (weight per class and
 * in all, length of the normal-class body); counts the extrinsics signed by `senders` and those
 * that succeeded. Resolves with the totals and the largest block seen.
 */
export async function auditBlocks(api, from, to, senders) {
  const weights = api.consts.system.blockWeights;
  const maxBlock = weights.maxBlock;
  const normalMax = weights.perClass.normal.maxTotal.unwrap();
  const lengthMax = api.consts.system.blockLength.max;
  const flooders = new Set(senders.map((s) => s.address));
  const totals = { blocks: 0, floodExtrinsics: 0, floodSucceeded: 0, maxExtrinsics: 0, maxLength: 0, maxRefTimePct: 0 };
  const violations = [];
  for (let n = from; n <= to; n += 1) {
    const { block, events, weight } = await readBlock(api, n);
    const extrinsics = block.block.extrinsics;
    let length = 0;
    let normalLength = 0;
    extrinsics.forEach((xt, index) => {
      length += xt.encodedLength;
      if (xt.isSigned) normalLength += xt.encodedLength;
      if (!xt.isSigned || !flooders.has(xt.signer.toString())) return;
      totals.floodExtrinsics += 1;
      const ok = events.some(
        ({ phase, event }) =>
          phase.isApplyExtrinsic && phase.asApplyExtrinsic.eqn(index) && api.events.system.ExtrinsicSuccess.is(event),
      );
      if (ok) totals.floodSucceeded += 1;
    });
    const total = {
      refTime: weight.normal.refTime.toBigInt() + weight.operational.refTime.toBigInt() + weight.mandatory.refTime.toBigInt(),
      proofSize:
        weight.normal.proofSize.toBigInt() + weight.operational.proofSize.toBigInt() + weight.mandatory.proofSize.toBigInt(),
    };
    if (weight.normal.refTime.toBigInt() > normalMax.refTime.toBigInt()) violations.push(`#${n}: normal ref time over its limit`);
    if (weight.normal.proofSize.toBigInt() > normalMax.proofSize.toBigInt()) violations.push(`#${n}: normal proof size over its limit`);
    if (total.refTime > maxBlock.refTime.toBigInt()) violations.push(`#${n}: ref time over the block limit`);
    if (total.proofSize > maxBlock.proofSize.toBigInt()) violations.push(`#${n}: proof size over the block limit`);
    if (normalLength > lengthMax.normal.toNumber()) violations.push(`#${n}: ${normalLength} bytes of transactions over the limit`);
    totals.blocks += 1;
    totals.maxExtrinsics = Math.max(totals.maxExtrinsics, extrinsics.length);
    totals.maxLength = Math.max(totals.maxLength, length);
    const pct = Number((total.refTime * 1000n) / maxBlock.refTime.toBigInt()) / 10;
    totals.maxRefTimePct = Math.max(totals.maxRefTimePct, pct);
  }
  return { ...totals, violations };
}

/** Block `n` as the flood checks read it back: its hash, the block, its events and its weight. */
export async function readBlock(api, n) {
  const hash = await api.rpc.chain.getBlockHash(n);
  const [block, events, weight] = await Promise.all([
    api.rpc.chain.getBlock(hash),
    api.query.system.events.at(hash),
    api.query.system.blockWeight.at(hash),
  ]);
  return { hash, block, events, weight };
}
