// Elastic scaling on the relay network (scripts/network.sh runs it after network.test.mjs, on
// the same network): HealthChain, para 2000, holds core 0 from its genesis registration; the
// relay chain's sudo (Alice) assigns it core 1, then core 2, and the slot-based collators build
// one block per core in each relay slot. Measured at each step over the same number of finalized
// relay blocks: HealthChain candidates included per relay block (`paraInclusion.CandidateIncluded`
// for 2000, with the cores they came on), the para chain's advance per relay block and the para
// blocks built per Aura slot. Every block has the same limits (2 s of compute, the relay chain's
// PoV size), so the blocks included per relay block are the capacity multiple.
//
// The cores assigned here stay assigned: the test runs last, once per network. The relay chain's
// three validators must all stay up (GRANDPA with three authorities needs all three).
//
// Each step prints what it measured (t.diagnostic). The steps build on each other and run in
// order.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import {
  connect,
  describeDispatchError,
  devKeyring,
  signAndWait,
  waitForFinalized,
} from '../lib/chain.mjs';
import { best, seconds, until } from './common.mjs';

const PARA_ID = 2000;
const READY_MS = Number(process.env.NETWORK_READY_TIMEOUT || 300) * 1000;
/** Relay blocks each inclusion measurement counts. */
const WINDOW = Number(process.env.ELASTIC_WINDOW || 10);
/** The whole of a core, in the relay chain's parts of 57,600. */
const FULL_CORE = 57_600;

let relay; // validator Alice
let relayCharlie; // validator Charlie, the third backing group
let paraB; // collator B
let sudoKey; // //Alice, the relay chain's sudo
const results = {}; // per core count: inclusion figures

const sum = (values) => values.reduce((a, b) => a + b, 0);

/** The relay chain's claim queue at its best block: core -> para ids, in claim order. */
async function claimQueue() {
  const queue = await relay.call.parachainHost.claimQueue();
  const cores = {};
  for (const [core, paras] of queue.entries()) cores[core.toNumber()] = paras.map((p) => p.toNumber());
  return cores;
}

/** The cores whose claim queue holds HealthChain. */
const coresOfPara = (queue) =>
  Object.entries(queue)
    .filter(([, paras]) => paras.includes(PARA_ID))
    .map(([core]) => Number(core))
    .sort((a, b) => a - b);

/** The cores of the HealthChain candidates included in relay block `hash`, one entry each. */
async function candidatesIn(hash) {
  const records = await relay.query.system.events.at(hash);
  const cores = [];
  for (const { event } of records) {
    if (!relay.events.paraInclusion.CandidateIncluded.is(event)) continue;
    const [receipt, , core] = event.data;
    if (receipt.descriptor.paraId.toNumber() === PARA_ID) cores.push(core.toNumber());
  }
  return cores;
}

/** The Aura slot a HealthChain block was built in. */
function auraSlot(header) {
  const log = header.digest.logs.find((l) => l.isPreRuntime && l.asPreRuntime[0].toString() === 'aura');
  return paraB.createType('u64', log.asPreRuntime[1]).toNumber();
}

/**
 * Counts, over the next WINDOW relay blocks (read once finalized), the HealthChain candidates
 * included per relay block and the cores they came on, and how far collator B's best block moved
 * per relay block, with the para blocks built per Aura slot (one slot per relay slot).
 */
async function measureInclusion() {
  const [r0, p0] = [await best(relay), await best(paraB)];
  const started = Date.now();
  await until(`${WINDOW} relay blocks`, async () => (await best(relay)) >= r0 + WINDOW, WINDOW * 18_000 + 30_000);
  const [r1, p1] = [await best(relay), await best(paraB)];
  const elapsed = Date.now() - started;
  await waitForFinalized(relay, r0 + WINDOW, 120_000);
  const perBlock = [];
  const byCore = {};
  for (let n = r0 + 1; n <= r0 + WINDOW; n++) {
    const cores = await candidatesIn(await relay.rpc.chain.getBlockHash(n));
    perBlock.push(cores.length);
    for (const core of cores) byCore[core] = (byCore[core] || 0) + 1;
  }
  const perSlot = new Map();
  for (let n = p0 + 1; n <= p1; n++) {
    const slot = auraSlot(await paraB.rpc.chain.getHeader(await paraB.rpc.chain.getBlockHash(n)));
    perSlot.set(slot, (perSlot.get(slot) || 0) + 1);
  }
  return {
    from: r0 + 1,
    to: r0 + WINDOW,
    perBlock,
    byCore,
    average: sum(perBlock) / WINDOW,
    max: Math.max(...perBlock),
    paraAdvance: (p1 - p0) / (r1 - r0),
    paraBlocks: `#${p0}..#${p1}`,
    blocksPerSlot: [...perSlot.values()],
    elapsed,
  };
}

