#!/usr/bin/env node
// The load tool (issue "Scale to a nation", measure part): on a dev chain it sets up a day of a
// national health system (world.mjs), then floods it with one call kind after another
// (kinds.mjs) and reports, per kind, the calls included per second, the fullest block, the
// block's capacity for the call by its weight, and failures, against transfers as the baseline.
// `scripts/load.sh` starts a throw-away node and runs this against it; see `--help`.

import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

import { KIND_NAMES, fail, options } from './options.mjs';

// Parsed before the rest is loaded: `--help` and usage errors need no installed packages.
const params = options();

const { hexToU8a } = await import('@polkadot/util');
const { UNIT, connect, devAccounts, waitForBlocks } = await import('../lib/chain.mjs');
const { blockClock, flood, signOffline } = await import('../faults/flood.mjs');
const { bestNumber, capacity, chargedCapacity, log, normalLimits, outcome, presign, scanBlocks, waitIncluded, weightOf } = await import('./engine.mjs');
const { KINDS, receivers } = await import('./kinds.mjs');
const { markdown, measure, round } = await import('./report.mjs');
const { createActors, identifiers, prepareShipments, setupWorld } = await import('./world.mjs');

/** The node and runtime the run measured. */
async function nodeInfo(api) {
  const [name, version, chain] = await Promise.all([api.rpc.system.name(), api.rpc.system.version(), api.rpc.system.chain()]);
  const v = api.runtimeVersion;
  return {
    name: name.toString(),
    version: version.toString(),
    chain: chain.toString(),
    runtime: {
      specName: v.specName.toString(),
      specVersion: v.specVersion.toNumber(),
      implVersion: v.implVersion.toNumber(),
      transactionVersion: v.transactionVersion.toNumber(),
    },
    binary: process.env.LOAD_NODE_BIN ?? null,
    args: process.env.LOAD_NODE_ARGS ?? null,
    txpool: process.env.LOAD_TXPOOL ?? null,
  };
}

/** The announced weight and length of `tx` signed by `pair` (not submitted), and what fits a block. */
async function announcedCapacity(api, limits, tx, pair) {
  const signed = hexToU8a(signOffline(api, tx, pair, 0));
  const info = await api.call.transactionPaymentApi.queryInfo(signed, signed.length);
  return capacity(limits, weightOf(info.weight), signed.length);
}

/** Floods the chain with `plan` and measures what it came to. */
async function runKind(api, kind, plan, { limits, params, charged }) {
  plan = plan.filter((entry) => entry.txs.length);
  const t0 = performance.now();
  const pre = await presign(api, plan);
  const signMs = Math.round(performance.now() - t0);
  // The runtime API takes the extrinsic's bytes (as polkadot.js's paymentInfo passes them).
  const sample = hexToU8a(pre.signed.find((txs) => txs.length)[0]);
  const length = sample.length;
  const info = await api.call.transactionPaymentApi.queryInfo(sample, length);
  const announced = capacity(limits, weightOf(info.weight), length);
  log(
    `${kind.name}: ${pre.total} × ${kind.call} from ${plan.length} senders (${kind.who}), signed in ${(signMs / 1000).toFixed(1)} s; ` +
      `a block holds ${announced.perBlock} by announced weight (${announced.binds})`,
  );
  // Start right after a block arrives: the flood then has a whole block time before the next
  // one, and the block before the first that carries it has a known arrival time.
  const clock = await blockClock(api);
  const before = await waitForBlocks(api, 1, Math.max(60_000, 3 * params.blockTimeMs));
  let submitted;
  try {
    submitted = await flood(api, pre.signed);
  } catch (err) {
    clock.stop();
    throw new Error(`the node refused a transaction at submission: ${err.message}`);
  }
  log(`${kind.name}: accepted by the RPC in ${(submitted.ms / 1000).toFixed(1)} s${submitted.poolFull ? ` (${submitted.poolFull} pool-full retries)` : ''}`);
  const perBlock = Math.max(1, announced.perBlock);
  let waitError = null;
  try {
    await waitIncluded(api, pre.senders, pre.want, {
      timeoutMs: (Math.ceil(pre.total / perBlock) + 20) * params.blockTimeMs * 4,
      stallMs: Math.max(60_000, 10 * params.blockTimeMs),
      onProgress: (behind) => log(`${kind.name}: ${pre.total - behind}/${pre.total} included`),
    });
  } catch (err) {
    waitError = err.message;
  }
  const after = await bestNumber(api);
  const arrivals = new Map(clock.arrivals.map((a) => [a.number, a.at]));
  clock.stop();
  const scan = await scanBlocks(api, before, after, pre.wanted);

  const errors = new Map();
  const examples = [];
  const chargedWeights = [];
  for (const [hash, { sender, k }] of pre.wanted) {
    const found = scan.found.get(hash);
    let error;
    if (!found) {
      error = { error: 'not included', docs: '' };
    } else {
      const result = outcome(api, found.events);
      if (!result.ok) error = { error: result.error, docs: result.docs };
      else {
        chargedWeights.push(result.weight);
        const refused = kind.confirm(api, found.events);
        if (refused) error = { error: refused, docs: '' };
      }
    }
    if (!error) continue;
    errors.set(error.error, (errors.get(error.error) ?? 0) + 1);
    if (examples.length < 5) {
      examples.push({ ...error, sender: plan[sender].pair.address, nonceOffset: k, block: found?.block ?? null, hash });
    }
  }
  const failed = [...errors.values()].reduce((a, b) => a + b, 0);
  const mean = (key) => chargedWeights.reduce((sum, w) => sum + w[key], 0) / Math.max(1, chargedWeights.length);
  charged = chargedWeights.length ? chargedCapacity(limits, { refTime: mean('refTime'), proofSize: mean('proofSize') }, length) : charged;
  const m = measure(scan, arrivals, limits);
  const result = {
    kind: kind.name,
    call: kind.call,
    senders: plan.length,
    sent: pre.total,
    failed,
    errors: Object.fromEntries(errors),
    examples,
    waitError,
    capacity: { announced, charged },
    // How many blocks' worth the flood was, by the weight announced and the weight charged.
    blocksWorth: {
      announced: round(pre.total / Math.max(1, announced.perBlock), 2),
      charged: charged ? round(pre.total / Math.max(1, charged.perBlock), 2) : null,
    },
    submit: {
      signMs,
      acceptMs: submitted.ms,
      acceptedPerSecond: round((pre.total * 1000) / Math.max(1, submitted.ms), 0),
      poolFullRetries: submitted.poolFull,
    },
    ...m,
  };
  log(
    `${kind.name}: ${m.included}/${pre.total} included in ${m.blocks} blocks (#${m.firstBlock}..#${m.lastBlock}), ` +
      `${m.perSecond}/s by the blocks' timestamps, fullest block ${m.fullest?.count}; ${failed} failed`,
  );
  if (failed) {
    for (const [name, count] of errors) log(`${kind.name}: ${count} × ${name}`);
    for (const e of examples) log(`${kind.name}:   e.g. ${e.sender} (nonce +${e.nonceOffset}) in #${e.block}: ${e.error} ${e.docs}`.trim());
  }
  if (waitError) log(`${kind.name}: ${waitError}`);
  if (result.blocksWorth.charged !== null && result.blocksWorth.charged < 1.5) {
    log(`${kind.name}: the flood was only ${result.blocksWorth.charged} blocks' worth by the weight charged after dispatch; raise --fill or --txs to fill several`);
  }
  return result;
}

