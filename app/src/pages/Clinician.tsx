// A clinician's view of one patient: what they may read and why, logging the access on chain
// and reading the document through the record gateway, decrypted in the browser.

import { useState } from 'preact/hooks';

import { useApi, useApp } from '../state';
import { runtimeCall, type Decoded } from '../chain/calls';
import { EncryptionKey } from '../components/EncryptionKey';
import { logAccess, openLoggedDocument } from '../lib/documents';
import { useLoad } from '../lib/hooks';
import { accountFromCode, day, isAccount, shortAccount } from '../lib/format';
import { CameraScanner } from '../components/Camera';
import { BASES, DENIALS, ROLES, categoryWords } from '../lib/words';
import { RECORD_STATUS, type RecordRow, recordsOf } from '../lib/records';
import { AmendRecord, BreakGlass, Prescribe, WriteRecord } from './ClinicianActions';
import { PurposeSelect } from '../components/DocumentForm';


export function ClinicianPage() {
  const api = useApi();
  const { account, heads } = useApp();
  const [patientText, setPatientText] = useState('');
  const [patient, setPatient] = useState<string>();
  const [purpose, setPurpose] = useState('Treatment');
  const [institution, setInstitution] = useState('');
  const roles = useLoad(async () => {
    if (!account) return [];
    const live: Decoded[] = await runtimeCall(api, 'credentialsApi', 'liveRoles', account.address);
    return live.map((r: Decoded) => r.type as string);
  }, [api, account?.address, heads.best]);
  if (!account) {
    return (
      <section class="card">
        <h1>Clinician</h1>
        <p>Choose the account your licence was issued to.</p>
      </section>
    );
  }
  const onBehalfOf = /^\d+$/.test(institution.trim()) ? Number(institution.trim()) : undefined;
  return (
    <>
      <h1 class="page-title">Clinician</h1>
      <section class="card" aria-labelledby="licence-title">
        <h2 id="licence-title">My licence</h2>
        <p>
          {roles.value && roles.value.length > 0
            ? `You hold a live licence as ${roles.value.map((r) => ROLES[r] ?? r).join(', ')}.`
            : 'You hold no live licence: the network will refuse your accesses.'}
        </p>
      </section>
      <EncryptionKey />
      <section class="card" aria-labelledby="find-title">
        <h2 id="find-title">Find a patient</h2>
        <form
          class="grid"
          onSubmit={(e) => {
            e.preventDefault();
            if (isAccount(patientText.trim())) setPatient(patientText.trim());
          }}
        >
          <label>
            Patient's account
            <input name="patient" autoComplete="off" value={patientText} onInput={(e) => setPatientText((e.target as HTMLInputElement).value)} />
          </label>
          <PurposeSelect value={purpose} onChange={setPurpose} />
          <label>
            Acting for institution (number, optional)
            <input name="institution" inputMode="numeric" autoComplete="off" value={institution} onInput={(e) => setInstitution((e.target as HTMLInputElement).value)} />
          </label>
          <button type="submit" disabled={!isAccount(patientText.trim())}>Look up</button>
        </form>
        <CameraScanner
          symbology="qr"
          label="Scan the patient's account code"
          onCode={(code) => {
            const scanned = accountFromCode(code) ?? code;
            setPatientText(scanned);
            if (isAccount(scanned)) setPatient(scanned);
          }}
        />
        {patientText.trim() !== '' && !isAccount(patientText.trim()) && <p class="warning">That is not a HealthChain account address.</p>}
      </section>
      {patient && (
        <>
          <PatientRecords patient={patient} purpose={purpose} onBehalfOf={onBehalfOf} />
          <WriteRecord patient={patient} purpose={purpose} onBehalfOf={onBehalfOf} />
          <Prescribe patient={patient} purpose={purpose} onBehalfOf={onBehalfOf} />
          <BreakGlass patient={patient} purpose={purpose} onBehalfOf={onBehalfOf} />
        </>
      )}
    </>
  );
}

type Decision = { allowed: true; basis: string } | { allowed: false; reason: string };

