// Foundation: the chain identifies itself, its metadata decodes without custom types,
// the runtime APIs answer, a signed transfer lands, and blocks are produced and finalized.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import {
  SS58_FORMAT,
  TOKEN_DECIMALS,
  TOKEN_SYMBOL,
  UNIT,
  connect,
  devAccounts,
  findEvents,
  freeBalance,
  signAndWait,
  waitForBlocks,
  waitForFinalized,
} from '../lib/chain.mjs';

// The pallets every runtime version must have; later issues add more, so this is a minimum.
const MIN_PALLETS = [
  'System', 'ParachainSystem', 'Timestamp', 'ParachainInfo', 'WeightReclaim',
  'Balances', 'TransactionPayment', 'Sudo', 'Authorship', 'CollatorSelection',
  'Session', 'Aura', 'AuraExt', 'XcmpQueue', 'PolkadotXcm', 'CumulusXcm',
  'MessageQueue', 'Utility', 'Multisig', 'Proxy',
];
const DEV_ACCOUNTS = ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie'];
const STORAGE_PAGE = 5; // map entries read per storage map: enough to exercise decoding

let api;
let accounts;

before(async () => {
  api = await connect();
  accounts = await devAccounts();
});

after(async () => {
  await api?.disconnect();
});

/** `address` in the chain's own SS58 format, as account ids from storage and events print. */
function chainAddress(address) {
  return api.createType('AccountId32', address).toString();
}

/** The `api.call` section of a runtime API, failing clearly when the runtime lacks it. */
function runtimeApi(section) {
  assert.ok(api.call[section], `the runtime has no ${section} runtime API`);
  return api.call[section];
}

/** Text of a string-like codec: `Text`, or `Bytes`/`Vec<u8>` holding UTF-8. */
function asText(codec) {
  return codec instanceof Uint8Array ? new TextDecoder().decode(codec) : codec.toString();
}

describe('chain identity', () => {
  it('has the HealthChain token and address format', async () => {
    assert.equal(api.registry.chainSS58, SS58_FORMAT);
    assert.deepEqual(api.registry.chainTokens, [TOKEN_SYMBOL]);
    assert.deepEqual(api.registry.chainDecimals, [TOKEN_DECIMALS]);

    // The registry takes the SS58 format from the runtime's System.SS58Prefix, and falls back
    // to 'Unit' / 12 when the chain spec has no token: so check the node's properties as well.
    const props = await api.rpc.system.properties();
    assert.deepEqual(props.tokenSymbol.unwrapOrDefault().map((s) => s.toString()), [TOKEN_SYMBOL]);
    assert.deepEqual(props.tokenDecimals.unwrapOrDefault().map((d) => d.toNumber()), [TOKEN_DECIMALS]);
    if (props.ss58Format.isSome) assert.equal(props.ss58Format.unwrap().toNumber(), SS58_FORMAT);
    assert.equal(api.consts.system.ss58Prefix.toNumber(), SS58_FORMAT);
  });

  it('names the chain and runs the healthchain runtime', async () => {
    const chain = (await api.rpc.system.chain()).toString();
    assert.ok(chain.length > 0, 'system_chain is empty');
    assert.equal(api.runtimeVersion.specName.toString(), 'healthchain');
    const rpcVersion = await api.rpc.state.getRuntimeVersion();
    assert.equal(rpcVersion.specName.toString(), 'healthchain');
  });

  it('endows the dev accounts and makes Alice sudo', async () => {
    for (const name of DEV_ACCOUNTS) {
      const free = await freeBalance(api, accounts[name].address);
      assert.ok(free > 0n, `${name} has no free balance`);
    }
    assert.equal((await api.query.sudo.key()).unwrap().toString(), chainAddress(accounts.alice.address));
  });
});

