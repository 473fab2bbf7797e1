// The council of health authorities accredits the authorities that license practitioners and
// verify institutions, and withdraws accreditation. A member proposes; two thirds of the
// members must vote for it; any member then closes the vote and, if it passed, it takes effect.

import { useState } from 'preact/hooks';
import type { SubmittableExtrinsic } from '@polkadot/api/types';

import { useApi, useApp } from '../state';
import type { Decoded } from '../chain/calls';
import { type Included, eventsNamed } from '../chain/submit';
import { explainDispatchError } from '../chain/errors';
import { ascii, asciiHex, isAccount, shortAccount } from '../lib/format';
import { useAction, useLoad } from '../lib/hooks';
import { ROLES } from '../lib/words';
import { Outcome } from '../components/Outcome';

type Api = ReturnType<typeof useApi>;

const INSTITUTION_KINDS: Record<string, string> = {
  Hospital: 'hospitals', Clinic: 'clinics', Laboratory: 'laboratories', Pharmacy: 'pharmacies',
  Manufacturer: 'manufacturers', Distributor: 'distributors', TrialSponsor: 'trial sponsors', Insurer: 'insurers',
};

/** Votes a motion needs: at least two thirds of the seats, as accreditation requires. */
const twoThirds = (members: number) => Math.ceil((2 * members) / 3);

/** A council motion's call in words. */
function motionWords(call: Decoded): string {
  const args = call.args as Decoded[];
  if (call.section === 'credentials' && call.method === 'accreditAuthority') {
    const roles = args[2].map((r: Decoded) => ROLES[r.type] ?? r.type).join(', ');
    const kinds = args[3].map((k: Decoded) => INSTITUTION_KINDS[k.type] ?? k.type).join(', ');
    return `Accredit ${shortAccount(args[0].toString())} as the authority in ${ascii(args[1].toHex())} licensing ${roles || 'no role'} and verifying ${kinds || 'no institution'}`;
  }
  if (call.section === 'credentials' && call.method === 'withdrawAuthority') return `Withdraw ${shortAccount(args[0].toString())}'s accreditation`;
  return `${call.section}.${call.method}`;
}

/** Closes a motion; a motion that passed but whose call failed is reported as a failure. */
async function closeMotion(api: Api, send: (tx: SubmittableExtrinsic<'promise'>, label: string) => Promise<Included>, hash: string, index: number, call: Decoded, label: string) {
  const length = call.toU8a().length;
  const { weight } = (await api.call.transactionPaymentCallApi.queryCallInfo(call, length)) as unknown as Decoded;
  const included = await send(api.tx.council.close(hash, index, weight, length), label);
  const [executed] = eventsNamed(included.events, 'council', 'Executed');
  if (!executed) return 'The vote is closed: the motion did not pass.';
  const result = (executed.data as unknown as { result: Decoded }).result;
  if (result.isErr) {
    const explained = explainDispatchError(api, result.asErr);
    throw new Error(`The council approved it, but it could not take effect: ${explained.what} ${explained.next}`);
  }
  return 'Passed and done.';
}

export function Governance() {
  const api = useApi();
  const { account, heads } = useApp();
  const members = useLoad(async () => ((await api.query.council.members()) as unknown as Decoded[]).map((m) => m.toString() as string), [api, heads.finalized]);
  if (!account || !members.value) return null;
  const member = members.value.includes(account.address);
  return (
    <>
      <Motions members={members.value} member={member} />
      {member && <ProposeAccreditation members={members.value.length} />}
    </>
  );
}

