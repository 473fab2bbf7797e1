// Hostile input over RPC: garbage and oversized extrinsics, wrong signatures, stale and future
// nonces, huge batches, an oversized vector in every HealthChain call, and malformed JSON-RPC.
// Each is refused with an error (or, for a batch over its call limit, fails in its block with a
// typed error), nothing it carries reaches the state, and the node keeps producing blocks.

import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { after, before, test } from 'node:test';

import { compactFromU8a, hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';

import { connect, devAccounts, signAndWait, waitForBlocks } from '../lib/chain.mjs';
import { signOffline } from './flood.mjs';
import { startWithApi } from './node.mjs';
import { encodeSmallest, isBounded, vectorSites } from './scale.mjs';

/** The pallets whose every call gets an oversized vector. */
const HEALTHCHAIN_PALLETS = ['credentials', 'records', 'consent', 'provenance', 'prescriptions', 'clinicalTrials', 'claims'];
/** Elements in an oversized vector: above every bound the runtime sets on a call argument. */
const OVERSIZED = 5_000;

let node;
let api;
let accounts;
let running;

before(async () => {
  running = await startWithApi('hostile', connect);
  ({ node, api } = running);
  accounts = await devAccounts();
});

after(async () => {
  await running?.close();
});

/** Submits raw `hex`; resolves with the node's JSON-RPC error (and fails if it was accepted). */
async function refused(hex, what) {
  const reply = await node.rpc('author_submitExtrinsic', [hex], { timeoutMs: 60_000 });
  assert.ok(reply.error, `${what}: refused (got ${JSON.stringify(reply).slice(0, 200)})`);
  return reply.error;
}

/** The node's answer to a raw HTTP body. */
async function rawHttp(body, contentType = 'application/json') {
  const response = await fetch(node.httpUrl, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

/** The node still answers and produces a new block. */
async function stillProducing(what) {
  const health = await node.rpc('system_health');
  assert.ok(health.result, `${what}: system_health answers`);
  await waitForBlocks(api, 1, 30_000);
}

async function nonceOf(address) {
  return (await api.query.system.account(address)).nonce.toNumber();
}

test('garbage and truncated extrinsics are refused', async () => {
  const { alice, bob } = accounts;
  const nonce = await nonceOf(alice.address);
  const valid = hexToU8a(signOffline(api, api.tx.balances.transferKeepAlive(bob.address, 1_000_000_000_000n), alice, nonce));
  const cases = {
    'empty': '0x',
    'one byte': '0x00',
    'random 100 bytes': u8aToHex(crypto.getRandomValues(new Uint8Array(100))),
    'random 64 KiB': u8aToHex(crypto.getRandomValues(new Uint8Array(65_536))),
    'a length prefix promising 4 GiB': '0xfeffffffff00',
    'a valid transfer cut short': u8aToHex(valid.slice(0, valid.length - 10)),
    'not hex': '0xnothex',
  };
  const codes = {};
  for (const [what, hex] of Object.entries(cases)) {
    const started = performance.now();
    codes[what] = `${(await refused(hex, what)).code} in ${Math.round(performance.now() - started)} ms`;
  }
  console.log(`faults: garbage extrinsics refused with codes ${JSON.stringify(codes)}`);
  assert.equal(await nonceOf(alice.address), nonce, 'nothing was applied');
  await stillProducing('after garbage');
});

test('oversized extrinsics are refused: over the block length, and over the RPC request limit', async () => {
  const { alice } = accounts;
  const nonce = await nonceOf(alice.address);
  const maxLength = api.consts.system.blockLength.max.normal.toNumber();
  const overBlock = signOffline(api, api.tx.system.remark(`0x${'00'.repeat(maxLength + 1)}`), alice, nonce);
  const error = await refused(overBlock, 'a remark longer than a block');
  assert.match(error.message + (error.data ?? ''), /exhaust|resources|too large|Payment|fees/i);
  // 8 MiB of bytes is 16 MiB of hex: over the RPC server's 15 MiB request limit. The server
  // answers 413, or closes the connection while the body is still arriving.
  const overRequest = `0x${'00'.repeat(8 * 1024 * 1024)}`;
  let tooBig;
  try {
    const reply = await rawHttp(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'author_submitExtrinsic', params: [overRequest] }));
    assert.ok(reply.status === 413 || reply.json?.error, `a 16 MiB request is refused (HTTP ${reply.status})`);
    tooBig = `HTTP ${reply.status}`;
  } catch (err) {
    const cause = err.cause?.code ?? err.cause?.message ?? err.message;
    assert.match(String(cause), /EPIPE|ECONNRESET|other side closed|socket/i, `a 16 MiB request: ${cause}`);
    tooBig = `connection closed (${cause})`;
  }
  console.log(`faults: a ${maxLength + 1}-byte remark refused (${error.code}: ${error.message}); a 16 MiB request: ${tooBig}`);
  assert.equal(await nonceOf(alice.address), nonce, 'nothing was applied');
  await stillProducing('after oversized extrinsics');
});

test('wrong signatures are refused', async () => {
  const { alice, bob } = accounts;
  const nonce = await nonceOf(alice.address);
  const signed = hexToU8a(signOffline(api, api.tx.balances.transferKeepAlive(bob.address, 1_000_000_000_000n), alice, nonce));
  // Layout: compact length, version, MultiAddress::Id (0x00 + 32 bytes), MultiSignature (type + 64 bytes).
  const [prefix] = compactFromU8a(signed);
  assert.equal(signed[prefix], 0x84, 'a signed v4 extrinsic');
  const addressAt = prefix + 2;
  const signatureAt = addressAt + 32 + 1;
  const flipped = signed.slice();
  flipped[signatureAt + 10] ^= 0xff;
  const bobClaimingAlice = hexToU8a(
    signOffline(api, api.tx.balances.transferKeepAlive(bob.address, 1_000_000_000_000n), bob, await nonceOf(bob.address)),
  );
  bobClaimingAlice.set(alice.publicKey, addressAt);
  for (const [what, bytes] of Object.entries({
    'a flipped signature byte': flipped,
    "Bob's signature on Alice's account": bobClaimingAlice,
  })) {
    const error = await refused(u8aToHex(bytes), what);
    assert.match(`${error.message} ${error.data ?? ''}`, /bad signature|BadProof/i, `${what}: ${JSON.stringify(error)}`);
  }
  assert.equal(await nonceOf(alice.address), nonce, 'nothing was applied');
  await stillProducing('after wrong signatures');
});

test('stale nonces are refused; a future nonce waits in the pool and never runs out of turn', async () => {
  const { alice, bob } = accounts;
  await signAndWait(api.tx.system.remark('0x01'), alice);
  const nonce = await nonceOf(alice.address);
  const transfer = api.tx.balances.transferKeepAlive(bob.address, 1_000_000_000_000n);
  const stale = await refused(signOffline(api, transfer, alice, nonce - 1), 'a stale nonce');
  assert.match(`${stale.message} ${stale.data ?? ''}`, /outdated|stale/i);
  // A replay of an already included transaction is the same stale nonce.
  const future = signOffline(api, transfer, alice, nonce + 1_000);
  const accepted = await node.rpc('author_submitExtrinsic', [future]);
  assert.ok(accepted.result, 'a future nonce is held, not refused');
  await waitForBlocks(api, 3, 60_000);
  assert.equal(await nonceOf(alice.address), nonce, 'the future transaction did not run');
  const removed = await node.rpc('author_removeExtrinsic', [[{ extrinsic: future }]]);
  assert.equal(removed.result?.length, 1, 'and it can be removed from the pool');
  await stillProducing('after nonces');
});

test('huge batches: over the call limit fails in its block, over the block weight is refused', async () => {
  const { alice } = accounts;
  const limit = api.consts.utility.batchedCallsLimit.toNumber();
  const remarks = Array.from({ length: limit + 1 }, () => api.tx.system.remark('0x'));
  const tooMany = signAndWait(api.tx.utility.batchAll(remarks), alice, { timeoutMs: 120_000 });
  await assert.rejects(tooMany, (err) => err.error === 'Utility.TooManyCalls');
  // Within the call limit, but each call heavy: more weight than a block has.
  const nonce = await nonceOf(alice.address);
  const heavy = Array.from({ length: limit }, (_, i) =>
    api.tx.records.addRecord({ system: 'Loinc', code: '18842-5' }, `0x${i.toString(16).padStart(64, '0')}`, `https://h.example/${i}`),
  );
  const overweight = await refused(signOffline(api, api.tx.utility.batchAll(heavy), alice, nonce), 'a batch heavier than a block');
  assert.match(`${overweight.message} ${overweight.data ?? ''}`, /exhaust|resources/i);
  console.log(`faults: a batch of ${limit + 1} calls failed with Utility.TooManyCalls; ${limit} record additions refused (${overweight.message})`);
  assert.equal(await nonceOf(alice.address), nonce, 'the overweight batch was not applied');
  await stillProducing('after huge batches');
});

test('an oversized vector in every HealthChain call is refused', async () => {
  const { alice } = accounts;
  const lookup = api.registry.lookup;
  const nonce = await nonceOf(alice.address);
  const before = (await api.query.system.account(alice.address)).toJSON();
  let sites = 0;
  const calls = new Set();
  const unbounded = [];
  const wrong = [];
  for (const section of HEALTHCHAIN_PALLETS) {
    for (const [method, fn] of Object.entries(api.tx[section])) {
      const fields = fn.meta.fields;
      for (const [index, field] of fields.entries()) {
        for (const path of vectorSites(lookup, field.type.toNumber())) {
          const label = `${section}.${method}(${field.name.toString()}${path.length ? ` at ${JSON.stringify(path)}` : ''})`;
          if (!isBounded(lookup, field.type.toNumber(), path)) {
            unbounded.push(label);
            continue;
          }
          const args = fields.map((f, i) =>
            i === index ? encodeSmallest(lookup, f.type.toNumber(), path, OVERSIZED) : encodeSmallest(lookup, f.type.toNumber()),
          );
          const call = api.createType('Call', u8aConcat(fn.callIndex, ...args));
          const error = await refused(signOffline(api, api.tx(call), alice, nonce), label);
          // The runtime cannot decode the transaction: refused before any check runs.
          if (!/decode|1002|Invalid/i.test(`${error.code} ${error.message} ${error.data ?? ''}`)) {
            wrong.push(`${label}: ${JSON.stringify(error)}`);
          }
          sites += 1;
          calls.add(`${section}.${method}`);
        }
      }
    }
  }
  console.log(`faults: ${sites} oversized vectors in ${calls.size} HealthChain calls refused`);
  assert.deepEqual(unbounded, [], 'every vector in a HealthChain call is bounded');
  assert.deepEqual(wrong, [], 'each refused as undecodable');
  assert.ok(sites > 0);
  assert.deepEqual((await api.query.system.account(alice.address)).toJSON(), before, 'nothing was applied or charged');
  await stillProducing('after oversized vectors');
});

test('malformed JSON-RPC is answered with JSON-RPC errors', async () => {
  const cases = [
    ['not JSON', '{"jsonrpc":"2.0","id":1,', -32700],
    // Read as a batch whose one entry is not a request.
    ['deeply nested', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, null],
    ['no method', '{"jsonrpc":"2.0","id":1}', -32600],
    ['wrong version', '{"jsonrpc":"1.0","id":1,"method":"system_health"}', -32600],
    ['unknown method', '{"jsonrpc":"2.0","id":1,"method":"system_selfDestruct","params":[]}', -32601],
    ['params of the wrong type', '{"jsonrpc":"2.0","id":1,"method":"author_submitExtrinsic","params":[42]}', -32602],
    ['a block hash that is not hex', '{"jsonrpc":"2.0","id":1,"method":"chain_getBlock","params":["0xzz"]}', -32602],
    ['a storage key of 1 MiB', `{"jsonrpc":"2.0","id":1,"method":"state_getStorage","params":["0x${'ab'.repeat(1 << 20)}"]}`, null],
  ];
  const answers = {};
  for (const [what, body, code] of cases) {
    const { status, json: reply, text } = await rawHttp(body);
    const json = Array.isArray(reply) ? reply[0] : reply;
    assert.ok(json?.error || json?.result === null, `${what}: a JSON-RPC answer (HTTP ${status}: ${text.slice(0, 200)})`);
    if (code !== null) assert.equal(json.error.code, code, `${what}: error ${code}`);
    answers[what] = json.error?.code ?? 'null result';
  }
  const batch = JSON.stringify(Array.from({ length: 1_000 }, (_, id) => ({ jsonrpc: '2.0', id, method: 'system_health', params: [] })));
  const batched = await rawHttp(batch);
  assert.ok(Array.isArray(batched.json) || batched.json?.error, 'a batch of 1,000 calls is answered');
  const wrongType = await rawHttp('{"jsonrpc":"2.0","id":1,"method":"system_health"}', 'text/plain');
  assert.ok(wrongType.status >= 400 || wrongType.json, 'a wrong content type is refused or answered');
  console.log(
    `faults: malformed JSON-RPC answered ${JSON.stringify(answers)}; a 1,000-call batch: ` +
      `${Array.isArray(batched.json) ? `${batched.json.length} answers` : batched.json.error.message}; text/plain: HTTP ${wrongType.status}`,
  );
  await stillProducing('after malformed JSON-RPC');
});