describe('metadata decodes without custom types', () => {
  it('is metadata v14 or later', (t) => {
    const version = api.runtimeMetadata.version;
    t.diagnostic(`metadata version in use: v${version}`);
    assert.ok(version >= 14, `metadata v${version} is older than v14`);
  });

  it('has the minimum set of pallets', () => {
    const pallets = api.runtimeMetadata.asLatest.pallets.map((p) => p.name.toString());
    const missing = MIN_PALLETS.filter((name) => !pallets.includes(name));
    assert.deepEqual(missing, [], `missing pallets; present: ${pallets.join(', ')}`);
  });

  it('decodes every storage entry of every pallet', { timeout: 180_000 }, async (t) => {
    const failures = [];
    let read = 0;
    for (const [section, entries] of Object.entries(api.query)) {
      if (section === 'substrate') continue; // well-known raw keys (:code, ...), not a pallet
      for (const [method, entry] of Object.entries(entries)) {
        const where = `${section}.${method}`;
        try {
          if (entry.creator.meta.type.isPlain) {
            (await entry()).toHuman();
          } else {
            const page = await entry.entriesPaged({ args: [], pageSize: STORAGE_PAGE });
            for (const [key, value] of page) {
              key.args.map((arg) => arg.toHuman()); // keys decode lazily: force it
              value.toHuman();
            }
          }
          read += 1;
        } catch (err) {
          failures.push(`${where}: ${err.message}`);
        }
      }
    }
    t.diagnostic(`storage entries read: ${read}`);
    assert.ok(read > 0, 'no storage entry was read');
    assert.deepEqual(failures, []);
  });

  it('describes every call', () => {
    const failures = [];
    let calls = 0;
    for (const [section, methods] of Object.entries(api.tx)) {
      for (const [method, call] of Object.entries(methods)) {
        calls += 1;
        try {
          assert.ok(call.meta.name.toString().length > 0, 'no name');
          // each argument's type must resolve in the metadata's type registry
          for (const field of call.meta.fields) api.registry.lookup.getTypeDef(field.type);
        } catch (err) {
          failures.push(`${section}.${method}: ${err.message}`);
        }
      }
    }
    assert.ok(calls > 0, 'no calls in metadata');
    assert.deepEqual(failures, []);
  });

  it('decodes every constant', () => {
    const failures = [];
    for (const [section, constants] of Object.entries(api.consts)) {
      for (const [name, value] of Object.entries(constants)) {
        try {
          value.toHuman();
        } catch (err) {
          failures.push(`${section}.${name}: ${err.message}`);
        }
      }
    }
    assert.deepEqual(failures, []);
  });

  it('lists Balances events and errors', () => {
    assert.ok(Object.keys(api.events.balances).length > 0, 'no Balances events');
    assert.ok(Object.keys(api.errors.balances).length > 0, 'no Balances errors');
    assert.ok(api.events.balances.Transfer, 'no Balances.Transfer event');
  });
});

describe('runtime APIs', () => {
  it('Core_version reports the healthchain runtime', async () => {
    const version = await runtimeApi('core').version();
    assert.equal(version.specName.toString(), 'healthchain');
  });

  it('Metadata_metadata_versions offers v15 or v16', async (t) => {
    const versions = (await runtimeApi('metadata').metadataVersions()).map((v) => v.toNumber());
    t.diagnostic(`metadata versions: ${versions.join(', ')}`); // u32::MAX marks an unstable one
    assert.ok(versions.includes(15) || versions.includes(16), `versions: ${versions}`);
  });

  it('AccountNonceApi answers for Alice', async () => {
    const nonce = await runtimeApi('accountNonceApi').accountNonce(accounts.alice.address);
    assert.ok(Number.isInteger(nonce.toNumber()) && nonce.toNumber() >= 0);
  });

  it('TransactionPaymentApi prices a signed transfer', async () => {
    const tx = api.tx.balances.transferKeepAlive(accounts.bob.address, UNIT);
    await tx.signAsync(accounts.alice, { nonce: -1 }); // signed, never submitted
    const encoded = tx.toU8a(); // what tx.paymentInfo() passes too
    const info = await runtimeApi('transactionPaymentApi').queryInfo(encoded, encoded.length);
    assert.ok(info.partialFee.toBigInt() > 0n, 'zero fee');
    assert.ok(info.weight.refTime.toBigInt() > 0n, 'zero weight');
  });

  it('AuraApi gives a slot duration', async (t) => {
    const slot = (await runtimeApi('auraApi').slotDuration()).toNumber();
    t.diagnostic(`slot duration: ${slot} ms`);
    assert.ok(slot > 0);
  });

  it('GenesisBuilder lists the development and local_testnet presets', async () => {
    const presets = (await runtimeApi('genesisBuilder').presetNames()).map(asText);
    assert.ok(presets.includes('development'), `presets: ${presets}`);
    assert.ok(presets.includes('local_testnet'), `presets: ${presets}`);
  });

  it('GetParachainInfo gives the para id, when the runtime has it', async (t) => {
    if (!api.call.getParachainInfo?.parachainId) {
      t.skip('the runtime has no GetParachainInfo API');
      return;
    }
    const id = await api.call.getParachainInfo.parachainId();
    // ParaId may decode as a u32 or as a one-field struct around it.
    const paraId = typeof id.toNumber === 'function' ? id.toNumber() : Number(id.toJSON());
    t.diagnostic(`para id: ${paraId}`);
    assert.ok(Number.isInteger(paraId) && paraId >= 0, `para id: ${id.toString()}`);
    assert.equal(id.toString(), (await api.query.parachainInfo.parachainId()).toString());
  });
});

