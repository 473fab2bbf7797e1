// Licences and institutions. An accredited authority licenses practitioners and organisations,
// suspends, reinstates or revokes the licences in its scope, verifies and suspends institutions
// and appoints guardians under an order; the council of health authorities accredits them.

import { useState } from 'preact/hooks';

import { useApi, useApp } from '../state';
import { runtimeCall, type Decoded } from '../chain/calls';
import { useAction, useLoad } from '../lib/hooks';
import { DAY_MS, ascii, day, fingerprint, isAccount, shortAccount } from '../lib/format';
import { ROLES } from '../lib/words';
import { Outcome } from '../components/Outcome';
import { AppointByOrder } from './Guardians';
import { Governance } from './Governance';


export function RegistryPage() {
  const { account } = useApp();
  return (
    <>
      <h1 class="page-title">Licences and institutions</h1>
      {account && <Authority />}
      <Governance />
    </>
  );
}

function Authority() {
  const api = useApi();
  const { account, heads } = useApp();
  const scope = useLoad(async () => {
    const found = await runtimeCall(api, 'credentialsApi', 'authority', account!.address);
    if (found.isNone) return null;
    const s = found.unwrap();
    return { jurisdiction: s.jurisdiction.toHex() as string, roles: s.roles.map((r: Decoded) => r.type as string) as string[] };
  }, [api, account?.address, heads.best]);
  if (scope.value === null) {
    return (
      <section class="card">
        <p>This account is not an accredited authority. Authorities are accredited by the council of health authorities, below.</p>
      </section>
    );
  }
  if (!scope.value) return null;
  return (
    <>
      <License jurisdiction={scope.value.jurisdiction} roles={scope.value.roles} />
      <Licences />
      <Institutions />
      <AppointByOrder />
    </>
  );
}

