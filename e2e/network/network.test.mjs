// HealthChain as a parachain of a real relay chain (scripts/network.sh starts it): three relay
// validators finalize; the parachain, registered in the relay chain's genesis, is made by two
// institution collators and its blocks are included and finalized through the relay chain; a
// transaction sent to one collator is seen by the other; the chain outlives a collator killed
// with SIGKILL, which then restarts and authors again; and a runtime upgrade passed by the
// council and the technical committee is accepted by the relay chain and runs on both.
//
// Each step prints what it measured (t.diagnostic). The steps build on each other and run in
// order. HealthChain has one core here (core 0, from genesis); elastic.test.mjs, run after this
// file, gives it more. The collators author slot-based: one block per core in each relay slot,
// all of a relay slot's blocks in one Aura slot, so on one core Aura slots still alternate A, B.
// No step stops a relay validator: GRANDPA with three authorities needs all three.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { u8aToHex } from '@polkadot/util';

import {
  UNIT,
  connect,
  devKeyring,
  findEvents,
  freeBalance,
  signAndWait,
  upgradeThroughGovernance,
  waitForFinalized,
  withTimeout,
} from '../lib/chain.mjs';
import { best, seconds, until } from './common.mjs';

const PARA_ID = 2000;
const dir = process.env.NETWORK_DIR;
const READY_MS = Number(process.env.NETWORK_READY_TIMEOUT || 300) * 1000;

let relay; // validator Alice
let relayBob;
let paraA; // collator A
let paraB; // collator B
let keys; // the network's accounts (scripts/network.sh)
let auraKeys; // Aura key -> collator name

