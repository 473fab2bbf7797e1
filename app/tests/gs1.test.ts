// The pack-code reader: both forms a pharmacist meets, and every malformed code refused with
// its reason rather than read wrongly.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { Gs1Error, checkDigit, gs1Date, gtin14, packCodeText, parsePackCode } from '../src/lib/gs1.js';

const NOW = new Date(Date.UTC(2026, 11, 5));

describe('GS1 pack codes', () => {
  it('reads the human-readable form and the raw scanner form alike', () => {
    const human = parsePackCode('(01)04006381333931(17)281231(10)LOT-A1(21)SN 1'.replace(' ', ''), NOW);
    assert.deepEqual(human, { gtin: '04006381333931', serial: 'SN1', lot: 'LOT-A1', expiry: '2028-12-31' });
    const raw = parsePackCode(']d2\u001d01040063813339311728123110LOT-A1\u001d21SN1', NOW);
    assert.deepEqual(raw, human);
    // Scanners that show the separator as <GS>, and the serial before the lot.
    assert.deepEqual(parsePackCode('010400638133393121SN1<GS>10LOT-A1<GS>17281231', NOW), human);
    assert.equal(packCodeText(human), '(01)04006381333931(17)281231(10)LOT-A1(21)SN1');
  });

  it('pads shorter GTINs to GTIN-14 and checks the check digit', () => {
    assert.equal(gtin14('4006381333931'), '04006381333931');
    assert.equal(checkDigit('0400638133393'), '1');
    assert.throws(() => gtin14('04006381333932'), /wrong check digit/);
    assert.throws(() => gtin14('4006381'), /8, 12, 13 or 14 digits/);
  });

  it('reads dates with GS1\u2019s century window and day 00 as the month\u2019s end', () => {
    assert.equal(gs1Date('280200', NOW), '2028-02-29');
    assert.equal(gs1Date('760101', NOW), '2076-01-01');
    assert.equal(gs1Date('770101', NOW), '1977-01-01');
    assert.throws(() => gs1Date('281301', NOW), /no month 13/);
    assert.throws(() => gs1Date('280230', NOW), /no day 30/);
  });

  it('refuses codes that do not identify one pack, with the reason', () => {
    const refused = (code: string, reason: RegExp) => assert.throws(() => parsePackCode(code, NOW), (e: unknown) => e instanceof Gs1Error && reason.test(e.message));
    refused('', /Scan or paste/);
    refused('(01)04006381333931', /no serial number/);
    refused('(21)SN1', /no GTIN/);
    refused('(01)0400638133393(21)SN1', /must be 14 characters/);
    refused('(01)04006381333931(21)SN1(21)SN2', /twice/);
    refused('(01)04006381333931(21)' + 'X'.repeat(21), /1 to 20/);
    refused('(01)04006381333931(21)SN\u00e91', /1 to 20/);
    refused('junk(01)04006381333931(21)SN1', /does not read \(ju/);
    refused('(01)04006381333931(21)SN1junk(10', /outside/);
    refused('0104006381333931991234', /does not read \(99/);
  });
});
