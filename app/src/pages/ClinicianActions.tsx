// What a clinician does for a patient beyond reading: write a record (encrypted in the page,
// its key sealed to the patient), prescribe, and open emergency access, which is audited.

import { useState } from 'preact/hooks';

import { useApi, useApp } from '../state';
import { eventsNamed } from '../chain/submit';
import { DocumentForm } from '../components/DocumentForm';
import { Outcome } from '../components/Outcome';
import { useAction } from '../lib/hooks';
import { Gs1Error, gtin14 } from '../lib/gs1';
import { DAY_MS, asciiHex, fingerprint } from '../lib/format';
import { PURPOSES } from '../lib/words';
import type { RecordRow } from '../lib/records';


interface Props {
  patient: string;
  purpose: string;
  onBehalfOf?: number;
}

export function WriteRecord({ patient, purpose, onBehalfOf }: Props) {
  const api = useApi();
  return (
    <DocumentForm
      id="record"
      title="Write a record"
      kindLabel="Kind of record"
      textLabel="Note"
      help={`Needs the patient's consent to add records for ${PURPOSES[purpose] ?? purpose}. Encrypted in this page; the patient and you hold its key.`}
      submitLabel="Encrypt and add to the record"
      txLabel="Add a record for the patient"
      register={(category, hash, pointer) => api.tx.records.addRecordFor(patient, category, hash, pointer, purpose, onBehalfOf ?? null)}
      readers={[patient]}
      added={(record, withoutKey) =>
        `Added as record #${record}.${withoutKey.length ? ' The patient has not published an encryption key: they can open it once they do and you share it again.' : ' The patient can open it.'}`}
    />
  );
}

const AMENDMENTS: Record<string, string> = {
  Correction: 'Correction: the earlier version was wrong',
  Update: 'Update: newer information, the earlier version was right when written',
  Addendum: 'Addendum: adds to the earlier version without changing it',
  Transformation: 'Same content in another format',
};

/** A new version of `record`: the old one stays readable, marked replaced, and says why. */
export function AmendRecord({ patient, purpose, onBehalfOf, record }: Props & { record: RecordRow }) {
  const api = useApi();
  const [reason, setReason] = useState('Correction');
  return (
    <DocumentForm
      id={`amend-${record.id}`}
      title={`New version of record #${record.id}`}
      kindLabel="Kind of record"
      textLabel="The new version"
      category={record.category}
      help={`Needs the patient's consent to add records for ${PURPOSES[purpose] ?? purpose}. Version ${record.version} stays readable, marked as replaced; the patient sees why.`}
      submitLabel="Encrypt and add the new version"
      txLabel={`Amend record #${record.id}`}
      register={(_, hash, pointer) => api.tx.records.amendRecord(record.id, hash, pointer, reason, purpose, onBehalfOf ?? null)}
      readers={[patient]}
      added={(id) => `Record #${record.id} is replaced by version ${record.version + 1}, record #${id}.`}
    >
      <label>
        Why a new version
        <select name={`amend-${record.id}-reason`} value={reason} onChange={(e) => setReason((e.target as HTMLSelectElement).value)}>
          {Object.entries(AMENDMENTS).map(([value, words]) => <option key={value} value={value}>{words}</option>)}
        </select>
      </label>
    </DocumentForm>
  );
}

