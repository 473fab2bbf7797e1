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
import { download, GatewayRefusal, type ReadRequest, shareKey, upload, whenGatewayCatchesUp, wrappedKey } from './gateway';
import { type KeyPair, keyOf, openDocument } from './keys';
import { encryptDocument, seal, unseal } from './sealed-box.js';
import { DENIALS } from './words';

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

/** A document's fingerprint as the chain keeps it: the hash of its bytes and its content pointer. */
export function fingerprintOf(bytes: Uint8Array): { hash: string; pointer: string } {
  const digest = sha256(bytes);
  return { hash: u8aToHex(digest), pointer: contentPointer(digest) };
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
  const { hash, pointer } = fingerprintOf(ciphertext);
  onStep('Registering it on chain…');
  const included = await send(register(hash, pointer), label);
  const [added] = [...eventsNamed(included.events, 'records', 'RecordAdded'), ...eventsNamed(included.events, 'records', 'RecordAmended')];
  const record = (added.data as unknown as { record: { toBigInt(): bigint } }).record.toBigInt();
  onStep('Uploading the encrypted document…');
  await whenGatewayCatchesUp(() => upload(gateway, account, record, ciphertext), ['UnknownRecord']);
  await shareKey(gateway, account, record, account.address, seal(dataKey, own.publicKey));
  const { keys, withoutKey } = await publishedKeys(api, readers.filter((r) => r !== account.address));
  for (const [reader, key] of keys) await shareKey(gateway, account, record, reader, seal(dataKey, key));
  return { record, withoutKey };
}

/** The published encryption keys of `readers`, and those who have not published one. */
async function publishedKeys(api: ApiPromise, readers: string[]): Promise<{ keys: [string, Uint8Array][]; withoutKey: string[] }> {
  const keys: [string, Uint8Array][] = [];
  const withoutKey: string[] = [];
  for (const reader of new Set(readers)) {
    const theirs = await runtimeCall(api, 'recordsApi', 'encryptionKey', reader);
    if (theirs.isNone) withoutKey.push(reader);
    else keys.push([reader, theirs.unwrap().toU8a()]);
  }
  return { keys, withoutKey };
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

/** What sharing documents' keys came to. */
export interface Shared {
  /** Documents whose key reached every reader with a published key. */
  documents: number;
  /** Readers with a published key, who now hold the keys. */
  reached: string[];
  /** Readers who have not published an encryption key: nothing can be sealed to them yet. */
  withoutKey: string[];
  /** Documents whose key could not be shared, each with why. */
  skipped: string[];
}

/**
 * Logs an access to a record on chain (`records.accessRecord`), which the gateway requires before
 * it serves anyone but the patient. Returns the chain's refusal in words if it refused (the
 * refusal is logged too), nothing if it allowed the access.
 */
export async function logAccess(api: ApiPromise, send: Send, request: ReadRequest): Promise<string | undefined> {
  const included = await send(api.tx.records.accessRecord(request.record, request.purpose, request.onBehalfOf ?? null) as Tx, `Log access to record #${request.record}`);
  const [accessed] = eventsNamed(included.events, 'consent', 'RecordAccessed');
  const outcome = (accessed?.data as unknown as { outcome?: { isDenied: boolean; asDenied: { type: string } } })?.outcome;
  return outcome?.isDenied ? `Refused, and logged: ${DENIALS[outcome.asDenied.type] ?? outcome.asDenied.type}.` : undefined;
}

/**
 * Downloads a record whose access was just logged, waiting for the gateway to see the log, and
 * decrypts it in this page with the reader's key. Throws what went wrong in words.
 */
export async function openLoggedDocument(gateway: string, account: Account, request: ReadRequest): Promise<Uint8Array> {
  const pair = keyOf(account);
  if (!pair) throw new Error('Your access is logged, but your encryption key is not open in this page: enter your recovery key, then read again.');
  let fetched: Awaited<ReturnType<typeof download>>;
  try {
    fetched = await whenGatewayCatchesUp(() => download(gateway, account, request), ['NotLogged']);
  } catch (error) {
    throw new Error(
      error instanceof GatewayRefusal ? `${error.explained.what} ${error.explained.next}` : `The gateway did not answer: ${error instanceof Error ? error.message : error}.`,
    );
  }
  const plain = openDocument(pair, fetched.wrappedKey, fetched.ciphertext);
  if (!plain) throw new Error('The document could not be decrypted with your key: the key shared with you is for another key of yours. Ask the patient to share it again.');
  return plain;
}

/**
 * Seals the data key of each of `records` to each of `readers`' published keys, so access the
 * chain allows them can open the documents. Each data key is fetched and unsealed once.
 */
export async function shareDocuments(
  api: ApiPromise,
  gateway: string,
  account: Account,
  readers: string[],
  records: bigint[],
): Promise<Shared> {
  const { keys, withoutKey } = await publishedKeys(api, readers);
  const shared: Shared = { documents: 0, reached: keys.map(([reader]) => reader), withoutKey, skipped: [] };
  if (keys.length === 0) return shared;
  const own = await publishedKey(api, account);
  for (const record of records) {
    try {
      const dataKey = await ownDataKey(gateway, account, own, record);
      for (const [reader, key] of keys) await shareKey(gateway, account, record, reader, seal(dataKey, key));
      shared.documents += 1;
    } catch (error) {
      shared.skipped.push(`#${record}: ${error instanceof Error ? error.message : error}`);
    }
  }
  return shared;
}

/** What was shared with `whom`, and what was not and why, in words. */
export function sharedWords(shared: Shared, whom: string): string {
  const parts: string[] = [];
  if (shared.reached.length > 0) {
    parts.push(`The keys of ${shared.documents} document${shared.documents === 1 ? '' : 's'} were shared with ${whom}.`);
  }
  if (shared.withoutKey.length > 0) {
    const who = shared.reached.length + shared.withoutKey.length > 1 ? shared.withoutKey.map((r) => `${r.slice(0, 6)}…`).join(', ') : 'They';
    parts.push(`${who} ${shared.withoutKey.length === 1 && who !== 'They' ? 'has' : 'have'} not published an encryption key yet: share again once they have.`);
  }
  if (shared.skipped.length > 0) parts.push(`Not shared: ${shared.skipped.join(' ')}`);
  return parts.join(' ');
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
  const shared = await shareDocuments(api, gateway, account, readers, records);
  const reached = shared.reached.length;
  const whom = grantee.kind === 'Institution' ? `${reached} practitioner${reached === 1 ? '' : 's'} of institution ${grantee.value}` : 'them';
  return sharedWords(shared, whom);
}
