// Credentials: the council of health authorities accredits a medical board by a two-thirds
// motion, the board licenses a physician, the runtime API reports the live role, and after
// the board suspends the licence it does not. Refusals come back as typed errors. The record
// gateway's FHIR directory serves the physician, their role at the hospital and the hospital as
// R4 resources, and follows the suspension at the next finalized block.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { connect, devAccounts, findEvents, passMotion, signAndWait } from '../lib/chain.mjs';
import {
  fhirGet, fhirSession, gatewayCatchesUp, startGateway, untilGatewayDecides,
} from '../lib/gateway.mjs';

const DE = '0x4445'; // ISO 3166-1 alpha-2 "DE"
const YEAR_MS = 365n * 24n * 3600n * 1000n;
const LICENCE_HASH = `0x${'ab'.repeat(32)}`;
const DETAILS_HASH = `0x${'cd'.repeat(32)}`;

let api;
let a; // dev accounts: Alice, Bob and Charlie sit on the council; Dave is the medical board

before(async () => {
  api = await connect();
  a = await devAccounts();
});

after(async () => {
  await api?.disconnect();
});

/** Passes `call` through a council motion with a two-thirds threshold: propose, vote, close. */
async function councilMotion(call) {
  const members = (await api.query.council.members()).map((m) => m.toString());
  assert.ok(
    [a.alice, a.bob, a.charlie].every((m) => members.includes(m.address)),
    'Alice, Bob and Charlie sit on the council',
  );
  const threshold = Math.ceil((members.length * 2) / 3);
  const { result, included } = await passMotion(api, 'council', [a.alice, a.bob, a.charlie].slice(0, threshold), call);
  assert.equal(result, 'Ok', "the motion's call succeeded");
  return included;
}

async function liveRoles(who) {
  return (await api.call.credentialsApi.liveRoles(who.address)).map((r) => r.toString());
}

