// Chain refusals in words a person understands, with what to do next. What went wrong comes
// from the runtime's own error documentation (the same text polkadot.js Apps shows); what to
// do next is written here for the refusals people meet in this app.

import type { ApiPromise } from '@polkadot/api';
import type { DispatchError } from '@polkadot/types/interfaces';

export interface Explained {
  /** `Pallet.Error`, or the pool's or wallet's reason. */
  code: string;
  /** What happened. */
  what: string;
  /** What the person can do about it. */
  next: string;
}

const NEXT: Record<string, string> = {
  'Consent.GrantExists': 'Revoke the current grant to this grantee for this purpose first, then grant again with the new terms.',
  'Consent.GranteeNotCredentialed': 'Check the account: only a practitioner with a live licence can be granted access. Ask them for the account their licence was issued to.',
  'Consent.GranteeNotVerified': 'Choose a verified institution; an institution is verified by its health authority.',
  'Consent.InvalidPeriod': 'Choose an end date after today (and after the start date).',
  'Consent.EmptyScope': 'Tick at least one kind of record, or choose "all my records".',
  'Consent.TooManyGrants': 'Remove revoked or expired grants to make room (each returns its deposit).',
  'Consent.GrantStillLive': 'Revoke the grant before removing it.',
  'Records.NoGrant': 'Ask the patient to grant you access for this purpose, or use emergency access if the patient cannot consent.',
  'Records.GrantRevoked': 'The patient revoked your access. Ask them if you need it again.',
  'Records.GrantExpired': 'Your access has ended. Ask the patient to grant it again.',
  'Records.NotCredentialed': 'Your licence is not live (suspended, revoked or expired). Contact the authority that issued it.',
  'Records.NotAffiliated': 'Choose an institution you are affiliated to, or act in your own name.',
  'Records.MalformedPointer': 'Upload the document through the record gateway first; its address is filled in for you.',
  'Prescriptions.FillNotAuthorised': 'Ask the patient to authorise this pharmacy for the next fill in their app.',
  'Prescriptions.NotInCustody': 'Scan a pack your pharmacy holds; check that the shipment carrying it was received.',
  'Prescriptions.Recalled': 'Do not hand this pack over. Put it aside for the recall and scan another pack.',
  'Prescriptions.PackExpired': 'Do not hand this pack over. Scan a pack from an unexpired batch.',
  'Prescriptions.Suspect': 'Do not hand this pack over: it is quarantined. Scan another pack.',
  'Prescriptions.Decommissioned': 'This pack was already dispensed or destroyed. Scan another pack, and report it if it is in your hands.',
  'Prescriptions.NotGenuine': 'This pack was never made by its manufacturer. Do not hand it over; report it to the regulator.',
  'Prescriptions.WrongProduct': 'Scan packs of the prescribed product.',
  'Prescriptions.WrongQuantity': 'Scan exactly as many packs as the prescription gives per fill.',
  'Prescriptions.TooEarly': 'This repeat may not be dispensed yet; the prescription sets a minimum interval between fills.',
  'Prescriptions.NoRepeatsLeft': 'The prescription is used up. The patient needs a new one from their physician.',
  'Prescriptions.PrescriberNotCredentialed': 'The prescriber\u2019s licence is not live. Do not dispense; the patient needs a new prescription.',
  'Balances.InsufficientBalance': 'Add HCU to this account, or use another account.',
};

const POOL: [RegExp, Explained][] = [
  [/Inability to pay some fees|balance too low/i, { code: 'Pool.Payment', what: 'This account does not hold enough HCU to pay the transaction fee (and any deposit).', next: 'Add HCU to the account, or act with another one.' }],
  [/Cancelled|Rejected by user|User rejected/i, { code: 'Wallet.Rejected', what: 'The signature was declined in the wallet.', next: 'Nothing was sent. Try again and approve it in the wallet if you want to go ahead.' }],
  [/stale|Transaction is outdated/i, { code: 'Pool.Stale', what: 'The transaction was signed for an old account state.', next: 'Try again; the app will sign it afresh.' }],
  [/Priority is too low|already imported/i, { code: 'Pool.Duplicate', what: 'An identical transaction is already waiting to be included.', next: 'Wait for the earlier one to finish.' }],
  [/disconnected|WebSocket is not connected|No response received/i, { code: 'Network', what: 'The connection to the node was lost.', next: 'Check your connection; the app reconnects on its own. Then try again.' }],
];

/** Explains a module error (or another dispatch error) decoded from a failed transaction. */
export function explainDispatchError(api: ApiPromise, error: DispatchError): Explained {
  if (error.isModule) {
    const mod = error.asModule;
    const meta = api.registry.findMetaError(mod);
    const pallet = api.registry.metadata.pallets.find((p) => p.index.eq(mod.index));
    const code = `${pallet ? pallet.name.toString() : meta.section}.${meta.name}`;
    return {
      code,
      what: meta.docs.join(' ').trim() || code,
      next: NEXT[code] ?? 'Nothing was changed. Check the details and try again; if it keeps failing, ask your administrator.',
    };
  }
  if (error.isBadOrigin) {
    return { code: 'BadOrigin', what: 'This account may not make this call.', next: 'Act with the account that holds the right role.' };
  }
  if (error.isToken && (error.asToken.type as string) === 'FundsUnavailable') {
    return { code: 'Token.FundsUnavailable', what: 'The account does not hold enough free HCU for this deposit.', next: 'Add HCU to the account, or release deposits you no longer need.' };
  }
  return { code: error.type, what: `The chain refused the transaction (${error.type}).`, next: 'Nothing was changed. Try again later.' };
}

/** Explains an error thrown before inclusion: by the wallet, the pool or the connection. */
export function explainThrown(error: unknown): Explained {
  const message = error instanceof Error ? error.message : String(error);
  for (const [pattern, explained] of POOL) if (pattern.test(message)) return explained;
  return { code: 'Error', what: message, next: 'Nothing was changed. Try again; if it keeps failing, ask your administrator.' };
}