function reportInclusion(t, cores, m) {
  t.diagnostic(`${cores} core(s), relay #${m.from}..#${m.to} (${seconds(m.elapsed)}): ` +
    `${sum(m.perBlock)} candidates, ${m.average.toFixed(2)} per relay block [${m.perBlock.join(' ')}], ` +
    `by core ${JSON.stringify(m.byCore)}`);
  t.diagnostic(`${cores} core(s): para best ${m.paraBlocks}, ${m.paraAdvance.toFixed(2)} blocks per relay block; ` +
    `para blocks per Aura slot [${m.blocksPerSlot.join(' ')}]`);
}

/**
 * Assigns all of relay core `core` to HealthChain from now on (`coretime.assignCore` through
 * Alice's sudo) and resolves with the relay block it is in once the claim queue shows it.
 */
async function assignCore(core) {
  const call = relay.tx.coretime.assignCore(core, 0, [[{ Task: PARA_ID }, FULL_CORE]], null);
  const included = await signAndWait(relay.tx.sudo.sudo(call), sudoKey, { api: relay });
  const sudid = included.events.find(({ event }) => relay.events.sudo.Sudid.is(event));
  assert.ok(sudid, 'a Sudo.Sudid event');
  const outcome = sudid.event.data[0];
  if (outcome.isErr) assert.fail(`coretime.assignCore(${core}) failed: ${describeDispatchError(relay.registry, outcome.asErr).name}`);
  await until(`para ${PARA_ID} in the claim queue of core ${core}`, async () => coresOfPara(await claimQueue()).includes(core), 60_000);
  return included.blockNumber;
}

/** The first relay block after `from` that includes a HealthChain candidate on `core`. */
function firstCandidateOn(core, from) {
  let next = from + 1;
  return until(`a HealthChain candidate included on core ${core}`, async () => {
    const head = await best(relay);
    for (; next <= head; next++) {
      if ((await candidatesIn(await relay.rpc.chain.getBlockHash(next))).includes(core)) return next;
    }
    return 0;
  }, 180_000);
}

before(async () => {
  for (const name of ['RELAY_ALICE_WS', 'RELAY_CHARLIE_WS', 'COLLATOR_B_WS']) {
    assert.ok(process.env[name], `${name} (run through scripts/network.sh, or source its env file)`);
  }
  relay = await connect({ url: process.env.RELAY_ALICE_WS, timeoutMs: READY_MS });
  relayCharlie = await connect({ url: process.env.RELAY_CHARLIE_WS, timeoutMs: READY_MS });
  paraB = await connect({ url: process.env.COLLATOR_B_WS, timeoutMs: READY_MS });
  const keyring = await devKeyring();
  sudoKey = keyring.addFromUri('//Alice');
});

after(async () => {
  for (const api of [paraB, relayCharlie, relay]) await api?.disconnect().catch(() => {});
});

