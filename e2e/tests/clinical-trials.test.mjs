// Clinical-trial registration: a sponsor registers a trial at two sites with pre-registered
// outcomes; recruitment starts; a participant grants research consent to the trial and an
// investigator at a site enrols them; revoking that consent withdraws another participant; an
// outcome change after recruitment is flagged; an authority suspends and resumes the trial; the
// trial completes, results are posted, and the outcome they leave out shows as unreported. The
// record gateway serves the trial as a FHIR ResearchStudy to anyone and the enrolment as a
// ResearchSubject to the participant and the sponsor, never telling an outsider who takes part.
//
// The scenario uses its own accounts (derived from //Ferdie, who funds them) and accredits its
// own authority through sudo, so it does not depend on the other scenario files.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import {
  UNIT, connect, devAccounts, documentPointer, findEvents, signAndWait, sudo,
} from '../lib/chain.mjs';
import { fhirGet, fhirSession, gatewayCatchesUp, startGateway } from '../lib/gateway.mjs';

const DE = '0x4445'; // ISO 3166-1 alpha-2 "DE"
const DAY_MS = 24n * 3600n * 1000n;
const hash = (byte) => `0x${byte.repeat(32)}`;
/** ASCII digits as the hex of a fixed-size byte array (the digits of an NCT number). */
const digits = (text) => `0x${Buffer.from(text, 'ascii').toString('hex')}`;
// NCT followed by eight digits; the clock makes it unique if the suite runs twice on one chain.
const NCT = { Nct: digits(String(Date.now() % 100_000_000).padStart(8, '0')) };
const PROTOCOL = documentPointer('protocol v1');
const PRIMARY = [hash('01'), hash('02')];
const SECONDARY = [hash('03')];
const SWITCHED_PRIMARY = [hash('01'), hash('04')];

let api;
let a; // this scenario's accounts
const site = {}; // institution ids: hospital, clinic
let trial;

before(async () => {
  api = await connect();
  const accounts = await devAccounts();
  const names = [
    'board', 'sponsor', 'hospital', 'clinic', 'investigator', 'participant', 'volunteer', 'outsider',
    'foreignBoard', 'squatter',
  ];
  a = Object.fromEntries(
    names.map((name) => [name, accounts.keyring.addFromUri(`//Ferdie//clinical-trials//${name}`)]),
  );
  await signAndWait(
    api.tx.utility.batchAll(
      Object.values(a).map((who) => api.tx.balances.transferKeepAlive(who.address, 10_000n * UNIT)),
    ),
    accounts.ferdie,
  );
  await sudo(
    api,
    api.tx.credentials.accreditAuthority(
      a.board.address, DE, ['Physician', 'TrialSponsor'], ['Hospital', 'Clinic'],
    ),
  );
  // A medicines agency of another country: it oversees French trials, not this German one.
  await sudo(
    api,
    api.tx.credentials.accreditAuthority(a.foreignBoard.address, '0x4652', ['TrialSponsor'], []),
  );
  const now = (await api.query.timestamp.now()).toBigInt();
  for (const [who, role] of [
    [a.investigator, 'Physician'], [a.sponsor, 'TrialSponsor'], [a.squatter, 'TrialSponsor'],
  ]) {
    await signAndWait(
      api.tx.credentials.issueCredential(who.address, role, DE, hash('ab'), now, now + 365n * DAY_MS),
      a.board,
    );
  }
  for (const [name, kind] of [['hospital', 'Hospital'], ['clinic', 'Clinic']]) {
    const registered = await signAndWait(
      api.tx.credentials.registerInstitution(kind, DE, hash('cd')),
      a[name],
    );
    const [event] = findEvents(registered.events, 'credentials', 'InstitutionRegistered');
    site[name] = event.data.institution.toNumber();
    await signAndWait(api.tx.credentials.verifyInstitution(site[name]), a.board);
  }
  await signAndWait(
    api.tx.credentials.affiliatePractitioner(site.hospital, a.investigator.address),
    a.hospital,
  );
});

after(async () => {
  await api?.disconnect();
});

