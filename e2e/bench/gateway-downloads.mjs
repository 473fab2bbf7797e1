// Load benchmark setup (run by scripts/gateway-bench.sh through e2e/run.sh, so against a fresh
// dev node): a patient adds RECORDS (8: the on-chain ring of logged accesses per patient and reader) records of 64 KiB ciphertext and uploads them to a gateway,
// grants a physician and wraps a data key for the physician's published key on each record, the
// physician logs an access to each and opens a session; then the
// `downloads` bench binary measures authorised downloads against a static file server serving
// the same files. Prints the bench's report; fails only if a download was refused or cut short.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { u8aToHex } from '@polkadot/util';
import { randomAsU8a, sha256AsU8a } from '@polkadot/util-crypto';

import { UNIT, connect, devAccounts, findEvents, signAndWait, sudo, waitForFinalized } from '../lib/chain.mjs';
import { gatewayReaches, request, signedAuth, startGateway } from '../lib/gateway.mjs';
import { encryptionKeyPair, seal } from '../lib/sealed-box.mjs';

const RECORDS = Number(process.env.GATEWAY_BENCH_DOCUMENTS || 8);
const DOCUMENT_BYTES = 64 * 1024;
const DAY_MS = 24n * 3600n * 1000n;

test('authorised 64 KiB downloads: gateway against a static file server', { timeout: 600_000 }, async () => {
  const bench = process.env.GATEWAY_BENCH_BIN;
  assert.ok(bench, 'GATEWAY_BENCH_BIN names the built `downloads` bench binary');
  const api = await connect();
  const accounts = await devAccounts();
  const gateway = await startGateway({ extraArgs: ['--rate-limit', '1000000', '--rate-burst', '1000000'] });
  const files = mkdtempSync(path.join(tmpdir(), 'gateway-bench-files-'));
  try {
    const derive = (name) => accounts.keyring.addFromUri(`//Ferdie//gateway-bench//${name}`);
    const [board, physician, patient] = ['board', 'physician', 'patient'].map(derive);
    await signAndWait(
      api.tx.utility.batchAll([board, physician, patient].map((who) =>
        api.tx.balances.transferKeepAlive(who.address, 10_000n * UNIT))),
      accounts.ferdie,
    );
    await sudo(api, api.tx.credentials.accreditAuthority(board.address, '0x4445', ['Physician'], ['Hospital']));
    const now = (await api.query.timestamp.now()).toBigInt();
    await signAndWait(api.tx.credentials.issueCredential(
      physician.address, 'Physician', '0x4445', `0x${'ab'.repeat(32)}`, now, now + 365n * DAY_MS,
    ), board);

    const documents = Array.from({ length: RECORDS }, () => randomAsU8a(DOCUMENT_BYTES));
    const added = await signAndWait(api.tx.utility.batchAll(documents.map((bytes) =>
      api.tx.records.addRecord({ system: 'Loinc', code: '18842-5' }, u8aToHex(sha256AsU8a(bytes)), 'https://gateway.hospital.example/bench'))), patient);
    const records = findEvents(added.events, 'records', 'RecordAdded').map((e) => e.data.record.toBigInt());
    await signAndWait(api.tx.consent.grantConsent(
      { Practitioner: physician.address }, 'Treatment', 'AllRecords', { read: true, write: false }, null, now + 30n * DAY_MS,
    ), patient);
    const logged = await signAndWait(api.tx.utility.batchAll(records.map((id) =>
      api.tx.records.accessRecord(id, 'Treatment', null))), physician);
    await waitForFinalized(api, logged.blockNumber);
    await gatewayReaches(gateway, logged.blockNumber);
    for (const [i, id] of records.entries()) {
      const auth = await signedAuth(gateway, patient, { operation: 'upload', record: Number(id) });
      const reply = await request(gateway, 'PUT', `/records/${id}/content`, { auth, body: documents[i] });
      assert.equal(reply.status, 201);
      writeFileSync(path.join(files, String(id)), documents[i]);
    }
    // Each download carries the physician's wrapped data key, as a real one does.
    const physicianKeys = encryptionKeyPair();
    await signAndWait(api.tx.records.publishEncryptionKey(u8aToHex(physicianKeys.publicKey)), physician);
    for (const id of records) {
      const auth = await signedAuth(gateway, patient, {
        operation: 'wrap-key', record: Number(id), recipient: physician.address,
      });
      const reply = await request(gateway, 'PUT', `/records/${id}/keys/${physician.address}`, {
        auth, body: seal(randomAsU8a(32), physicianKeys.publicKey),
      });
      assert.equal(reply.status, 201, new TextDecoder().decode(reply.body));
    }
    const auth = await signedAuth(gateway, physician, { operation: 'session', purpose: 'Treatment' });
    const { token } = (await request(gateway, 'POST', '/auth/session', { auth })).json();

    // Asynchronously: the gateway's log pipe must keep draining while the bench runs.
    const child = spawn(bench, ['--bench'], {
      env: {
        ...process.env,
        GATEWAY_BENCH_GATEWAY: gateway.url,
        GATEWAY_BENCH_GATEWAY_PID: String(gateway.pid),
        GATEWAY_BENCH_TOKEN: token,
        GATEWAY_BENCH_RECORDS: records.join(','),
        GATEWAY_BENCH_FILES: files,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    const status = await new Promise((resolve) => child.on('exit', resolve));
    console.log(stdout);
    const run = { status };
    assert.equal(run.status, 0, 'every download was authorised and complete');
  } finally {
    await gateway.stop();
    rmSync(files, { recursive: true, force: true });
    await api.disconnect();
  }
});
