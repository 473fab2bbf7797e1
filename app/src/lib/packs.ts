// What a scanned pack's record on chain says, as one verdict a person acts on: genuine and
// usable (green), usable with a caution (amber), or not to be handed over (red), each with
// its reasons.

import type { ApiPromise } from '@polkadot/api';

import { runtimeCall } from '../chain/calls';
import { type PackCode, packCodeText } from './gs1';
import { ascii, asciiHex, day } from './format';

export type Tone = 'good' | 'caution' | 'bad';

export interface PackVerdict {
  tone: Tone;
  headline: string;
  reasons: string[];
  code: PackCode;
  /** Present when the chain knows the pack. */
  facts?: {
    status: string;
    lot: string;
    expiry: string;
    manufacturer: number;
    custodian?: number;
    container?: string;
    hops: number;
    batch: number;
  };
}

const STATUS_WORDS: Record<string, [Tone, string]> = {
  Active: ['good', 'Genuine'],
  InTransit: ['caution', 'Genuine, in transit'],
  Recalled: ['bad', 'Recalled: do not use'],
  Suspect: ['bad', 'Reported suspect: quarantined'],
  Dispensed: ['bad', 'Already dispensed'],
  Destroyed: ['bad', 'Destroyed'],
  Counterfeit: ['bad', 'Counterfeit'],
};

/** Looks a scanned pack up on chain; `pharmacy` adds the check that it is in that custody. */
export async function verifyPack(api: ApiPromise, code: PackCode, pharmacy?: number): Promise<PackVerdict> {
  const found = await runtimeCall(api, 'provenanceApi', 'verify', asciiHex(code.gtin), asciiHex(code.serial));
  if (found.isNone) {
    return {
      tone: 'bad',
      headline: 'Not genuine',
      reasons: [
        `No manufacturer ever commissioned a pack ${packCodeText(code)}. It may be falsified: do not use it, and report it to the pharmacy or regulator.`,
      ],
      code,
    };
  }
  const unit = found.unwrap();
  const status = unit.status.type;
  const [tone0, headline] = STATUS_WORDS[status] ?? ['bad', status];
  let tone: Tone = tone0;
  const reasons: string[] = [];
  const lot = ascii(unit.lot.toHex());
  const expiryMs = unit.expiry.toBigInt();
  const worse = (t: Tone) => {
    if (t === 'bad' || (t === 'caution' && tone === 'good')) tone = t;
  };
  switch (status) {
    case 'Active': reasons.push('Commissioned by its manufacturer and in the supply chain.'); break;
    case 'InTransit': reasons.push(`On its way in shipment ${unit.inTransitShipment.unwrapOr('?')}; the addressee has not received it yet.`); break;
    case 'Recalled': reasons.push('Its batch is recalled. Put it aside for the recall.'); break;
    case 'Suspect': reasons.push('Someone who handles it reported it suspect; it stays quarantined until cleared.'); break;
    case 'Dispensed': reasons.push('This pack was already handed to a patient. Another pack with the same code is a copy.'); break;
    case 'Destroyed': reasons.push('This pack was destroyed. Another pack with the same code is a copy.'); break;
    case 'Counterfeit': reasons.push('Confirmed counterfeit.'); break;
  }
  if (unit.expired.isTrue) {
    worse('bad');
    reasons.push(`Expired on ${day(expiryMs)}.`);
  }
  if (code.lot !== undefined && code.lot !== lot) {
    worse('bad');
    reasons.push(`The printed lot ${code.lot} is not the manufacturer's lot ${lot} for this serial: the print is not genuine.`);
  }
  if (code.expiry !== undefined && code.expiry !== new Date(Number(expiryMs)).toISOString().slice(0, 10)) {
    worse('bad');
    reasons.push(`The printed expiry ${code.expiry} is not the batch's expiry ${day(expiryMs)}.`);
  }
  const custodian = unit.custodian.isSome ? unit.custodian.unwrap().toNumber() : undefined;
  if (pharmacy !== undefined && status === 'Active') {
    if (custodian === pharmacy) reasons.push('In your pharmacy\u2019s custody.');
    else {
      worse('bad');
      reasons.push(custodian === undefined ? 'Not in your pharmacy\u2019s custody.' : `Held by institution ${custodian}, not by your pharmacy: receive its shipment first.`);
    }
  }
  return {
    tone,
    headline: tone === 'bad' && status === 'Active' ? 'Do not hand over' : headline,
    reasons,
    code,
    facts: {
      status,
      lot,
      expiry: day(expiryMs),
      manufacturer: unit.manufacturer.toNumber(),
      custodian,
      container: unit.container.isSome ? ascii(unit.container.unwrap().toHex()) : undefined,
      hops: unit.hops.toNumber(),
      batch: unit.batch.toNumber(),
    },
  };
}
