// The patient's prescriptions (and which pharmacy may fill the next one) and the emergency
// accesses to their records that wait for their review.

import { useState } from 'preact/hooks';

import { useApi, useApp } from '../state';
import { runtimeCall, type Decoded } from '../chain/calls';
import { useAction, useLoad } from '../lib/hooks';
import { ascii, day, shortAccount, when } from '../lib/format';
import { Outcome } from '../components/Outcome';
import { useSubject } from './Patient';

export function Prescriptions({ patient }: { patient: string }) {
  const api = useApi();
  const { heads, send } = useApp();
  const { my } = useSubject();
  const [pharmacy, setPharmacy] = useState<Record<string, string>>({});
  const { busy, problem, run } = useAction<bigint>();
  const list = useLoad(async () => {
    const open: Decoded[] = await runtimeCall(api, 'prescriptionsApi', 'prescriptionsOf', patient);
    return Promise.all(
      open.map(async ([id, p]: Decoded) => {
        const remaining = await runtimeCall(api, 'prescriptionsApi', 'remainingFills', id);
        return {
          id: id.toBigInt() as bigint,
          product: ascii(p.product.toHex()),
          quantity: p.quantityPerFill.toNumber() as number,
          used: p.fillsUsed.toNumber() as number,
          remaining: remaining.isSome ? (remaining.unwrap().toNumber() as number) : 0,
          validUntil: p.validUntil.toBigInt() as bigint,
          prescriber: p.prescriber.toString() as string,
          status: p.status.type as string,
          authorised: p.authorisedPharmacy.isSome ? (p.authorisedPharmacy.unwrap().toNumber() as number) : undefined,
        };
      }),
    );
  }, [api, patient, heads.best]);
  const authorise = (id: bigint, to: number | null) =>
    run(id, () => send(api.tx.prescriptions.authoriseFill(id, to), to === null ? `Withdraw the pharmacy of prescription #${id}` : `Let pharmacy ${to} fill prescription #${id}`));
  return (
    <section class="card" aria-labelledby="prescriptions-title">
      <h2 id="prescriptions-title">{my === 'my' ? 'My' : 'Their'} prescriptions</h2>
      {list.error && <p class="warning" role="alert">Could not load your prescriptions: {list.error}</p>}
      {list.value?.length === 0 && <p>You have no open prescriptions.</p>}
      <ul class="records">
        {list.value?.map((p) => (
          <li key={String(p.id)}>
            <div>
              <strong>#{String(p.id)}</strong>: product {p.product}, {p.quantity} pack{p.quantity === 1 ? '' : 's'} per fill; {p.remaining} fill{p.remaining === 1 ? '' : 's'} left ({p.used} dispensed), valid until {day(p.validUntil)}; prescribed by <span title={p.prescriber}>{shortAccount(p.prescriber)}</span>.
              <p class="decision">
                {p.authorised === undefined ? 'No pharmacy may fill it yet: choose one.' : `Pharmacy ${p.authorised} may dispense the next fill.`}
              </p>
            </div>
            {p.remaining > 0 && (
              <form
                class="inline"
                onSubmit={(e) => {
                  e.preventDefault();
                  const chosen = pharmacy[String(p.id)]?.trim() ?? '';
                  if (/^\d+$/.test(chosen)) authorise(p.id, Number(chosen));
                }}
              >
                <label>
                  Pharmacy number
                  <input inputMode="numeric" name={`pharmacy-${p.id}`} value={pharmacy[String(p.id)] ?? ''} onInput={(e) => setPharmacy((all) => ({ ...all, [String(p.id)]: (e.target as HTMLInputElement).value }))} />
                </label>
                <button type="submit" disabled={busy === p.id}>Let it fill</button>
                {p.authorised !== undefined && (
                  <button type="button" class="secondary" disabled={busy === p.id} onClick={() => authorise(p.id, null)}>Withdraw</button>
                )}
              </form>
            )}
          </li>
        ))}
      </ul>
      <Outcome problem={problem} />
    </section>
  );
}

export function EmergencyAccesses({ patient }: { patient: string }) {
  const api = useApi();
  const { heads, send } = useApp();
  const { asPatient } = useSubject();
  const { busy, problem, run } = useAction<bigint>();
  const pending = useLoad(async () => {
    const list: Decoded[] = await runtimeCall(api, 'consentApi', 'pendingBreakGlass', patient);
    return list.map(([id, b]: Decoded) => ({
      id: id.toBigInt() as bigint,
      clinician: b.clinician.toString() as string,
      institution: b.onBehalfOf.toNumber() as number,
      openedAt: b.openedAt.toBigInt() as bigint,
      expiresAt: b.expiresAt.toBigInt() as bigint,
    }));
  }, [api, patient, heads.best]);
  const review = (id: bigint, finding: 'Justified' | 'Abuse') =>
    run(id, () => send(asPatient(api.tx.consent.reviewBreakGlass(patient, id, finding)), finding === 'Abuse' ? `Report emergency access #${id} as abuse` : `Accept emergency access #${id} as justified`));
  if (!pending.value || pending.value.length === 0) return null;
  return (
    <section class="card" aria-labelledby="break-glass-title">
      <h2 id="break-glass-title">Emergency accesses to review</h2>
      <p class="help">
        A clinician opened your records without your consent, declaring an emergency. Every such access is audited.
        If it was not justified, report it: the clinician is barred from emergency access and their licensing authority is told.
      </p>
      <ul class="records">
        {pending.value.map((b) => (
          <li key={String(b.id)}>
            <div>
              <strong title={b.clinician}>{shortAccount(b.clinician)}</strong> for institution {b.institution}, opened {when(b.openedAt)}, open until {when(b.expiresAt)}.
            </div>
            <div class="row">
              <button type="button" class="secondary" disabled={busy === b.id} onClick={() => review(b.id, 'Justified')}>It was justified</button>
              <button type="button" class="danger" disabled={busy === b.id} onClick={() => review(b.id, 'Abuse')}>Report abuse</button>
            </div>
          </li>
        ))}
      </ul>
      <Outcome problem={problem} />
    </section>
  );
}

