// The pharmacist's counter: scan a pack to see at once whether it may be handed over, and
// dispense a prescription by scanning its packs.

import { useState } from 'preact/hooks';

import { useApi, useApp } from '../state';
import { runtimeCall } from '../chain/calls';
import { useAction, useLoad } from '../lib/hooks';
import { Outcome } from '../components/Outcome';
import { ascii, asciiHex, day } from '../lib/format';
import type { PackVerdict } from '../lib/packs';
import { PackScanner } from './Verify';

const REFUSALS: Record<string, string> = {
  Cancelled: 'The prescriber cancelled it.',
  NotYetValid: 'It is not valid yet.',
  Expired: 'It has expired.',
  NoRepeatsLeft: 'Every fill has been dispensed.',
  TooEarly: 'The next fill is not due yet.',
  PrescriberNotCredentialed: 'The prescriber\u2019s licence is not live.',
};

export function PharmacyPage() {
  const { account } = useApp();
  const [pharmacyText, setPharmacyText] = useState('');
  const pharmacy = /^\d+$/.test(pharmacyText.trim()) ? Number(pharmacyText.trim()) : undefined;
  return (
    <>
      <h1 class="page-title">Pharmacy</h1>
      <section class="card" aria-labelledby="counter-title">
        <h2 id="counter-title">At the counter</h2>
        {!account && <p>Choose the account your pharmacist licence was issued to.</p>}
        <label>
          My pharmacy (institution number)
          <input name="pharmacy" inputMode="numeric" autoComplete="off" value={pharmacyText} onInput={(e) => setPharmacyText((e.target as HTMLInputElement).value)} />
        </label>
        <p class="help">Scans check custody against this pharmacy.</p>
      </section>
      <section class="card" aria-labelledby="scan-title">
        <h2 id="scan-title">Check a pack</h2>
        <PackScanner id="check-code" label="Scan or paste the pack's code" pharmacy={pharmacy} />
      </section>
      {account && pharmacy !== undefined && <Dispense pharmacy={pharmacy} />}
    </>
  );
}

function Dispense({ pharmacy }: { pharmacy: number }) {
  const api = useApi();
  const { send, heads } = useApp();
  const [idText, setIdText] = useState('');
  const [packs, setPacks] = useState<PackVerdict[]>([]);
  const { busy, done, problem, run, clear } = useAction();
  const id = /^\d+$/.test(idText.trim()) ? BigInt(idText.trim()) : undefined;
  const prescription = useLoad(async () => {
    if (id === undefined) return undefined;
    const found = await runtimeCall(api, 'prescriptionsApi', 'prescription', id);
    if (found.isNone) return null;
    const [p] = found.unwrap();
    const remaining = await runtimeCall(api, 'prescriptionsApi', 'remainingFills', id);
    const dispensable = await runtimeCall(api, 'prescriptionsApi', 'dispensable', id);
    const verdict = dispensable.unwrap();
    return {
      product: ascii(p.product.toHex()),
      quantity: p.quantityPerFill.toNumber() as number,
      remaining: remaining.isSome ? (remaining.unwrap().toNumber() as number) : 0,
      validUntil: p.validUntil.toBigInt() as bigint,
      refusal: verdict.isErr ? (REFUSALS[verdict.asErr.type] ?? verdict.asErr.type as string) : undefined,
    };
  }, [api, idText, heads.best]);
  const rx = prescription.value;
  const usable = packs.filter((p) => p.tone === 'good');
  const add = (verdict: PackVerdict) => {
    clear();
    setPacks((list) => (list.some((p) => p.code.serial === verdict.code.serial && p.code.gtin === verdict.code.gtin) ? list : [...list, verdict]));
  };
  const dispense = () =>
    id !== undefined && rx && run(true, async () => {
      const units = usable.map((p) => ({ gtin: asciiHex(p.code.gtin), serial: asciiHex(p.code.serial) }));
      await send(api.tx.prescriptions.dispense(id, pharmacy, units), `Dispense prescription #${id}`);
      setPacks([]);
      return `Dispensed ${units.length} pack${units.length === 1 ? '' : 's'} for prescription #${id}.`;
    });
  return (
    <section class="card" aria-labelledby="dispense-title">
      <h2 id="dispense-title">Dispense a prescription</h2>
      <label>
        Prescription number
        <input name="prescription" inputMode="numeric" autoComplete="off" value={idText} onInput={(e) => { setIdText((e.target as HTMLInputElement).value); setPacks([]); }} />
      </label>
      {rx === null && <p class="warning" role="alert">No open prescription has this number.</p>}
      {rx && (
        <div class="prescription">
          <p>
            Product <strong>{rx.product}</strong>, {rx.quantity} pack{rx.quantity === 1 ? '' : 's'} per fill, {rx.remaining} fill{rx.remaining === 1 ? '' : 's'} left, valid until {day(rx.validUntil)}.
          </p>
          {rx.refusal ? <p class="verdict bad" role="alert">Cannot be dispensed now: {rx.refusal}</p> : <p class="success">May be dispensed now.</p>}
          <PackScanner id="dispense-code" label="Scan each pack you hand over" pharmacy={pharmacy} onVerdict={add} />
          {packs.length > 0 && (
            <ul class="packs">
              {packs.map((p) => (
                <li key={`${p.code.gtin}-${p.code.serial}`} class={p.tone}>
                  {p.code.serial}: {p.headline}{p.code.gtin !== rx.product ? ' (another product)' : ''}
                  <button type="button" class="secondary" onClick={() => setPacks((list) => list.filter((q) => q !== p))} aria-label={`Remove pack ${p.code.serial}`}>Remove</button>
                </li>
              ))}
            </ul>
          )}
          <button type="button" disabled={busy || rx.refusal !== undefined || usable.length !== rx.quantity || packs.some((p) => p.tone !== 'good')} onClick={dispense}>
            {busy ? 'Dispensing…' : `Dispense ${usable.length} of ${rx.quantity} pack${rx.quantity === 1 ? '' : 's'}`}
          </button>
          {packs.some((p) => p.tone !== 'good') && <p class="warning">Remove the packs marked red before dispensing.</p>}
          <Outcome done={done} problem={problem} />
        </div>
      )}
    </section>
  );
}
