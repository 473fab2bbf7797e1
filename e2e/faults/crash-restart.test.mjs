// Crash-restart: while a flood runs, the node is killed with SIGKILL and restarted on the same
// base path, three times. After each restart the finalized head is at least what it was, the
// block finalized before the kill is still the chain's block at that height with the same
// state for a sample of accounts and records, accounts the flood never touched are as they
// were, and block production resumes. After the last restart every sender's next transaction
// still lands.

import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { after, test } from 'node:test';

import { connect, devAccounts, signAndWait, UNIT, waitForBlocks } from '../lib/chain.mjs';
import {
  floodCall,
  floodSenders,
  fundSenders,
  poolNonces,
  signOffline,
  submit,
  waitDrained,
} from './flood.mjs';
import { DevNode } from './node.mjs';

const ROUNDS = Number(process.env.FAULTS_CRASH_ROUNDS || 3);
const SENDERS = 20;

let node;
let api;

after(async () => {
  await api?.disconnect().catch(() => {});
  if (process.exitCode && node) console.error(node.tailLog(120));
  await node?.dispose();
});

/**
 * A flood that runs until stopped: one loop per sender, each signing its next transaction with
 * the next nonce and submitting it (`submit` retries while the pool is full). `stop()` ends the loops
 * and resolves with what was accepted and the errors met before `expectFailures()` was called
 * (after it, the node is about to die and failures are the point).
 */
function continuousFlood(api, senders, nonces) {
  let running = true;
  let failuresExpected = false;
  const stats = { accepted: 0, poolFull: 0, unexpected: [] };
  const loops = senders.map(async (pair, i) => {
    for (let k = 0; running; k += 1) {
      const hex = signOffline(api, floodCall(api, senders, i, nonces[i] + k), pair, nonces[i] + k);
      try {
        await submit(api, hex, stats);
      } catch (err) {
        if (!failuresExpected) stats.unexpected.push(String(err.message ?? err));
        return;
      }
    }
  });
  return {
    expectFailures() {
      failuresExpected = true;
    },
    async stop() {
      running = false;
      failuresExpected = true;
      await Promise.all(loops);
      return stats;
    },
  };
}

/**
 * What must survive a crash, read at block `hash`: `accounts`, the records of the first five,
 * and (with `totals`) the next record id and the total issuance.
 */
async function sampleState(api, hash, accounts, { totals = true } = {}) {
  const at = await api.at(hash);
  const [balances, records] = await Promise.all([
    at.query.system.account.multi(accounts),
    Promise.all(accounts.slice(0, 5).map((a) => at.query.records.patientRecords.keys(a))),
  ]);
  const sample = {
    balances: balances.map((b) => b.toJSON()),
    records: records.map((keys) => keys.map((k) => k.toHex()).sort()),
  };
  if (totals) {
    const [nextRecordId, issuance] = await Promise.all([at.query.records.nextRecordId(), at.query.balances.totalIssuance()]);
    Object.assign(sample, { nextRecordId: nextRecordId.toJSON(), issuance: issuance.toString() });
  }
  return JSON.stringify(sample);
}

test(`kill -9 under a flood and restart on the same base path, ${ROUNDS} times: nothing finalized is lost`, async () => {
  node = new DevNode('crash');
  await node.start();
  api = await connect({ url: node.wsUrl });
  const { keyring, alice, bob, charlie, dave } = await devAccounts();
  const senders = floodSenders(keyring, SENDERS, 'Crash');
  await fundSenders(api, alice, senders, 1_000n * UNIT);
  // A patient's record from before any crash.
  await signAndWait(
    api.tx.records.addRecord({ system: 'Loinc', code: '18842-5' }, `0x${'c1'.repeat(32)}`, 'https://hospital.example/r/1'),
    bob,
  );
  const untouched = [bob.address, charlie.address, dave.address];
  const untouchedBefore = await sampleState(api, await api.rpc.chain.getFinalizedHead(), untouched, { totals: false });
  const sampled = [...senders.slice(0, 10).map((s) => s.address), alice.address, ...untouched];

  const lines = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    const load = continuousFlood(api, senders, await poolNonces(api, senders));
    await waitForBlocks(api, 3, 120_000);
    const finalized = await api.rpc.chain.getFinalizedHead();
    const finalizedNumber = (await api.rpc.chain.getHeader(finalized)).number.toNumber();
    const before = await sampleState(api, finalized, sampled);
    load.expectFailures();
    await node.kill9();
    const flooded = await load.stop();
    await api.disconnect().catch(() => {});
    assert.deepEqual(flooded.unexpected, [], `round ${round}: the flood met no error before the kill`);

    const restartStart = performance.now();
    await node.start();
    api = await connect({ url: node.wsUrl });
    const restartMs = Math.round(performance.now() - restartStart);
    const headAfter = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
    assert.ok(headAfter >= finalizedNumber, `round ${round}: finalized #${headAfter} after restart ≥ #${finalizedNumber}`);
    assert.equal(
      (await api.rpc.chain.getBlockHash(finalizedNumber)).toHex(),
      finalized.toHex(),
      `round ${round}: block #${finalizedNumber} is the one finalized before the kill`,
    );
    assert.equal(await sampleState(api, finalized, sampled), before, `round ${round}: sampled state at #${finalizedNumber} unchanged`);
    const resumedAt = await waitForBlocks(api, 2, 60_000);
    lines.push(
      `faults:   round ${round}: ${flooded.accepted} transactions accepted, killed with #${finalizedNumber} finalized; ` +
        `restarted in ${restartMs} ms at finalized #${headAfter}; production resumed (#${resumedAt})`,
    );
  }

  // The accounts the flood never touched are as they were, at the head.
  const untouchedAfter = await sampleState(api, await api.rpc.chain.getFinalizedHead(), untouched, { totals: false });
  assert.equal(untouchedAfter, untouchedBefore, 'untouched accounts unchanged');
  // Every sender's next transaction lands: nonces on chain and in the pool agree after the crashes.
  const nonces = await poolNonces(api, senders);
  for (const [i, pair] of senders.entries()) {
    await api.rpc.author.submitExtrinsic(signOffline(api, floodCall(api, senders, i, nonces[i]), pair, nonces[i]));
  }
  await waitDrained(
    api,
    senders,
    nonces.map((n) => n + 1),
    60_000,
  );
  console.log([`faults: crash-restart under a flood from ${SENDERS} senders, ${ROUNDS} rounds`, ...lines].join('\n'));
});
