// Health records and consent: a patient adds a record, grants a licensed physician read access
// for treatment for 30 days, the physician's access is logged, the patient revokes and the next
// access is refused; an amendment keeps the old version readable; break-glass opens for the
// physician's hospital, is logged in its name and reviewed, never by the physician, and a finding
// of abuse bans the physician from break-glass until the board lifts it; every refused read is
// logged with its reason; a guardian appointed by the patient reads the patient's record and
// manages the patient's consents, logged and evented as the guardian, and cannot use the
// physician's standing when the physician is the one they guard.
//
// The scenario uses its own accounts (derived from //Ferdie, who funds them) and accredits its
// own medical board through sudo, so it does not depend on the other scenario files.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import {
  UNIT, connect, devAccounts, documentPointer, findEvents, signAndWait, sudo,
} from '../lib/chain.mjs';

const DE = '0x4445'; // ISO 3166-1 alpha-2 "DE"
const DAY_MS = 24n * 3600n * 1000n;
const CONSULT_NOTE = { system: 'Loinc', code: '11488-4' };
const hash = (byte) => `0x${byte.repeat(32)}`;
const pointer = (n) => documentPointer(`document ${n}`);

let api;
let board; // an accredited medical board
let physician; // licensed by the board, affiliated to the hospital
let patient;
let guardian; // the patient's representative
let hospitalAdmin; // registers the hospital
let hospital; // the hospital's institution id
let ferdie;

before(async () => {
  api = await connect();
  const accounts = await devAccounts();
  ferdie = accounts.ferdie;
  const derive = (name) => accounts.keyring.addFromUri(`//Ferdie//records-consent//${name}`);
  [board, physician, patient, guardian, hospitalAdmin] =
    ['board', 'physician', 'patient', 'guardian', 'hospitalAdmin'].map(derive);
  await signAndWait(
    api.tx.utility.batchAll(
      [board, physician, patient, guardian, hospitalAdmin].map((who) =>
        api.tx.balances.transferKeepAlive(who.address, 1_000n * UNIT),
      ),
    ),
    ferdie,
  );
  await sudo(
    api,
    api.tx.credentials.accreditAuthority(board.address, DE, ['Physician'], ['Hospital']),
  );
  const now = (await api.query.timestamp.now()).toBigInt();
  await signAndWait(
    api.tx.credentials.issueCredential(
      physician.address, 'Physician', DE, hash('ab'), now, now + 365n * DAY_MS,
    ),
    board,
  );
  const registered = await signAndWait(
    api.tx.credentials.registerInstitution('Hospital', DE, hash('cd')),
    hospitalAdmin,
  );
  hospital = findEvents(registered.events, 'credentials', 'InstitutionRegistered')[0]
    .data.institution.toNumber();
  await signAndWait(api.tx.credentials.verifyInstitution(hospital), board);
  await signAndWait(
    api.tx.credentials.affiliatePractitioner(hospital, physician.address),
    hospitalAdmin,
  );
});

after(async () => {
  await api?.disconnect();
});

async function accessLog() {
  return api.call.consentApi.accessLog(patient.address);
}

/**
 * `who` tries to read `record` and is refused for `reason`: the call succeeds, and the refusal
 * is evented and logged (IHE ATNA audits failures too).
 */