function PatientRecords({ patient, purpose, onBehalfOf }: { patient: string; purpose: string; onBehalfOf?: number }) {
  const api = useApi();
  const { account, heads } = useApp();
  const rows = useLoad(async () => {
    const records = (await recordsOf(api, patient)).filter((r) => r.status !== 'Erased').reverse();
    const decisions = await Promise.all(
      records.map(async (r: RecordRow): Promise<Decision> => {
        const answer = await runtimeCall(api, 'consentApi', 'mayAccessRecord', account!.address, onBehalfOf ?? null, r.id, 'Read', purpose);
        if (answer.isNone) return { allowed: false, reason: 'there is no such record' };
        const result = answer.unwrap();
        return result.isOk
          ? { allowed: true, basis: BASES[result.asOk.type] ?? result.asOk.type }
          : { allowed: false, reason: DENIALS[result.asErr.type] ?? result.asErr.type };
      }),
    );
    return records.map((record: RecordRow, i: number) => ({ record, decision: decisions[i] }));
  }, [api, patient, purpose, onBehalfOf, account?.address, heads.best]);
  return (
    <section class="card" aria-labelledby="patient-records-title">
      <h2 id="patient-records-title">Records of {shortAccount(patient)}</h2>
      <p class="help">Reading logs your access in the patient's record, allowed or refused. The patient sees it.</p>
      {rows.error && <p class="warning" role="alert">Could not load the records: {rows.error}</p>}
      {rows.value?.length === 0 && <p>This patient has no records.</p>}
      <ul class="records">
        {rows.value?.map(({ record, decision }) => (
          <RecordItem key={String(record.id)} patient={patient} record={record} decision={decision} purpose={purpose} onBehalfOf={onBehalfOf} />
        ))}
      </ul>
    </section>
  );
}

function RecordItem({ patient, record, decision, purpose, onBehalfOf }: { patient: string; record: RecordRow; decision: Decision; purpose: string; onBehalfOf?: number }) {
  const api = useApi();
  const { account, send, config } = useApp();
  const [state, setState] = useState<{ busy?: string; text?: string; problem?: string; refused?: string }>({});
  const [amending, setAmending] = useState(false);
  const read = async () => {
    if (!account) return;
    const request = { record: record.id, purpose, onBehalfOf };
    setState({ busy: 'Logging your access…' });
    try {
      const refused = await logAccess(api, send, request);
      if (refused) return setState({ refused });
    } catch {
      // `send` has shown why the transaction failed.
      return setState({});
    }
    setState({ busy: 'Waiting for the gateway to see your logged access…' });
    try {
      setState({ text: new TextDecoder().decode(await openLoggedDocument(config.gateway, account, request)) });
    } catch (error) {
      setState({ problem: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <li class={`record ${decision.allowed ? 'allowed' : 'refused'}`}>
      <div>
        <strong>#{String(record.id)} {categoryWords(record.category)}</strong>, {day(record.createdAt)}, v{record.version}
        {record.status !== 'Current' && ` (${RECORD_STATUS[record.status] ?? record.status})`}
        <p class="decision">
          {decision.allowed ? `You may read it: ${decision.basis}.` : `You may not read it now: ${decision.reason}.`}
        </p>
      </div>
      <div class="row">
        <button type="button" onClick={read} disabled={state.busy !== undefined} aria-label={`Log access and read record ${record.id}`}>
          {state.busy ?? 'Log access and read'}
        </button>
        {record.status === 'Current' && (
          <button type="button" class="secondary" aria-expanded={amending} onClick={() => setAmending((a) => !a)} aria-label={`Amend record ${record.id}`}>
            {amending ? 'Close' : 'Amend'}
          </button>
        )}
      </div>
      {state.refused && <p class="verdict bad" role="alert">{state.refused}</p>}
      {state.problem && <p class="warning" role="alert">{state.problem}</p>}
      {state.text !== undefined && (
        <figure class="document">
          <figcaption>Record #{String(record.id)}, decrypted in this page</figcaption>
          <pre tabIndex={0} aria-label={`Contents of record ${record.id}`}>{state.text}</pre>
        </figure>
      )}
      {amending && <AmendRecord patient={patient} purpose={purpose} onBehalfOf={onBehalfOf} record={record} />}
    </li>
  );
}
