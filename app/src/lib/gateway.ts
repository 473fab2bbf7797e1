// The record gateway, from the browser: every request is authorised by a one-time challenge
// the person's account signs, and documents travel only as ciphertext. Refusals come back in
// the chain's or the gateway's words, explained here.

import { hexToU8a } from '@polkadot/util';

import type { Account } from '../chain/accounts';
import type { Explained } from '../chain/errors';
import { DENIALS } from './words';

export interface ReadRequest {
  record: bigint;
  purpose: string;
  onBehalfOf?: number;
}

export class GatewayRefusal extends Error {
  constructor(readonly explained: Explained, readonly status: number) {
    super(explained.what);
  }
}

const GATEWAY_NEXT: Record<string, string> = {
  NotLogged: 'Log your access on chain first (the app does this when you press Read), then try again.',
  LoggedAccessTooOld: 'Your logged access is too old. Log it again, then read.',
  NotAuthorOrPatient: 'Only the patient or the record\u2019s author may do this.',
  HashMismatch: 'The file is not the one registered for this record. Choose the right file.',
  RecordErased: 'The patient erased this record; it can no longer be read.',
  NoWrappedKey: 'The patient has not shared this document\u2019s key with you yet. Ask them to share it.',
  NoKeyForRequester: 'The patient has not shared this document\u2019s key with you yet. Ask them to share it.',
  NotUploaded: 'The document was registered but never uploaded to this gateway.',
};

async function refusal(reply: Response): Promise<GatewayRefusal> {
  let reason = `HTTP ${reply.status}`;
  let message = reply.statusText;
  try {
    const body = await reply.json();
    reason = body.error ?? reason;
    message = body.message ?? message;
  } catch {
    // not JSON: keep the status
  }
  const denial = DENIALS[reason];
  return new GatewayRefusal(
    {
      code: `Gateway.${reason}`,
      what: denial ? `The patient's consent does not allow this: ${denial}.` : message,
      next: GATEWAY_NEXT[reason] ?? (reply.status >= 500 ? 'The gateway could not answer now; try again in a minute.' : 'Nothing was shared. Check the details and try again.'),
    },
    reply.status,
  );
}

/** Asks `gateway` for a challenge for these fields and returns the signed Authorization. */
export async function authorise(gateway: string, account: Account, fields: Record<string, unknown>): Promise<string> {
  const reply = await fetch(`${gateway}/auth/challenge`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account: account.address, ...fields }),
  });
  if (reply.status !== 201) throw await refusal(reply);
  const { nonce, message } = await reply.json();
  const signature = await account.signMessage(message);
  return `HealthChain ${nonce}.${signature}`;
}

/** The challenge fields of a read. */
const readFields = (request: ReadRequest) => ({
  operation: 'read',
  record: Number(request.record),
  purpose: request.purpose,
  ...(request.onBehalfOf === undefined ? {} : { on_behalf_of: request.onBehalfOf }),
});

/** Downloads a record's ciphertext with the requester's own sealed data key. */
export async function download(gateway: string, account: Account, request: ReadRequest): Promise<{ ciphertext: Uint8Array; wrappedKey: Uint8Array }> {
  const auth = await authorise(gateway, account, readFields(request));
  const reply = await fetch(`${gateway}/records/${request.record}/content`, { headers: { authorization: auth }, cache: 'no-store' });
  if (!reply.ok) throw await refusal(reply);
  const wrapped = reply.headers.get('x-healthchain-wrapped-key');
  if (!wrapped) {
    throw new GatewayRefusal({ code: 'Gateway.NoWrappedKey', what: 'The gateway holds no copy of this document\u2019s key for you.', next: GATEWAY_NEXT.NoWrappedKey }, 404);
  }
  return { ciphertext: new Uint8Array(await reply.arrayBuffer()), wrappedKey: base64OrHex(wrapped) };
}

/** Uploads a record's ciphertext (the patient or author, after registering its hash). */
export async function upload(gateway: string, account: Account, record: bigint, ciphertext: Uint8Array): Promise<void> {
  const auth = await authorise(gateway, account, { operation: 'upload', record: Number(record) });
  const reply = await fetch(`${gateway}/records/${record}/content`, { method: 'PUT', headers: { authorization: auth }, body: new Blob([ciphertext as Uint8Array<ArrayBuffer>]) });
  if (!reply.ok) throw await refusal(reply);
}

/** Stores `sealed` (the data key sealed to `recipient`'s published key) for `recipient`. */
export async function shareKey(gateway: string, account: Account, record: bigint, recipient: string, sealed: Uint8Array): Promise<void> {
  const auth = await authorise(gateway, account, { operation: 'wrap-key', record: Number(record), recipient });
  const reply = await fetch(`${gateway}/records/${record}/keys/${recipient}`, { method: 'PUT', headers: { authorization: auth }, body: new Blob([sealed as Uint8Array<ArrayBuffer>]) });
  if (!reply.ok) throw await refusal(reply);
}

/** The requester's own sealed copy of a record's data key (`GET /records/{id}/key`). */
export async function wrappedKey(gateway: string, account: Account, request: ReadRequest): Promise<Uint8Array> {
  const auth = await authorise(gateway, account, readFields(request));
  const reply = await fetch(`${gateway}/records/${request.record}/key`, { headers: { authorization: auth }, cache: 'no-store' });
  if (!reply.ok) throw await refusal(reply);
  return base64OrHex((await reply.json()).envelope);
}

/** Retries `attempt` while the gateway refuses with one of `retryOn` (it decides at the
 * finalized block, which may not yet hold what was just included), for up to a minute. */
export async function whenGatewayCatchesUp<T>(attempt: () => Promise<T>, retryOn: string[]): Promise<T> {
  const deadline = Date.now() + GATEWAY_CATCH_UP_MS;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      const code = error instanceof GatewayRefusal ? error.explained.code.replace(/^Gateway\./, '') : '';
      if (!retryOn.includes(code) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

/** How long the gateway may take to see a new block as finalized. */
const GATEWAY_CATCH_UP_MS = 60_000;

function base64OrHex(text: string): Uint8Array {
  if (text.startsWith('0x')) return hexToU8a(text);
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

