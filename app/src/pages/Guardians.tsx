// Guardianship: a patient names who may manage their consents for them (a parent, a carer, a
// representative) and ends it; a guardian steps down; an accredited authority appoints one for
// a minor or an incapacitated adult under an order whose fingerprint the chain keeps.

import { useState } from 'preact/hooks';

import { useApi, useApp } from '../state';
import type { Decoded } from '../chain/calls';
import { DAY_MS, day, fingerprint, hcu, isAccount, shortAccount } from '../lib/format';
import { useAction, useConfirm, useLoad } from '../lib/hooks';
import { shareDocuments, sharedWords } from '../lib/documents';
import { recordsInScope } from '../lib/records';
import type { Account } from '../chain/accounts';
import { Outcome } from '../components/Outcome';

interface GuardianRow {
  guardian: string;
  byAuthority?: string;
  since: bigint;
  until?: bigint;
  live: boolean;
}

/** The patient's guardians, live or not, as the chain holds them, reloaded with each block. */
export function useGuardians(patient: string) {
  const api = useApi();
  const { heads } = useApp();
  return useLoad(async () => {
    const entries = await api.query.consent.guardians.entries(patient);
    const now = BigInt(Date.now());
    return entries.map(([key, value]): GuardianRow => {
      const g = (value as unknown as { unwrap(): Decoded }).unwrap();
      const until = g.until.isSome ? (g.until.unwrap().toBigInt() as bigint) : undefined;
      const since = g.since.toBigInt() as bigint;
      return {
        guardian: key.args[1].toString(),
        byAuthority: g.appointedBy.isAuthority ? g.appointedBy.asAuthority.authority.toString() : undefined,
        since,
        until,
        live: since <= now && (until === undefined || now < until),
      };
    });
  }, [api, patient, heads.best]);
}

/**
 * Shares the keys of all the patient's documents with `guardian`, so they can open them when
 * they act for the patient; says what came of it, in words.
 */
async function shareWithGuardian(api: ReturnType<typeof useApi>, gateway: string, account: Account, patient: string, guardian: string): Promise<string> {
  const records = await recordsInScope(api, patient);
  if (records.length === 0) return 'You have no documents to share yet; those you add from now on are shared with your guardians.';
  return sharedWords(await shareDocuments(api, gateway, account, [guardian], records), shortAccount(guardian));
}

/** The patient's guardians, appointing one and ending a guardianship the patient gave. */
export function MyGuardians({ patient }: { patient: string }) {
  const api = useApi();
  const { account, config, send } = useApp();
  const [who, setWho] = useState('');
  const [limited, setLimited] = useState(false);
  const [days, setDays] = useState(365);
  const appoint = useAction();
  const ending = useAction<string>();
  const sharing = useAction<string>();
  const guardians = useGuardians(patient);
  const deposit = hcu((api.consts.consent.guardianDeposit as unknown as { toBigInt(): bigint }).toBigInt());
  const guardian = who.trim();
  const valid = isAccount(guardian) && guardian !== patient && (!limited || days >= 1);
  const submit = (event: Event) => {
    event.preventDefault();
    if (!valid) return;
    const until = limited ? Date.now() + days * DAY_MS : null;
    return appoint.run(true, async () => {
      await send(api.tx.consent.appointGuardian(guardian, until), `Appoint ${shortAccount(guardian)} as my guardian`);
      setWho('');
      const appointed = `${shortAccount(guardian)} is your guardian${until ? ` until ${day(until)}` : ' until you end it'}: they may open your documents and grant and revoke access to your records for you, and you see everything they do.`;
      try {
        return `${appointed} ${await shareWithGuardian(api, config.gateway, account!, patient, guardian)}`;
      } catch (error) {
        return `${appointed} Your documents' keys were not shared: ${error instanceof Error ? error.message : error} Then press "Share my documents" beside them.`;
      }
    });
  };
  const end = (g: GuardianRow) =>
    ending.run(g.guardian, () => send(api.tx.consent.removeGuardian(patient, g.guardian), `End ${shortAccount(g.guardian)}'s guardianship`));
  return (
    <section class="card" aria-labelledby="my-guardians-title">
      <h2 id="my-guardians-title">My guardians</h2>
      <p class="help">
        A guardian manages your health for you: they open your documents (each read logged under their name), grant and revoke access and review
        emergency accesses. Appointing one shares your documents' keys with them and holds {deposit} from you until it ends.
      </p>
      {guardians.value?.length === 0 && <p>You have no guardian.</p>}
      <ul class="records">
        {guardians.value?.map((g) => (
          <li key={g.guardian}>
            <div>
              <strong title={g.guardian}>{shortAccount(g.guardian)}</strong>, {g.live ? 'guardian' : 'no longer guardian'} since {day(g.since)}
              {g.until !== undefined && `, until ${day(g.until)}`}
              {g.byAuthority ? <>; appointed under an order by authority <span title={g.byAuthority}>{shortAccount(g.byAuthority)}</span>: only an authority or the guardian may end it.</> : '; appointed by you.'}
            </div>
            {g.live && (
              <button type="button" class="secondary" disabled={sharing.busy === g.guardian} onClick={() => sharing.run(g.guardian, () => shareWithGuardian(api, config.gateway, account!, patient, g.guardian))} aria-label={`Share my documents with ${shortAccount(g.guardian)}`}>
                {sharing.busy === g.guardian ? 'Sharing…' : 'Share my documents'}
              </button>
            )}
            {!g.byAuthority && (
              <button type="button" class="secondary" disabled={ending.busy === g.guardian} onClick={() => end(g)} aria-label={`End ${shortAccount(g.guardian)}'s guardianship`}>
                {g.live ? 'End' : 'Remove'}
              </button>
            )}
          </li>
        ))}
      </ul>
      <Outcome problem={ending.problem} />
      <Outcome done={sharing.done} problem={sharing.problem} />
      <form class="grid" onSubmit={submit}>
        <label>
          Guardian's account
          <input name="guardian" autoComplete="off" value={who} onInput={(e) => setWho((e.target as HTMLInputElement).value)} />
        </label>
        <label><input type="checkbox" name="guardian-limited" checked={limited} onChange={(e) => setLimited((e.target as HTMLInputElement).checked)} /> Only for a time</label>
        {limited && (
          <label>
            For how many days
            <input type="number" name="guardian-days" min={1} max={36500} value={days} onInput={(e) => setDays(Number((e.target as HTMLInputElement).value))} />
          </label>
        )}
        {guardian !== '' && !isAccount(guardian) && <p class="warning">That is not a HealthChain account address.</p>}
        <button type="submit" disabled={!valid || appoint.busy}>{appoint.busy ? 'Appointing…' : 'Appoint guardian'}</button>
        <Outcome done={appoint.done} problem={appoint.problem} />
      </form>
    </section>
  );
}