/** The trials the patient takes part in, found through their research consents. */
export function Trials({ patient }: { patient: string }) {
  const api = useApi();
  const { heads, send } = useApp();
  const { busy, problem, run } = useAction<number>();
  const trials = useLoad(async () => {
    const grants: Decoded[] = await runtimeCall(api, 'consentApi', 'grantsOf', patient);
    const ids = [...new Set(grants.filter(([grantee]: Decoded) => grantee.isStudy).map(([grantee]: Decoded) => grantee.asStudy.toNumber() as number))];
    const rows = await Promise.all(
      ids.map(async (id) => {
        const participation = await runtimeCall(api, 'clinicalTrialsApi', 'participation', id, patient);
        const trial = await runtimeCall(api, 'clinicalTrialsApi', 'trial', id);
        const t = trial.isSome ? trial.unwrap() : undefined;
        return {
          id,
          participation: participation.type as string,
          registry: t ? ascii(t.registryId.value.toHex()) : '?',
          registryKind: t ? (t.registryId.type as string) : '',
          status: t ? (t.status.type as string) : 'unknown',
        };
      }),
    );
    return rows.filter((r) => r.participation !== 'NotEnrolled');
  }, [api, patient, heads.best]);
  const withdraw = (id: number) => run(id, () => send(api.tx.clinicalTrials.withdraw(id), `Withdraw from trial ${id}`));
  if (!trials.value || trials.value.length === 0) return null;
  return (
    <section class="card" aria-labelledby="trials-mine-title">
      <h2 id="trials-mine-title">My clinical trials</h2>
      <p class="help">You may leave a trial at any time, without giving a reason.</p>
      <ul class="records">
        {trials.value.map((t) => (
          <li key={t.id}>
            <div>
              Trial {t.id} ({t.registryKind === 'Nct' ? 'NCT' : t.registryKind === 'Isrctn' ? 'ISRCTN' : ''}{t.registry}), {t.status.toLowerCase()}:{' '}
              {t.participation === 'Enrolled' ? 'you take part.' : 'you take part, but your research consent has lapsed: renew or withdraw.'}
            </div>
            <button type="button" class="danger" disabled={busy === t.id} onClick={() => withdraw(t.id)}>Withdraw</button>
          </li>
        ))}
      </ul>
      <Outcome problem={problem} />
    </section>
  );
}

/** The patient's Explanation of Benefits for the last twelve months. */
export function Benefits({ patient }: { patient: string }) {
  const api = useApi();
  const { heads } = useApp();
  const { my } = useSubject();
  const claims = useLoad(async () => {
    const now = Date.now();
    const list: Decoded[] = await runtimeCall(api, 'claimsApi', 'explanationOfBenefits', patient, now - 365 * 86_400_000, now + 86_400_000);
    return list.map((entry: Decoded) => {
      const adjudication = entry.adjudication.isSome ? entry.adjudication.unwrap() : undefined;
      return {
        id: entry.id.toBigInt() as bigint,
        serviceDate: entry.claim.serviceDate.toBigInt() as bigint,
        provider: entry.claim.provider.toNumber() as number,
        insurer: entry.claim.insurer.toNumber() as number,
        status: entry.claim.status.type as string,
        payerPaid: adjudication?.payerPaid.toBigInt() as bigint | undefined,
        memberShare: adjudication?.memberShare.toBigInt() as bigint | undefined,
      };
    });
  }, [api, patient, heads.finalized]);
  if (!claims.value || claims.value.length === 0) return null;
  return (
    <section class="card" aria-labelledby="benefits-title">
      <h2 id="benefits-title">{my === 'my' ? 'My' : 'Their'} claims (Explanation of Benefits)</h2>
      <table>
        <caption class="sr-only">Claims for your care in the last twelve months</caption>
        <thead><tr><th scope="col">Claim</th><th scope="col">Service date</th><th scope="col">Provider</th><th scope="col">Insurer</th><th scope="col">Status</th><th scope="col">Insurer paid</th><th scope="col">Your share</th></tr></thead>
        <tbody>
          {claims.value.map((c) => (
            <tr key={String(c.id)}>
              <td>#{String(c.id)}</td>
              <td>{day(c.serviceDate)}</td>
              <td>institution {c.provider}</td>
              <td>institution {c.insurer}</td>
              <td>{c.status.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}</td>
              <td>{c.payerPaid === undefined ? '—' : amount(c.payerPaid)}</td>
              <td>{c.memberShare === undefined ? '—' : amount(c.memberShare)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** A claims amount in the payment asset (a dollar stablecoin with 6 decimals) as dollars. */
const amount = (micro: bigint) => `$${(micro / 1_000_000n).toLocaleString('en-GB')}.${String((micro % 1_000_000n) / 10_000n).padStart(2, '0')}`;
