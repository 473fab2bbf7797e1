// GS1 identifiers as a pharmacist scans them. A pack's 2D DataMatrix carries an element string
// of Application Identifiers: (01) GTIN-14, (21) serial, (10) lot, (17) expiry YYMMDD. Scanners
// deliver it raw, with the symbology prefix `]d2` and ASCII GS (0x1D) ending each
// variable-length field, or people type it in the human-readable form `(01)…(21)…`.

/** A pack read from its code. Fields the code did not carry are absent. */
export interface PackCode {
  gtin: string;
  serial: string;
  lot?: string;
  /** The expiry as printed (YYYY-MM-DD); day 00 means the month's last day. */
  expiry?: string;
}

export class Gs1Error extends Error {}

const GS = '\u001d';
/** Fixed-length AIs we read, with their data lengths. (11) and (17) are dates. */
const FIXED: Record<string, number> = { '01': 14, '11': 6, '17': 6 };
/** Variable-length AIs we read, with their maximum lengths. */
const VARIABLE: Record<string, number> = { '10': 20, '21': 20 };
/** GS1's character set 82, allowed in lots and serials. */
const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]+$/;

/** The GS1 mod-10 check digit of `body` (digits): weights 3 and 1 from the right. */
export function checkDigit(body: string): string {
  let sum = 0;
  [...body].reverse().forEach((digit, position) => {
    sum += Number(digit) * (position % 2 === 0 ? 3 : 1);
  });
  return String((10 - (sum % 10)) % 10);
}

/** A GTIN-8/12/13/14 as the GTIN-14 the chain stores, or a `Gs1Error` saying what is wrong. */
export function gtin14(text: string): string {
  const digits = text.trim();
  if (!/^\d+$/.test(digits) || ![8, 12, 13, 14].includes(digits.length)) {
    throw new Gs1Error('A GTIN is 8, 12, 13 or 14 digits.');
  }
  const padded = digits.padStart(14, '0');
  if (checkDigit(padded.slice(0, 13)) !== padded[13]) {
    throw new Gs1Error(`GTIN ${digits} has a wrong check digit: the code is misread or not genuine.`);
  }
  return padded;
}

/** YYMMDD as YYYY-MM-DD, the century by GS1's sliding window (−49 to +50 years from now). */
export function gs1Date(yymmdd: string, now: Date = new Date()): string {
  if (!/^\d{6}$/.test(yymmdd)) throw new Gs1Error(`${yymmdd} is not a YYMMDD date.`);
  const yy = Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  let day = Number(yymmdd.slice(4, 6));
  const thisYear = now.getUTCFullYear();
  let year = Math.floor(thisYear / 100) * 100 + yy;
  if (year - thisYear > 50) year -= 100;
  if (year - thisYear < -49) year += 100;
  if (month < 1 || month > 12) throw new Gs1Error(`${yymmdd} has no month ${month}.`);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day === 0) day = lastDay;
  if (day > lastDay) throw new Gs1Error(`${yymmdd} has no day ${day}.`);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Splits an element string into AI → value, from either form. */
function elements(input: string): Map<string, string> {
  const found = new Map<string, string>();
  const put = (ai: string, value: string) => {
    if (found.has(ai)) throw new Gs1Error(`The code carries (${ai}) twice.`);
    const max = FIXED[ai] ?? VARIABLE[ai];
    if (FIXED[ai] !== undefined && value.length !== max) {
      throw new Gs1Error(`(${ai}) must be ${max} characters; the code has ${value.length}.`);
    }
    if (VARIABLE[ai] !== undefined && (value.length === 0 || value.length > max || !CSET82.test(value))) {
      throw new Gs1Error(`(${ai}) must be 1 to ${max} letters, digits or GS1 punctuation.`);
    }
    found.set(ai, value);
  };
  let text = input.trim().replace(/^\]d2/, '').replace(/<GS>|\{GS\}|\\x1d/gi, GS);
  if (text.startsWith('(')) {
    // Human-readable: (AI)value(AI)value…
    const pattern = /\((\d{2,4})\)([^(]*)/g;
    let consumed = 0;
    for (const match of text.matchAll(pattern)) {
      if (match.index !== consumed) throw new Gs1Error('The code has text outside (AI)value pairs.');
      consumed += match[0].length;
      const [, ai, value] = match;
      if (FIXED[ai] === undefined && VARIABLE[ai] === undefined) continue; // AIs we do not read
      put(ai, value.replace(new RegExp(GS, 'g'), '').trim());
    }
    if (consumed !== text.length) throw new Gs1Error('The code has text outside (AI)value pairs.');
    return found;
  }
  text = text.replace(new RegExp(`^${GS}`), '');
  while (text.length > 0) {
    const ai = text.slice(0, 2);
    if (FIXED[ai] !== undefined) {
      put(ai, text.slice(2, 2 + FIXED[ai]));
      text = text.slice(2 + FIXED[ai]).replace(new RegExp(`^${GS}`), '');
    } else if (VARIABLE[ai] !== undefined) {
      const end = text.indexOf(GS);
      put(ai, end === -1 ? text.slice(2) : text.slice(2, end));
      text = end === -1 ? '' : text.slice(end + 1);
    } else {
      throw new Gs1Error(`The code has an Application Identifier this app does not read (${ai}…).`);
    }
  }
  return found;
}

/**
 * Reads a pack's code: a raw DataMatrix element string or the human-readable form. Refuses,
 * with the reason, a code without a GTIN and serial, a wrong check digit or a bad date.
 */
export function parsePackCode(input: string, now: Date = new Date()): PackCode {
  if (input.trim() === '') throw new Gs1Error('Scan or paste the code printed on the pack.');
  const found = elements(input);
  const gtin = found.get('01');
  const serial = found.get('21');
  if (!gtin) throw new Gs1Error('The code has no GTIN (01): it does not identify a product.');
  if (!serial) throw new Gs1Error('The code has no serial number (21): it does not identify one pack.');
  const expiry = found.get('17');
  return {
    gtin: gtin14(gtin),
    serial,
    lot: found.get('10'),
    expiry: expiry === undefined ? undefined : gs1Date(expiry, now),
  };
}

/** The human-readable element string of a pack (what is printed under the DataMatrix). */
export function packCodeText(pack: PackCode): string {
  const expiry = pack.expiry ? `(17)${pack.expiry.slice(2, 4)}${pack.expiry.slice(5, 7)}${pack.expiry.slice(8, 10)}` : '';
  return `(01)${pack.gtin}${expiry}${pack.lot ? `(10)${pack.lot}` : ''}(21)${pack.serial}`;
}