const finalized = async (api) =>
  (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();

/** The collator that authored para block `number`: its Aura slot's authority. */
async function authorOf(api, number) {
  const hash = await api.rpc.chain.getBlockHash(number);
  const header = await api.rpc.chain.getHeader(hash);
  const log = header.digest.logs.find((l) => l.isPreRuntime && l.asPreRuntime[0].toString() === 'aura');
  const slot = api.createType('u64', log.asPreRuntime[1]).toBigInt();
  const authorities = await (await api.at(header.parentHash)).query.aura.authorities();
  return auraKeys.get(authorities[Number(slot % BigInt(authorities.length))].toHex()) ?? 'unknown';
}

/** Authors of the para blocks `from..=to`, as a count per collator name. */
async function authorsBetween(api, from, to) {
  const counts = {};
  for (let n = from; n <= to; n++) {
    const who = await authorOf(api, n);
    counts[who] = (counts[who] || 0) + 1;
  }
  return counts;
}

/** The para head the relay chain holds for HealthChain, as the relay's best block sees it. */
async function includedParaNumber() {
  const head = await relay.query.paras.heads(PARA_ID);
  if (head.isNone) return -1;
  return relay.createType('Header', head.unwrap().toU8a(true)).number.toNumber();
}

function pidOf(name) {
  return Number(fs.readFileSync(path.join(dir, `${name}.pid`), 'utf8').trim());
}

before(async () => {
  assert.ok(dir && fs.existsSync(dir), 'NETWORK_DIR (run through scripts/network.sh)');
  relay = await connect({ url: process.env.RELAY_ALICE_WS, timeoutMs: READY_MS });
  relayBob = await connect({ url: process.env.RELAY_BOB_WS, timeoutMs: READY_MS });
  paraB = await connect({ url: process.env.COLLATOR_B_WS, timeoutMs: READY_MS });
  paraA = await connect({ url: process.env.COLLATOR_A_WS, timeoutMs: READY_MS });
  const keyring = await devKeyring();
  const pair = (seed) => keyring.addFromUri(seed);
  keys = {
    collatorA: pair('//Alice'),
    collatorB: pair('//Bob'),
    council: ['//Charlie', '//Dave', '//Eve'].map(pair),
    committee: ['//Ferdie', '//Grace', '//Heidi'].map(pair),
    relayer: pair('//Relayer'),
  };
  // A collator's Aura key is its account key (scripts/network.sh inserts it from the same seed).
  auraKeys = new Map([[u8aToHex(keys.collatorA.publicKey), 'A'], [u8aToHex(keys.collatorB.publicKey), 'B']]);
});

after(async () => {
  for (const api of [paraA, paraB, relayBob, relay]) await api?.disconnect().catch(() => {});
});

describe('a HealthChain network on a relay chain', () => {
  it('the relay chain finalizes blocks with its three validators', async (t) => {
    const started = Date.now();
    const validators = await relay.query.session.validators();
    assert.equal(validators.length, 3, 'three validators (one per core: the elastic test uses three cores)');
    const { number } = await waitForFinalized(relay, 3, READY_MS);
    const [bestNumber, peers] = [await best(relay), (await relay.rpc.system.health()).peers.toNumber()];
    assert.ok(peers >= 2, `Alice is connected to Bob and Charlie (${peers} peers)`);
    assert.ok(bestNumber - number <= 3, `finality keeps up: best #${bestNumber}, finalized #${number}`);
    t.diagnostic(`relay finalized #${number} (best #${bestNumber}) ${seconds(Date.now() - started)} after the test began`);
  });

  it('HealthChain is a parachain from genesis, and its blocks are included and finalized', async (t) => {
    const lifecycle = await relay.query.paras.paraLifecycles(PARA_ID);
    assert.equal(lifecycle.unwrap().toString(), 'Parachain');
    const started = Date.now();
    const first = await until('the first HealthChain block included in the relay chain',
      async () => ((await includedParaNumber()) >= 1 ? includedParaNumber() : 0), READY_MS);
    t.diagnostic(`first para block included (#${first}) after ${seconds(Date.now() - started)}`);

    // Block time and finality, over ten blocks.
    const from = await best(paraB);
    const t0 = Date.now();
    await until('ten more para blocks', async () => (await best(paraB)) >= from + 10, 240_000);
    const blockTime = (Date.now() - t0) / 10;
    const [bestB, finalB, included] = [await best(paraB), await finalized(paraB), await includedParaNumber()];
    t.diagnostic(`para block time ${seconds(blockTime)} (10 blocks); best #${bestB}, finalized #${finalB}, ` +
      `included on the relay #${included}`);
    assert.ok(finalB >= from, `para finality follows the relay chain (finalized #${finalB})`);
    assert.ok(blockTime < 20_000, `blocks keep coming (${seconds(blockTime)} each)`);
  });

  it('both institution collators author blocks', async (t) => {
    const to = await best(paraB);
    const counts = await authorsBetween(paraB, Math.max(1, to - 9), to);
    t.diagnostic(`authors of the last 10 blocks: ${JSON.stringify(counts)}`);
    assert.ok(counts.A > 0 && counts.B > 0, `A and B both author: ${JSON.stringify(counts)}`);
  });

  it('a transaction sent to collator A is included, finalized, and seen through collator B', async (t) => {
    const patient = (await devKeyring()).addFromUri('//Network//Patient');
    const sent = Date.now();
    // Included in a block some collator made, and that block finalized through the relay chain.
    const included = await signAndWait(
      paraA.tx.balances.transferKeepAlive(patient.address, 5n * UNIT), keys.relayer, { api: paraA, finalized: true });
    const final = Date.now() - sent;
    await waitForFinalized(paraB, included.blockNumber, 120_000);
    const atB = await freeBalance(paraB, patient.address, included.blockHash);
    assert.equal(atB, 5n * UNIT, 'collator B has the transfer in the same finalized block');
    t.diagnostic(`sent to A, in block #${included.blockNumber} (by ${await authorOf(paraB, included.blockNumber)}), ` +
      `finalized ${seconds(final)} after sending`);
  });

  it('the chain outlives collator A killed with SIGKILL, and A restarts and authors again', async (t) => {
    process.kill(pidOf('collator-a'), 'SIGKILL');
    const killedAt = Date.now();
    const fromBest = await best(paraB);
    const fromFinal = await finalized(paraB);
    // B alone: blocks in its slots only, still included and finalized.
    await until('three para blocks without collator A', async () => (await best(paraB)) >= fromBest + 3, 180_000);
    await until('para finality to advance without collator A',
      async () => (await finalized(paraB)) >= fromFinal + 2, 180_000);
    const withoutA = await authorsBetween(paraB, fromBest + 1, await best(paraB));
    t.diagnostic(`without A for ${seconds(Date.now() - killedAt)}: authors ${JSON.stringify(withoutA)}`);
    assert.equal(withoutA.A, undefined, 'a dead collator authors nothing');

    // Restart A from its database with the same command.
    spawn('setsid', ['bash', path.join(dir, 'collator-a.sh')], { detached: true, stdio: 'ignore' }).unref();
    const restartedAt = Date.now();
    const target = await best(paraB);
    await until('collator A to catch up', async () => {
      try {
        return (await best(paraA)) >= target;
      } catch {
        return false; // its RPC is not up yet
      }
    }, 180_000);
    const caughtUp = Date.now() - restartedAt;
    const resumeFrom = await best(paraB);
    const resumed = await until('collator A to author again', async () => {
      const to = await best(paraB);
      for (let n = resumeFrom + 1; n <= to; n++) if ((await authorOf(paraB, n)) === 'A') return n;
      return 0;
    }, 180_000);
    t.diagnostic(`A restarted: synced in ${seconds(caughtUp)}, authored #${resumed} ` +
      `${seconds(Date.now() - restartedAt)} after the restart`);
  });

  it('a runtime upgrade passed by the council and the committee runs on the relay chain and both collators', async (t) => {
    const wasmPath = process.env.HEALTHCHAIN_NEXT_RUNTIME_WASM;
    assert.ok(wasmPath && fs.existsSync(wasmPath), `the next runtime's WASM (${wasmPath})`);
    const code = fs.readFileSync(wasmPath);
    const started = Date.now();
    const { before, after: version, codeHash } = await withTimeout(
      upgradeThroughGovernance(paraB, {
        code, council: keys.council, committee: keys.committee, relayer: keys.relayer, maxBlocks: 60,
        finalized: true,
      }), 1_200_000, 'the upgrade');
    assert.equal(version.specVersion.toNumber(), before.specVersion.toNumber() + 1, 'B runs the next spec_version');
    t.diagnostic(`spec_version ${before.specVersion} -> ${version.specVersion} in ${seconds(Date.now() - started)}`);
    // The relay chain validates HealthChain with the new code once it includes the first
    // para block that took the go-ahead (the collators run the new runtime a little before).
    await until('the relay chain to hold the new validation code', async () =>
      (await relay.query.paras.currentCodeHash(PARA_ID)).unwrap().toHex() === codeHash, 120_000);
    // Collator A runs it too, and blocks made with it are finalized.
    await until('collator A on the new runtime', async () =>
      (await paraA.rpc.state.getRuntimeVersion()).specVersion.eq(version.specVersion), 120_000);
    const tx = await signAndWait(
      paraB.tx.records.publishEncryptionKey(`0x${'42'.repeat(32)}`), keys.relayer, { api: paraB, finalized: true });
    assert.equal(findEvents(tx.events, 'records', 'EncryptionKeyPublished').length, 1);
    await waitForFinalized(paraA, tx.blockNumber, 120_000);
    t.diagnostic(`a transaction on the new runtime finalized at #${tx.blockNumber}`);
  });
});
