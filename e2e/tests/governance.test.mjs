// Governance without sudo, through a running dev node: the production preset has no sudo key;
// a runtime upgrade needs the technical committee's whitelist and the council's approval and
// then takes effect; safe mode, entered by the committee, stops health-care calls until the
// committee lifts it; an XCM message from the relay chain cannot mint HCU from its token.
//
// On the dev chain the council is Alice, Bob and Charlie, the technical committee Dave, Eve
// and Ferdie (the `development` preset).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { blake2AsHex } from '@polkadot/util-crypto';
import { u8aConcat, u8aToHex, u8aToString } from '@polkadot/util';
import fs from 'node:fs';

import {
  ChainError,
  UNIT,
  connect,
  devAccounts,
  freeBalance,
  passMotion,
  signAndWait,
  sudo,
  upgradeThroughGovernance,
  waitForBlocks,
} from '../lib/chain.mjs';

let api;
let accounts;
let council;
let committee;

before(async () => {
  api = await connect();
  accounts = await devAccounts();
  council = [accounts.alice, accounts.bob, accounts.charlie];
  committee = [accounts.dave, accounts.eve, accounts.ferdie];
});

after(async () => {
  await api?.disconnect();
});

/** The motion's result, `'Ok'` or the error's name (see `passMotion` in lib/chain.mjs). */
async function motion(body, members, call) {
  return (await passMotion(api, body, members, call)).result;
}

describe('the production preset', () => {
  it('has no sudo key and endows no account', async () => {
    const names = (await api.call.genesisBuilder.presetNames()).map((n) => n.toString());
    assert.ok(names.includes('production'), `presets: ${names}`);
    const preset = await api.call.genesisBuilder.getPreset('production');
    assert.ok(preset.isSome, 'the runtime offers the production preset');
    // polkadot.js 16 hands back the runtime's SCALE-encoded `Option<Vec<u8>>` as the bytes
    // (a Some byte and a length before the JSON); the JSON starts at the first brace.
    const bytes = preset.unwrap();
    const patch = JSON.parse(u8aToString(bytes.subarray(bytes.indexOf(0x7b))));
    assert.equal(patch.sudo.key, null);
    assert.equal(patch.balances, undefined);
    assert.equal(patch.councilMembership, undefined);
    assert.equal(patch.collatorSelection.invulnerables, undefined);
  });
});

describe('safe mode', () => {
  it('stops health-care calls and transfers until the committee lifts it', async () => {
    const patient = accounts.keyring.addFromUri('//Governance//Patient');
    await signAndWait(api.tx.balances.transferKeepAlive(patient.address, 10n * UNIT), accounts.bob);
    const publishKey = () => api.tx.records.publishEncryptionKey(`0x${'42'.repeat(32)}`);

    // A griefer cannot enter it, by paying or by force.
    await assert.rejects(signAndWait(api.tx.safeMode.enter(), patient), (e) =>
      e instanceof ChainError && e.error === 'SafeMode.NotConfigured');
    await assert.rejects(signAndWait(api.tx.safeMode.forceEnter(), patient), (e) =>
      e instanceof ChainError && e.error === 'BadOrigin');

    assert.equal(await motion('technicalCommittee', committee.slice(0, 2), api.tx.safeMode.forceEnter()), 'Ok');
    try {
      assert.ok((await api.query.safeMode.enteredUntil()).isSome);
      await assert.rejects(signAndWait(publishKey(), patient), (e) =>
        e instanceof ChainError && e.error === 'System.CallFiltered');
      const before = await freeBalance(api, accounts.charlie.address);
      await assert.rejects(
        signAndWait(api.tx.balances.transferKeepAlive(accounts.charlie.address, UNIT), patient),
        (e) => e instanceof ChainError && e.error === 'System.CallFiltered',
      );
      assert.equal(await freeBalance(api, accounts.charlie.address), before);

      assert.equal(await motion('technicalCommittee', committee.slice(0, 2), api.tx.safeMode.forceExit()), 'Ok');
      assert.ok((await api.query.safeMode.enteredUntil()).isNone);
      await signAndWait(publishKey(), patient);
    } finally {
      // Never leave the shared dev node stopped for the files that run after this one.
      if ((await api.query.safeMode.enteredUntil()).isSome) await sudo(api, api.tx.safeMode.forceExit());
    }
  });
});

/**
 * `DryRunApi.dry_run_xcm`, with its types read from the runtime's metadata: polkadot.js 16's
 * built-in definition of the result predates XCM's `InstructionError` and misreads it.
 */
async function dryRunXcm(origin, message) {
  const method = api.runtimeMetadata.asLatest.apis
    .find((a) => a.name.eq('DryRunApi'))
    .methods.find((m) => m.name.eq('dry_run_xcm'));
  const [originType, messageType] = method.inputs.map((input) => api.registry.createLookupType(input.type));
  const args = u8aConcat(api.createType(originType, origin).toU8a(), api.createType(messageType, message).toU8a());
  const raw = await api.rpc.state.call('DryRunApi_dry_run_xcm', u8aToHex(args));
  return api.createType(api.registry.createLookupType(method.output), raw);
}

