// A patient's records as the chain lists them, decoded once for every page.

import type { ApiPromise } from '@polkadot/api';

import { runtimeCall, type Decoded } from '../chain/calls';
import { ascii } from './format';
import type { Category } from './words';

export interface RecordRow {
  id: bigint;
  category: Category;
  author: string;
  createdAt: bigint;
  version: number;
  supersedes?: bigint;
  status: string;
}

/** A record version's status, in words. */
export const RECORD_STATUS: Record<string, string> = {
  Current: 'current', Superseded: 'replaced by a newer version', EnteredInError: 'entered in error', Erased: 'erased',
};

export function recordRow(id: Decoded, record: Decoded): RecordRow {
  return {
    id: id.toBigInt(),
    category: { system: record.category.system.type, code: ascii(record.category.code.toHex()) },
    author: record.author.toString(),
    createdAt: record.createdAt.toBigInt(),
    version: record.version.toNumber(),
    supersedes: record.supersedes.isSome ? record.supersedes.unwrap().toBigInt() : undefined,
    status: record.status.type,
  };
}

/** The patient's records, oldest first, as `recordsApi.recordsOf` lists them. */
export async function recordsOf(api: ApiPromise, patient: string): Promise<RecordRow[]> {
  const list: Decoded[] = await runtimeCall(api, 'recordsApi', 'recordsOf', patient);
  return list.map(([id, record]: Decoded) => recordRow(id, record));
}

/**
 * The ids of the patient's records that still have a document (not erased), of the LOINC
 * `kinds` if given: what a grant's scope covers, or all of them for a guardian.
 */
export async function recordsInScope(api: ApiPromise, patient: string, kinds?: string[]): Promise<bigint[]> {
  return (await recordsOf(api, patient))
    .filter((r) => r.status !== 'Erased' && (!kinds || (r.category.system === 'Loinc' && kinds.includes(r.category.code))))
    .map((r) => r.id);
}
