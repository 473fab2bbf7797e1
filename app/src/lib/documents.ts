// A patient's documents, end to end in the browser: encrypted here under a new data key, the
// ciphertext's hash registered on chain, the ciphertext uploaded to the gateway, the data key
// sealed to the patient's own published key (so they can open it anywhere) and, when they
// grant access, to each grantee's. The gateway never sees a key that opens anything.

import type { ApiPromise } from '@polkadot/api';
import { u8aToHex } from '@polkadot/util';
import { base32Encode } from '@polkadot/util-crypto';
import { sha256 } from '@noble/hashes/sha2';

import type { Account } from '../chain/accounts';
import { runtimeCall } from '../chain/calls';
import { type Included, eventsNamed } from '../chain/submit';
import { download, shareKey, upload, whenGatewayCatchesUp, wrappedKey } from './gateway';
import { type KeyPair, keyOf, openDocument } from './keys';
import { encryptDocument, seal, unseal } from './sealed-box.js';

type Tx = ReturnType<ApiPromise['tx']['records']['addRecord']>;
type Send = (tx: Tx, label: string) => Promise<Included>;

/** The person's key pair if it is the one the chain holds for them, else why not. */
export async function publishedKey(api: ApiPromise, account: Account): Promise<KeyPair> {
  const pair = keyOf(account);
  const published = await runtimeCall(api, 'recordsApi', 'encryptionKey', account.address);
  if (published.isNone) throw new Error('Publish your encryption key first (My encryption key, above).');
  if (!pair || u8aToHex(pair.publicKey) !== published.unwrap().toHex()) {
    throw new Error('Your published encryption key is not open in this page: enter your recovery key first.');
  }
  return pair;
}

/**
 * The pointer a record carries: the IPFS address (CIDv1, raw bytes, sha2-256) of its
 * ciphertext, as the gateway names what it stores: where it lives is found by what it is.
 */
export function contentPointer(digest: Uint8Array): string {
  const cid = new Uint8Array(36);
  cid.set([0x01, 0x55, 0x12, 0x20]);
  cid.set(digest, 4);
  return `ipfs://b${base32Encode(cid)}`;
}

/**
 * Writes a document: encrypts it, registers it on chain with the transaction `register` builds
 * from its hash and pointer (`addRecord` for the patient's own, `addRecordFor` for a
 * clinician's, `amendRecord` for a new version), uploads the ciphertext and seals the data key to the writer's own key and to
 * each of `readers` who published one. Returns the record id and the readers without a key.
 */
export async function writeDocument(
  api: ApiPromise,
  send: Send,
  gateway: string,
  account: Account,
  plaintext: Uint8Array,
  register: (contentHash: string, pointer: string) => Tx,
  label: string,
  readers: string[],
  onStep: (words: string) => void,
): Promise<{ record: bigint; withoutKey: string[] }> {
  const own = await publishedKey(api, account);
  onStep('Encrypting in this page…');
  const { dataKey, ciphertext } = encryptDocument(plaintext);
  const digest = sha256(ciphertext);
  onStep('Registering it on chain…');
  const included = await send(register(u8aToHex(digest), contentPointer(digest)), label);
  const [added] = [...eventsNamed(included.events, 'records', 'RecordAdded'), ...eventsNamed(included.events, 'records', 'RecordAmended')];
  const record = (added.data as unknown as { record: { toBigInt(): bigint } }).record.toBigInt();
  onStep('Uploading the encrypted document…');
  await whenGatewayCatchesUp(() => upload(gateway, account, record, ciphertext), ['UnknownRecord']);
  await shareKey(gateway, account, record, account.address, seal(dataKey, own.publicKey));
  const withoutKey: string[] = [];
  for (const reader of readers.filter((r) => r !== account.address)) {
    const theirs = await runtimeCall(api, 'recordsApi', 'encryptionKey', reader);
    if (theirs.isNone) withoutKey.push(reader);
    else await shareKey(gateway, account, record, reader, seal(dataKey, theirs.unwrap().toU8a()));
  }
  return { record, withoutKey };
}