/** The participant's consent to the trial: research use of their records, read only. */
function grantResearchConsent(participant) {
  return signAndWait(
    api.tx.consent.grantConsent({ Study: trial }, 'Research', 'AllRecords', { read: true, write: false }, null, null),
    participant,
  );
}

function enrol(participant) {
  return signAndWait(api.tx.clinicalTrials.enrol(trial, site.hospital, participant.address), a.investigator);
}

async function trialStatus() {
  return (await api.call.clinicalTrialsApi.trial(trial)).unwrap().status;
}

describe('clinical-trial registration', () => {
  const register = (signer, registryId) =>
    signAndWait(
      api.tx.clinicalTrials.registerTrial(
        registryId, 'Phase3', hash('aa'), PROTOCOL, [site.hospital, site.clinic], 100, PRIMARY, SECONDARY,
      ),
      signer,
    );

  it('a squatted registry id is provisional, cannot recruit, and is rejected and freed', async () => {
    const registered = await register(a.squatter, NCT);
    const squatted = findEvents(registered.events, 'clinicalTrials', 'TrialRegistered')[0]
      .data.trial.toNumber();
    await assert.rejects(signAndWait(api.tx.clinicalTrials.startRecruitment(squatted), a.squatter), {
      name: 'ChainError', message: 'ClinicalTrials.RegistryIdNotConfirmed',
    });
    await assert.rejects(register(a.sponsor, NCT), {
      name: 'ChainError', message: 'ClinicalTrials.RegistryIdTaken',
    });
    const rejected = await signAndWait(api.tx.clinicalTrials.rejectRegistryId(squatted, hash('5a')), a.board);
    assert.equal(findEvents(rejected.events, 'clinicalTrials', 'RegistryIdRejected').length, 1);
    assert.equal((await api.call.clinicalTrialsApi.trialByRegistryId(NCT)).isNone, true);
  });

  it('a licensed sponsor registers a trial at two sites; the chain sets its time', async () => {
    await assert.rejects(register(a.outsider, NCT), {
      name: 'ChainError', message: 'ClinicalTrials.NotASponsor',
    });
    await assert.rejects(register(a.sponsor, { Nct: digits('0123456X') }), {
      name: 'ChainError', message: 'ClinicalTrials.MalformedRegistryId',
    });
    const registered = await register(a.sponsor, NCT);
    const [event] = findEvents(registered.events, 'clinicalTrials', 'TrialRegistered');
    trial = event.data.trial.toNumber();
    const now = (await api.query.timestamp.now()).toBigInt();
    const stored = (await api.call.clinicalTrialsApi.trial(trial)).unwrap();
    assert.equal(stored.registeredAt.toBigInt(), event.data.registeredAt.toBigInt());
    assert.ok(stored.registeredAt.toBigInt() <= now);
    assert.deepEqual(stored.sites.map((id) => id.toNumber()), [site.hospital, site.clinic]);
    assert.equal(stored.status.toString(), 'Registered');
    assert.equal((await api.call.clinicalTrialsApi.trialByRegistryId(NCT)).unwrap().toNumber(), trial);
    await assert.rejects(register(a.sponsor, NCT), {
      name: 'ChainError', message: 'ClinicalTrials.RegistryIdTaken',
    });
    assert.equal(stored.registryConfirmedBy.isNone, true);
    await signAndWait(api.tx.clinicalTrials.confirmRegistryId(trial), a.board);
    const confirmed = (await api.call.clinicalTrialsApi.trial(trial)).unwrap();
    assert.equal(confirmed.registryConfirmedBy.unwrap().toString(), a.board.address);
  });

  it('enrolment needs recruitment and the participant\'s research consent', async () => {
    await grantResearchConsent(a.participant);
    await assert.rejects(enrol(a.participant), {
      name: 'ChainError', message: 'ClinicalTrials.NotRecruiting',
    });
    await signAndWait(api.tx.clinicalTrials.startRecruitment(trial), a.sponsor);
    assert.equal((await trialStatus()).toString(), 'Recruiting');
    await assert.rejects(enrol(a.volunteer), {
      name: 'ChainError', message: 'ClinicalTrials.NoResearchConsent',
    });
    await assert.rejects(
      signAndWait(api.tx.clinicalTrials.enrol(trial, site.clinic, a.participant.address), a.investigator),
      { name: 'ChainError', message: 'ClinicalTrials.NotAtSite' },
    );
    const enrolled = await enrol(a.participant);
    const [event] = findEvents(enrolled.events, 'clinicalTrials', 'ParticipantEnrolled');
    assert.equal(event.data.participant.toString(), a.participant.address);
    assert.equal(event.data.site.toNumber(), site.hospital);
    assert.equal((await api.call.clinicalTrialsApi.enrolmentCount(trial)).toNumber(), 1);
    assert.equal(
      (await api.call.clinicalTrialsApi.participation(trial, a.participant.address)).toString(),
      'Enrolled',
    );
  });

  it('revoking research consent withdraws the participant', async () => {
    await grantResearchConsent(a.volunteer);
    await enrol(a.volunteer);
    assert.equal((await api.call.clinicalTrialsApi.enrolmentCount(trial)).toNumber(), 2);
    const revoked = await signAndWait(
      api.tx.consent.revokeConsent({ Study: trial }, 'Research'),
      a.volunteer,
    );
    const [event] = findEvents(revoked.events, 'clinicalTrials', 'ParticipantWithdrawn');
    assert.equal(event.data.participant.toString(), a.volunteer.address);
    assert.equal(event.data.reason.toString(), 'ConsentRevoked');
    assert.equal((await api.call.clinicalTrialsApi.enrolmentCount(trial)).toNumber(), 1);
    assert.equal(
      (await api.call.clinicalTrialsApi.participation(trial, a.volunteer.address)).toString(),
      'NotEnrolled',
    );
  });

  it('changing the outcomes after recruitment began is flagged as a switch', async () => {
    const amended = await signAndWait(
      api.tx.clinicalTrials.amendProtocol(
        trial, hash('bb'), documentPointer('protocol v2'), SWITCHED_PRIMARY, SECONDARY, hash('05'),
      ),
      a.sponsor,
    );
    const [switched] = findEvents(amended.events, 'clinicalTrials', 'OutcomesSwitched');
    assert.equal(switched.data.version.toNumber(), 1);
    const versions = await api.call.clinicalTrialsApi.amendments(trial);
    assert.equal(versions.length, 2);
    const [[v0, registration], [v1, amendment]] = versions;
    assert.equal(v0.toNumber(), 0);
    assert.equal(registration.outcomeChange.isTrue, false);
    assert.deepEqual(registration.primary.map((h) => h.toHex()), PRIMARY);
    assert.equal(v1.toNumber(), 1);
    assert.equal(amendment.outcomeChange.isTrue, true);
    assert.equal(amendment.reasonHash.unwrap().toHex(), hash('05'));
    const switchedTrials = (await api.call.clinicalTrialsApi.switchedOutcomes()).map((id) => id.toNumber());
    assert.ok(switchedTrials.includes(trial));
  });

  it('an authority overseeing the trial (not a foreign one) suspends it and lifts the suspension; investigators report adverse events', async () => {
    for (const who of [a.sponsor, a.foreignBoard]) {
      await assert.rejects(signAndWait(api.tx.clinicalTrials.suspendTrial(trial), who), {
        name: 'ChainError', message: 'ClinicalTrials.NotTrialOverseer',
      });
    }
    await signAndWait(api.tx.clinicalTrials.suspendTrial(trial), a.board);
    assert.equal((await trialStatus()).isSuspended, true);
    await signAndWait(api.tx.clinicalTrials.resumeTrial(trial), a.board);
    assert.equal((await trialStatus()).toString(), 'Recruiting');
    const reported = await signAndWait(
      api.tx.clinicalTrials.reportAdverseEvent(trial, site.hospital, a.participant.address, 'Moderate', false, hash('ae')),
      a.investigator,
    );
    assert.equal(findEvents(reported.events, 'clinicalTrials', 'AdverseEventReported').length, 1);
    const events = await api.call.clinicalTrialsApi.adverseEvents(trial);
    assert.equal(events.length, 1);
    assert.equal(events[0][1].severity.toString(), 'Moderate');
  });

  it('results come only after completion, and the outcome they leave out shows as unreported', async () => {
    const post = () =>
      signAndWait(
        api.tx.clinicalTrials.postResults(trial, hash('cc'), documentPointer('results'), [hash('01'), hash('04'), hash('03')]),
        a.sponsor,
      );
    await assert.rejects(post(), { name: 'ChainError', message: 'ClinicalTrials.NotFinished' });
    await signAndWait(api.tx.clinicalTrials.closeRecruitment(trial), a.sponsor);
    const completed = await signAndWait(api.tx.clinicalTrials.completeTrial(trial), a.sponsor);
    const [due] = findEvents(completed.events, 'clinicalTrials', 'ResultsDueSet');
    const status = await trialStatus();
    assert.equal(status.isCompleted, true);
    assert.equal(due.data.due.toBigInt(), status.asCompleted.at.toBigInt() + 365n * DAY_MS);
    // Due in a year: not overdue yet.
    const overdue = (await api.call.clinicalTrialsApi.overdueResults()).map(([id]) => id.toNumber());
    assert.equal(overdue.includes(trial), false);
    const posted = await post();
    assert.equal(findEvents(posted.events, 'clinicalTrials', 'ResultsPosted').length, 1);
    // The switched-away primary outcome 02 was locked at recruitment and never reported.
    const unreported = (await api.call.clinicalTrialsApi.unreportedOutcomes(trial)).map((h) => h.toHex());
    assert.deepEqual(unreported, [hash('02')]);
    const results = await api.call.clinicalTrialsApi.results(trial);
    assert.equal(results.length, 1);
    // The due date stays on the trial, so anyone can see the results came in time.
    const stored = (await api.call.clinicalTrialsApi.trial(trial)).unwrap();
    assert.equal(stored.resultsDue.unwrap().toBigInt(), due.data.due.toBigInt());
    assert.equal(stored.resultsPosted.toNumber(), 1);
  });

  it('the gateway serves the trial to anyone and an enrolment only to the participant and the sponsor', async () => {
    const gateway = await startGateway();
    try {
      await gatewayCatchesUp(api, gateway);
      const nct = `NCT${Buffer.from(NCT.Nct.slice(2), 'hex').toString('ascii')}`;
      const outsider = await fhirSession(gateway, a.outsider);
      const { resource: study } = await fhirGet(gateway, outsider, `/fhir/ResearchStudy/${trial}`);
      assert.equal(study.status, 'completed');
      assert.equal(study.phase.coding[0].code, 'phase-3');
      assert.equal(study.identifier[1].value, nct);
      assert.deepEqual(study.site.map((s) => Number(s.identifier.value)), [site.hospital, site.clinic]);
      assert.deepEqual((await fhirGet(gateway, outsider, `/fhir/ResearchStudy?identifier=${nct}`)).ids, [String(trial)]);

      const subject = (who) => `/fhir/ResearchSubject?study=ResearchStudy/${trial}&patient=${who.address}`;
      for (const reader of [a.participant, a.sponsor]) {
        const found = await fhirGet(gateway, await fhirSession(gateway, reader), subject(a.participant));
        assert.deepEqual(found.ids, [`${trial}-${a.participant.address}`]);
        assert.equal(found.resource.entry[0].resource.status, 'on-study');
      }
      // The withdrawn volunteer is no longer a subject; the sponsor may learn that much.
      const sponsor = await fhirSession(gateway, a.sponsor);
      assert.deepEqual((await fhirGet(gateway, sponsor, subject(a.volunteer))).ids, []);
      // An outsider (no licence, no grant) is refused alike for a participant and for someone
      // who is not one, in the chain's words.
      for (const who of [a.participant, a.volunteer]) {
        const refused = await fhirGet(gateway, outsider, subject(who));
        assert.equal(refused.status, 403);
        assert.equal(refused.resource.issue[0].details.coding[0].code, 'NotCredentialed');
      }
    } finally {
      await gateway.stop();
    }
  });
});
