// Clinical trials in the open. Anyone sees which trials switched their outcomes after
// recruitment began and whose results are overdue, and looks a trial up by its registry id. Its
// sponsor registers it (outcomes fixed by their fingerprints), opens and closes recruitment,
// completes it and posts results against the outcomes it registered; an authority confirms
// that the registry id is the sponsor's, or rejects a squatted one.

import { useState } from 'preact/hooks';

import { useApi, useApp } from '../state';
import { runtimeCall, type Decoded } from '../chain/calls';
import { eventsNamed } from '../chain/submit';
import { ascii, day, fingerprint, shortAccount } from '../lib/format';
import { PHASES, citeRegistryId, parseRegistryId } from '../lib/trials';
import { useAction, useConfirm, useLoad } from '../lib/hooks';
import { fingerprintOf } from '../lib/documents';
import { Outcome } from '../components/Outcome';

type Api = ReturnType<typeof useApi>;

/** A trial's primary-registry id as it is cited (NCT01234567, 2024-501234-12-00, ISRCTN…). */
const registryId = (id: Decoded): string => citeRegistryId(id.type, ascii(id.value.toHex()));

/** Outcome definitions, one per line, as the fingerprints the chain keeps. */
const outcomeHashes = (lines: string) => lines.split('\n').map((l) => l.trim()).filter(Boolean).map(fingerprint);

async function trialSummary(api: Api, id: number) {
  const found = await runtimeCall(api, 'clinicalTrialsApi', 'trial', id);
  if (found.isNone) return { id, registry: '?', phase: '?', sponsor: '', status: 'unknown', switches: 0 };
  const t = found.unwrap();
  return {
    id,
    registry: registryId(t.registryId),
    phase: PHASES[t.phase.type] ?? t.phase.type,
    sponsor: t.sponsor.toString() as string,
    status: t.status.type as string,
    switches: t.outcomeSwitches.toNumber() as number,
  };
}

export function TrialsPage() {
  const { account } = useApp();
  const [shown, setShown] = useState<number>();
  return (
    <>
      <h1 class="page-title">Clinical trials</h1>
      <TrialWatch />
      <FindTrial shown={shown} onFound={setShown} />
      {shown !== undefined && <TrialView id={shown} />}
      {account && <RegisterTrial onRegistered={setShown} />}
    </>
  );
}