/** The data key of one of the patient's records, unsealed from the patient's own envelope. */
async function ownDataKey(gateway: string, account: Account, own: KeyPair, record: bigint): Promise<Uint8Array> {
  const dataKey = unseal(await wrappedKey(gateway, account, { record, purpose: 'Treatment' }), own);
  if (!dataKey) throw new Error(`The key of record #${record} was sealed to another key of yours.`);
  return dataKey;
}

/** Opens one of the patient's own documents (a patient's own read is not logged). */
export async function openOwnDocument(api: ApiPromise, gateway: string, account: Account, record: bigint): Promise<Uint8Array> {
  const own = await publishedKey(api, account);
  const { ciphertext, wrappedKey } = await download(gateway, account, { record, purpose: 'Treatment' });
  const plain = openDocument(own, wrappedKey, ciphertext);
  if (!plain) throw new Error('This document could not be decrypted with your key.');
  return plain;
}

/**
 * Seals the data keys of `records` to `grantee`'s published key, so the access the patient
 * granted can open the documents. Returns how many were shared and why any were not.
 */
export async function shareDocuments(
  api: ApiPromise,
  gateway: string,
  account: Account,
  grantee: string,
  records: bigint[],
): Promise<{ shared: number; skipped: string[] }> {
  const theirs = await runtimeCall(api, 'recordsApi', 'encryptionKey', grantee);
  if (theirs.isNone) {
    return { shared: 0, skipped: ['They have not published an encryption key yet: share again once they have.'] };
  }
  const own = await publishedKey(api, account);
  const recipientKey: Uint8Array = theirs.unwrap().toU8a();
  let shared = 0;
  const skipped: string[] = [];
  for (const record of records) {
    try {
      const dataKey = await ownDataKey(gateway, account, own, record);
      await shareKey(gateway, account, record, grantee, seal(dataKey, recipientKey));
      shared += 1;
    } catch (error) {
      skipped.push(`#${record}: ${error instanceof Error ? error.message : error}`);
    }
  }
  return { shared, skipped };
}

/** Who reads under a grant with the patient's keys: the practitioner, or each practitioner the institution has now. */
export async function grantReaders(api: ApiPromise, grantee: { kind: string; value: string }): Promise<string[]> {
  if (grantee.kind === 'Practitioner') return [grantee.value];
  if (grantee.kind === 'Institution') {
    const staff: { toString(): string }[] = await runtimeCall(api, 'credentialsApi', 'practitionersOf', Number(grantee.value));
    return staff.map((who) => who.toString());
  }
  // A study receives data through its own access process, not the patient's document keys.
  return [];
}

/**
 * Shares the keys of `records` with everyone who reads under the grant to `grantee`; says in
 * words what was shared and what was not, and why.
 */
export async function shareWithGrantee(
  api: ApiPromise,
  gateway: string,
  account: Account,
  grantee: { kind: string; value: string },
  records: bigint[],
): Promise<string> {
  const readers = await grantReaders(api, grantee);
  if (readers.length === 0) {
    return grantee.kind === 'Institution' ? `Institution ${grantee.value} has no practitioners yet: share again once it has.` : '';
  }
  let documents = 0;
  let reached = 0;
  const skipped: string[] = [];
  for (const reader of readers) {
    const { shared, skipped: missed } = await shareDocuments(api, gateway, account, reader, records);
    documents = Math.max(documents, shared);
    if (shared > 0 || records.length === 0) reached += 1;
    skipped.push(...missed.map((why) => (readers.length > 1 ? `${reader.slice(0, 6)}…: ${why}` : why)));
  }
  const whom = grantee.kind === 'Institution' ? `${reached} practitioner${reached === 1 ? '' : 's'} of institution ${grantee.value}` : 'them';
  return `The keys of ${documents} document${documents === 1 ? '' : 's'} were shared with ${whom}.${skipped.length ? ` Not shared: ${skipped.join(' ')}` : ''}`;
}
