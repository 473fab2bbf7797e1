// Health records and consent: a patient adds a record, grants a licensed physician read access
// for treatment for 30 days, the physician's access is logged, the patient revokes and the next
// access is refused; an amendment keeps the old version readable; break-glass opens, is logged
// and reviewed; a guardian manages the patient's consents through a Guardian proxy but cannot
// move the patient's funds.
//
// The scenario uses its own accounts (derived from //Ferdie, who funds them) and accredits its
// own medical board through sudo, so it does not depend on the other scenario files.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { UNIT, connect, devAccounts, findEvents, signAndWait, sudo } from '../lib/chain.mjs';

const DE = '0x4445'; // ISO 3166-1 alpha-2 "DE"
const DAY_MS = 24n * 3600n * 1000n;
const CONSULT_NOTE = { system: 'Loinc', code: '11488-4' };
const hash = (byte) => `0x${byte.repeat(32)}`;
const pointer = (n) => `ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzd${n}`;

let api;
let board; // an accredited medical board
let physician; // licensed by the board
let patient;
let guardian; // the patient's representative
let ferdie;

before(async () => {
  api = await connect();
  const accounts = await devAccounts();
  ferdie = accounts.ferdie;
  const derive = (name) => accounts.keyring.addFromUri(`//Ferdie//records-consent//${name}`);
  [board, physician, patient, guardian] = ['board', 'physician', 'patient', 'guardian'].map(derive);
  await signAndWait(
    api.tx.utility.batchAll(
      [board, physician, patient, guardian].map((who) =>
        api.tx.balances.transferKeepAlive(who.address, 1_000n * UNIT),
      ),
    ),
    ferdie,
  );
  await sudo(api, api.tx.credentials.accreditAuthority(board.address, DE, ['Physician'], []));
  const now = (await api.query.timestamp.now()).toBigInt();
  await signAndWait(
    api.tx.credentials.issueCredential(
      physician.address, 'Physician', DE, hash('ab'), now, now + 365n * DAY_MS,
    ),
    board,
  );
});

after(async () => {
  await api?.disconnect();
});

async function accessLog() {
  return api.call.consentApi.accessLog(patient.address);
}

async function mayRead(record, purpose = 'Treatment') {
  const answer = await api.call.consentApi.mayAccessRecord(
    physician.address, null, record, 'Read', purpose,
  );
  return answer.unwrap();
}