/** The guardian's own way out: stepping down returns the deposit to whoever gave it. */
export function StepDown({ ward, onDone }: { ward: string; onDone(): void }) {
  const api = useApi();
  const { account, send } = useApp();
  const confirm = useConfirm<true>();
  const { busy, problem, run } = useAction();
  if (!account) return null;
  const stepDown = async () => {
    if (!confirm.confirmed(true)) return;
    if (await run(true, () => send(api.tx.consent.removeGuardian(ward, account.address), `Step down as guardian of ${shortAccount(ward)}`))) onDone();
  };
  return (
    <>
      <button type="button" class="danger" disabled={busy} onClick={stepDown}>{confirm.armed ? 'Confirm: step down' : 'Step down as their guardian'}</button>
      {confirm.armed && <p class="warning" role="alert">You will no longer be able to act for them. Click "Confirm" to step down.</p>}
      <Outcome problem={problem} />
    </>
  );
}

/** An accredited authority appoints a guardian under an order (a court's or a guardianship authority's). */
export function AppointByOrder() {
  const api = useApi();
  const { send } = useApp();
  const [patient, setPatient] = useState('');
  const [guardian, setGuardian] = useState('');
  const [order, setOrder] = useState('');
  const [days, setDays] = useState(0);
  const { busy, done, problem, run } = useAction();
  const valid = isAccount(patient.trim()) && isAccount(guardian.trim()) && patient.trim() !== guardian.trim() && order.trim() !== '' && days >= 0;
  const submit = (event: Event) => {
    event.preventDefault();
    if (!valid) return;
    const until = days > 0 ? Date.now() + days * DAY_MS : null;
    return run(true, async () => {
      await send(
        api.tx.consent.appointGuardianByAuthority(patient.trim(), guardian.trim(), until, fingerprint(order.trim())),
        `Appoint ${shortAccount(guardian.trim())} guardian of ${shortAccount(patient.trim())}`,
      );
      setPatient('');
      setGuardian('');
      setOrder('');
      return `Appointed${until ? ` until ${day(until)}` : ''}. The order's fingerprint is on chain; only an authority or the guardian can end it.`;
    });
  };
  return (
    <section class="card" aria-labelledby="order-title">
      <h2 id="order-title">Appoint a guardian under an order</h2>
      <p class="help">For a minor or an adult who cannot decide for themselves. Keep the order; the chain holds its fingerprint.</p>
      <form class="grid" onSubmit={submit}>
        <label>
          Patient's account
          <input name="order-patient" autoComplete="off" value={patient} onInput={(e) => setPatient((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          Guardian's account
          <input name="order-guardian" autoComplete="off" value={guardian} onInput={(e) => setGuardian((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          Order reference and text
          <textarea name="order-text" rows={2} value={order} onInput={(e) => setOrder((e.target as HTMLTextAreaElement).value)} />
        </label>
        <label>
          For how many days (0: until ended)
          <input type="number" name="order-days" min={0} max={36500} value={days} onInput={(e) => setDays(Number((e.target as HTMLInputElement).value))} />
        </label>
        <button type="submit" disabled={!valid || busy}>{busy ? 'Appointing…' : 'Appoint guardian'}</button>
        <Outcome done={done} problem={problem} />
      </form>
    </section>
  );
}