describe('balance transfer', () => {
  it('moves 1 HCU from Alice to Bob', { timeout: 120_000 }, async (t) => {
    const { alice, bob } = accounts;
    const amount = UNIT;
    const { blockHash, blockNumber, events } = await signAndWait(
      api.tx.balances.transferKeepAlive(bob.address, amount),
      alice,
    );

    const transfers = findEvents(events, 'balances', 'Transfer');
    assert.equal(transfers.length, 1, 'expected one Balances.Transfer');
    const [from, to, value] = transfers[0].data;
    assert.equal(from.toString(), chainAddress(alice.address));
    assert.equal(to.toString(), chainAddress(bob.address));
    assert.equal(value.toBigInt(), amount);
    assert.equal(findEvents(events, 'system', 'ExtrinsicSuccess').length, 1);

    // Compare Bob's balance just before and just after the inclusion block, so blocks
    // before or after it cannot blur the result.
    const header = await api.rpc.chain.getHeader(blockHash);
    const before = await freeBalance(api, bob.address, header.parentHash);
    const afterwards = await freeBalance(api, bob.address, blockHash);
    // Should Bob be a collator, he may also be credited in the same block (e.g. an author
    // reward); such credits show up as Balances Transfer/Deposit events to him.
    const blockEvents = await (await api.at(blockHash)).query.system.events();
    const credited = findEvents(blockEvents, 'balances', 'Transfer')
      .filter((e) => e.data[1].eq(bob.address))
      .concat(findEvents(blockEvents, 'balances', 'Deposit').filter((e) => e.data[0].eq(bob.address)))
      .reduce((sum, e) => sum + e.data.at(-1).toBigInt(), 0n);
    const otherCredits = credited - amount;
    if (otherCredits !== 0n) t.diagnostic(`Bob was also credited ${otherCredits} in that block`);
    assert.equal(afterwards - before - otherCredits, amount);

    // The inclusion block ends up finalized and canonical.
    const finalized = await waitForFinalized(api, blockNumber, 60_000);
    assert.ok(finalized.number >= blockNumber);
    assert.equal((await api.rpc.chain.getBlockHash(blockNumber)).toHex(), blockHash.toHex());
  });
});

describe('block production', () => {
  it('keeps producing blocks', { timeout: 60_000 }, async () => {
    const start = (await api.rpc.chain.getHeader()).number.toNumber();
    const reached = await waitForBlocks(api, 2, 30_000);
    assert.ok(reached >= start + 2, `best block went from #${start} to #${reached}`);
  });

  it('keeps finalizing blocks', { timeout: 90_000 }, async () => {
    const finalizedHash = await api.rpc.chain.getFinalizedHead();
    const start = (await api.rpc.chain.getHeader(finalizedHash)).number.toNumber();
    const reached = await waitForFinalized(api, start + 2, 60_000);
    assert.ok(reached.number >= start + 2);
  });
});
