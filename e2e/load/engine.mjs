// The load tool's engine: transactions signed offline for many senders, submitted as fast as
// the node accepts them (e2e/faults/flood.mjs), waited for, and found again in the blocks that
// carried them with their events. Setup runs through the same path in phases, so a phase of
// thousands of calls takes a few blocks, not one block per call.

import { performance } from 'node:perf_hooks';

import { describeDispatchError } from '../lib/chain.mjs';
import { flood, poolNonces, readBlock, signOffline } from '../faults/flood.mjs';

export const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** Progress goes to stderr; stdout carries only the report. */
export function log(message) {
  console.error(`load: ${message}`);
}

/** A `Weight` (V2) as plain numbers. */
export function weightOf(weight) {
  return { refTime: Number(weight.refTime.toBigInt()), proofSize: Number(weight.proofSize.toBigInt()) };
}

/**
 * The normal class's limits: its total and per-extrinsic maxima, the base weight every
 * extrinsic adds, and the most bytes of normal transactions a block carries.
 */
export function normalLimits(api) {
  const weights = api.consts.system.blockWeights;
  const normal = weights.perClass.normal;
  const maxBlock = weightOf(weights.maxBlock);
  const maxTotal = normal.maxTotal.isSome ? weightOf(normal.maxTotal.unwrap()) : maxBlock;
  const maxExtrinsic = normal.maxExtrinsic.isSome ? weightOf(normal.maxExtrinsic.unwrap()) : maxTotal;
  return {
    maxBlock,
    maxTotal,
    maxExtrinsic,
    baseExtrinsic: weightOf(normal.baseExtrinsic),
    length: api.consts.system.blockLength.max.normal.toNumber(),
  };
}

/**
 * How many transactions of `weight` (call and extensions, as `queryInfo` reports it) and
 * `length` bytes fit in a block's normal class: the block charges each the base extrinsic
 * weight on top, and its length as proof size.
 */
export function capacity(limits, weight, length) {
  const refTime = weight.refTime + limits.baseExtrinsic.refTime;
  const proofSize = weight.proofSize + limits.baseExtrinsic.proofSize + length;
  const byCompute = Math.floor(limits.maxTotal.refTime / Math.max(1, refTime));
  const byProof = Math.floor(limits.maxTotal.proofSize / Math.max(1, proofSize));
  const byLength = Math.floor(limits.length / Math.max(1, length));
  const perBlock = Math.min(byCompute, byProof, byLength);
  const binds = perBlock === byCompute ? 'compute' : perBlock === byProof ? 'proof' : 'length';
  return { refTimeUs: refTime / 1e6, proofBytes: proofSize, length, byCompute, byProof, byLength, perBlock, binds };
}

/**
 * `capacity` for a transaction whose `ExtrinsicSuccess` reported `charged`: that weight already
 * includes the base extrinsic weight, which `capacity` adds.
 */
export function chargedCapacity(limits, charged, length) {
  const base = limits.baseExtrinsic;
  return capacity(limits, { refTime: charged.refTime - base.refTime, proofSize: Math.max(0, charged.proofSize - base.proofSize) }, length);
}

/** `count` items spread over `over` holders: how many holder `i` gets (the first get one more). */
export function share(count, over, i) {
  return Math.floor(count / over) + (i < count % over ? 1 : 0);
}

/** Merges plan entries of the same signer, in order, so each signer's nonces are consecutive. */
export function mergePlan(entries) {
  const bySigner = new Map();
  for (const { pair, txs } of entries) {
    if (!txs.length) continue;
    const entry = bySigner.get(pair.address);
    if (entry) entry.txs.push(...txs);
    else bySigner.set(pair.address, { pair, txs: [...txs] });
  }
  return [...bySigner.values()];
}

/**
 * `calls` as `utility.batchAll` transactions of as many calls as keep each batch within a
 * quarter of a block's normal-class extrinsic limit (by the first call's weight), the
 * runtime's batch limit and `maxCalls`. A batch of one is the call itself.
 */