function Motions({ members, member }: { members: string[]; member: boolean }) {
  const api = useApi();
  const { account, heads, send } = useApp();
  const { busy, done, problem, run } = useAction<string>();
  const motions = useLoad(async () => {
    const hashes = (await api.query.council.proposals()) as unknown as Decoded[];
    const found = await Promise.all(
      hashes.map(async (hash) => {
        const [call, votes] = await Promise.all([api.query.council.proposalOf(hash), api.query.council.voting(hash)]);
        if ((call as Decoded).isNone || (votes as Decoded).isNone) return undefined;
        const v = (votes as Decoded).unwrap();
        return {
          hash: hash.toHex() as string,
          call: (call as Decoded).unwrap() as Decoded,
          index: v.index.toNumber() as number,
          threshold: v.threshold.toNumber() as number,
          ayes: v.ayes.map((a: Decoded) => a.toString() as string) as string[],
          nays: v.nays.map((a: Decoded) => a.toString() as string) as string[],
          end: v.end.toNumber() as number,
        };
      }),
    );
    return found.filter((m) => m !== undefined);
  }, [api, heads.best]);
  return (
    <section class="card" aria-labelledby="motions-title">
      <h2 id="motions-title">Council of health authorities</h2>
      <p class="help">
        {members.length} member{members.length === 1 ? '' : 's'}: {members.map(shortAccount).join(', ')}. Accrediting or withdrawing an authority takes
        {' '}{twoThirds(members.length)} of their votes. {member ? 'You are a member.' : ''}
      </p>
      {motions.value?.length === 0 && <p>No motion is open.</p>}
      <ul class="records">
        {motions.value?.map((m) => {
          const voted = account && (m.ayes.includes(account.address) ? 'for' : m.nays.includes(account.address) ? 'against' : undefined);
          const decided = m.ayes.length >= m.threshold || m.nays.length > members.length - m.threshold || heads.best >= m.end;
          const words = motionWords(m.call);
          return (
            <li key={m.hash}>
              <div>
                <strong>{words}.</strong> {m.ayes.length} for, {m.nays.length} against, {m.threshold} needed; voting ends at block {m.end.toLocaleString('en-GB')}.
                {voted && ` You voted ${voted}.`}
              </div>
              {member && (
                <div class="row">
                  {(['for', 'against'] as const).filter((side) => voted !== side).map((side) => (
                    <MotionButton key={side} label={`Vote ${side}`} words={words} primary={side === 'for'} busy={busy === m.hash}
                      onClick={(label) => run(m.hash, () => send(api.tx.council.vote(m.hash, m.index, side === 'for'), label))} />
                  ))}
                  {decided && (
                    <MotionButton label="Close the vote" words={words} busy={busy === m.hash}
                      onClick={(label) => run(m.hash, () => closeMotion(api, send, m.hash, m.index, m.call, label))} />
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <Outcome done={done} problem={problem} />
    </section>
  );
}

function ProposeAccreditation({ members }: { members: number }) {
  const api = useApi();
  const { send } = useApp();
  const [who, setWho] = useState('');
  const [jurisdiction, setJurisdiction] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [kinds, setKinds] = useState<string[]>([]);
  const { busy, done, problem, run } = useAction();
  const code = jurisdiction.trim().toUpperCase();
  const valid = isAccount(who.trim()) && /^[A-Z]{2}$/.test(code) && roles.length + kinds.length > 0;
  const submit = (event: Event) => {
    event.preventDefault();
    if (!valid) return;
    const call = api.tx.credentials.accreditAuthority(who.trim(), asciiHex(code), roles, kinds);
    const words = motionWords(call.method as unknown as Decoded);
    return run(true, async () => {
      await send(api.tx.council.propose(twoThirds(members), call.method, call.method.encodedLength), `Propose: ${words}`);
      setWho('');
      return `Proposed. It takes effect once ${twoThirds(members)} members vote for it and one closes the vote; your own vote is not counted until you cast it.`;
    });
  };
  const toggle = (list: string[], value: string, on: boolean) => (on ? [...list, value] : list.filter((v) => v !== value));
  return (
    <section class="card" aria-labelledby="accredit-title">
      <h2 id="accredit-title">Propose accrediting an authority</h2>
      <form class="grid" onSubmit={submit}>
        <label>
          Authority's account
          <input name="authority" autoComplete="off" value={who} onInput={(e) => setWho((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          Country (two letters)
          <input name="jurisdiction" autoComplete="off" maxLength={2} value={jurisdiction} onInput={(e) => setJurisdiction((e.target as HTMLInputElement).value)} />
        </label>
        <fieldset>
          <legend>Licenses</legend>
          <div class="choices">
            {Object.entries(ROLES).map(([role, words]) => (
              <label key={role}><input type="checkbox" checked={roles.includes(role)} onChange={(e) => setRoles((r) => toggle(r, role, (e.target as HTMLInputElement).checked))} /> {words}</label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>Verifies</legend>
          <div class="choices">
            {Object.entries(INSTITUTION_KINDS).map(([kind, words]) => (
              <label key={kind}><input type="checkbox" checked={kinds.includes(kind)} onChange={(e) => setKinds((k) => toggle(k, kind, (e.target as HTMLInputElement).checked))} /> {words}</label>
            ))}
          </div>
        </fieldset>
        <button type="submit" disabled={!valid || busy}>{busy ? 'Proposing…' : 'Propose to the council'}</button>
        <Outcome done={done} problem={problem} />
      </form>
    </section>
  );
}

/** A button acting on one motion: its accessible name, and its transaction's label, say which. */
function MotionButton({ label, words, primary, busy, onClick }: { label: string; words: string; primary?: boolean; busy: boolean; onClick(label: string): void }) {
  const named = `${label}: ${words}`;
  return (
    <button type="button" class={primary ? undefined : 'secondary'} disabled={busy} onClick={() => onClick(named)} aria-label={named}>{label}</button>
  );
}
