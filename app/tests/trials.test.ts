// Registry ids and scanned account codes: what a sponsor types and a camera reads, taken as
// the chain's values or refused, never read wrongly.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { citeRegistryId, parseRegistryId } from '../src/lib/trials.js';
import { accountFromCode } from '../src/lib/format.js';

describe('trial registry ids', () => {
  it('takes NCT, ISRCTN and EU CT numbers as the chain stores them, in any case', () => {
    assert.deepEqual(parseRegistryId(' nct01234567 '), { Nct: '0x3031323334353637' });
    assert.deepEqual(parseRegistryId('ISRCTN12345678'), { Isrctn: '0x3132333435363738' });
    assert.deepEqual(parseRegistryId('2024-501234-12-00'), { EuCt: '0x323032342d3530313233342d31322d3030' });
    assert.equal(citeRegistryId('Nct', '01234567'), 'NCT01234567');
    assert.equal(citeRegistryId('EuCt', '2024-501234-12-00'), '2024-501234-12-00');
  });

  it('refuses ids of the wrong length or shape', () => {
    for (const bad of ['', 'NCT123', 'NCT012345678', 'NCT0123456A', 'ISRCTN1234567', '2024-50123-12-00', 'EUCT2024-501234-12-00']) {
      assert.equal(parseRegistryId(bad), undefined, bad);
    }
  });
});

describe('scanned account codes', () => {
  const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
  it('reads a bare address and a wallet\u2019s substrate: code', () => {
    assert.equal(accountFromCode(ALICE), ALICE);
    assert.equal(accountFromCode(`substrate:${ALICE}:0x91b171bb158e2d3848fa23a9f1c25182fb8e20313b2c1eb49219da7a70ce90c3`), ALICE);
  });
  it('refuses anything else, including an address with a wrong checksum', () => {
    for (const bad of ['', 'hello', `${ALICE.slice(0, -1)}Z`, `https://example.org/${ALICE}`]) assert.equal(accountFromCode(bad), undefined, bad);
  });
});