export async function batches(api, calls, address, { maxCalls = 250, shareOfBlock = 0.25 } = {}) {
  if (calls.length === 0) return [];
  const limits = normalLimits(api);
  const info = await api.tx.utility.batchAll([calls[0]]).paymentInfo(address);
  const each = weightOf(info.weight);
  const size = Math.max(
    1,
    Math.min(
      maxCalls,
      api.consts.utility.batchedCallsLimit.toNumber(),
      Math.floor((limits.maxExtrinsic.refTime * shareOfBlock) / Math.max(1, each.refTime)),
      Math.floor((limits.maxExtrinsic.proofSize * shareOfBlock) / Math.max(1, each.proofSize)),
    ),
  );
  const txs = [];
  for (let i = 0; i < calls.length; i += size) {
    const chunk = calls.slice(i, i + size);
    txs.push(chunk.length === 1 ? chunk[0] : api.tx.utility.batchAll(chunk));
  }
  return txs;
}

/**
 * Signs every entry's transactions offline (immortal), with consecutive nonces from the pool's
 * next. `wanted` maps each extrinsic's hash to where it came from.
 */
export async function presign(api, plan) {
  const senders = plan.map((entry) => entry.pair);
  if (new Set(senders.map((s) => s.address)).size !== senders.length) {
    throw new Error('presign: a signer appears twice in the plan (merge it first)');
  }
  const nonces = await poolNonces(api, senders);
  const wanted = new Map();
  let total = 0;
  const signed = plan.map(({ pair, txs }, s) =>
    txs.map((tx, k) => {
      const hex = signOffline(api, tx, pair, nonces[s] + k);
      wanted.set(tx.hash.toHex(), { sender: s, k });
      total += 1;
      return hex;
    }),
  );
  return { signed, wanted, senders, want: nonces.map((n, s) => n + plan[s].txs.length), total };
}

/** The best block's number. */
export async function bestNumber(api) {
  return (await api.rpc.chain.getHeader()).number.toNumber();
}

/**
 * Waits until every sender's nonce on chain reaches `want[i]`; resolves with the ms it took.
 * Rejects after `timeoutMs`, or when nothing new was included for `stallMs`, saying how many
 * are missing and how many the pool still holds.
 */
export async function waitIncluded(api, senders, want, { timeoutMs, stallMs, onProgress }) {
  const start = performance.now();
  let lastProgress = start;
  let lastBehind = Infinity;
  const addresses = senders.map((s) => s.address);
  for (;;) {
    const accounts = await api.query.system.account.multi(addresses);
    let behind = 0;
    accounts.forEach((account, i) => {
      behind += Math.max(0, want[i] - account.nonce.toNumber());
    });
    const now = performance.now();
    if (behind === 0) return Math.round(now - start);
    if (behind < lastBehind) {
      lastBehind = behind;
      lastProgress = now;
      onProgress?.(behind);
    }
    if (now - lastProgress > stallMs || now - start > timeoutMs) {
      const pool = await api.provider.send('author_pendingExtrinsics', []).catch(() => []);
      const why = now - start > timeoutMs ? `after ${Math.round(timeoutMs / 1000)} s` : `(nothing included for ${Math.round(stallMs / 1000)} s)`;
      throw new Error(`${behind} transactions not included ${why}; ${pool.length} in the pool`);
    }
    await sleep(1000);
  }
}

/**
 * Reads blocks `from`..`to`: for each its timestamp, extrinsic count, normal-class weight and
 * length, and how many of the `wanted` extrinsics (by hash) it carries; and for each wanted
 * extrinsic found, its block, index and events.
 */
export async function scanBlocks(api, from, to, wanted) {
  const blocks = [];
  const found = new Map();
  for (let n = from; n <= to; n += 1) {
    const { hash, block: signedBlock, events: records, weight } = await readBlock(api, n);
    const byIndex = new Map();
    for (const record of records) {
      if (!record.phase.isApplyExtrinsic) continue;
      const index = record.phase.asApplyExtrinsic.toNumber();
      if (!byIndex.has(index)) byIndex.set(index, []);
      byIndex.get(index).push(record);
    }
    let timestamp = null;
    let ours = 0;
    let length = 0;
    const extrinsics = signedBlock.block.extrinsics;
    extrinsics.forEach((xt, index) => {
      if (xt.method.section === 'timestamp' && xt.method.method === 'set') timestamp = Number(xt.method.args[0].toString());
      if (!xt.isSigned) return;
      length += xt.encodedLength;
      const key = xt.hash.toHex();
      const meta = wanted.get(key);
      if (!meta) return;
      ours += 1;
      found.set(key, { block: n, index, events: byIndex.get(index) ?? [], meta });
    });
    blocks.push({
      number: n,
      hash: hash.toHex(),
      timestamp,
      extrinsics: extrinsics.length,
      ours,
      signedLength: length,
      normal: weightOf(weight.normal),
    });
  }
  return { blocks, found };
}

