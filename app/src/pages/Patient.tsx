// The patient's own view: their records, who may see them and why, every access as a timeline,
// and granting or revoking in plain words.

import { createContext } from 'preact';
import { useContext, useState } from 'preact/hooks';
import type { SubmittableExtrinsic } from '@polkadot/api/types';

import { useApi, useApp } from '../state';
import { runtimeCall, type Decoded } from '../chain/calls';
import { DAY_MS, ascii, day, isAccount, relative, shortAccount, when } from '../lib/format';
import { useAction, useConfirm, useLoad } from '../lib/hooks';
import { Refused } from '../chain/submit';
import { Outcome } from '../components/Outcome';
import { BASES, DENIALS, LOINC_CHOICES, PURPOSES, ROLES, categoryWords } from '../lib/words';
import { Pager, usePage } from '../components/Pager';
import { EncryptionKey } from '../components/EncryptionKey';
import { logAccess, openLoggedDocument, openOwnDocument, shareWithGrantee } from '../lib/documents';
import { RECORD_STATUS, recordsInScope, recordsOf } from '../lib/records';
import { DocumentForm, PurposeSelect } from '../components/DocumentForm';
import { Benefits, EmergencyAccesses, Prescriptions, Trials } from './PatientCare';
import { MyGuardians, StepDown, useGuardians } from './Guardians';


type Tx = SubmittableExtrinsic<'promise'>;

/** Whose health the page shows: the person's own, or that of someone they are guardian of. */
export interface Subject {
  patient: string;
  own: boolean;
  /** Whose, in the page's headings: `my` for the person's own health, `their` for a ward's. */
  my: 'my' | 'their';
  /** A consent call as the patient would make it: through `consent.asGuardian` for a ward. */
  asPatient(tx: Tx): Tx;
}

const SubjectContext = createContext<Subject | null>(null);

export function useSubject(): Subject {
  const subject = useContext(SubjectContext);
  if (!subject) throw new Error('useSubject outside the patient page');
  return subject;
}


export function PatientPage() {
  const api = useApi();
  const { account, heads } = useApp();
  const [wardText, setWardText] = useState('');
  const [ward, setWard] = useState<string>();
  const guardianship = useLoad(async () => {
    if (!ward || !account) return undefined;
    const found = await api.query.consent.guardians(ward, account.address);
    return (found as unknown as { isSome: boolean }).isSome;
  }, [api, ward, account?.address, heads.best]);
  if (!account) {
    return (
      <section class="card">
        <h1>My health</h1>
        <p>Choose your account above (or connect your wallet) to see your records, who may see them, and every access.</p>
      </section>
    );
  }
  const acting = ward !== undefined && guardianship.value === true;
  const patient = acting ? ward : account.address;
  const subject: Subject = {
    patient,
    own: !acting,
    my: acting ? 'their' : 'my',
    asPatient: (tx) => (acting ? api.tx.consent.asGuardian(patient, tx) : tx),
  };
  return (
    <SubjectContext.Provider value={subject}>
      <h1 class="page-title">{acting ? `Health of ${shortAccount(patient)}` : 'My health'}</h1>
      <section class="card" aria-labelledby="guardian-title">
        <h2 id="guardian-title">{acting ? 'You act as their guardian' : 'Act for someone in your care'}</h2>
        {acting ? (
          <p>Everything you do here is recorded as done by you, as their guardian, and they see it.</p>
        ) : (
          <p class="help">If you are the appointed guardian of a child or of an adult who cannot decide for themselves, manage their health here.</p>
        )}
        <form class="inline" onSubmit={(e) => { e.preventDefault(); setWard(isAccount(wardText.trim()) ? wardText.trim() : undefined); }}>
          <label>
            Their account <input name="ward" autoComplete="off" value={wardText} onInput={(e) => setWardText((e.target as HTMLInputElement).value)} />
          </label>
          <button type="submit" class="secondary">Act for them</button>
          {acting && <button type="button" class="secondary" onClick={() => { setWard(undefined); setWardText(''); }}>Back to my own health</button>}
        </form>
        {acting && <StepDown ward={patient} onDone={() => { setWard(undefined); setWardText(''); }} />}
        {ward !== undefined && guardianship.value === false && (
          <p class="warning" role="alert">You are not a live guardian of this person: the network refuses to let you act for them.</p>
        )}
      </section>
      <EmergencyAccesses patient={patient} />
      <Records patient={patient} />
      {subject.own && <AddDocument patient={patient} />}
      {subject.own && <EncryptionKey />}
      {subject.own && <MyGuardians patient={patient} />}
      <GrantForm patient={patient} />
      <Grants patient={patient} />
      <Timeline patient={patient} />
      <Prescriptions patient={patient} />
      {subject.own && <Trials patient={patient} />}
      <Benefits patient={patient} />
    </SubjectContext.Provider>
  );
}