describe('credentials', () => {
  let credentialId;
  let institutionId;

  it('the council accredits a medical board by a two-thirds motion', async () => {
    const accredit = api.tx.credentials.accreditAuthority(
      a.dave.address,
      DE,
      ['Physician', 'Nurse'],
      ['Hospital', 'Clinic'],
    );
    const closed = await councilMotion(accredit);
    assert.equal(findEvents(closed.events, 'credentials', 'AuthorityAccredited').length, 1);
    const scope = (await api.call.credentialsApi.authority(a.dave.address)).unwrap();
    assert.equal(scope.jurisdiction.toHex(), DE);
    assert.deepEqual(scope.roles.map((r) => r.toString()), ['Physician', 'Nurse']);
  });

  it('refuses accreditation outside governance', async () => {
    await assert.rejects(
      signAndWait(
        api.tx.credentials.accreditAuthority(a.eve.address, DE, ['Physician'], []),
        a.eve,
      ),
      { name: 'ChainError', message: 'BadOrigin' },
    );
  });

  it('the board licenses a physician and the runtime API reports the live role', async () => {
    const now = (await api.query.timestamp.now()).toBigInt();
    const issued = await signAndWait(
      api.tx.credentials.issueCredential(
        a.eve.address, 'Physician', DE, LICENCE_HASH, now, now + YEAR_MS,
      ),
      a.dave,
    );
    const [issuedEvent] = findEvents(issued.events, 'credentials', 'CredentialIssued');
    credentialId = issuedEvent.data.credential.toBigInt();
    assert.deepEqual(await liveRoles(a.eve), ['Physician']);
    assert.equal((await api.call.credentialsApi.hasRole(a.eve.address, 'Physician')).isTrue, true);
    const held = await api.call.credentialsApi.credentialsOf(a.eve.address);
    assert.equal(held.length, 1);
    assert.equal(held[0][1].issuer.toString(), a.dave.address);
  });

  it('refuses licences from non-authorities and outside the scope', async () => {
    const now = (await api.query.timestamp.now()).toBigInt();
    const issue = (role, jurisdiction, signer) =>
      signAndWait(
        api.tx.credentials.issueCredential(
          a.ferdie.address, role, jurisdiction, LICENCE_HASH, now, now + YEAR_MS,
        ),
        signer,
      );
    await assert.rejects(issue('Physician', DE, a.ferdie), {
      name: 'ChainError',
      message: 'Credentials.NotAuthority',
    });
    await assert.rejects(issue('Pharmacist', DE, a.dave), {
      name: 'ChainError',
      message: 'Credentials.RoleOutOfScope',
    });
    await assert.rejects(issue('Physician', '0x4652', a.dave), {
      name: 'ChainError',
      message: 'Credentials.JurisdictionOutOfScope',
    });
  });

  it('a verified hospital affiliates the physician', async () => {
    const registered = await signAndWait(
      api.tx.credentials.registerInstitution('Hospital', DE, DETAILS_HASH),
      a.ferdie,
    );
    const [registeredEvent] = findEvents(registered.events, 'credentials', 'InstitutionRegistered');
    institutionId = registeredEvent.data.institution.toNumber();
    await signAndWait(api.tx.credentials.verifyInstitution(institutionId), a.dave);
    await signAndWait(
      api.tx.credentials.affiliatePractitioner(institutionId, a.eve.address),
      a.ferdie,
    );
    const practitioners = await api.call.credentialsApi.practitionersOf(institutionId);
    assert.deepEqual(practitioners.map((p) => p.toString()), [a.eve.address]);
    const institution = (await api.call.credentialsApi.institution(institutionId)).unwrap();
    assert.equal(institution.status.isVerified, true);
  });

  it('after suspension the role is gone, and reinstatement restores it', async () => {
    await signAndWait(api.tx.credentials.suspendCredential(credentialId), a.dave);
    assert.deepEqual(await liveRoles(a.eve), []);
    assert.equal((await api.call.credentialsApi.hasRole(a.eve.address, 'Physician')).isFalse, true);
    const stored = (await api.call.credentialsApi.credential(credentialId)).unwrap();
    assert.equal(stored.status.toString(), 'Suspended');

    await signAndWait(api.tx.credentials.reinstateCredential(credentialId), a.dave);
    assert.deepEqual(await liveRoles(a.eve), ['Physician']);
  });

  it("the gateway's FHIR directory serves the physician, their role and the hospital, and follows a suspension", async () => {
    const gateway = await startGateway();
    try {
      await gatewayCatchesUp(api, gateway);
      const session = await fhirSession(gateway, a.ferdie);
      const practitioner = async () =>
        (await fhirGet(gateway, session, `/fhir/Practitioner/${a.eve.address}`)).resource;
      const physician = await practitioner();
      assert.equal(physician.active, true);
      assert.deepEqual(physician.qualification.map((q) => q.code.coding[0].code), ['Physician']);
      assert.equal(physician.qualification[0].issuer.identifier.value, a.dave.address);
      const roles = await fhirGet(gateway, session, `/fhir/PractitionerRole?organization=Organization/${institutionId}`);
      assert.deepEqual(roles.ids, [`${institutionId}-${a.eve.address}`]);
      const { resource: hospital } = await fhirGet(gateway, session, `/fhir/Organization/${institutionId}`);
      assert.equal(hospital.active, true);
      assert.equal(hospital.address[0].country, 'DE');

      await untilGatewayDecides(api, gateway, api.tx.credentials.suspendCredential(credentialId), a.dave);
      const suspended = await practitioner();
      assert.equal(suspended.active, false);
      assert.equal(suspended.qualification, undefined);
      await untilGatewayDecides(api, gateway, api.tx.credentials.reinstateCredential(credentialId), a.dave);
      assert.equal((await practitioner()).active, true);
    } finally {
      await gateway.stop();
    }
  });
});