/**
 * What an extrinsic's events say: `{ ok, weight }` with the weight `ExtrinsicSuccess` charged, or
 * `{ ok: false, error, docs }` with the decoded error of `ExtrinsicFailed` (or of a sudo call's
 * `Sudid`).
 */
export function outcome(api, events) {
  for (const { event } of events) {
    if (api.events.system.ExtrinsicFailed.is(event)) {
      return { ok: false, ...nameError(api, event.data[0]) };
    }
    if (api.events.sudo?.Sudid?.is(event) && event.data[0].isErr) {
      const { error, docs } = nameError(api, event.data[0].asErr);
      return { ok: false, error: `sudo: ${error}`, docs };
    }
  }
  const success = events.find(({ event }) => api.events.system.ExtrinsicSuccess.is(event));
  if (!success) return { ok: false, error: 'no ExtrinsicSuccess event', docs: '' };
  return { ok: true, weight: weightOf(success.event.data[0].weight) };
}

function nameError(api, dispatchError) {
  const { name, docs } = describeDispatchError(api.registry, dispatchError);
  return { error: name, docs };
}

/**
 * Runs one setup phase: signs `plan` (`[{ pair, txs }]`, merged by signer), submits it all,
 * waits until it is included and checks that every extrinsic succeeded. Resolves with the
 * events of each transaction, `results[entry][k]`, in the merged plan's order, and the plan.
 */
export async function runPhase(api, label, entries, { blockTimeMs }) {
  const plan = mergePlan(entries);
  if (plan.length === 0) return { plan, results: [] };
  const t0 = performance.now();
  const pre = await presign(api, plan);
  const from = (await bestNumber(api)) + 1;
  const submitted = await flood(api, pre.signed);
  await waitIncluded(api, pre.senders, pre.want, {
    timeoutMs: 30 * 60_000,
    stallMs: Math.max(120_000, 20 * blockTimeMs),
  });
  const to = await bestNumber(api);
  const { found } = await scanBlocks(api, from, to, pre.wanted);
  const results = plan.map((entry) => new Array(entry.txs.length));
  const failures = [];
  for (const [hash, { sender, k }] of pre.wanted) {
    const call = `${plan[sender].txs[k].method.section}.${plan[sender].txs[k].method.method}`;
    const entry = found.get(hash);
    if (!entry) {
      failures.push(`${call} from ${plan[sender].pair.address} (nonce offset ${k}) is in none of blocks #${from}..#${to}`);
      continue;
    }
    const result = outcome(api, entry.events);
    if (!result.ok) failures.push(`${call} from ${plan[sender].pair.address} failed in #${entry.block}: ${result.error} ${result.docs}`.trim());
    results[sender][k] = entry.events;
  }
  if (failures.length) {
    throw new Error(`setup phase "${label}": ${failures.length} of ${pre.total} failed:\n  ${failures.slice(0, 10).join('\n  ')}`);
  }
  log(
    `${label}: ${pre.total} transactions from ${plan.length} signers in #${from}..#${to} ` +
      `(${((performance.now() - t0) / 1000).toFixed(1)} s${submitted.poolFull ? `, ${submitted.poolFull} pool-full retries` : ''})`,
  );
  return { plan, results };
}

/** The events named `section.method` among a phase's results for `pair`'s transactions. */
export function eventsOf(api, phase, pair, section, method) {
  const index = phase.plan.findIndex((entry) => entry.pair.address === pair.address);
  if (index < 0) return [];
  return phase.results[index]
    .flat()
    .map(({ event }) => event)
    .filter((event) => event.section === section && event.method === method);
}