function License({ jurisdiction, roles }: { jurisdiction: string; roles: string[] }) {
  const api = useApi();
  const { send } = useApp();
  const [holder, setHolder] = useState('');
  const [role, setRole] = useState(roles[0] ?? '');
  const [licence, setLicence] = useState('');
  const [days, setDays] = useState(365);
  const { busy, done, problem, run } = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    const now = Date.now();
    return run(true, async () => {
      await send(
        api.tx.credentials.issueCredential(holder.trim(), role, jurisdiction, fingerprint(licence), now, now + days * DAY_MS),
        `License ${shortAccount(holder.trim())} as ${ROLES[role] ?? role}`,
      );
      setHolder('');
      return `Licensed as ${ROLES[role] ?? role} until ${day(now + days * DAY_MS)}.`;
    });
  };
  return (
    <section class="card" aria-labelledby="license-title">
      <h2 id="license-title">License a practitioner or organisation ({ascii(jurisdiction)})</h2>
      <form class="grid" onSubmit={submit}>
        <label>
          Holder's account
          <input name="holder" autoComplete="off" value={holder} onInput={(e) => setHolder((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          Role
          <select name="role" value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value)}>
            {roles.map((r) => <option key={r} value={r}>{ROLES[r] ?? r}</option>)}
          </select>
        </label>
        <label>
          Licence number and register entry (its fingerprint goes on chain)
          <input name="licence" autoComplete="off" value={licence} onInput={(e) => setLicence((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          Valid for how many days
          <input type="number" name="licence-days" min={1} max={3650} value={days} onInput={(e) => setDays(Number((e.target as HTMLInputElement).value))} />
        </label>
        <button type="submit" disabled={busy || !isAccount(holder.trim()) || licence.trim() === '' || days < 1}>Issue licence</button>
        <Outcome done={done} problem={problem} />
      </form>
    </section>
  );
}

function Licences() {
  const api = useApi();
  const { send, heads } = useApp();
  const [whoText, setWhoText] = useState('');
  const [who, setWho] = useState<string>();
  const { busy, problem, run } = useAction<bigint>();
  const list = useLoad(async () => {
    if (!who) return undefined;
    const held: Decoded[] = await runtimeCall(api, 'credentialsApi', 'credentialsOf', who);
    return held.map(([id, c]: Decoded) => ({
      id: id.toBigInt() as bigint,
      role: c.role.type as string,
      status: c.status.type as string,
      validUntil: c.validUntil.toBigInt() as bigint,
      issuer: c.issuer.toString() as string,
    }));
  }, [api, who, heads.best]);
  const act = (id: bigint, action: 'suspendCredential' | 'reinstateCredential' | 'revokeCredential', label: string) =>
    run(id, () => send(api.tx.credentials[action](id), label));
  return (
    <section class="card" aria-labelledby="licences-title">
      <h2 id="licences-title">Licences of an account</h2>
      <form class="inline" onSubmit={(e) => { e.preventDefault(); if (isAccount(whoText.trim())) setWho(whoText.trim()); }}>
        <label>
          Account <input name="licensee" autoComplete="off" value={whoText} onInput={(e) => setWhoText((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit" class="secondary">Show licences</button>
      </form>
      {list.value?.length === 0 && <p>This account holds no licence.</p>}
      <ul class="records">
        {list.value?.map((c) => (
          <li key={String(c.id)}>
            <div>
              Licence #{String(c.id)}: <strong>{ROLES[c.role] ?? c.role}</strong>, {c.status.toLowerCase()}, valid until {day(c.validUntil)}; issued by <span title={c.issuer}>{shortAccount(c.issuer)}</span>.
            </div>
            <div class="row">
              {c.status === 'Active' && <button type="button" class="secondary" disabled={busy === c.id} onClick={() => act(c.id, 'suspendCredential', `Suspend licence #${c.id}`)}>Suspend</button>}
              {c.status === 'Suspended' && <button type="button" class="secondary" disabled={busy === c.id} onClick={() => act(c.id, 'reinstateCredential', `Reinstate licence #${c.id}`)}>Reinstate</button>}
              {c.status !== 'Revoked' && <button type="button" class="danger" disabled={busy === c.id} onClick={() => act(c.id, 'revokeCredential', `Revoke licence #${c.id}`)}>Revoke for good</button>}
            </div>
          </li>
        ))}
      </ul>
      <Outcome problem={problem} />
    </section>
  );
}

function Institutions() {
  const api = useApi();
  const { send, heads } = useApp();
  const [idText, setIdText] = useState('');
  const { busy, problem, run } = useAction();
  const id = /^\d+$/.test(idText.trim()) ? Number(idText.trim()) : undefined;
  const institution = useLoad(async () => {
    if (id === undefined) return undefined;
    const found = await runtimeCall(api, 'credentialsApi', 'institution', id);
    if (found.isNone) return null;
    const i = found.unwrap();
    return {
      kind: i.kind.type as string,
      jurisdiction: ascii(i.jurisdiction.toHex()),
      status: i.status.type as string,
      practitioners: i.practitioners.toNumber() as number,
      admin: i.admin.toString() as string,
    };
  }, [api, idText, heads.best]);
  const act = (action: 'verifyInstitution' | 'suspendInstitution', label: string) =>
    id !== undefined && run(true, () => send(api.tx.credentials[action](id), label));
  const i = institution.value;
  return (
    <section class="card" aria-labelledby="institutions-title">
      <h2 id="institutions-title">Institutions</h2>
      <label>
        Institution number
        <input name="institution" inputMode="numeric" autoComplete="off" value={idText} onInput={(e) => setIdText((e.target as HTMLInputElement).value)} />
      </label>
      {i === null && <p class="warning" role="alert">No institution has this number.</p>}
      {i && (
        <div class="row">
          <p>
            Institution {id}: a {i.kind.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()} in {i.jurisdiction}, <strong>{i.status.toLowerCase()}</strong>,
            {' '}{i.practitioners} affiliated; administered by <span title={i.admin}>{shortAccount(i.admin)}</span>.
          </p>
          {i.status !== 'Verified' && <button type="button" disabled={busy !== undefined} onClick={() => act('verifyInstitution', `Verify institution ${id}`)}>Verify</button>}
          {i.status === 'Verified' && <button type="button" class="danger" disabled={busy !== undefined} onClick={() => act('suspendInstitution', `Suspend institution ${id}`)}>Suspend</button>}
        </div>
      )}
      <Outcome problem={problem} />
    </section>
  );
}