async function readRefused(who, record, purpose, onBehalfOf, reason) {
  const before = (await accessLog()).length;
  const result = await signAndWait(api.tx.records.accessRecord(record, purpose, onBehalfOf), who);
  const [event] = findEvents(result.events, 'consent', 'RecordAccessed');
  assert.equal(event.data.outcome.isDenied, true);
  assert.equal(event.data.outcome.asDenied.toString(), reason);
  const log = await accessLog();
  assert.equal(log.length, before + 1);
  assert.equal(log[log.length - 1].outcome.asDenied.toString(), reason);
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
    // A pointer or category that could carry a name or diagnosis is refused.
    await assert.rejects(
      signAndWait(api.tx.records.addRecord(CONSULT_NOTE, hash('11'), 'ipfs://John-Doe-HIV'), patient),
      { name: 'ChainError', message: 'Records.MalformedPointer' },
    );
    await assert.rejects(
      signAndWait(
        api.tx.records.addRecord({ system: 'FhirResourceType', code: 'JohnDoe' }, hash('11'), pointer(1)),
        patient,
      ),
      { name: 'ChainError', message: 'Records.MalformedCategory' },
    );
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

  it('a physician without a grant is refused, and the refusal is logged', async () => {
    await readRefused(physician, record, 'Treatment', null, 'NoGrant');
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
    assert.equal(event.data.outcome.asAllowed.isGrant, true);
    const log = await accessLog();
    assert.equal(log.length, 2);
    const latest = log[1];
    assert.equal(latest.accessor.toString(), physician.address);
    assert.equal(latest.record.toBigInt(), record);
    assert.equal(latest.purpose.toString(), 'Treatment');
    assert.equal(latest.action.toString(), 'Read');
    assert.equal(latest.outcome.isAllowed, true);
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
    await readRefused(physician, record, 'Research', null, 'NoGrant');
  });

  it("after the patient revokes, the physician's next access is refused", async () => {
    const revoked = await signAndWait(
      api.tx.consent.revokeConsent({ Practitioner: physician.address }, 'Treatment'),
      patient,
    );
    assert.equal(findEvents(revoked.events, 'consent', 'ConsentRevoked').length, 1);
    await readRefused(physician, record, 'Treatment', null, 'GrantRevoked');
    const answer = await mayRead(record);
    assert.equal(answer.isErr && answer.asErr.toString(), 'GrantRevoked');
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

  it('break-glass opens for the hospital, admits emergency access logged in its name, and is reviewed', async () => {
    // Only for a hospital or clinic the physician acts for.
    await assert.rejects(
      signAndWait(api.tx.consent.openBreakGlass(patient.address, 999_999, hash('ee')), physician),
      { name: 'ChainError', message: 'Consent.NotActingForCareInstitution' },
    );
    const opened = await signAndWait(
      api.tx.consent.openBreakGlass(patient.address, hospital, hash('ee')),
      physician,
    );
    const [openedEvent] = findEvents(opened.events, 'consent', 'BreakGlassOpened');
    const breakGlass = openedEvent.data.breakGlass.toBigInt();
    assert.equal(openedEvent.data.onBehalfOf.toNumber(), hospital);
    // Emergency access admits the institution it was opened for, not the physician alone.
    await readRefused(physician, amended, 'EmergencyTreatment', null, 'NoGrant');
    const accessed = await signAndWait(
      api.tx.records.accessRecord(amended, 'EmergencyTreatment', hospital),
      physician,
    );
    const [event] = findEvents(accessed.events, 'consent', 'RecordAccessed');
    assert.equal(event.data.outcome.asAllowed.isBreakGlass, true);
    assert.equal(event.data.onBehalfOf.unwrap().toNumber(), hospital);
    const log = await accessLog();
    const latest = log[log.length - 1];
    assert.equal(latest.outcome.asAllowed.asBreakGlass.toBigInt(), breakGlass);
    assert.equal(latest.onBehalfOf.unwrap().toNumber(), hospital);
    const pending = await api.call.consentApi.pendingBreakGlass(patient.address);
    assert.equal(pending.length, 1);

    // The physician never reviews their own case.
    await assert.rejects(
      signAndWait(api.tx.consent.reviewBreakGlass(patient.address, breakGlass, 'Justified'), physician),
      { name: 'ChainError', message: 'Consent.SelfReview' },
    );
    const reviewed = await signAndWait(
      api.tx.consent.reviewBreakGlass(patient.address, breakGlass, 'Justified'),
      patient,
    );
    const [review] = findEvents(reviewed.events, 'consent', 'BreakGlassReviewed');
    assert.equal(review.data.finding.toString(), 'Justified');
    assert.equal((await api.call.consentApi.pendingBreakGlass(patient.address)).length, 0);
    assert.equal((await api.call.consentApi.abuseFindings(physician.address)).toNumber(), 0);
    await readRefused(physician, amended, 'EmergencyTreatment', hospital, 'NoGrant');
  });

  it('a finding of abuse tells the issuer and bans the physician until the board lifts it', async () => {
    const opened = await signAndWait(
      api.tx.consent.openBreakGlass(patient.address, hospital, hash('ef')),
      physician,
    );
    const breakGlass = findEvents(opened.events, 'consent', 'BreakGlassOpened')[0]
      .data.breakGlass.toBigInt();
    const reviewed = await signAndWait(
      api.tx.consent.reviewBreakGlass(patient.address, breakGlass, 'Abuse'),
      patient,
    );
    const [abuse] = findEvents(reviewed.events, 'consent', 'BreakGlassAbuseFound');
    assert.equal(abuse.data.issuer.toString(), board.address);
    assert.equal(abuse.data.role.toString(), 'Physician');
    assert.equal((await api.call.consentApi.abuseFindings(physician.address)).toNumber(), 1);
    assert.equal((await api.call.consentApi.breakGlassBan(physician.address)).isSome, true);
    await assert.rejects(
      signAndWait(api.tx.consent.openBreakGlass(patient.address, hospital, hash('f0')), physician),
      { name: 'ChainError', message: 'Consent.BannedFromBreakGlass' },
    );
    await assert.rejects(
      signAndWait(api.tx.consent.liftBreakGlassBan(physician.address), patient),
      { name: 'ChainError', message: 'Consent.NotOverseer' },
    );
    await signAndWait(api.tx.consent.liftBreakGlassBan(physician.address), board);
    assert.equal((await api.call.consentApi.breakGlassBan(physician.address)).isNone, true);
  });

  it("a guardian reads the patient's record and manages their consents, as the guardian", async () => {
    await signAndWait(api.tx.consent.appointGuardian(guardian.address, null), patient);
    const read = await signAndWait(api.tx.records.accessRecord(amended, 'CareManagement', null), guardian);
    const [accessed] = findEvents(read.events, 'consent', 'RecordAccessed');
    assert.equal(accessed.data.accessor.toString(), guardian.address);
    assert.equal(accessed.data.outcome.asAllowed.isGuardian, true);
    const log = await accessLog();
    assert.equal(log[log.length - 1].accessor.toString(), guardian.address);

    const grant = api.tx.consent.grantConsent(
      { Practitioner: physician.address },
      'CareManagement',
      { Records: [amended] },
      { read: true, write: false },
      null,
      null,
    );
    const granted = await signAndWait(api.tx.consent.asGuardian(patient.address, grant), guardian);
    const [acted] = findEvents(granted.events, 'consent', 'GuardianActed');
    assert.equal(acted.data.guardian.toString(), guardian.address);
    const [event] = findEvents(granted.events, 'consent', 'ConsentGranted');
    assert.equal(event.data.patient.toString(), patient.address);
  });

  it("a guardian of a physician cannot use the physician's standing", async () => {
    await signAndWait(api.tx.consent.appointGuardian(guardian.address, null), physician);
    // Opening break-glass on the patient in the physician's name is not a guardian's call.
    await assert.rejects(
      signAndWait(
        api.tx.consent.asGuardian(
          physician.address,
          api.tx.consent.openBreakGlass(patient.address, hospital, hash('aa')),
        ),
        guardian,
      ),
      { name: 'ChainError', message: 'Consent.CallNotForGuardians' },
    );
    await signAndWait(api.tx.consent.removeGuardian(physician.address, guardian.address), physician);
  });

  it('the patient publishes an encryption key, and erases a document nobody else can', async () => {
    const key = `0x${'42'.repeat(32)}`;
    await assert.rejects(
      signAndWait(api.tx.records.publishEncryptionKey(`0x${'00'.repeat(32)}`), patient),
      { name: 'ChainError', message: 'Records.UnusableEncryptionKey' },
    );
    await signAndWait(api.tx.records.publishEncryptionKey(key), patient);
    assert.equal((await api.call.recordsApi.encryptionKey(patient.address)).unwrap().toHex(), key);

    await assert.rejects(signAndWait(api.tx.records.eraseRecord(amended), physician), {
      name: 'ChainError', message: 'Records.NotPatientOrGuardian',
    });
    const erased = await signAndWait(api.tx.records.eraseRecord(amended), patient);
    assert.equal(findEvents(erased.events, 'records', 'RecordErased').length, 1);
    const stored = (await api.call.recordsApi.record(amended)).unwrap();
    assert.equal(stored.status.toString(), 'Erased');
    assert.equal(stored.pointer.length, 0);
    assert.equal(stored.contentHash.toHex(), hash('33'));
  });
});
