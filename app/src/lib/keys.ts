// The person's X25519 encryption key: documents' data keys are sealed to its public half,
// which they publish on chain. The secret half stays in this page's memory only (never in
// local storage): a development account's is derived from its URI; anyone else creates one
// and keeps its recovery key, or enters the recovery key they kept.

import { hexToU8a, u8aToHex } from '@polkadot/util';
import { x25519 } from '@noble/curves/ed25519';

import type { Account } from '../chain/accounts';
import { decryptDocument, developmentKeyPair, encryptionKeyPair, unseal } from './sealed-box.js';

export interface KeyPair {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
}

const held = new Map<string, KeyPair>();

/** The key pair this page holds for `account`, deriving a development account's. */
export function keyOf(account: Account): KeyPair | undefined {
  if (!held.has(account.address) && account.uri) held.set(account.address, developmentKeyPair(account.uri));
  return held.get(account.address);
}

/** A new key pair for `account`, held from now on; its recovery key is the secret's hex. */
export function createKey(account: Account): { pair: KeyPair; recoveryKey: string } {
  const pair = encryptionKeyPair();
  held.set(account.address, pair);
  return { pair, recoveryKey: u8aToHex(pair.secretKey) };
}

/** Holds the key pair whose secret is `recoveryKey` (64 hex digits) for `account`. */
export function restoreKey(account: Account, recoveryKey: string): KeyPair {
  const text = recoveryKey.trim().replace(/^0x/, '');
  if (!/^[0-9a-fA-F]{64}$/.test(text)) throw new Error('A recovery key is 64 hexadecimal digits.');
  const secretKey = hexToU8a(`0x${text}`);
  const pair = { secretKey, publicKey: x25519.getPublicKey(secretKey) };
  held.set(account.address, pair);
  return pair;
}

/** Opens a downloaded document: unseals the data key, then decrypts. Null if either fails. */
export function openDocument(pair: KeyPair, wrappedKey: Uint8Array, ciphertext: Uint8Array): Uint8Array | null {
  const dataKey = unseal(wrappedKey, pair);
  return dataKey ? decryptDocument(ciphertext, dataKey) : null;
}
