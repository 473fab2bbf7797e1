// Client-side encryption as a HealthChain client does it (the web app's, and the e2e suite's
// through e2e/lib/sealed-box.mjs): each document is encrypted with its
// own random data key (XSalsa20-Poly1305 secretbox), and the data key is wrapped for each
// recipient with a NaCl sealed box (libsodium `crypto_box_seal`) to the X25519 key the
// recipient published on chain. The gateway only ever sees the ciphertext and the sealed keys.
//
// Sealed box: an ephemeral X25519 key pair; k = HSalsa20(X25519(esk, rpk), 0^16) (NaCl's
// crypto_box_beforenm); nonce = BLAKE2b-192(epk || rpk); output epk || secretbox(msg, nonce, k).

import { x25519 } from '@noble/curves/ed25519';
import { blake2b } from '@noble/hashes/blake2';
import { secretbox } from '@noble/ciphers/salsa';
import { randomBytes } from '@noble/ciphers/webcrypto';

/** NaCl's crypto_secretbox (tag first), as noble's `secretbox` writes it. */
const naclSecretbox = (message, nonce, key) => secretbox(key, nonce).seal(message);
/** Opens a crypto_secretbox; null if the key is wrong or the bytes were changed. */
function naclSecretboxOpen(box, nonce, key) {
  try {
    return secretbox(key, nonce).open(box);
  } catch {
    return null;
  }
}
const randomAsU8a = randomBytes;

const SIGMA = [0x61707865, 0x3320646e, 0x79622d32, 0x6b206574]; // "expand 32-byte k"

const rotl = (v, c) => ((v << c) | (v >>> (32 - c))) >>> 0;
const word = (bytes, i) =>
  (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24)) >>> 0;

/** HSalsa20(key, input): the Salsa20 core's 20 rounds without the final addition, 8 words out. */
export function hsalsa20(key, input) {
  const x = [
    SIGMA[0], word(key, 0), word(key, 4), word(key, 8), word(key, 12), SIGMA[1],
    word(input, 0), word(input, 4), word(input, 8), word(input, 12), SIGMA[2],
    word(key, 16), word(key, 20), word(key, 24), word(key, 28), SIGMA[3],
  ];
  const quarter = (a, b, c, d) => {
    x[b] ^= rotl((x[a] + x[d]) >>> 0, 7);
    x[c] ^= rotl((x[b] + x[a]) >>> 0, 9);
    x[d] ^= rotl((x[c] + x[b]) >>> 0, 13);
    x[a] ^= rotl((x[d] + x[c]) >>> 0, 18);
  };
  for (let round = 0; round < 20; round += 2) {
    quarter(0, 4, 8, 12); quarter(5, 9, 13, 1); quarter(10, 14, 2, 6); quarter(15, 3, 7, 11);
    quarter(0, 1, 2, 3); quarter(5, 6, 7, 4); quarter(10, 11, 8, 9); quarter(15, 12, 13, 14);
  }
  const out = new Uint8Array(32);
  [0, 5, 10, 15, 6, 7, 8, 9].forEach((index, i) => {
    const v = x[index] >>> 0;
    out.set([v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24], i * 4);
  });
  return out;
}

const boxKey = (secret, publicKey) => hsalsa20(x25519.getSharedSecret(secret, publicKey), new Uint8Array(16));
const sealNonce = (ephemeralPublic, recipientPublic) => {
  const input = new Uint8Array(64);
  input.set(ephemeralPublic, 0);
  input.set(recipientPublic, 32);
  return blake2b(input, { dkLen: 24 });
};

/** A new X25519 key pair for publishing on chain: `{ secretKey, publicKey }`. */
export function encryptionKeyPair() {
  const secretKey = randomAsU8a(32);
  return { secretKey, publicKey: x25519.getPublicKey(secretKey) };
}

/**
 * The key pair of a development account, derived from its secret URI (`//Alice//patient`), so
 * the web app and the tests agree on it without storing it. Development chains only: anyone
 * who knows the URI has the key.
 */
export function developmentKeyPair(uri) {
  const secretKey = blake2b(new TextEncoder().encode(`HealthChain development encryption key ${uri}`), { dkLen: 32 });
  return { secretKey, publicKey: x25519.getPublicKey(secretKey) };
}

/** Seals `message` to `recipientPublic` (crypto_box_seal). */
export function seal(message, recipientPublic) {
  const ephemeral = encryptionKeyPair();
  const sealed = naclSecretbox(
    message,
    sealNonce(ephemeral.publicKey, recipientPublic),
    boxKey(ephemeral.secretKey, recipientPublic),
  );
  const out = new Uint8Array(32 + sealed.length);
  out.set(ephemeral.publicKey, 0);
  out.set(sealed, 32);
  return out;
}

/** Opens a sealed box with the recipient's key pair (crypto_box_seal_open); null if forged. */
export function unseal(box, { secretKey, publicKey }) {
  const ephemeralPublic = box.subarray(0, 32);
  return naclSecretboxOpen(
    box.subarray(32),
    sealNonce(ephemeralPublic, publicKey),
    boxKey(secretKey, ephemeralPublic),
  );
}

/** Encrypts a document under a new data key: `{ dataKey, ciphertext }` (nonce || secretbox). */
export function encryptDocument(plaintext) {
  const dataKey = randomAsU8a(32);
  const nonce = randomAsU8a(24);
  const boxed = naclSecretbox(plaintext, nonce, dataKey);
  const ciphertext = new Uint8Array(24 + boxed.length);
  ciphertext.set(nonce, 0);
  ciphertext.set(boxed, 24);
  return { dataKey, ciphertext };
}

/** Decrypts what `encryptDocument` produced; null if the key is wrong or the bytes changed. */
export function decryptDocument(ciphertext, dataKey) {
  return naclSecretboxOpen(ciphertext.subarray(24), ciphertext.subarray(0, 24), dataKey);
}