export function Prescribe({ patient, purpose, onBehalfOf }: Props) {
  const api = useApi();
  const { send } = useApp();
  const [product, setProduct] = useState('');
  const [packs, setPacks] = useState(1);
  const [repeats, setRepeats] = useState(0);
  const [days, setDays] = useState(30);
  const [instructions, setInstructions] = useState('');
  const { busy, done, problem, run } = useAction();
  let gtin: string | undefined;
  let gtinProblem: string | undefined;
  if (product.trim() !== '') {
    try {
      gtin = gtin14(product);
    } catch (error) {
      gtinProblem = error instanceof Gs1Error ? error.message : String(error);
    }
  }
  const submit = (event: Event) => {
    event.preventDefault();
    if (!gtin) return;
    return run(true, async () => {
      const included = await send(
        api.tx.prescriptions.issuePrescription(
          patient, asciiHex(gtin), packs, repeats, null, Date.now() + days * DAY_MS, 0, fingerprint(instructions), purpose, onBehalfOf ?? null,
        ),
        'Prescribe',
      );
      const [issued] = eventsNamed(included.events, 'prescriptions', 'PrescriptionIssued');
      const id = (issued.data as unknown as { prescription: { toString(): string } }).prescription.toString();
      return `Prescription #${id} issued: ${packs} pack${packs === 1 ? '' : 's'} of ${gtin} per fill, ${repeats + 1} fill${repeats === 0 ? '' : 's'}.`;
    });
  };
  return (
    <section class="card" aria-labelledby="prescribe-title">
      <h2 id="prescribe-title">Prescribe</h2>
      <form class="grid" onSubmit={submit}>
        <label>
          Product (GTIN)
          <input name="product" inputMode="numeric" autoComplete="off" value={product} onInput={(e) => setProduct((e.target as HTMLInputElement).value)} />
        </label>
        {gtinProblem && <p class="warning" role="alert">{gtinProblem}</p>}
        <label>
          Packs per fill
          <input type="number" name="packs" min={1} max={20} value={packs} onInput={(e) => setPacks(Number((e.target as HTMLInputElement).value))} />
        </label>
        <label>
          Repeats after the first fill
          <input type="number" name="repeats" min={0} max={12} value={repeats} onInput={(e) => setRepeats(Number((e.target as HTMLInputElement).value))} />
        </label>
        <label>
          Valid for how many days
          <input type="number" name="valid-days" min={1} max={365} value={days} onInput={(e) => setDays(Number((e.target as HTMLInputElement).value))} />
        </label>
        <label>
          Instructions (dose, route, frequency)
          <textarea name="instructions" rows={2} value={instructions} onInput={(e) => setInstructions((e.target as HTMLTextAreaElement).value)} />
        </label>
        <p class="help">The chain holds only the instructions' fingerprint; give the patient the text.</p>
        <button type="submit" disabled={busy || !gtin || packs < 1 || instructions.trim() === ''}>{busy ? 'Prescribing…' : 'Prescribe'}</button>
        <Outcome done={done} problem={problem} />
      </form>
    </section>
  );
}

const MIN_JUSTIFICATION = 20;

export function BreakGlass({ patient, onBehalfOf }: Props) {
  const api = useApi();
  const { send } = useApp();
  const [justification, setJustification] = useState('');
  const { busy, done, problem, run } = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    if (onBehalfOf === undefined) return;
    return run(true, async () => {
      await send(api.tx.consent.openBreakGlass(patient, onBehalfOf, fingerprint(justification)), 'Open emergency access');
      return 'Emergency access is open for 24 hours, for emergency treatment only. Choose "Emergency treatment" as the purpose to read. Keep your justification: the review will ask for it.';
    });
  };
  return (
    <section class="card audited" aria-labelledby="break-glass-open-title">
      <h2 id="break-glass-open-title">Emergency access (break-glass)</h2>
      <p class="warning">
        Audited. Only for an emergency in which the patient cannot consent. The patient and the authority that licensed you review every
        emergency access; one found abusive bars you from emergency access and is reported to that authority.
      </p>
      <form class="grid" onSubmit={submit}>
        {onBehalfOf === undefined && <p class="help">Enter the hospital or clinic you act for above first.</p>}
        <label>
          Justification (kept by you and your institution; its fingerprint goes on chain)
          <textarea name="justification" rows={3} value={justification} onInput={(e) => setJustification((e.target as HTMLTextAreaElement).value)} />
        </label>
        <button type="submit" class="danger" disabled={busy || onBehalfOf === undefined || justification.trim().length < MIN_JUSTIFICATION}>
          {busy ? 'Opening…' : 'Open emergency access'}
        </button>
        <Outcome done={done} problem={problem} />
      </form>
    </section>
  );
}