function TrialWatch() {
  const api = useApi();
  const { heads } = useApp();
  const watch = useLoad(async () => {
    const overdue: Decoded[] = await runtimeCall(api, 'clinicalTrialsApi', 'overdueResults');
    const switched: Decoded[] = await runtimeCall(api, 'clinicalTrialsApi', 'switchedOutcomes');
    return {
      overdue: await Promise.all(overdue.map(async ([id, due]: Decoded) => ({ ...(await trialSummary(api, id.toNumber())), due: due.toBigInt() as bigint }))),
      switched: await Promise.all(switched.map((id: Decoded) => trialSummary(api, id.toNumber()))),
    };
  }, [api, heads.finalized]);
  return (
    <section class="card" aria-labelledby="trials-title">
      <h2 id="trials-title">Trial watch</h2>
      <p class="help">Registered trials must report the outcomes they set out to measure, and post results on time. These do not.</p>
      {watch.error && <p class="warning" role="alert">Could not load the registry: {watch.error}</p>}
      <h3>Results overdue</h3>
      {watch.value?.overdue.length === 0 && <p>No trial's results are overdue.</p>}
      <ul class="records">
        {watch.value?.overdue.map((t) => (
          <li key={t.id}>
            <div><strong>{t.registry}</strong> (trial {t.id}, {t.phase}): results were due {day(t.due)}; sponsor <span title={t.sponsor}>{shortAccount(t.sponsor)}</span>.</div>
          </li>
        ))}
      </ul>
      <h3>Outcomes switched after recruitment began</h3>
      {watch.value?.switched.length === 0 && <p>No trial has switched its outcomes.</p>}
      <ul class="records">
        {watch.value?.switched.map((t) => (
          <li key={t.id}>
            <div><strong>{t.registry}</strong> (trial {t.id}, {t.phase}, {t.status}): changed its outcomes {t.switches} time{t.switches === 1 ? '' : 's'}; sponsor <span title={t.sponsor}>{shortAccount(t.sponsor)}</span>.</div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function FindTrial({ shown, onFound }: { shown?: number; onFound(id: number): void }) {
  const api = useApi();
  const [text, setText] = useState('');
  const { busy, problem, run } = useAction();
  const find = (event: Event) => {
    event.preventDefault();
    const query = text.trim();
    return run(true, async () => {
      if (/^\d+$/.test(query)) return onFound(Number(query));
      const id = parseRegistryId(query);
      if (!id) throw new Error('Enter a trial number, or a registry id such as NCT01234567, ISRCTN12345678 or 2024-501234-12-00.');
      const found = await runtimeCall(api, 'clinicalTrialsApi', 'trialByRegistryId', id);
      if (found.isNone) throw new Error(`No trial is registered as ${query}.`);
      onFound(found.unwrap().toNumber());
    });
  };
  return (
    <section class="card" aria-labelledby="find-trial-title">
      <h2 id="find-trial-title">Look up a trial</h2>
      <form class="inline" onSubmit={find}>
        <label>
          Registry id or trial number <input name="trial" autoComplete="off" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit" class="secondary" disabled={busy || text.trim() === ''}>Show trial</button>
      </form>
      {shown === undefined && <p class="help">Sponsors find their own trials here to manage them.</p>}
      <Outcome problem={problem} />
    </section>
  );
}

const STATUS_WORDS: Record<string, string> = {
  Registered: 'registered, not recruiting yet', Recruiting: 'recruiting', Active: 'running, recruitment closed',
  Completed: 'completed', Suspended: 'suspended', Terminated: 'terminated',
};

const SPONSOR_STEPS: Record<string, { call: 'startRecruitment' | 'closeRecruitment' | 'completeTrial'; words: string }> = {
  Registered: { call: 'startRecruitment', words: 'Open recruitment (locks the outcomes)' },
  Recruiting: { call: 'closeRecruitment', words: 'Close recruitment' },
  Active: { call: 'completeTrial', words: 'Complete the trial (results become due)' },
};

function TrialView({ id }: { id: number }) {
  const api = useApi();
  const { account, heads, send } = useApp();
  const { busy, problem, run } = useAction();
  const terminating = useConfirm<true>();
  const trial = useLoad(async () => {
    const found = await runtimeCall(api, 'clinicalTrialsApi', 'trial', id);
    if (found.isNone) return null;
    const t = found.unwrap();
    const enrolled = (await runtimeCall(api, 'clinicalTrialsApi', 'enrolmentCount', id)).toNumber() as number;
    const unreported: Decoded[] = await runtimeCall(api, 'clinicalTrialsApi', 'unreportedOutcomes', id);
    const results: Decoded[] = await runtimeCall(api, 'clinicalTrialsApi', 'results', id);
    const authority = account ? await runtimeCall(api, 'credentialsApi', 'authority', account.address) : undefined;
    return {
      registry: registryId(t.registryId),
      phase: PHASES[t.phase.type] ?? t.phase.type,
      sponsor: t.sponsor.toString() as string,
      jurisdiction: ascii(t.jurisdiction.toHex()),
      confirmedBy: t.registryConfirmedBy.isSome ? (t.registryConfirmedBy.unwrap().toString() as string) : undefined,
      sites: t.sites.map((s: Decoded) => s.toNumber() as number) as number[],
      target: t.targetEnrolment.toNumber() as number,
      enrolled,
      version: t.version.toNumber() as number,
      locked: t.lockedVersion.isSome,
      switches: t.outcomeSwitches.toNumber() as number,
      status: t.status.type as string,
      final: t.status.isCompleted || t.status.isTerminated,
      unreported: unreported.length,
      postings: results.length,
      oversees: authority?.isSome === true && authority.unwrap().jurisdiction.eq(t.jurisdiction) && authority.unwrap().roles.some((r: Decoded) => r.isTrialSponsor),
    };
  }, [api, id, account?.address, heads.best]);
  const t = trial.value;
  if (trial.value === null) return <section class="card"><p class="warning" role="alert">No trial has number {id}.</p></section>;
  if (!t) return null;
  const sponsor = account?.address === t.sponsor;
  const step = SPONSOR_STEPS[t.status];
  const act = (tx: Parameters<typeof send>[0], label: string) => run(true, () => send(tx, label));
  return (
    <section class="card" aria-labelledby="trial-title">
      <h2 id="trial-title">{t.registry} (trial {id})</h2>
      <p>
        A {t.phase} trial in {t.jurisdiction}, <strong>{STATUS_WORDS[t.status] ?? t.status}</strong>; sponsor <span title={t.sponsor}>{sponsor ? 'you' : shortAccount(t.sponsor)}</span>;
        {' '}{t.enrolled} of {t.target} participants enrolled at {t.sites.length} site{t.sites.length === 1 ? '' : 's'} ({t.sites.join(', ')}); protocol version {t.version}
        {t.locked ? ', outcomes locked when recruitment opened' : ''}.
      </p>
      <p class={t.confirmedBy ? 'help' : 'warning'}>
        {t.confirmedBy
          ? `Registry id confirmed by authority ${shortAccount(t.confirmedBy)}.`
          : 'Provisional: an authority has not yet confirmed that this registry id is the sponsor\u2019s. Recruitment cannot open until then.'}
      </p>
      {t.switches > 0 && <p class="verdict bad">Changed its outcomes {t.switches} time{t.switches === 1 ? '' : 's'} after recruitment began.</p>}
      {t.final && (
        <p class={t.unreported === 0 ? 'success' : 'warning'}>
          {t.postings === 0 ? 'No results posted yet.' : `Results posted ${t.postings} time${t.postings === 1 ? '' : 's'}.`}
          {t.unreported === 0 ? ' Every registered outcome is reported.' : ` ${t.unreported} registered outcome${t.unreported === 1 ? ' is' : 's are'} not reported.`}
        </p>
      )}
      <div class="row">
        {sponsor && step && (
          <button type="button" disabled={busy} onClick={() => act(api.tx.clinicalTrials[step.call](id), `${step.words.replace(/ \(.*\)$/, '')}: trial ${id}`)}>{step.words}</button>
        )}
        {t.oversees && !t.confirmedBy && !t.final && (
          <button type="button" disabled={busy} onClick={() => act(api.tx.clinicalTrials.confirmRegistryId(id), `Confirm ${t.registry} is the sponsor's`)}>Confirm the registry id is the sponsor's</button>
        )}
        {(sponsor || t.oversees) && !t.final && (
          <button type="button" class="danger" disabled={busy} onClick={() => terminating.confirmed(true) && act(api.tx.clinicalTrials.terminateTrial(id), `Terminate trial ${id}`)}>
            {terminating.armed ? 'Confirm: terminate for good' : 'Terminate'}
          </button>
        )}
      </div>
      {terminating.armed && <p class="warning" role="alert">Terminating ends the trial for good; its results still fall due. Click "Confirm" to terminate.</p>}
      <Outcome problem={problem} />
      {sponsor && t.final && <PostResults id={id} />}
    </section>
  );
}

/** The fingerprint of a document given as text or a file. */
async function documentFingerprint(text: string, file?: File) {
  return fingerprintOf(file ? new Uint8Array(await file.arrayBuffer()) : new TextEncoder().encode(text));
}

function PostResults({ id }: { id: number }) {
  const api = useApi();
  const { send } = useApp();
  const [summary, setSummary] = useState('');
  const [outcomes, setOutcomes] = useState('');
  const { busy, done, problem, run } = useAction();
  const reported = outcomeHashes(outcomes);
  const submit = (event: Event) => {
    event.preventDefault();
    return run(true, async () => {
      const { hash, pointer } = await documentFingerprint(summary);
      await send(api.tx.clinicalTrials.postResults(id, hash, pointer, reported), `Post results of trial ${id}`);
      setSummary('');
      setOutcomes('');
      return 'Results posted. Publish the results document at its address; its fingerprint is on chain.';
    });
  };
  return (
    <form class="grid" onSubmit={submit} aria-labelledby="results-title">
      <h3 id="results-title">Post results</h3>
      <label>
        Results summary (its fingerprint goes on chain; publish the document itself)
        <textarea name="results-text" rows={3} value={summary} onInput={(e) => setSummary((e.target as HTMLTextAreaElement).value)} />
      </label>
      <label>
        Outcomes reported, one per line, worded exactly as registered
        <textarea name="results-outcomes" rows={3} value={outcomes} onInput={(e) => setOutcomes((e.target as HTMLTextAreaElement).value)} />
      </label>
      <button type="submit" disabled={busy || summary.trim() === '' || reported.length === 0}>{busy ? 'Posting…' : 'Post results'}</button>
      <Outcome done={done} problem={problem} />
    </form>
  );
}

function RegisterTrial({ onRegistered }: { onRegistered(id: number): void }) {
  const api = useApi();
  const { account, send } = useApp();
  const [registry, setRegistry] = useState('');
  const [phase, setPhase] = useState('Phase3');
  const [protocol, setProtocol] = useState('');
  const [protocolFile, setProtocolFile] = useState<File>();
  const [sites, setSites] = useState('');
  const [target, setTarget] = useState(100);
  const [primary, setPrimary] = useState('');
  const [secondary, setSecondary] = useState('');
  const { busy, done, problem, run } = useAction();
  const sponsor = useLoad(async () => {
    const roles: Decoded[] = await runtimeCall(api, 'credentialsApi', 'liveRoles', account!.address);
    return roles.some((r: Decoded) => r.type === 'TrialSponsor');
  }, [api, account?.address]);
  if (!sponsor.value) return null;
  const id = parseRegistryId(registry);
  const siteList = sites.split(/[\s,]+/).filter(Boolean);
  const valid = id !== undefined && (protocol.trim() !== '' || protocolFile !== undefined) && siteList.length > 0
    && siteList.every((s) => /^\d+$/.test(s)) && target >= 1 && outcomeHashes(primary).length > 0;
  const submit = (event: Event) => {
    event.preventDefault();
    if (!valid) return;
    return run(true, async () => {
      const { hash, pointer } = await documentFingerprint(protocol, protocolFile);
      const included = await send(
        api.tx.clinicalTrials.registerTrial(id, phase, hash, pointer, siteList.map(Number), target, outcomeHashes(primary), outcomeHashes(secondary)),
        `Register trial ${registry.trim().toUpperCase()}`,
      );
      const [registered] = eventsNamed(included.events, 'clinicalTrials', 'TrialRegistered');
      const trial = (registered.data as unknown as { trial: { toNumber(): number } }).trial.toNumber();
      onRegistered(trial);
      return `Registered as trial ${trial}, provisionally until an authority confirms the registry id. Keep the outcomes' wording: results are checked against it.`;
    });
  };
  return (
    <section class="card" aria-labelledby="register-trial-title">
      <h2 id="register-trial-title">Register a trial</h2>
      <form class="grid" onSubmit={submit}>
        <label>
          Primary registry id (NCT…, ISRCTN… or EU CT number)
          <input name="registry-id" autoComplete="off" value={registry} onInput={(e) => setRegistry((e.target as HTMLInputElement).value)} />
        </label>
        {registry.trim() !== '' && !id && <p class="warning">That is not an NCT, ISRCTN or EU CT number.</p>}
        <label>
          Phase
          <select name="phase" value={phase} onChange={(e) => setPhase((e.target as HTMLSelectElement).value)}>
            {Object.entries(PHASES).map(([value, words]) => <option key={value} value={value}>{words}</option>)}
          </select>
        </label>
        <label>
          Protocol (its fingerprint goes on chain)
          <textarea name="protocol" rows={2} value={protocol} onInput={(e) => setProtocol((e.target as HTMLTextAreaElement).value)} />
        </label>
        <label>
          Or the protocol file
          <input type="file" name="protocol-file" onChange={(e) => setProtocolFile((e.target as HTMLInputElement).files?.[0])} />
        </label>
        <label>
          Sites (verified institution numbers, comma-separated)
          <input name="sites" autoComplete="off" value={sites} onInput={(e) => setSites((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          Target enrolment
          <input type="number" name="target" min={1} value={target} onInput={(e) => setTarget(Number((e.target as HTMLInputElement).value))} />
        </label>
        <label>
          Primary outcomes, one per line
          <textarea name="primary" rows={2} value={primary} onInput={(e) => setPrimary((e.target as HTMLTextAreaElement).value)} />
        </label>
        <label>
          Secondary outcomes, one per line
          <textarea name="secondary" rows={2} value={secondary} onInput={(e) => setSecondary((e.target as HTMLTextAreaElement).value)} />
        </label>
        <p class="help">Outcomes are fixed by their fingerprints when recruitment opens; changing one later is shown to everyone in the trial watch.</p>
        <button type="submit" disabled={!valid || busy}>{busy ? 'Registering…' : 'Register trial'}</button>
        <Outcome done={done} problem={problem} />
      </form>
    </section>
  );
}
