// Submitting a transaction with its progress shown: the fee first, then signing, sent, in a
// block, finalized, or the refusal in words. Nothing here blocks the page: progress arrives as
// callbacks and the returned promise settles when the transaction is in a block.

import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { EventRecord } from '@polkadot/types/interfaces';

import type { Account } from './accounts';
import { type Explained, explainDispatchError, explainThrown } from './errors';

export type Phase = 'estimating' | 'signing' | 'sent' | 'in-block' | 'finalized' | 'failed';

export interface Progress {
  /** What the person asked for, in words ("Grant Dr. Bob access"). */
  label: string;
  phase: Phase;
  /** The estimated fee in the smallest unit. */
  fee?: bigint;
  blockNumber?: number;
  error?: Explained;
}

export interface Included {
  blockHash: string;
  blockNumber: number;
  events: EventRecord[];
}

export class Refused extends Error {
  constructor(readonly explained: Explained) {
    super(explained.what);
  }
}

type Tx = SubmittableExtrinsic<'promise'>;

/** Signs `tx` as `account`, submits it and resolves once it is in a block without error. */
export async function submit(
  api: ApiPromise,
  tx: Tx,
  account: Account,
  label: string,
  onProgress: (progress: Progress) => void,
): Promise<Included> {
  let progress: Progress = { label, phase: 'estimating' };
  const report = (update: Partial<Progress>) => {
    progress = { ...progress, ...update };
    onProgress(progress);
  };
  report({});
  try {
    const info = await tx.paymentInfo(account.address);
    report({ fee: info.partialFee.toBigInt(), phase: 'signing' });
    // The pool's next nonce counts this account's transactions still waiting.
    const nonce = await api.rpc.system.accountNextIndex(account.address);
    const options = 'signer' in account.sign ? { nonce, signer: account.sign.signer } : { nonce };
    const signer = 'pair' in account.sign ? account.sign.pair : account.address;
    return await new Promise<Included>((resolve, reject) => {
      let unsubscribe: (() => void) | undefined;
      let settled = false;
      const fail = (explained: Explained) => {
        report({ phase: 'failed', error: explained });
        if (!settled) reject(new Refused(explained));
        settled = true;
        unsubscribe?.();
      };
      tx.signAndSend(signer, options, (result) => {
        const { status, dispatchError, events } = result;
        if (status.isReady || status.isBroadcast || status.isFuture) {
          if (progress.phase === 'signing') report({ phase: 'sent' });
        } else if (status.isInBlock || status.isFinalized) {
          const blockNumber = (result as { blockNumber?: { toNumber(): number } }).blockNumber?.toNumber() ?? 0;
          if (dispatchError) return fail(explainDispatchError(api, dispatchError));
          if (status.isInBlock) {
            report({ phase: 'in-block', blockNumber });
          } else {
            report({ phase: 'finalized', blockNumber: progress.blockNumber ?? blockNumber });
            unsubscribe?.();
          }
          if (!settled) {
            settled = true;
            const blockHash = (status.isInBlock ? status.asInBlock : status.asFinalized).toHex();
            resolve({ blockHash, blockNumber, events });
          }
        } else if (status.isInvalid || status.isDropped || status.isUsurped || status.isFinalityTimeout) {
          fail({
            code: `Pool.${status.type}`,
            what: `The network did not include the transaction (${status.type.toLowerCase()}).`,
            next: 'Nothing was changed. Try again.',
          });
        }
      })
        .then((unsub) => {
          unsubscribe = unsub;
          if (progress.phase === 'finalized' || progress.phase === 'failed') unsub();
        })
        .catch((error: unknown) => fail(explainThrown(error)));
    });
  } catch (error) {
    if (error instanceof Refused) throw error;
    const explained = explainThrown(error);
    report({ phase: 'failed', error: explained });
    throw new Refused(explained);
  }
}

/** The events of one pallet and name among a transaction's events. */
export function eventsNamed(events: EventRecord[], section: string, method: string) {
  return events.filter(({ event }) => event.section === section && event.method === method).map(({ event }) => event);
}
