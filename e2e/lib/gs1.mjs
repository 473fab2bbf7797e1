// GS1 identifiers as the provenance pallet takes them: GTINs, SSCCs and company prefixes are
// ASCII digits in fixed-size byte arrays (or a bounded vector, for a prefix), ending in the GS1
// mod-10 check digit where the standard has one.

/** ASCII digits as the hex of a byte array (`Gtin`, `Sscc`, `CompanyPrefix`). */
export const digits = (text) => `0x${Buffer.from(text, 'ascii').toString('hex')}`;

/** The GS1 mod-10 check digit of `body` (a string of digits): weights 3 and 1 from the right. */
export function checkDigit(body) {
  let sum = 0;
  [...body].reverse().forEach((digit, position) => {
    if (!/^[0-9]$/.test(digit)) throw new Error(`not a digit in ${body}`);
    sum += Number(digit) * (position % 2 === 0 ? 3 : 1);
  });
  return String((10 - (sum % 10)) % 10);
}

/** `body` followed by its check digit. */
export const withCheckDigit = (body) => `${body}${checkDigit(body)}`;

/**
 * The SSCC-18 (as `digits` hex) of logistic unit `serial` under `companyPrefix`: extension digit
 * 0, the prefix, the serial reference zero-padded to fill 17 digits, the check digit.
 */
export function sscc(companyPrefix, serial) {
  const width = 16 - companyPrefix.length;
  const reference = String(serial).padStart(width, '0');
  if (reference.length > width) throw new Error(`SSCC serial reference ${serial} too long for prefix ${companyPrefix}`);
  return digits(withCheckDigit(`0${companyPrefix}${reference}`));
}
