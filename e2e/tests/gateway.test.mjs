// The record gateway against the real node, on SQLite and (when the test script started one)
// PostgreSQL: a patient adds a record and uploads its ciphertext (tampered bytes refused); the
// patient grants a physician and wraps the document's data key for the physician's published
// key; the physician's download is refused until the access is logged on chain and finalized,
// then decrypts to the original; replayed and expired challenges are refused; a stranger gets
// 403 for the bytes and the key; after the revocation is finalized the physician is refused; an
// erased document is gone from the store and the database; every request is in the audit trail
// the patient reads. The FHIR API's answers validate against the official R4 JSON schema, and a
// search for the patient's DocumentReferences returns exactly the records the chain lets the
// requester read.
//
// Each backend's run uses its own accounts (derived from //Ferdie) and its own medical board.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { u8aToHex } from '@polkadot/util';
import { sha256AsU8a } from '@polkadot/util-crypto';

import { UNIT, connect, devAccounts, findEvents, signAndWait, sudo } from '../lib/chain.mjs';
import { fhirErrors } from '../lib/fhir-schema.mjs';
import {
  fhirSession, request, signedAuth, startGateway, untilGatewayDecides,
} from '../lib/gateway.mjs';
import {
  decryptDocument, encryptDocument, encryptionKeyPair, seal, unseal,
} from '../lib/sealed-box.mjs';

const DE = '0x4445';
const DAY_MS = 24n * 3600n * 1000n;
const DISCHARGE_SUMMARY = { system: 'Loinc', code: '18842-5' };
const CHALLENGE_TTL_S = 3;

// The embedded defaults (SQLite and a directory), and production's shape (PostgreSQL and an S3
// bucket) when the test script has started those servers.
const backends = [['SQLite and a directory', null, null]];
const s3Endpoint = process.env.HEALTHCHAIN_TEST_S3_ENDPOINT;
if (process.env.HEALTHCHAIN_TEST_POSTGRES_E2E_URL && s3Endpoint) {
  backends.push([
    'PostgreSQL and S3',
    process.env.HEALTHCHAIN_TEST_POSTGRES_E2E_URL,
    { endpoint: s3Endpoint, bucket: 'healthchain-e2e' },
  ]);
} else if (process.env.CI) {
  throw new Error('CI runs the gateway on PostgreSQL and S3 too: HEALTHCHAIN_TEST_POSTGRES_E2E_URL or HEALTHCHAIN_TEST_S3_ENDPOINT is unset');
}

let api;
let accounts;

before(async () => {
  api = await connect();
  accounts = await devAccounts();
});

after(async () => {
  await api?.disconnect();
});

/** Submits and waits until the gateway decides at (or after) the block that included it. */
const finalizedFor = (gateway, tx, signer) => untilGatewayDecides(api, gateway, tx, signer);