describe('cross-consensus messages', () => {
  const relay = { parents: 1, interior: 'Here' };
  const bobBeneficiary = () => ({
    parents: 0,
    interior: { X1: [{ AccountId32: { network: null, id: accounts.bob.publicKey } }] },
  });
  const depositToBob = (fees) => [
    'ClearOrigin',
    { BuyExecution: { fees: { id: fees, fun: { Fungible: UNIT } }, weightLimit: 'Unlimited' } },
    { DepositAsset: { assets: { Wild: { AllCounted: 1 } }, beneficiary: bobBeneficiary() } },
  ];

  for (const [what, first, refusal] of [
    ['a reserve deposit', 'ReserveAssetDeposited', 'UntrustedReserveLocation'],
    ['a teleport', 'ReceiveTeleportedAsset', 'UntrustedTeleportLocation'],
  ]) {
    it(`${what} of the relay chain's token mints no HCU`, async () => {
      const message = {
        V5: [{ [first]: [{ id: relay, fun: { Fungible: 10n * UNIT } }] }, ...depositToBob(relay)],
      };
      const result = await dryRunXcm({ V5: relay }, message);
      assert.ok(result.isOk, `the dry run ran: ${result.toString()}`);
      const effects = result.asOk.toHuman();
      assert.equal(effects.executionResult.Incomplete?.error?.error, refusal,
        JSON.stringify(effects.executionResult));
      const balances = effects.emittedEvents.map((e) => JSON.stringify(e)).filter((e) => e.includes('Balances'));
      assert.deepEqual(balances, [], 'no balance changed');
    });
  }
});

describe('fees', () => {
  it('a health-care call pays mostly for its weight, not its length', async (t) => {
    const { alice, bob } = accounts;
    const calls = {
      'balances.transferKeepAlive': api.tx.balances.transferKeepAlive(bob.address, UNIT),
      'records.addRecord': api.tx.records.addRecord(
        { system: 'Loinc', code: '18842-5' }, `0x${'11'.repeat(32)}`,
        'https://gateway.hospital.example/records/discharge-summary-2026-12-04',
      ),
      'consent.grantConsent': api.tx.consent.grantConsent(
        { Practitioner: bob.address }, 'Treatment', 'AllRecords', { read: true, write: false }, null, null,
      ),
    };
    for (const [name, call] of Object.entries(calls)) {
      const signed = await call.signAsync(alice, { nonce: -1 });
      // The node's payment RPC, which takes the bytes as signed: passed through polkadot.js's
      // `api.call`, the runtime could not decode the extrinsic ("Codec error").
      const details = await api.rpc.payment.queryFeeDetails(signed.toHex());
      const fee = details.inclusionFee.unwrap();
      const [base, length, weight] = [fee.baseFee, fee.lenFee, fee.adjustedWeightFee].map((v) => v.toBigInt());
      const total = base + length + weight;
      t.diagnostic(`${name}: ${signed.encodedLength} bytes, fee ${Number(total) / 1e9} milli-HCU ` +
        `(base ${Number(base) / 1e9}, length ${Number(length) / 1e9}, weight ${Number(weight) / 1e9})`);
      if (name !== 'balances.transferKeepAlive') {
        assert.ok(base + weight > length, `${name}: compute ${base + weight} vs length ${length}`);
      }
      assert.ok(total < UNIT / 100n, `${name}: under a hundredth of an HCU`);
    }
  });
});

// Last: the test files after this one run on the upgraded runtime.
describe('a runtime upgrade through governance', () => {
  it('needs the committee and the council, and then runs the next spec_version', async () => {
    const wasmPath = process.env.HEALTHCHAIN_NEXT_RUNTIME_WASM;
    assert.ok(wasmPath && fs.existsSync(wasmPath),
      `the next runtime's WASM (${wasmPath}); build it with build_node (scripts/lib.sh)`);
    const code = fs.readFileSync(wasmPath);
    const authorize = api.tx.system.authorizeUpgrade(blake2AsHex(code, 256));
    const whitelist = api.tx.whitelist.whitelistCall(blake2AsHex(authorize.method.toU8a(), 256));
    // A minority of the committee cannot vouch for it.
    assert.equal(await motion('technicalCommittee', committee.slice(0, 1), whitelist), 'BadOrigin');

    // Then the council approves, the committee vouches, and a relayer dispatches and applies it.
    const relayer = accounts.keyring.addFromUri('//Governance//Relayer');
    await signAndWait(api.tx.balances.transferKeepAlive(relayer.address, 10n * UNIT), accounts.bob);
    const { before, after: version } = await upgradeThroughGovernance(api, { code, council, committee, relayer });
    assert.equal(version.specVersion.toNumber(), before.specVersion.toNumber() + 1,
      'the chain runs the next spec_version');
    assert.ok((await api.query.system.authorizedUpgrade()).isNone, 'the authorisation is used up');
    // The new runtime ran its upgrade hooks, and serves transactions signed for it.
    await waitForBlocks(api, 1);
    const last = (await api.query.system.lastRuntimeUpgrade()).unwrap();
    assert.equal(last.specVersion.toNumber(), version.specVersion.toNumber());
    await signAndWait(api.tx.records.publishEncryptionKey(`0x${'24'.repeat(32)}`), relayer);
  });
});