function Records({ patient }: { patient: string }) {
  const api = useApi();
  const { heads, account, config, send } = useApp();
  const { own } = useSubject();
  const [opened, setOpened] = useState<{ id: bigint; text?: string; problem?: string }>();
  const confirm = useConfirm<{ id: bigint; action: 'error' | 'erase' }>((a, b) => a.id === b.id && a.action === b.action);
  const { busy, problem, run } = useAction<bigint>();
  const change = async (id: bigint, action: 'error' | 'erase') => {
    if (!confirm.confirmed({ id, action })) return;
    await run(id, () =>
      action === 'error'
        ? send(api.tx.records.markEnteredInError(id, 'Treatment', null), `Mark record #${id} entered in error`)
        : send(api.tx.records.eraseRecord(id), `Erase record #${id}`));
  };
  // The patient opens their own without a trace; a guardian's read is logged on chain first,
  // under the guardian's name (the patient sees it in their timeline), as anyone else's is.
  const readAsGuardian = async (id: bigint): Promise<Uint8Array> => {
    const request = { record: id, purpose: 'CareManagement' };
    const refused = await logAccess(api, send, request);
    if (refused) throw new Error(refused);
    return openLoggedDocument(config.gateway, account!, request);
  };
  const open = async (id: bigint) => {
    setOpened({ id });
    try {
      const plain = own ? await openOwnDocument(api, config.gateway, account!, id) : await readAsGuardian(id);
      setOpened({ id, text: new TextDecoder().decode(plain) });
    } catch (error) {
      if (error instanceof Refused) return setOpened(undefined);
      setOpened({ id, problem: error instanceof Error ? `${error.message}${'explained' in error ? ` ${(error as { explained: { next: string } }).explained.next}` : ''}` : String(error) });
    }
  };
  const records = useLoad(async () => {
    return (await recordsOf(api, patient)).reverse();
  }, [api, patient, heads.best]);
  const page = usePage(records.value ?? [], 10);
  return (
    <section class="card" aria-labelledby="records-title">
      <h2 id="records-title">{own ? 'My records' : 'Their records'}</h2>
      {!own && <p class="help">Opening one logs your access on chain under your name, as their guardian, and they see it. You can open those whose keys they shared with you.</p>}
      {records.error && <p class="warning" role="alert">Could not load your records: {records.error}</p>}
      {records.value?.length === 0 && <p>You have no records yet.</p>}
      {page.items.length > 0 && (
        <table>
          <caption class="sr-only">Your health records, newest first</caption>
          <thead><tr><th scope="col">Record</th><th scope="col">Kind</th><th scope="col">Written by</th><th scope="col">Date</th><th scope="col">Version</th><th scope="col">Status</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
          <tbody>
            {page.items.map((r) => (
              <tr key={String(r.id)}>
                <td>#{String(r.id)}</td>
                <td>{categoryWords(r.category)}</td>
                <td title={r.author}>{r.author === patient ? 'You' : shortAccount(r.author)}</td>
                <td>{day(r.createdAt)}</td>
                <td>v{r.version}{r.supersedes !== undefined ? ` (replaces #${r.supersedes})` : ''}</td>
                <td>{RECORD_STATUS[r.status] ?? r.status}</td>
                <td class="actions">
                  {r.status !== 'Erased' && (
                    <button type="button" class="secondary" disabled={opened?.id === r.id && opened.text === undefined && !opened.problem} onClick={() => open(r.id)} aria-label={`${own ? 'Open' : 'Log access and open'} record ${r.id}`}>
                      {own ? 'Open' : 'Log access and open'}
                    </button>
                  )}
                  {own && r.status === 'Current' && (
                    <RowButton kind="secondary" onClick={() => change(r.id, 'error')} record={r.id} busy={busy} label={confirm.isArmed({ id: r.id, action: 'error' }) ? 'Confirm: entered in error' : 'Entered in error'} />
                  )}
                  {r.status !== 'Erased' && (
                    <RowButton kind="danger" onClick={() => change(r.id, 'erase')} record={r.id} busy={busy} label={confirm.isArmed({ id: r.id, action: 'erase' }) ? 'Confirm: erase for good' : 'Erase'} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={page} label="records" />
      {confirm.armed && (
        <p class="warning" role="alert">
          {confirm.armed.action === 'erase'
            ? `Erasing record #${confirm.armed.id} deletes the document and every key to it at the gateways; the chain keeps only its fingerprint. Copies already read cannot be recalled. Click "Confirm" to erase it.`
            : `Record #${confirm.armed.id} will stay readable, marked as entered in error. Click "Confirm" to mark it.`}
        </p>
      )}
      <Outcome problem={problem} />
      {opened?.problem && <p class="warning" role="alert">Record #{String(opened.id)}: {opened.problem}</p>}
      {opened?.text !== undefined && (
        <figure class="document">
          <figcaption>Record #{String(opened.id)}, decrypted in this page</figcaption>
          <pre tabIndex={0} aria-label={`Contents of record ${opened.id}`}>{opened.text}</pre>
        </figure>
      )}
    </section>
  );
}

/** A button in a record's row: its accessible name is its text and the record it acts on. */
function RowButton({ kind, label, record, busy, onClick }: { kind: string; label: string; record: bigint; busy?: bigint; onClick(): void }) {
  return (
    <button type="button" class={kind} disabled={busy === record} onClick={onClick} aria-label={`${label} (record ${record})`}>
      {label}
    </button>
  );
}

function AddDocument({ patient }: { patient: string }) {
  const api = useApi();
  const guardians = useGuardians(patient);
  return (
    <DocumentForm
      id="document"
      title="Add a document"
      kindLabel="Kind of document"
      textLabel="Text"
      file
      help="It is encrypted in this page before it leaves; the network holds only its fingerprint (hash)."
      submitLabel="Encrypt and add"
      txLabel="Add a document to my records"
      register={(category, hash, pointer) => api.tx.records.addRecord(category, hash, pointer)}
      readers={(guardians.value ?? []).filter((g) => g.live).map((g) => g.guardian)}
      added={(record) => `Added as record #${record}, encrypted: only you, your guardians and those you share it with can open it.`}
    />
  );
}

type GranteeKind = 'Practitioner' | 'Institution' | 'Study';

function GrantForm({ patient }: { patient: string }) {
  const api = useApi();
  const { send, account, config } = useApp();
  const { own, asPatient } = useSubject();
  const [kind, setKind] = useState<GranteeKind>('Practitioner');
  const [who, setWho] = useState('');
  const [purpose, setPurpose] = useState('Treatment');
  const [scope, setScope] = useState<'all' | 'kinds'>('all');
  const [kinds, setKinds] = useState<string[]>([]);
  const [write, setWrite] = useState(false);
  const [days, setDays] = useState(30);
  const { busy, done, problem, run } = useAction();
  const roles = useLoad(async () => {
    if (kind !== 'Practitioner' || !isAccount(who.trim())) return undefined;
    const live: Decoded[] = await runtimeCall(api, 'credentialsApi', 'liveRoles', who.trim());
    return live.map((r: Decoded) => r.type as string);
  }, [api, kind, who]);

  const grantee = who.trim();
  const valid = grantee !== '' && grantee !== patient && (kind === 'Practitioner' || /^\d+$/.test(grantee)) && (scope === 'all' || kinds.length > 0) && days >= 1;
  const until = Date.now() + days * DAY_MS;
  const whom = kind === 'Practitioner' ? `practitioner ${shortAccount(grantee)}` : kind === 'Institution' ? `institution ${grantee}` : `research study ${grantee}`;
  const what = scope === 'all' ? 'all your records' : `your ${kinds.map((c) => categoryWords({ system: 'Loinc', code: c })).join(', ')} records`;
  const preview = `${whom} will be able to ${write ? 'read and add to' : 'read'} ${what}, for ${PURPOSES[purpose]}, until ${day(until)}. Every access is logged in your timeline below, and you can revoke at any time.`;

  const submit = (event: Event) => {
    event.preventDefault();
    if (!valid) return;
    return run(true, async () => {
      const tx = api.tx.consent.grantConsent(
        { [kind]: kind === 'Practitioner' ? grantee : Number(grantee) },
        kind === 'Study' ? 'Research' : purpose,
        scope === 'all' ? 'AllRecords' : { Categories: kinds.map((code) => ({ system: 'Loinc', code })) },
        { read: true, write },
        null,
        until,
      );
      await send(asPatient(tx), `Grant ${whom} access`);
      let sharing = '';
      if (kind !== 'Study' && account && own) {
        const records = await recordsInScope(api, patient, scope === 'all' ? undefined : kinds);
        sharing = ` ${await shareWithGrantee(api, config.gateway, account, { kind, value: grantee }, records)}`;
      }
      setWho('');
      return `Granted. ${preview}${sharing}`;
    });
  };

  return (
    <section class="card" aria-labelledby="grant-title">
      <h2 id="grant-title">Give someone access</h2>
      <form onSubmit={submit} class="grid">
        <fieldset>
          <legend>Who</legend>
          <label><input type="radio" name="kind" checked={kind === 'Practitioner'} onChange={() => setKind('Practitioner')} /> A practitioner (their account)</label>
          <label><input type="radio" name="kind" checked={kind === 'Institution'} onChange={() => setKind('Institution')} /> An institution (its number)</label>
          <label><input type="radio" name="kind" checked={kind === 'Study'} onChange={() => setKind('Study')} /> A research study (its number)</label>
          <label>
            {kind === 'Practitioner' ? 'Account' : 'Number'}
            <input name="grantee" value={who} autoComplete="off" onInput={(e) => setWho((e.target as HTMLInputElement).value)} />
          </label>
          {kind === 'Practitioner' && roles.value !== undefined && (
            <p class={roles.value.length > 0 ? 'help' : 'warning'}>
              {roles.value.length > 0
                ? `Holds a live licence as ${roles.value.map((r) => ROLES[r] ?? r).join(', ')}.`
                : 'This account holds no live licence: the network will refuse a grant to it.'}
            </p>
          )}
        </fieldset>
        <fieldset>
          <legend>Why and what</legend>
          <PurposeSelect value={kind === 'Study' ? 'Research' : purpose} disabled={kind === 'Study'} onChange={setPurpose} />
          <label><input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} /> All my records</label>
          <label><input type="radio" name="scope" checked={scope === 'kinds'} onChange={() => setScope('kinds')} /> Only some kinds of record</label>
          {scope === 'kinds' && (
            <div class="choices" role="group" aria-label="Kinds of record">
              {LOINC_CHOICES.map(({ code, name }) => (
                <label key={code}>
                  <input type="checkbox" checked={kinds.includes(code)} onChange={(e) => setKinds((k) => ((e.target as HTMLInputElement).checked ? [...k, code] : k.filter((c) => c !== code)))} /> {name}
                </label>
              ))}
            </div>
          )}
          <label><input type="checkbox" name="write" checked={write} onChange={(e) => setWrite((e.target as HTMLInputElement).checked)} /> May also add records</label>
          <label>
            For how many days
            <input type="number" name="days" min={1} max={3650} value={days} onInput={(e) => setDays(Number((e.target as HTMLInputElement).value))} />
          </label>
        </fieldset>
        {grantee !== '' && (
          <p class="preview" aria-live="polite"><strong>What this allows:</strong> {preview}</p>
        )}
        <button type="submit" disabled={!valid || busy}>{busy ? 'Granting…' : 'Grant access'}</button>
        <Outcome done={done} problem={problem} />
      </form>
    </section>
  );
}

interface GrantRow {
  grantee: { kind: string; value: string };
  purpose: string;
  id: bigint;
  scope: string;
  actions: string;
  validUntil?: bigint;
  status: 'live' | 'revoked' | 'expired' | 'not yet valid';
  revokedAt?: bigint;
  /** The LOINC kinds a category scope covers, or the records a record scope lists. */
  kinds?: string[];
  records?: bigint[];
}

function granteeWords(g: GrantRow['grantee']) {
  return g.kind === 'Practitioner' ? `Practitioner ${shortAccount(g.value)}` : g.kind === 'Institution' ? `Institution ${g.value}` : `Study ${g.value}`;
}

function Grants({ patient }: { patient: string }) {
  const api = useApi();
  const { send, heads, account, config } = useApp();
  const { own, my, asPatient } = useSubject();
  const { busy, done, problem, run } = useAction<bigint>();
  const grants = useLoad(async () => {
    const now = Date.now();
    const list: Decoded[] = await runtimeCall(api, 'consentApi', 'grantsOf', patient);
    return list.map(([grantee, purpose, grant]: Decoded): GrantRow => {
      const validUntil = grant.validUntil.isSome ? grant.validUntil.unwrap().toBigInt() : undefined;
      const revoked = grant.status.isRevoked;
      const scope = grant.scope.isAllRecords
        ? 'all records'
        : grant.scope.isCategories
          ? grant.scope.asCategories.map((c: Decoded) => categoryWords({ system: c.system.type, code: ascii(c.code.toHex()) })).join(', ')
          : `records ${grant.scope.asRecords.map((r: Decoded) => `#${r}`).join(', ')}`;
      return {
        grantee: { kind: grantee.type, value: grantee.value.toString() },
        purpose: purpose.type,
        id: grant.id.toBigInt(),
        scope,
        actions: grant.actions.write.isTrue ? 'read and add' : 'read',
        validUntil,
        revokedAt: revoked ? grant.status.asRevoked.at.toBigInt() : undefined,
        kinds: grant.scope.isCategories ? grant.scope.asCategories.map((c: Decoded) => ascii(c.code.toHex())) : undefined,
        records: grant.scope.isRecords ? grant.scope.asRecords.map((r: Decoded) => r.toBigInt()) : undefined,
        status: revoked ? 'revoked' : validUntil !== undefined && validUntil <= BigInt(now) ? 'expired' : grant.validFrom.toBigInt() > BigInt(now) ? 'not yet valid' : 'live',
      };
    });
  }, [api, patient, heads.best]);

  const revoke = (g: GrantRow) =>
    run(g.id, () => send(asPatient(api.tx.consent.revokeConsent({ [g.grantee.kind]: g.grantee.value }, g.purpose)), `Revoke ${granteeWords(g.grantee)}`));
  const share = (g: GrantRow) =>
    account && run(g.id, async () => {
      const records = g.records ?? (await recordsInScope(api, patient, g.kinds));
      return `${granteeWords(g.grantee)}: ${await shareWithGrantee(api, config.gateway, account, g.grantee, records)}`;
    });
  const remove = (g: GrantRow) =>
    run(g.id, () => send(asPatient(api.tx.consent.removeGrant({ [g.grantee.kind]: g.grantee.value }, g.purpose)), `Remove the ended grant to ${granteeWords(g.grantee)}`));

  return (
    <section class="card" aria-labelledby="grants-title">
      <h2 id="grants-title">Who may see {my} records</h2>
      {grants.error && <p class="warning" role="alert">Could not load your grants: {grants.error}</p>}
      {grants.value?.length === 0 && <p>Nobody: you have granted no access.</p>}
      <ul class="grants">
        {grants.value?.map((g) => (
          <li key={String(g.id)} class={`grant ${g.status.replace(/ /g, '-')}`}>
            <div>
              <strong title={g.grantee.value}>{granteeWords(g.grantee)}</strong>: may {g.actions} {g.scope}, for {PURPOSES[g.purpose] ?? g.purpose}
              {g.validUntil !== undefined ? `, until ${day(g.validUntil)}` : ', until you revoke'}.
              <span class="badge">{g.status}{g.revokedAt !== undefined ? ` ${relative(g.revokedAt)}` : ''}</span>
            </div>
            {own && g.status === 'live' && g.grantee.kind !== 'Study' && (
              <button type="button" class="secondary" disabled={busy === g.id} onClick={() => share(g)} aria-label={`Share documents with ${granteeWords(g.grantee)}`}>
                Share documents
              </button>
            )}
            {g.status === 'live' || g.status === 'not yet valid' ? (
              <button type="button" class="danger" disabled={busy === g.id} onClick={() => revoke(g)} aria-label={`Revoke ${granteeWords(g.grantee)} (${PURPOSES[g.purpose]})`}>
                Revoke
              </button>
            ) : (
              <button type="button" class="secondary" disabled={busy === g.id} onClick={() => remove(g)} aria-label={`Remove the ended grant to ${granteeWords(g.grantee)}`}>
                Remove (returns the deposit)
              </button>
            )}
          </li>
        ))}
      </ul>
      <Outcome done={done} problem={problem} />
    </section>
  );
}

interface AccessRow {
  number: bigint;
  accessor: string;
  onBehalfOf?: number;
  record: bigint;
  action: string;
  purpose: string;
  allowed: boolean;
  why: string;
  at: bigint;
}

function Timeline({ patient }: { patient: string }) {
  const api = useApi();
  const { heads } = useApp();
  const { my } = useSubject();
  const log = useLoad(async () => {
    const entries: Decoded[] = await runtimeCall(api, 'consentApi', 'accessLog', patient);
    return entries
      .map((e: Decoded): AccessRow => {
        const allowed = e.outcome.isAllowed;
        const why = allowed ? BASES[e.outcome.asAllowed.type] ?? e.outcome.asAllowed.type : DENIALS[e.outcome.asDenied.type] ?? e.outcome.asDenied.type;
        return {
          number: e.number.toBigInt(),
          accessor: e.accessor.toString(),
          onBehalfOf: e.onBehalfOf.isSome ? e.onBehalfOf.unwrap().toNumber() : undefined,
          record: e.record.toBigInt(),
          action: e.action.type === 'Write' ? 'added to' : 'read',
          purpose: e.purpose.type,
          allowed,
          why,
          at: e.at.toBigInt(),
        };
      })
      .sort((a, b) => Number(b.at - a.at) || Number(b.number - a.number));
  }, [api, patient, heads.best]);
  const page = usePage(log.value ?? [], 10);
  return (
    <section class="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Who looked at {my} records</h2>
      <p class="help">Every attempt by someone else, allowed or refused, newest first.</p>
      {log.error && <p class="warning" role="alert">Could not load the access log: {log.error}</p>}
      {log.value?.length === 0 && <p>Nobody has accessed your records.</p>}
      <ol class="timeline">
        {page.items.map((e) => (
          <li key={`${e.accessor}-${e.number}`} class={e.allowed ? 'allowed' : 'refused'}>
            <time dateTime={new Date(Number(e.at)).toISOString()}>{when(e.at)}</time>
            <p>
              <strong title={e.accessor}>{shortAccount(e.accessor)}</strong>
              {e.onBehalfOf !== undefined ? ` for institution ${e.onBehalfOf}` : ''} {e.allowed ? e.action : `tried to ${e.action === 'read' ? 'read' : 'add to'}`} record #{String(e.record)} for {PURPOSES[e.purpose] ?? e.purpose}.
            </p>
            <p class="outcome">
              <span class="badge">{e.allowed ? 'Allowed' : 'Refused'}</span> {e.allowed ? `Basis: ${e.why}.` : `Because ${e.why}.`}
            </p>
          </li>
        ))}
      </ol>
      <Pager page={page} label="accesses" />
    </section>
  );
}