describe('elastic scaling: HealthChain on one, two and three relay-chain cores', () => {
  it('the relay chain has three validators and three cores; HealthChain holds core 0 only', async (t) => {
    const validators = await relay.query.session.validators();
    const groups = await relay.query.paraScheduler.validatorGroups();
    const { schedulerParams } = await relay.query.configuration.activeConfig();
    const queue = await claimQueue();
    const [aliceBest, charlieBest] = [await best(relay), await best(relayCharlie)];
    t.diagnostic(`relay best #${aliceBest} at Alice, #${charlieBest} at Charlie`);
    assert.ok(Math.abs(aliceBest - charlieBest) <= 3, 'Charlie follows the relay chain');
    t.diagnostic(`${validators.length} validators in ${groups.length} backing groups; scheduler lookahead ` +
      `${schedulerParams.lookahead}, num_cores ${schedulerParams.numCores}, max_validators_per_core ` +
      `${schedulerParams.maxValidatorsPerCore}; claim queue ${JSON.stringify(queue)}`);
    assert.equal(validators.length, 3, 'three validators (one per core: max_validators_per_core is 1)');
    assert.ok(groups.length >= 3, `three backing groups, one per core (${groups.length})`);
    assert.ok(schedulerParams.lookahead.toNumber() >= 3, 'a claim queue at least three deep (RelayParentOffset 1 reads it two deep)');
    assert.deepEqual(coresOfPara(queue), [0],
      'HealthChain on core 0 alone: the elastic test runs once per network, after network.test.mjs');
  });

  it('one core: about one HealthChain candidate per relay block', async (t) => {
    const m = await measureInclusion();
    results[1] = { inclusion: m };
    reportInclusion(t, 1, m);
    assert.ok(m.max <= 1 && m.average <= 1, 'a core takes at most one candidate per relay block');
    assert.ok(m.average >= 0.5, `HealthChain advances on its core (${m.average.toFixed(2)} per relay block)`);
  });

  it('core 1 assigned: about two candidates per relay block', async (t) => {
    const assignedAt = await assignCore(1);
    const firstAt = await firstCandidateOn(1, assignedAt);
    t.diagnostic(`core 1 assigned in relay block #${assignedAt}; claim queue ${JSON.stringify(await claimQueue())}; ` +
      `first candidate on core 1 included in #${firstAt}`);
    assert.deepEqual(coresOfPara(await claimQueue()), [0, 1], 'HealthChain on cores 0 and 1');
    const m = await measureInclusion();
    results[2] = { inclusion: m };
    reportInclusion(t, 2, m);
    assert.ok(m.max <= 2, 'at most one candidate per core per relay block');
    assert.ok(m.byCore[0] > 0 && m.byCore[1] > 0, `candidates on both cores: ${JSON.stringify(m.byCore)}`);
    assert.equal(m.max, 2, 'some relay block includes two HealthChain candidates');
    // Against one core over the same number of relay blocks: each window of ten holds one
    // session change (one-minute sessions), at which the relay chain drops the candidates built
    // on the old session's relay parents (max_relay_parent_session_age 0), on every core alike.
    const multiple = m.average / results[1].inclusion.average;
    t.diagnostic(`two cores against one: ${multiple.toFixed(2)}x the candidates per relay block`);
    assert.ok(multiple >= 1.6, `two cores include at least 1.6x one core's candidates (${multiple.toFixed(2)}x)`);
  });

  it('core 2 assigned: about three candidates per relay block', async (t) => {
    const assignedAt = await assignCore(2);
    const firstAt = await firstCandidateOn(2, assignedAt);
    t.diagnostic(`core 2 assigned in relay block #${assignedAt}; claim queue ${JSON.stringify(await claimQueue())}; ` +
      `first candidate on core 2 included in #${firstAt}`);
    assert.deepEqual(coresOfPara(await claimQueue()), [0, 1, 2], 'HealthChain on cores 0, 1 and 2');
    const m = await measureInclusion();
    results[3] = { inclusion: m };
    reportInclusion(t, 3, m);
    t.diagnostic(`candidates per relay block: ${[1, 2, 3].map((c) => `${c} core(s) ${results[c].inclusion.average.toFixed(2)}`).join(', ')}`);
    assert.ok(m.max <= 3, 'at most one candidate per core per relay block');
    assert.ok(m.byCore[0] > 0 && m.byCore[1] > 0 && m.byCore[2] > 0, `candidates on all three cores: ${JSON.stringify(m.byCore)}`);
    assert.equal(m.max, 3, 'some relay block includes three HealthChain candidates');
    const multiple = m.average / results[1].inclusion.average;
    t.diagnostic(`three cores against one: ${multiple.toFixed(2)}x the candidates per relay block`);
    assert.ok(multiple >= 2.4, `three cores include at least 2.4x one core's candidates (${multiple.toFixed(2)}x)`);
  });
});
