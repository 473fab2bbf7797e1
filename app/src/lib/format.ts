// How the app writes chain values for people: dates, amounts, accounts, codes.

import { u8aToHex } from '@polkadot/util';
import { isAddress } from '@polkadot/util-crypto';
import { sha256 } from '@noble/hashes/sha2';

export const TOKEN = 'HCU';
/** A day in milliseconds, as chain timestamps count. */
export const DAY_MS = 86_400_000;

/** Whether `text` is an account address: SS58 of a 32-byte account, its checksum right. */
export const isAccount = (text: string): boolean => /^[1-9A-HJ-NP-Za-km-z]{46,48}$/.test(text) && isAddress(text);
/** The account in a scanned QR code: a bare address, or a wallet's `substrate:<address>:…`. */
export function accountFromCode(text: string): string | undefined {
  const candidate = text.trim().replace(/^substrate:/, '').split(':')[0];
  return isAccount(candidate) ? candidate : undefined;
}
export const DECIMALS = 12;

const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});
const dateOnly = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

/** A chain timestamp (milliseconds since 1970, UTC) as a date and time. */
export const when = (ms: bigint | number): string => `${dateTime.format(new Date(Number(ms)))} UTC`;

/** A chain timestamp as a date. */
export const day = (ms: bigint | number): string => dateOnly.format(new Date(Number(ms)));

/** An amount in the smallest unit as HCU with up to 4 decimals. */
export function hcu(planck: bigint): string {
  const unit = 10n ** BigInt(DECIMALS);
  const whole = planck / unit;
  const fraction = ((planck % unit) * 10_000n) / unit;
  const decimals = fraction === 0n ? '' : `.${fraction.toString().padStart(4, '0').replace(/0+$/, '')}`;
  return `${whole.toLocaleString('en-GB')}${decimals} ${TOKEN}`;
}

/** An SS58 address shortened for lists; the full one goes in a title attribute. */
export const shortAccount = (address: string): string =>
  address.length > 14 ? `${address.slice(0, 6)}…${address.slice(-6)}` : address;

/** How long from now until `ms`, in words ("in 3 days", "2 hours ago"). */
export function relative(ms: bigint | number, now: number = Date.now()): string {
  const delta = Number(ms) - now;
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000], ['second', 1_000],
  ];
  const format = new Intl.RelativeTimeFormat('en-GB', { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(delta) >= size || unit === 'second') return format.format(Math.round(delta / size), unit);
  }
  return '';
}

/** ASCII bytes from the chain (`Bytes` as hex or text) as a string. */
export function ascii(hexOrText: string): string {
  if (!hexOrText.startsWith('0x')) return hexOrText;
  let out = '';
  for (let i = 2; i < hexOrText.length; i += 2) out += String.fromCharCode(parseInt(hexOrText.slice(i, i + 2), 16));
  return out;
}

/** A string as the hex of its ASCII bytes, as the chain takes `Gtin`, `Serial` and codes. */
export function asciiHex(text: string): string {
  let out = '0x';
  for (const char of text) out += char.charCodeAt(0).toString(16).padStart(2, '0');
  return out;
}

/** The SHA-256 fingerprint of a text kept off chain (instructions, a justification, an order). */
export const fingerprint = (text: string): string => u8aToHex(sha256(new TextEncoder().encode(text)));