for (const [backend, databaseUrl, s3] of backends) {
  describe(`record gateway on ${backend}`, () => {
    let gateway;
    let board; let physician; let patient; let stranger;
    let physicianKeys; let patientKeys;
    let record; let document; let plaintext;
    let strangerReason; // the chain's reason for refusing the stranger

    const read = (who, fields = {}) =>
      signedAuth(gateway, who, { operation: 'read', record: Number(record), purpose: 'Treatment', ...fields });
    const download = async (who) =>
      request(gateway, 'GET', `/records/${record}/content`, { auth: await read(who) });

    before(async () => {
      gateway = await startGateway({
        databaseUrl,
        s3,
        extraArgs: ['--challenge-ttl', String(CHALLENGE_TTL_S), '--access-window', '600'],
      });
      const derive = (name) => accounts.keyring.addFromUri(`//Ferdie//gateway-${backend.split(" ")[0]}//${name}`);
      [board, physician, patient, stranger] = ['board', 'physician', 'patient', 'stranger'].map(derive);
      await signAndWait(
        api.tx.utility.batchAll(
          [board, physician, patient, stranger].map((who) =>
            api.tx.balances.transferKeepAlive(who.address, 1_000n * UNIT)),
        ),
        accounts.ferdie,
      );
      await sudo(api, api.tx.credentials.accreditAuthority(board.address, DE, ['Physician'], ['Hospital']));
      const now = (await api.query.timestamp.now()).toBigInt();
      await signAndWait(
        api.tx.credentials.issueCredential(
          physician.address, 'Physician', DE, `0x${'ab'.repeat(32)}`, now, now + 365n * DAY_MS,
        ),
        board,
      );
      // Both publish their key-agreement keys on chain, deposit-backed.
      physicianKeys = encryptionKeyPair();
      patientKeys = encryptionKeyPair();
      await signAndWait(api.tx.records.publishEncryptionKey(u8aToHex(physicianKeys.publicKey)), physician);
      await signAndWait(api.tx.records.publishEncryptionKey(u8aToHex(patientKeys.publicKey)), patient);
    });

    after(async () => {
      await gateway?.stop();
    });

    it('the patient adds a record and uploads its ciphertext; tampered bytes are refused', async () => {
      plaintext = new TextEncoder().encode(`Discharge summary (${backend}): recovered, follow up in 2 weeks.`);
      document = encryptDocument(plaintext);
      const contentHash = u8aToHex(sha256AsU8a(document.ciphertext));
      const added = await finalizedFor(
        gateway,
        api.tx.records.addRecord(DISCHARGE_SUMMARY, contentHash, 'https://gateway.hospital.example/records'),
        patient,
      );
      record = findEvents(added.events, 'records', 'RecordAdded')[0].data.record.toBigInt();

      const tampered = document.ciphertext.slice();
      tampered[30] ^= 1;
      let auth = await signedAuth(gateway, patient, { operation: 'upload', record: Number(record) });
      let reply = await request(gateway, 'PUT', `/records/${record}/content`, { auth, body: tampered });
      assert.equal(reply.status, 409);
      assert.equal(reply.reason(), 'HashMismatch');

      // A stranger cannot fill the slot either.
      auth = await signedAuth(gateway, stranger, { operation: 'upload', record: Number(record) });
      reply = await request(gateway, 'PUT', `/records/${record}/content`, { auth, body: document.ciphertext });
      assert.equal(reply.reason(), 'NotAuthorOrPatient');

      auth = await signedAuth(gateway, patient, { operation: 'upload', record: Number(record) });
      reply = await request(gateway, 'PUT', `/records/${record}/content`, { auth, body: document.ciphertext });
      assert.equal(reply.status, 201);
      assert.equal(reply.json().content_hash, contentHash.slice(2));
    });

    it('the patient grants the physician and wraps the data key for the physician\'s published key', async () => {
      const now = (await api.query.timestamp.now()).toBigInt();
      await finalizedFor(
        gateway,
        api.tx.consent.grantConsent(
          { Practitioner: physician.address }, 'Treatment', 'AllRecords', { read: true, write: false },
          null, now + 30n * DAY_MS,
        ),
        patient,
      );
      const auth = await signedAuth(gateway, patient, {
        operation: 'wrap-key', record: Number(record), recipient: physician.address,
      });
      const reply = await request(gateway, 'PUT', `/records/${record}/keys/${physician.address}`, {
        auth, body: seal(document.dataKey, physicianKeys.publicKey),
      });
      assert.equal(reply.status, 201, new TextDecoder().decode(reply.body));
    });

    it('the physician is refused until the access is logged and finalized, then decrypts the original', async () => {
      let reply = await download(physician);
      assert.equal(reply.status, 403);
      assert.equal(reply.reason(), 'NotLogged');

      await finalizedFor(gateway, api.tx.records.accessRecord(record, 'Treatment', null), physician);
      reply = await download(physician);
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.body, document.ciphertext);
      const envelope = Buffer.from(reply.headers.get('x-healthchain-wrapped-key'), 'base64');
      const dataKey = unseal(new Uint8Array(envelope), physicianKeys);
      assert.ok(dataKey, 'the wrapped key opens with the physician\'s key');
      assert.deepEqual(decryptDocument(reply.body, dataKey), plaintext);
    });

    it('the FHIR API serves exactly what the chain allows, as valid R4', async () => {
      // A second record, added by the patient, which the physician's grant also covers.
      await finalizedFor(
        gateway,
        api.tx.records.addRecord(DISCHARGE_SUMMARY, `0x${'77'.repeat(32)}`, 'https://gateway.hospital.example/second'),
        patient,
      );
      const session = (who) => fhirSession(gateway, who);
      const valid = (reply) => {
        const resource = reply.json();
        assert.deepEqual(fhirErrors(resource), [], `${resource.resourceType} is valid FHIR R4`);
        return resource;
      };
      const search = `/fhir/DocumentReference?patient=${patient.address}`;
      const finalizedHash = (await api.rpc.chain.getFinalizedHead()).toHex();
      const chainAt = await api.at(finalizedHash);
      for (const who of [physician, stranger, patient]) {
        const bundle = valid(await request(gateway, 'GET', search, { auth: await session(who) }));
        const served = (bundle.entry ?? []).map((e) => e.resource.id).sort();
        const mayRead = [];
        for (const [id] of await chainAt.call.recordsApi.recordsOf(patient.address)) {
          const answer = await chainAt.call.consentApi.mayAccessRecord(who.address, null, id, 'Read', 'Treatment');
          if (answer.isSome && answer.unwrap().isOk) mayRead.push(id.toString());
        }
        assert.deepEqual(served, mayRead.sort(), `the records ${who === physician ? 'the physician' : 'another'} may read`);
      }
      const physicianSession = await session(physician);
      const documentReference = valid(
        await request(gateway, 'GET', `/fhir/DocumentReference/${record}`, { auth: physicianSession }),
      );
      assert.equal(documentReference.content[0].attachment.url, `Binary/${record}`);
      assert.equal(
        Buffer.from(documentReference.content[0].attachment.hash, 'base64').toString('hex'),
        u8aToHex(sha256AsU8a(document.ciphertext)).slice(2),
      );
      const binary = await request(gateway, 'GET', `/fhir/Binary/${record}`, { auth: physicianSession });
      assert.equal(binary.status, 200);
      assert.deepEqual(binary.body, document.ciphertext);
      const patientSession = await session(patient);
      const consents = valid(
        await request(gateway, 'GET', `/fhir/Consent?patient=${patient.address}`, { auth: patientSession }),
      );
      assert.equal(consents.entry[0].resource.provision.actor[0].reference.identifier.value, physician.address);
      assert.equal(consents.entry[0].resource.status, 'active');
      const auditEvents = valid(
        await request(gateway, 'GET', `/fhir/AuditEvent?patient=${patient.address}`, { auth: patientSession }),
      );
      assert.ok(auditEvents.entry.some((e) => e.resource.id.startsWith('chain-')), 'the on-chain log');
      assert.ok(auditEvents.entry.some((e) => e.resource.id.startsWith('gateway-')), "the gateway's trail");
      const refused = await request(gateway, 'GET', `/fhir/Consent?patient=${patient.address}`, { auth: physicianSession });
      assert.equal(refused.status, 403);
      assert.equal(valid(refused).resourceType, 'OperationOutcome');
      valid(await request(gateway, 'GET', '/fhir/metadata'));
    });

    it('replayed and expired challenges are refused; a wallet-wrapped signature is accepted', async () => {
      const auth = await read(physician);
      assert.equal((await request(gateway, 'GET', `/records/${record}/content`, { auth })).status, 200);
      const replay = await request(gateway, 'GET', `/records/${record}/content`, { auth });
      assert.equal(replay.status, 401);
      assert.equal(replay.reason(), 'ChallengeReplayed');

      const late = await read(physician);
      await new Promise((resolve) => setTimeout(resolve, (CHALLENGE_TTL_S + 1) * 1000));
      const expired = await request(gateway, 'GET', `/records/${record}/content`, { auth: late });
      assert.equal(expired.status, 401);
      assert.equal(expired.reason(), 'ChallengeExpired');

      // The polkadot.js extension signs <Bytes>…</Bytes>.
      const wrapped = await signedAuth(
        gateway, physician, { operation: 'read', record: Number(record), purpose: 'Treatment' }, { wrapped: true },
      );
      assert.equal((await request(gateway, 'GET', `/records/${record}/key`, { auth: wrapped })).status, 200);
    });

    it('a stranger gets 403 for the bytes and for the wrapped key', async () => {
      await signAndWait(api.tx.records.accessRecord(record, 'Treatment', null), stranger);
      const bytes = await download(stranger);
      assert.equal(bytes.status, 403);
      strangerReason = bytes.reason();
      // Not a practitioner at all, or one without a grant: refused either way, in the chain's words.
      assert.ok(['NotCredentialed', 'NoGrant'].includes(strangerReason), strangerReason);
      const key = await request(gateway, 'GET', `/records/${record}/key`, { auth: await read(stranger) });
      assert.equal(key.status, 403);
    });

    it('after the revocation is finalized, the physician is refused', async () => {
      await finalizedFor(gateway, api.tx.consent.revokeConsent({ Practitioner: physician.address }, 'Treatment'), patient);
      const reply = await download(physician);
      assert.equal(reply.status, 403);
      assert.equal(reply.reason(), 'GrantRevoked');
    });

    it('an erased document is gone from the store and the database', async () => {
      const hashHex = u8aToHex(sha256AsU8a(document.ciphertext)).slice(2);
      assert.equal(await gateway.storedObject(hashHex), true);
      // Not before the chain holds the erasure.
      let auth = await signedAuth(gateway, patient, { operation: 'erase', record: Number(record) });
      let reply = await request(gateway, 'DELETE', `/records/${record}`, { auth });
      assert.equal(reply.reason(), 'NotErasedOnChain');

      await finalizedFor(gateway, api.tx.records.eraseRecord(record), patient);
      auth = await signedAuth(gateway, patient, { operation: 'erase', record: Number(record) });
      reply = await request(gateway, 'DELETE', `/records/${record}`, { auth });
      assert.equal(reply.status, 200);
      assert.equal(await gateway.storedObject(hashHex), false);
      const sql = (query) => (databaseUrl
        ? execFileSync('psql', [databaseUrl, '-tAc', query])
        : execFileSync('sqlite3', [path.join(gateway.dataDir, 'gateway.sqlite'), query])
      ).toString().trim();
      assert.equal(sql(`SELECT COUNT(*) FROM documents WHERE record_id = ${record}`), '0');
      assert.equal(sql(`SELECT COUNT(*) FROM key_envelopes WHERE record_id = ${record}`), '0');
      const gone = await download(patient);
      assert.equal(gone.status, 410);
    });

    it('every request is in the audit trail, which the patient reads as FHIR AuditEvents', async () => {
      const auth = await signedAuth(gateway, patient, { operation: 'audit' });
      const reply = await request(gateway, 'GET', '/audit?limit=1000', { auth });
      assert.equal(reply.status, 200);
      const bundle = reply.json();
      assert.deepEqual(fhirErrors(bundle), [], 'the audit trail is valid FHIR R4');
      assert.equal(bundle.resourceType, 'Bundle');
      assert.equal(bundle.type, 'searchset');
      const events = bundle.entry.map(({ resource }) => resource)
        .filter((event) => event.entity.some((e) => e.what?.identifier?.value === String(record)));
      const reasons = events.map((event) => event.outcomeDesc?.split(' ')[0] ?? 'success');
      for (const expected of [
        'HashMismatch', 'NotAuthorOrPatient', 'NotLogged', 'ChallengeReplayed', 'ChallengeExpired',
        strangerReason, 'GrantRevoked', 'NotErasedOnChain', 'RecordErased', 'success',
      ]) {
        assert.ok(reasons.includes(expected), `${expected} missing from ${reasons.join(', ')}`);
      }
      const allowed = events.find((event) => event.outcome === '0' && event.subtype[0].code === 'read');
      const requester = allowed.agent.find((agent) => agent.requestor);
      assert.equal(requester.who.identifier.value, physician.address);
      assert.equal(allowed.purposeOfEvent[0].coding[0].code, 'TREAT');
      assert.ok(allowed.entity.some((e) => e.detail?.some((d) => d.type === 'decision-block')));
    });
  });
}