async function main() {
  const started = new Date();
  const api = await connect({ url: params.ws });
  try {
    const accounts = await devAccounts();
    const funders = ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie'].map((name) => accounts[name]);
    const node = await nodeInfo(api);
    const limits = normalLimits(api);
    log(`${node.name} ${node.version}, chain "${node.chain}", runtime ${node.runtime.specName} v${node.runtime.specVersion}; run ${params.runId}`);

    const actors = createActors(accounts.keyring, params.runId, params);
    const selected = KINDS.filter((k) => params.kinds.includes(k.name));
    const probe = {
      sampleAddress: actors.patients[0].address,
      ids: identifiers(params.runId),
      now: (await api.query.timestamp.now()).toBigInt(),
    };

    // How many of each kind: --txs, or --fill blocks' worth by the call's compute weight.
    const announced = {};
    const n = Object.fromEntries(KIND_NAMES.map((k) => [k, 0]));
    for (const kind of selected) {
      announced[kind.name] = await announcedCapacity(api, limits, kind.sample(api, probe), accounts.alice);
      if (kind.name !== 'receive') n[kind.name] = params.txs ?? Math.ceil(params.fill * announced[kind.name].byCompute);
    }
    // Grants: one per grantee and purpose, at most the runtime's bound per patient (one is the
    // hospital's), spread over more patients than --senders if need be.
    const maxGrants = api.consts.consent.maxGrantsPerPatient.toNumber() - 1;
    const perPatient = Math.min(maxGrants, actors.clinicians.length * 6);
    params.grantSenders = Math.min(params.patients, Math.max(params.senders, Math.ceil(n.grant / perPatient)));
    params.grantsPerPatient = Math.ceil(n.grant / params.grantSenders);
    if (params.grantsPerPatient > perPatient) {
      fail(`${n.grant} grants need more than ${perPatient} from each of ${params.patients} patients; raise --patients or lower --txs`);
    }
    params.transferAmount = UNIT / 1000n;
    params.receive = params.kinds.includes('receive');
    if (params.receive && params.senders < 2) log('receive: with one sender there is no distributor; every case goes to the pharmacy');
    log(`plan: ${selected.map((k) => `${k.name} ${k.name === 'receive' ? (params.txs ?? 'after setup') : n[k.name]}`).join(', ')}`);

    const t0 = performance.now();
    const world = await setupWorld(api, { actors, funders, alice: accounts.alice, n, params, runId: params.runId });
    world.sampleAddress = probe.sampleAddress;
    world.devAddress = accounts.bob.address;
    const charged = {};
    if (params.receive) {
      charged.receive = chargedCapacity(limits, world.receiveWeight, announced.receive.length);
      n.receive = params.txs ?? Math.ceil(params.fill * charged.receive.byCompute);
      log(`receive: ${n.receive} cases (a receipt of one case is charged ${round(charged.receive.refTimeUs, 0)} µs: ${charged.receive.byCompute} a block by compute)`);
      world.shipments = await prepareShipments(api, world, { actors, alice: accounts.alice, count: n.receive, params, receivers: receivers(actors) });
    }
    const setupSeconds = round((performance.now() - t0) / 1000, 0);
    log(`setup done in ${setupSeconds} s`);

    const results = [];
    let aborted = null;
    for (const kind of selected) {
      try {
        const plan = kind.plan(api, actors, world, params, n[kind.name]);
        results.push(await runKind(api, kind, plan, { limits, params, charged: charged[kind.name] ?? null }));
      } catch (err) {
        // A refusal at submission (the pool's, not a dispatch failure) ends the run, with what
        // the kinds before it measured.
        aborted = { kind: kind.name, error: err.message };
        log(`${kind.name}: aborted: ${err.message}`);
        break;
      }
    }
    const transfer = results.find((r) => r.kind === 'transfer');
    for (const r of results) r.vsTransfer = transfer?.perSecond && r.perSecond ? round(r.perSecond / transfer.perSecond, 2) : null;

    const parameters = {
      runId: params.runId,
      kinds: params.kinds,
      senders: params.senders,
      patients: params.patients,
      grantSenders: params.grantSenders,
      txsPerKind: n,
      txsOption: params.txs ?? `auto (${params.fill} blocks' worth by compute weight)`,
      caseUnits: params.caseUnits,
      blockTimeMs: params.blockTimeMs,
      normalClass: {
        refTimeMs: limits.maxTotal.refTime / 1e9,
        proofKiB: round(limits.maxTotal.proofSize / 1024, 0),
        lengthKiB: round(limits.length / 1024, 0),
        baseExtrinsicUs: limits.baseExtrinsic.refTime / 1e6,
      },
      setupSeconds,
    };
    const report = { started: started.toISOString(), finished: new Date().toISOString(), node, parameters, results, aborted };
    writeFileSync(params.out, `${JSON.stringify(report, (key, value) => (typeof value === 'bigint' ? value.toString() : value), 2)}\n`);

    const failed = results.reduce((sum, r) => sum + r.failed, 0);
    console.log(
      [
        `## HealthChain load, ${started.toISOString()}`,
        '',
        `Node: ${node.name} ${node.version}${node.txpool ? `, ${node.txpool}` : ''}; chain "${node.chain}"; runtime ${node.runtime.specName} spec ${node.runtime.specVersion} (impl ${node.runtime.implVersion}, tx ${node.runtime.transactionVersion}).`,
        node.args ? `Node arguments: \`${node.args}\`.` : '',
        `Parameters: ${params.senders} senders per kind, ${params.patients} patients, transactions per kind ${params.txs ?? `auto (${params.fill} blocks' worth by compute weight)`}, ` +
          `receive cases of ${params.caseUnits} pack(s), block time ${params.blockTimeMs} ms; setup ${setupSeconds} s. ` +
          `Normal class per block: ${parameters.normalClass.refTimeMs} ms compute, ${parameters.normalClass.proofKiB} KiB proof, ${parameters.normalClass.lengthKiB} KiB.`,
        '',
        markdown(results),
        '',
        `Included/s: calls included over the blocks that carried the kind, divided by their span in chain time (timestamp of the last one minus that of the block before the first). ` +
          `Capacity: the normal class's limit over the call's weight (call and extensions as queryInfo announces it, plus the base extrinsic weight; its length counts as proof). ` +
          `Charged: the weight ExtrinsicSuccess reports after dispatch (refunds and proof-size reclaim applied; it includes the base extrinsic weight). ` +
          `A dev node stamps each block one 6 s slot after its parent whatever --block-time is and however long the block took to build; ` +
          `the wall-clock column runs from the arrival of the block before the first to that of the last.`,
        '',
        aborted ? `**Aborted at ${aborted.kind}**: ${aborted.error}` : '',
        failed ? `**${failed} transactions failed** (see the log above and ${params.out}).` : aborted ? '' : 'Every transaction was included and succeeded.',
        `JSON report: ${params.out}`,
      ]
        .filter((line, i, all) => line !== '' || all[i - 1] !== '')
        .join('\n'),
    );
    const incomplete = aborted !== null || results.some((r) => r.failed > 0 || r.included !== r.sent);
    process.exitCode = incomplete ? 1 : 0;
  } finally {
    await api.disconnect().catch(() => {});
  }
}

main().catch((err) => {
  console.error(`load: ${err.stack ?? err}`);
  process.exit(1);
});