describe('health records and consent', () => {
  let record;
  let amended;

  it('the patient adds a record, which the runtime API lists', async () => {
    const added = await signAndWait(
      api.tx.records.addRecord(CONSULT_NOTE, hash('11'), pointer(1)),
      patient,
    );
    const [event] = findEvents(added.events, 'records', 'RecordAdded');
    record = event.data.record.toBigInt();
    assert.equal(event.data.patient.toString(), patient.address);
    const listed = await api.call.recordsApi.recordsOf(patient.address);
    assert.deepEqual(listed.map(([id]) => id.toBigInt()), [record]);
    const stored = (await api.call.recordsApi.record(record)).unwrap();
    assert.equal(stored.status.toString(), 'Current');
    assert.equal(stored.contentHash.toHex(), hash('11'));
  });

  it('a physician without a grant is refused', async () => {
    await assert.rejects(
      signAndWait(api.tx.records.accessRecord(record, 'Treatment', null), physician),
      { name: 'ChainError', message: 'Records.NoGrant' },
    );
    const answer = await mayRead(record);
    assert.equal(answer.isErr && answer.asErr.toString(), 'NoGrant');
  });

  it('the patient grants the physician read access for treatment for 30 days', async () => {
    const now = (await api.query.timestamp.now()).toBigInt();
    const granted = await signAndWait(
      api.tx.consent.grantConsent(
        { Practitioner: physician.address },
        'Treatment',
        'AllRecords',
        { read: true, write: false },
        null,
        now + 30n * DAY_MS,
      ),
      patient,
    );
    assert.equal(findEvents(granted.events, 'consent', 'ConsentGranted').length, 1);
    const grants = await api.call.consentApi.grantsOf(patient.address);
    assert.equal(grants.length, 1);
    assert.equal(grants[0][1].toString(), 'Treatment');
    assert.equal(grants[0][2].status.toString(), 'Active');
  });

  it("the physician's access is allowed and logged for the patient to see", async () => {
    assert.equal((await mayRead(record)).isOk, true);
    const accessed = await signAndWait(
      api.tx.records.accessRecord(record, 'Treatment', null),
      physician,
    );
    const [event] = findEvents(accessed.events, 'consent', 'RecordAccessed');
    assert.equal(event.data.accessor.toString(), physician.address);
    assert.equal(event.data.basis.isGrant, true);
    const log = await accessLog();
    assert.equal(log.length, 1);
    assert.equal(log[0].accessor.toString(), physician.address);
    assert.equal(log[0].record.toBigInt(), record);
    assert.equal(log[0].purpose.toString(), 'Treatment');
    assert.equal(log[0].action.toString(), 'Read');
  });

  it('the grant admits neither writing nor another purpose', async () => {
    await assert.rejects(
      signAndWait(
        api.tx.records.addRecordFor(
          patient.address, CONSULT_NOTE, hash('22'), pointer(2), 'Treatment', null,
        ),
        physician,
      ),
      { name: 'ChainError', message: 'Records.ActionNotGranted' },
    );
    await assert.rejects(
      signAndWait(api.tx.records.accessRecord(record, 'Research', null), physician),
      { name: 'ChainError', message: 'Records.NoGrant' },
    );
  });

  it("after the patient revokes, the physician's next access is refused", async () => {
    const revoked = await signAndWait(
      api.tx.consent.revokeConsent({ Practitioner: physician.address }, 'Treatment'),
      patient,
    );
    assert.equal(findEvents(revoked.events, 'consent', 'ConsentRevoked').length, 1);
    await assert.rejects(
      signAndWait(api.tx.records.accessRecord(record, 'Treatment', null), physician),
      { name: 'ChainError', message: 'Records.GrantRevoked' },
    );
    const answer = await mayRead(record);
    assert.equal(answer.isErr && answer.asErr.toString(), 'GrantRevoked');
    assert.equal((await accessLog()).length, 1, 'the refused access left no log entry');
  });

  it('an amendment supersedes the record and keeps the old version readable', async () => {
    const done = await signAndWait(
      api.tx.records.amendRecord(record, hash('33'), pointer(3), 'Correction', 'Treatment', null),
      patient,
    );
    const [event] = findEvents(done.events, 'records', 'RecordAmended');
    amended = event.data.record.toBigInt();
    assert.equal(event.data.supersedes.toBigInt(), record);
    const old = (await api.call.recordsApi.record(record)).unwrap();
    assert.equal(old.status.toString(), 'Superseded');
    assert.equal(old.supersededBy.unwrap().toBigInt(), amended);
    assert.equal(old.contentHash.toHex(), hash('11'));
    const chain = await api.call.recordsApi.versionChain(amended);
    assert.deepEqual(chain.map(([id]) => id.toBigInt()), [record, amended]);
    await assert.rejects(
      signAndWait(
        api.tx.records.amendRecord(record, hash('44'), pointer(4), 'Correction', 'Treatment', null),
        patient,
      ),
      { name: 'ChainError', message: 'Records.NotCurrent' },
    );
  });

  it('break-glass opens, admits emergency access that is logged, and is reviewed', async () => {
    const opened = await signAndWait(
      api.tx.consent.openBreakGlass(patient.address, hash('ee')),
      physician,
    );
    const [openedEvent] = findEvents(opened.events, 'consent', 'BreakGlassOpened');
    const breakGlass = openedEvent.data.breakGlass.toBigInt();
    const accessed = await signAndWait(
      api.tx.records.accessRecord(amended, 'EmergencyTreatment', null),
      physician,
    );
    const [event] = findEvents(accessed.events, 'consent', 'RecordAccessed');
    assert.equal(event.data.basis.isBreakGlass, true);
    const log = await accessLog();
    assert.equal(log.length, 2);
    assert.equal(log[1].basis.asBreakGlass.toBigInt(), breakGlass);
    const pending = await api.call.consentApi.pendingBreakGlass(patient.address);
    assert.equal(pending.length, 1);

    const reviewed = await signAndWait(
      api.tx.consent.reviewBreakGlass(patient.address, breakGlass, 'Justified'),
      patient,
    );
    const [review] = findEvents(reviewed.events, 'consent', 'BreakGlassReviewed');
    assert.equal(review.data.finding.toString(), 'Justified');
    assert.equal((await api.call.consentApi.pendingBreakGlass(patient.address)).length, 0);
    assert.equal((await api.call.consentApi.abuseFindings(physician.address)).toNumber(), 0);
    await assert.rejects(
      signAndWait(api.tx.records.accessRecord(amended, 'EmergencyTreatment', null), physician),
      { name: 'ChainError', message: 'Records.NoGrant' },
    );
  });

  it("a guardian manages the patient's consents but cannot move their funds", async () => {
    await signAndWait(api.tx.proxy.addProxy(guardian.address, 'Guardian', 0), patient);
    const grant = api.tx.consent.grantConsent(
      { Practitioner: physician.address },
      'CareManagement',
      { Records: [amended] },
      { read: true, write: false },
      null,
      null,
    );
    const granted = await signAndWait(api.tx.proxy.proxy(patient.address, null, grant), guardian);
    const [executed] = findEvents(granted.events, 'proxy', 'ProxyExecuted');
    assert.equal(executed.data.result.isOk, true, `${executed.data.result}`);
    const [event] = findEvents(granted.events, 'consent', 'ConsentGranted');
    assert.equal(event.data.patient.toString(), patient.address);

    const transfer = api.tx.balances.transferKeepAlive(guardian.address, UNIT);
    const refused = await signAndWait(api.tx.proxy.proxy(patient.address, null, transfer), guardian);
    const [refusedEvent] = findEvents(refused.events, 'proxy', 'ProxyExecuted');
    const error = refusedEvent.data.result.asErr;
    assert.equal(error.isModule, true);
    const { section, name } = api.registry.findMetaError(error.asModule);
    assert.equal(`${section}.${name}`, 'system.CallFiltered');
  });
});
