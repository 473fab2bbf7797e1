// The web app in a real browser (Debian's chromium through playwright-core) against the node
// under test and a record gateway that allows the app's origin:
// - the physician and the patient publish encryption keys; the patient adds a document
//   (encrypted in the page, its hash on chain, the ciphertext at the gateway) and opens it; the
//   patient grants the physician access in plain words, and the page shares the document's key
//   with them; the physician logs the access and reads the document, decrypted in the page, and
//   it is the patient's text; the patient sees that access in the timeline and revokes; the
//   physician's next access is refused and logged, and the patient sees the refusal; in an
//   emergency the physician opens audited access for their hospital and reads, the patient
//   sees it in the timeline as emergency access and reviews it; the patient marks a document
//   entered in error and erases it, and the gateway deletes its ciphertext; the patient grants
//   the hospital, the page shares the document's key with each of its practitioners, and
//   another physician of the hospital reads it for the hospital;
// - the physician writes a note for the patient (sealed to the patient's key), corrects it with
//   a second version, and prescribes; the patient sees version 2 replacing version 1 and opens
//   it; anyone verifies a genuine pack, a recalled pack shows red, a made-up one is not
//   genuine; the patient lets their pharmacy fill the prescription; the pharmacist checks
//   custody and dispenses it by scanning its pack, which then reads as dispensed;
// - a guardian is refused until the patient appoints them in the page (which shares the keys of
//   the patient's documents with them), then opens a document (the read logged on chain as a
//   guardian's), acts for the patient (revokes a grant through consent.asGuardian) and steps down; an authority appoints
//   one under an order, which the patient sees and cannot end;
// - a sponsor registers a trial (a malformed registry id refused in the page), the authority
//   confirms its registry id, the sponsor opens and closes recruitment, completes it and posts
//   results: one outcome still owed after the first posting, none after the second;
// - the council accredits an authority (Alice proposes and votes, Bob votes and closes), who
//   then licenses in its country; the authority suspends the physician's licence (the
//   clinician page then says it is not live) and reinstates it, and suspends and verifies the
//   hospital;
// - with a camera (chromium's fake capture playing a video of a GS1 DataMatrix and a QR code)
//   anyone verifies a pack by holding it up, and the physician finds the patient by scanning
//   the account code the patient's page shows;
// - axe-core finds no WCAG 2.1 A/AA violation on any page, at a desktop's and a phone's width.
// Each main page is saved as a screenshot (app/screenshots/, or E2E_SCREENSHOTS).
//
// The scenario uses its own accounts (derived from //Ferdie) and its own authority and company
// prefix, so it does not depend on the other scenario files.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { UNIT, connect, devAccounts, findEvents, signAndWait, sudo } from '../lib/chain.mjs';
import { request, signedAuth, startGateway } from '../lib/gateway.mjs';
import { digits, withCheckDigit } from '../lib/gs1.mjs';
import {
  accessibilityViolations, freePort, launchBrowser, screenshot, serveApp,
} from '../lib/browser.mjs';
import { writeCameraVideo } from '../lib/camera.mjs';
import { developmentKeyPair } from '../lib/sealed-box.mjs';

const DE = '0x4445';
const DAY_MS = 24n * 3600n * 1000n;
const hash = (byte) => `0x${byte.repeat(32)}`;
const URI = (name) => `//Ferdie//app//${name}`;
const COMPANY_PREFIX = '5012345';
const GTIN = withCheckDigit(`0${COMPANY_PREFIX}00001`); // GTIN-14 under the prefix
const packCode = (serial, lot, yymmdd) => `(01)${GTIN}(17)${yymmdd}(10)${lot}(21)${serial}`;
/** The batches' expiry, about two years out, and as a pack's code carries it (YYMMDD). */
const expiry = new Date(Date.now() + 700 * 86_400_000);
const yymmdd = expiry.toISOString().slice(2, 10).replace(/-/g, '');
const DOCUMENT = 'Discharge summary\nPatient admitted with community-acquired pneumonia; treated with amoxicillin; discharged well.';
const AMENDED_NOTE = 'Follow-up (corrected): chest clear. Continue amoxicillin 500 mg three times daily for 7 days.';
const STEP_MS = 90_000;

let api;
let a; // this scenario's accounts, by name
let devKeyring;
let gateway;
let app;
let browser;
let page;
let record;
const party = {};

before(async () => {
  api = await connect();
  const accounts = await devAccounts();
  devKeyring = accounts.keyring;
  const names = ['board', 'physician', 'resident', 'patient', 'hospital', 'maker', 'pharmacy', 'pharmacist', 'guardian', 'sponsor', 'regulator'];
  a = Object.fromEntries(names.map((name) => [name, accounts.keyring.addFromUri(URI(name))]));
  await signAndWait(
    api.tx.utility.batchAll(Object.values(a).map((who) => api.tx.balances.transferKeepAlive(who.address, 1_000n * UNIT))),
    accounts.ferdie,
  );
  await sudo(api, api.tx.credentials.accreditAuthority(
    a.board.address, DE, ['Physician', 'Pharmacist', 'Manufacturer', 'Pharmacy', 'TrialSponsor'], ['Manufacturer', 'Pharmacy', 'Hospital'],
  ));
  const now = (await api.query.timestamp.now()).toBigInt();
  for (const [name, role] of [['physician', 'Physician'], ['resident', 'Physician'], ['pharmacist', 'Pharmacist'], ['maker', 'Manufacturer'], ['pharmacy', 'Pharmacy'], ['sponsor', 'TrialSponsor']]) {
    await signAndWait(api.tx.credentials.issueCredential(a[name].address, role, DE, hash('ab'), now, now + 365n * DAY_MS), a.board);
  }
  for (const [name, kind] of [['maker', 'Manufacturer'], ['pharmacy', 'Pharmacy'], ['hospital', 'Hospital']]) {
    const registered = await signAndWait(api.tx.credentials.registerInstitution(kind, DE, hash('cd')), a[name]);
    party[name] = findEvents(registered.events, 'credentials', 'InstitutionRegistered')[0].data.institution.toNumber();
    await signAndWait(api.tx.credentials.verifyInstitution(party[name]), a.board);
    if (name !== 'hospital') await signAndWait(api.tx.credentials.affiliatePractitioner(party[name], a[name].address), a[name]);
  }
  await signAndWait(api.tx.credentials.affiliatePractitioner(party.hospital, a.physician.address), a.hospital);
  // A second physician of the hospital, whose key (the one the page derives) is already published.
  await signAndWait(api.tx.credentials.affiliatePractitioner(party.hospital, a.resident.address), a.hospital);
  await signAndWait(api.tx.records.publishEncryptionKey(developmentKeyPair(URI('resident')).publicKey), a.resident);
  // The guardian's too, so that the patient can share their documents' keys on appointing them.
  await signAndWait(api.tx.records.publishEncryptionKey(developmentKeyPair(URI('guardian')).publicKey), a.guardian);
  await signAndWait(api.tx.credentials.affiliatePractitioner(party.pharmacy, a.pharmacist.address), a.pharmacy);

  const appPort = await freePort();
  gateway = await startGateway({ extraArgs: ['--allowed-origins', `http://127.0.0.1:${appPort}`] });
  app = await serveApp({ port: appPort, gateway: gateway.url });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
});

after(async () => {
  await browser?.close();
  await app?.stop();
  await gateway?.stop();
  await api?.disconnect();
});

/** Opens a page of the app and waits for it to be connected. */
async function open(route) {
  await page.goto(`${app.url}/#/${route}`);
  await page.getByText(/block \d/).first().waitFor({ timeout: STEP_MS });
}

/** Chooses, in the page, this scenario's account `name` or a well-known dev account (`//Alice`). */
async function actAs(name) {
  const uri = name.startsWith('//') ? name : URI(name);
  const address = name.startsWith('//') ? devKeyring.addFromUri(name).address : a[name].address;
  await page.getByLabel('Development key').fill(uri);
  await page.getByRole('button', { name: 'Use', exact: true }).click();
  await page.waitForFunction(
    (expected) => document.querySelector('.accounts select')?.value === expected,
    address,
    { timeout: STEP_MS },
  );
}

/** Waits until the transaction labelled `label` is finalized in the page's panel. */
async function finalized(label) {
  const tx = page.locator('.tx', { hasText: label }).first();
  await tx.waitFor({ timeout: STEP_MS });
  await page.waitForFunction(
    (text) => [...document.querySelectorAll('.tx')].some((el) => el.textContent.includes(text) && (el.classList.contains('finalized') || el.classList.contains('failed'))),
    label,
    { timeout: STEP_MS },
  );
  const failed = await tx.evaluate((el) => el.classList.contains('failed'));
  assert.equal(failed, false, `${label} failed: ${await tx.textContent()}`);
}

async function assertAccessible(name) {
  for (const [width, height] of [[1280, 900], [390, 844]]) {
    await page.setViewportSize({ width, height });
    const violations = await accessibilityViolations(page);
    assert.deepEqual(violations, [], `${name} at ${width}px: ${JSON.stringify(violations, null, 1)}`);
    if (width < 500) await screenshot(page, `${name.replace(/ /g, '-')}-phone`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('web app: records and consent', () => {
  it('the physician publishes an encryption key', async () => {
    await open('clinician');
    await actAs('physician');
    await page.getByText('You hold a live licence as physician.').waitFor({ timeout: STEP_MS });
    await page.getByRole('button', { name: 'Publish my encryption key', exact: true }).click();
    await finalized('Publish my encryption key');
    await page.getByText('Your encryption key is published and open in this page').waitFor({ timeout: STEP_MS });
  });

  it('the patient adds a document, encrypted in the page, and opens it again', async () => {
    await open('patient');
    await actAs('patient');
    await page.getByRole('button', { name: 'Publish my encryption key', exact: true }).click();
    await finalized('Publish my encryption key');
    await page.getByText('Your encryption key is published and open in this page').waitFor({ timeout: STEP_MS });
    await page.getByLabel('Kind of document').selectOption({ label: 'Discharge summary' });
    await page.getByLabel('Text', { exact: true }).fill(DOCUMENT);
    await page.getByRole('button', { name: 'Encrypt and add' }).click();
    const added = page.getByText(/^Added as record #\d+, encrypted/);
    await added.waitFor({ timeout: STEP_MS });
    record = BigInt(/#(\d+)/.exec(await added.textContent())[1]);
    // On chain: the hash of what the gateway holds, never the text.
    const stored = (await api.call.recordsApi.record(record)).unwrap();
    assert.equal(stored.patient.toString(), a.patient.address);
    assert.equal(await gateway.storedObject(stored.contentHash.toHex().slice(2)), true);
    await page.getByRole('button', { name: `Open record ${record}` }).click();
    const contents = page.getByLabel(`Contents of record ${record}`);
    await contents.waitFor({ timeout: STEP_MS });
    assert.equal(await contents.textContent(), DOCUMENT);
  });

  it('the patient grants the physician access in plain words, and the document key goes with it', async () => {
    await page.getByLabel('Account', { exact: true }).fill(a.physician.address);
    await page.getByText('Holds a live licence as physician.').waitFor({ timeout: STEP_MS });
    const preview = await page.locator('.preview').textContent();
    assert.match(preview, /will be able to read all your records, for treating you, until/);
    await page.getByRole('button', { name: 'Grant access' }).click();
    await finalized('access');
    await page.getByText('The keys of 1 document were shared with them.').waitFor({ timeout: STEP_MS });
    await page.getByText(/may read all records, for treating you/).waitFor({ timeout: STEP_MS });
    await screenshot(page, 'patient-grant');
    await assertAccessible('patient page');
  });

  it('the physician logs the access and reads the document, decrypted in the page', async () => {
    await open('clinician');
    await actAs('physician');
    await page.getByLabel("Patient's account").fill(a.patient.address);
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByText('You may read it: under the patient\u2019s consent.').waitFor({ timeout: STEP_MS });
    await page.getByRole('button', { name: `Log access and read record ${record}` }).click();
    const contents = page.getByLabel(`Contents of record ${record}`);
    await contents.waitFor({ timeout: STEP_MS });
    assert.equal(await contents.textContent(), DOCUMENT);
    await screenshot(page, 'clinician-read');
    await assertAccessible('clinician page');
  });

  it('the patient sees the access in the timeline and revokes in one click', async () => {
    await open('patient');
    await actAs('patient');
    const entry = page.locator('.timeline li.allowed', { hasText: `record #${record}` }).first();
    await entry.waitFor({ timeout: STEP_MS });
    assert.match(await entry.textContent(), /read record #\d+ for treating you\..*Allowed.*under the patient.s consent/s);
    await screenshot(page, 'patient-timeline');
    await page.getByRole('button', { name: /^Revoke Practitioner/ }).click();
    await finalized('Revoke');
    await page.locator('.grant.revoked').first().waitFor({ timeout: STEP_MS });
  });

  it('the physician is refused after the revocation, and the refusal is logged for the patient', async () => {
    await open('clinician');
    await actAs('physician');
    await page.getByLabel("Patient's account").fill(a.patient.address);
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByText('You may not read it now: the consent was revoked.').waitFor({ timeout: STEP_MS });
    await page.getByRole('button', { name: `Log access and read record ${record}` }).click();
    await page.getByText('Refused, and logged: the consent was revoked.').waitFor({ timeout: STEP_MS });
    // The gateway refuses the bytes too, whatever the page does.
    const auth = await signedAuth(gateway, a.physician, { operation: 'read', record: Number(record), purpose: 'Treatment' });
    const direct = await request(gateway, 'GET', `/records/${record}/content`, { auth });
    assert.equal(direct.status, 403);

    await open('patient');
    await actAs('patient');
    const refused = page.locator('.timeline li.refused', { hasText: `record #${record}` }).first();
    await refused.waitFor({ timeout: STEP_MS });
    assert.match(await refused.textContent(), /Refused.*the consent was revoked/s);
  });

  it('in an emergency the physician opens audited access for their hospital, and the patient reviews it', async () => {
    await open('clinician');
    await actAs('physician');
    await page.getByLabel("Patient's account").fill(a.patient.address);
    await page.getByLabel('Purpose').selectOption('EmergencyTreatment');
    await page.getByLabel('Acting for institution (number, optional)').fill(String(party.hospital));
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByText('You may not read it now: no consent covers this purpose.').waitFor({ timeout: STEP_MS });
    await page.getByLabel(/^Justification/).fill('Unconscious on arrival in the emergency department; no relative reachable.');
    await page.getByRole('button', { name: 'Open emergency access' }).click();
    await finalized('Open emergency access');
    await page.getByText('You may read it: emergency access (audited).').waitFor({ timeout: STEP_MS });
    await page.getByRole('button', { name: `Log access and read record ${record}` }).click();
    const contents = page.getByLabel(`Contents of record ${record}`);
    await contents.waitFor({ timeout: STEP_MS });
    assert.equal(await contents.textContent(), DOCUMENT);

    await open('patient');
    await actAs('patient');
    const entry = page.locator('.timeline li.allowed', { hasText: `for institution ${party.hospital}` }).first();
    await entry.waitFor({ timeout: STEP_MS });
    assert.match(await entry.textContent(), /for emergency treatment.*emergency access \(audited\)/s);
    await page.getByRole('heading', { name: 'Emergency accesses to review' }).waitFor({ timeout: STEP_MS });
    await page.getByRole('button', { name: 'It was justified' }).click();
    await finalized('as justified');
    await page.getByRole('heading', { name: 'Emergency accesses to review' }).waitFor({ state: 'detached', timeout: STEP_MS });
  });

  it('the patient marks a document entered in error, then erases it, and the gateway deletes it', async () => {
    await page.getByLabel('Text', { exact: true }).fill('Uploaded by mistake: another person\'s letter.');
    await page.getByRole('button', { name: 'Encrypt and add' }).click();
    const added = page.getByText(/^Added as record #\d+, encrypted/);
    await added.waitFor({ timeout: STEP_MS });
    const mistake = BigInt(/#(\d+)/.exec(await added.textContent())[1]);
    const hashHex = (await api.call.recordsApi.record(mistake)).unwrap().contentHash.toHex().slice(2);
    assert.equal(await gateway.storedObject(hashHex), true);
    // Each change that cannot be undone takes a second, confirming click.
    await page.getByRole('button', { name: `Entered in error (record ${mistake})` }).click();
    await page.getByRole('button', { name: `Confirm: entered in error (record ${mistake})` }).click();
    await finalized(`Mark record #${mistake} entered in error`);
    await page.getByRole('row', { name: new RegExp(`#${mistake} .*entered in error`) }).waitFor({ timeout: STEP_MS });
    await page.getByRole('button', { name: `Erase (record ${mistake})` }).click();
    await page.getByText(/deletes the document and every key to it/).waitFor({ timeout: STEP_MS });
    await page.getByRole('button', { name: `Confirm: erase for good (record ${mistake})` }).click();
    await finalized(`Erase record #${mistake}`);
    await page.getByRole('row', { name: new RegExp(`#${mistake} .*erased`) }).waitFor({ timeout: STEP_MS });
    // The gateway's sweep on the next finalized blocks deletes the ciphertext.
    const deadline = Date.now() + STEP_MS;
    while (await gateway.storedObject(hashHex)) {
      assert.ok(Date.now() < deadline, 'the gateway still holds the erased document');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  });

  it('the patient grants the hospital, the page shares the keys with its practitioners, and another of its physicians reads for it', async () => {
    await page.getByLabel('An institution (its number)').check();
    await page.getByLabel('Number', { exact: true }).fill(String(party.hospital));
    await page.getByRole('button', { name: 'Grant access' }).click();
    await finalized(`Grant institution ${party.hospital} access`);
    await page.getByText(`The keys of 1 document were shared with 2 practitioners of institution ${party.hospital}.`).waitFor({ timeout: STEP_MS });

    await open('clinician');
    await actAs('resident');
    await page.getByLabel("Patient's account").fill(a.patient.address);
    await page.getByLabel('Acting for institution (number, optional)').fill(String(party.hospital));
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByRole('button', { name: `Log access and read record ${record}` }).click();
    const contents = page.getByLabel(`Contents of record ${record}`);
    await contents.waitFor({ timeout: STEP_MS });
    assert.equal(await contents.textContent(), DOCUMENT);
  });
});

describe('web app: medicines', () => {
  let prescription;
  let noteVersions;

  before(async () => {
    await signAndWait(api.tx.provenance.assignCompanyPrefix(digits(COMPANY_PREFIX), party.maker), a.board);
    await signAndWait(api.tx.provenance.registerProduct(party.maker, digits(GTIN), hash('01')), a.maker);
    const batches = {};
    for (const lot of ['LOT-OK', 'LOT-RC']) {
      const created = await signAndWait(api.tx.provenance.createBatch(party.maker, digits(GTIN), lot, BigInt(expiry.getTime()), 5), a.maker);
      batches[lot] = findEvents(created.events, 'provenance', 'BatchCreated')[0].data.batch.toNumber();
    }
    await signAndWait(api.tx.provenance.commissionUnits(party.maker, batches['LOT-OK'], ['APP-1', 'APP-2']), a.maker);
    await signAndWait(api.tx.provenance.commissionUnits(party.maker, batches['LOT-RC'], ['APP-R1']), a.maker);
    const items = ['APP-1', 'APP-2', 'APP-R1'].map((serial) => ({ Unit: { gtin: digits(GTIN), serial } }));
    const shipped = await signAndWait(api.tx.provenance.ship(party.maker, party.pharmacy, items, null), a.maker);
    const shipment = findEvents(shipped.events, 'provenance', 'Shipped')[0].data.shipment.toBigInt();
    await signAndWait(api.tx.provenance.receive(party.pharmacy, shipment), a.pharmacy);
    await signAndWait(api.tx.provenance.recallBatch(batches['LOT-RC'], hash('77')), a.maker);
    // A prescription for one pack, which the patient authorises this pharmacy to fill.
    // The patient consents again to the physician's treatment, adding records (and so prescribing)
    // included.
    const now = (await api.query.timestamp.now()).toBigInt();
    await signAndWait(api.tx.consent.grantConsent({ Practitioner: a.physician.address }, 'Treatment', 'AllRecords', { read: true, write: true }, null, now + 30n * DAY_MS), a.patient);
  });

  it('the physician writes a note for the patient and prescribes, in the page', async () => {
    await open('clinician');
    await actAs('physician');
    await page.getByLabel("Patient's account").fill(a.patient.address);
    await page.getByLabel('Purpose').selectOption('Treatment');
    await page.getByLabel('Acting for institution (number, optional)').fill('');
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByLabel('Note', { exact: true }).fill('Follow-up: chest clear. Continue amoxicillin 500 mg three times daily for 5 days.');
    await page.getByRole('button', { name: 'Encrypt and add to the record' }).click();
    const note = page.getByText(/^Added as record #\d+\. The patient can open it\./);
    await note.waitFor({ timeout: STEP_MS });
    const first = /#(\d+)/.exec(await note.textContent())[1];
    // A correction: a new version, sealed to the patient's key too; the old one stays, replaced.
    await page.getByRole('button', { name: `Amend record ${first}` }).click();
    await page.getByLabel('Why a new version').selectOption('Correction');
    await page.getByLabel('The new version').fill(AMENDED_NOTE);
    await page.getByRole('button', { name: 'Encrypt and add the new version' }).click();
    const amended = page.getByText(new RegExp(`^Record #${first} is replaced by version 2, record #\\d+\\.`));
    await amended.waitFor({ timeout: STEP_MS });
    noteVersions = [first, /record #(\d+)\.$/.exec(await amended.textContent())[1]];
    await page.getByLabel('Product (GTIN)').fill(GTIN);
    await page.getByLabel('Instructions (dose, route, frequency)').fill('One tablet three times daily for 5 days.');
    await page.getByRole('button', { name: 'Prescribe', exact: true }).click();
    const issued = page.getByText(/^Prescription #\d+ issued/);
    await issued.waitFor({ timeout: STEP_MS });
    prescription = BigInt(/#(\d+)/.exec(await issued.textContent())[1]);
  });

  it('the patient sees the corrected note as version 2 and opens it; the prescription, and lets their pharmacy fill it', async () => {
    await open('patient');
    await actAs('patient');
    const [first, second] = noteVersions;
    const row = (id) => page.locator('tr').filter({ has: page.locator('td:first-child', { hasText: new RegExp(`^#${id}$`) }) });
    await row(second).waitFor({ timeout: STEP_MS });
    assert.match(await row(second).textContent(), new RegExp(`v2 \\(replaces #${first}\\)`));
    assert.match(await row(first).textContent(), /replaced by a newer version/);
    await page.getByRole('button', { name: `Open record ${second}` }).click();
    assert.equal(await page.getByLabel(`Contents of record ${second}`).textContent({ timeout: STEP_MS }), AMENDED_NOTE);
    await page.getByText(`#${prescription}: product ${GTIN}`).waitFor({ timeout: STEP_MS });
    await page.getByText('No pharmacy may fill it yet: choose one.').waitFor({ timeout: STEP_MS });
    await page.locator(`input[name="pharmacy-${prescription}"]`).fill(String(party.pharmacy));
    await page.getByRole('button', { name: 'Let it fill' }).click();
    await finalized(`Let pharmacy ${party.pharmacy} fill prescription #${prescription}`);
    await page.getByText(`Pharmacy ${party.pharmacy} may dispense the next fill.`).waitFor({ timeout: STEP_MS });
  });

  it('anyone verifies a pack without an account: genuine is green, recalled is red, made up is not genuine', async () => {
    await open('verify');
    const check = async (code, serial = code.split('(21)')[1]) => {
      await page.getByLabel('Code on the pack').fill(code);
      await page.getByRole('button', { name: 'Check' }).click();
      await page.waitForFunction((s) => document.querySelector('.verdict')?.textContent.includes(s), serial, { timeout: STEP_MS });
      return page.getByRole('status', { name: 'Verification result' });
    };
    let verdict = await check(packCode('APP-1', 'LOT-OK', yymmdd));
    assert.equal(await verdict.getAttribute('class'), 'verdict good');
    assert.match(await verdict.textContent(), /Genuine/);
    verdict = await check(`]d2\u001d01${GTIN}17${yymmdd}10LOT-RC\u001d21APP-R1`, 'APP-R1'); // as a scanner types it
    assert.equal(await verdict.getAttribute('class'), 'verdict bad');
    assert.match(await verdict.textContent(), /Recalled: do not use/);
    await screenshot(page, 'verify-recalled');
    verdict = await check(packCode('FAKE-9', 'LOT-OK', yymmdd));
    assert.match(await verdict.textContent(), /Not genuine/);
    // A misprinted lot on a genuine serial is caught too.
    verdict = await check(packCode('APP-2', 'LOT-XX', yymmdd));
    assert.match(await verdict.textContent(), /printed lot LOT-XX is not the manufacturer's lot LOT-OK/);
    await page.getByLabel('Code on the pack').fill('(01)12345678901234(21)X');
    await page.getByRole('button', { name: 'Check' }).click();
    await page.getByText(/wrong check digit/).waitFor({ timeout: STEP_MS });
    await assertAccessible('verify page');
  });

  it('the pharmacist checks custody and dispenses a prescription by scanning its pack', async () => {
    await open('pharmacy');
    await actAs('pharmacist');
    await page.getByLabel('My pharmacy (institution number)').fill(String(party.pharmacy));
    await page.getByLabel("Scan or paste the pack's code").fill(packCode('APP-1', 'LOT-OK', yymmdd));
    await page.getByRole('button', { name: 'Check' }).first().click();
    await page.getByText('In your pharmacy\u2019s custody.').waitFor({ timeout: STEP_MS });
    await page.getByLabel('Prescription number').fill(String(prescription));
    await page.getByText('May be dispensed now.').waitFor({ timeout: STEP_MS });
    await page.getByLabel('Scan each pack you hand over').fill(packCode('APP-R1', 'LOT-RC', yymmdd));
    await page.getByRole('button', { name: 'Check' }).nth(1).click();
    await page.getByText('Remove the packs marked red before dispensing.').waitFor({ timeout: STEP_MS });
    await screenshot(page, 'pharmacy-scan');
    await page.getByRole('button', { name: 'Remove pack APP-R1' }).click();
    await page.getByLabel('Scan each pack you hand over').fill(packCode('APP-1', 'LOT-OK', yymmdd));
    await page.getByRole('button', { name: 'Check' }).nth(1).click();
    await page.getByRole('button', { name: 'Dispense 1 of 1 pack' }).click();
    await finalized(`Dispense prescription #${prescription}`);
    await page.getByText(`Dispensed 1 pack for prescription #${prescription}.`).waitFor({ timeout: STEP_MS });
    await assertAccessible('pharmacy page');

    await open('verify');
    await page.getByLabel('Code on the pack').fill(packCode('APP-1', 'LOT-OK', yymmdd));
    await page.getByRole('button', { name: 'Check' }).click();
    await page.getByText('Already dispensed').waitFor({ timeout: STEP_MS });
  });
});

describe('web app: guardians', () => {
  it('the patient appoints a guardian in the page, who opens their documents and acts for them (recorded as the guardian) and steps down; a stranger cannot', async () => {
    await open('patient');
    await actAs('guardian');
    await page.locator('input[name="ward"]').fill(a.patient.address);
    await page.getByRole('button', { name: 'Act for them' }).click();
    await page.getByText('You are not a live guardian of this person').waitFor({ timeout: STEP_MS });

    await open('patient');
    await actAs('patient');
    await page.getByText('You have no guardian.').waitFor({ timeout: STEP_MS });
    await page.getByLabel("Guardian's account").fill(a.guardian.address);
    await page.getByRole('button', { name: 'Appoint guardian' }).click();
    await finalized('as my guardian');
    // Appointing shares the keys of every document the patient has with the guardian.
    await page.getByText(/is your guardian until you end it: .* The keys of [1-9]\d* documents? were shared with /).waitFor({ timeout: STEP_MS });
    await page.locator('li', { hasText: 'appointed by you.' }).waitFor({ timeout: STEP_MS });

    await open('patient');
    await actAs('guardian');
    await page.locator('input[name="ward"]').fill(a.patient.address);
    await page.getByRole('button', { name: 'Act for them' }).click();
    await page.getByRole('heading', { name: 'You act as their guardian' }).waitFor({ timeout: STEP_MS });
    await page.getByRole('heading', { name: /^Health of / }).waitFor({ timeout: STEP_MS });
    // The guardian opens the patient's document: the read is logged on chain under the
    // guardian's name, as a guardian's, before the gateway serves it.
    const guardianReads = () => api.call.consentApi.accessesBy(a.patient.address, a.guardian.address);
    const logged = (await guardianReads()).length;
    await page.getByRole('button', { name: `Log access and open record ${record}` }).click();
    await finalized(`Log access to record #${record}`);
    const contents = page.getByLabel(`Contents of record ${record}`);
    await contents.waitFor({ timeout: STEP_MS });
    assert.equal(await contents.textContent(), DOCUMENT);
    const log = await guardianReads();
    assert.equal(log.length, logged + 1);
    const read = log[log.length - 1];
    assert.equal(read.record.toBigInt(), record);
    assert.equal(read.outcome.asAllowed.toString(), 'Guardian');
    await screenshot(page, 'guardian-open');
    await page.getByRole('button', { name: /^Revoke Practitioner/ }).click();
    await finalized('Revoke');
    await page.locator('.grant.revoked').first().waitFor({ timeout: STEP_MS });
    const grant = (await api.call.consentApi.grant(a.patient.address, { Practitioner: a.physician.address }, 'Treatment')).unwrap();
    assert.equal(grant.status.isRevoked, true);
    await assertAccessible('guardian view');
    await page.getByRole('button', { name: 'Step down as their guardian' }).click();
    await page.getByRole('button', { name: 'Confirm: step down' }).click();
    await finalized('Step down as guardian');
    await page.getByRole('heading', { name: 'My health' }).waitFor({ timeout: STEP_MS });
    assert.equal((await api.query.consent.guardians(a.patient.address, a.guardian.address)).isNone, true);
  });

  it('an authority appoints a guardian under an order, which the patient sees and cannot end', async () => {
    await open('registry');
    await actAs('board');
    await page.getByLabel("Patient's account").fill(a.patient.address);
    await page.locator('input[name="order-guardian"]').fill(a.guardian.address);
    await page.getByLabel('Order reference and text').fill('Amtsgericht Berlin, 12 XVII 345/26: care of health matters');
    await page.getByRole('button', { name: 'Appoint guardian' }).click();
    await finalized('guardian of');
    await page.getByText(/^Appointed\. The order's fingerprint is on chain/).waitFor({ timeout: STEP_MS });
    const guardianship = (await api.query.consent.guardians(a.patient.address, a.guardian.address)).unwrap();
    assert.equal(guardianship.appointedBy.asAuthority.authority.toString(), a.board.address);

    await open('patient');
    await actAs('patient');
    const entry = page.locator('li', { hasText: 'appointed under an order by authority' });
    await entry.waitFor({ timeout: STEP_MS });
    assert.match(await entry.textContent(), /only an authority or the guardian may end it/);
    // Nothing in the patient's page ends it; sharing their documents with the guardian stays theirs.
    assert.equal(await entry.getByRole('button', { name: /guardianship$/ }).count(), 0);
    assert.equal(await entry.getByRole('button', { name: /^Share my documents with / }).count(), 1);
  });
});

describe('web app: clinical trials', () => {
  const registryId = `NCT${String(Date.now()).slice(-8)}`;
  const OUTCOME = 'All-cause mortality at 28 days';
  const SECONDARY = 'Days in hospital';

  it('the sponsor registers a trial, the authority confirms its registry id, and the sponsor runs it to posted results', async () => {
    await open('trials');
    await page.getByRole('heading', { name: 'Results overdue' }).waitFor({ timeout: STEP_MS });
    await page.getByRole('heading', { name: 'Outcomes switched after recruitment began' }).waitFor({ timeout: STEP_MS });
    await actAs('sponsor');
    await page.getByLabel('Primary registry id (NCT…, ISRCTN… or EU CT number)').fill('NCT123');
    await page.getByText('That is not an NCT, ISRCTN or EU CT number.').waitFor({ timeout: STEP_MS });
    await page.getByLabel('Primary registry id (NCT…, ISRCTN… or EU CT number)').fill(registryId);
    await page.getByLabel('Protocol (its fingerprint goes on chain)').fill('Protocol v1: dexamethasone 6 mg daily vs usual care in community-acquired pneumonia.');
    await page.getByLabel('Sites (verified institution numbers, comma-separated)').fill(String(party.hospital));
    await page.getByLabel('Primary outcomes, one per line').fill(OUTCOME);
    await page.getByLabel('Secondary outcomes, one per line').fill(SECONDARY);
    await page.getByRole('button', { name: 'Register trial' }).click();
    await finalized(`Register trial ${registryId}`);
    const registered = page.getByText(/^Registered as trial \d+, provisionally/);
    await registered.waitFor({ timeout: STEP_MS });
    const trial = /trial (\d+)/.exec(await registered.textContent())[1];
    await page.getByRole('heading', { name: `${registryId} (trial ${trial})` }).waitFor({ timeout: STEP_MS });
    await page.getByText(/^Provisional: an authority has not yet confirmed/).waitFor({ timeout: STEP_MS });
    await assertAccessible('trials page');

    // The authority finds it by its registry id and confirms it is the sponsor's.
    await open('trials');
    await actAs('board');
    await page.getByLabel('Registry id or trial number').fill(registryId);
    await page.getByRole('button', { name: 'Show trial' }).click();
    await page.getByRole('button', { name: "Confirm the registry id is the sponsor's" }).click();
    await finalized(`Confirm ${registryId}`);
    await page.getByText(/^Registry id confirmed by authority/).waitFor({ timeout: STEP_MS });

    await open('trials');
    await actAs('sponsor');
    await page.getByLabel('Registry id or trial number').fill(trial);
    await page.getByRole('button', { name: 'Show trial' }).click();
    for (const [step, status] of [
      ['Open recruitment (locks the outcomes)', 'recruiting'],
      ['Close recruitment', 'running, recruitment closed'],
      ['Complete the trial (results become due)', 'completed'],
    ]) {
      await page.getByRole('button', { name: step }).click();
      await page.locator('#trial-title + p strong', { hasText: new RegExp(`^${status}$`) }).waitFor({ timeout: STEP_MS });
    }
    await page.getByText('No results posted yet. 2 registered outcomes are not reported.').waitFor({ timeout: STEP_MS });
    // The primary outcome first; the secondary one stays owed until a later posting reports it.
    const post = async (summary, outcome) => {
      await page.getByLabel('Results summary (its fingerprint goes on chain; publish the document itself)').fill(summary);
      await page.getByLabel('Outcomes reported, one per line, worded exactly as registered').fill(outcome);
      await page.getByRole('button', { name: 'Post results', exact: true }).click();
      await page.getByText(/^Results posted\. Publish the results document/).waitFor({ timeout: STEP_MS });
    };
    await post('28-day mortality 9.1% vs 12.4%.', OUTCOME);
    await page.getByText('Results posted 1 time. 1 registered outcome is not reported.').waitFor({ timeout: STEP_MS });
    await post('Median stay 6 vs 7 days.', SECONDARY);
    await page.getByText('Results posted 2 times. Every registered outcome is reported.').waitFor({ timeout: STEP_MS });
    await screenshot(page, 'trials');
  });
});

describe('web app: licences and governance', () => {
  it('the council accredits an authority: a member proposes, two thirds vote for it, and it takes effect when closed', async () => {
    await open('registry');
    await actAs('//Alice');
    await page.getByRole('heading', { name: 'Council of health authorities' }).waitFor({ timeout: STEP_MS });
    await page.getByLabel("Authority's account").fill(a.regulator.address);
    await page.getByLabel('Country (two letters)').fill('fr');
    await page.getByRole('group', { name: 'Licenses' }).getByLabel('physician').check();
    await page.getByRole('group', { name: 'Verifies' }).getByLabel('hospitals').check();
    await page.getByRole('button', { name: 'Propose to the council' }).click();
    await finalized('Propose: Accredit');
    const motion = `Accredit ${a.regulator.address.slice(0, 6)}`;
    await page.getByRole('button', { name: new RegExp(`^Vote for: ${motion}`) }).click();
    await finalized(`Vote for: ${motion}`);
    await screenshot(page, 'governance');
    await assertAccessible('licences page (council member)');

    await actAs('//Bob');
    await page.getByRole('button', { name: new RegExp(`^Vote for: ${motion}`) }).click();
    await finalized(`Vote for: ${motion}`);
    await page.getByRole('button', { name: new RegExp(`^Close the vote: ${motion}`) }).click();
    await finalized(`Close the vote: ${motion}`);
    await page.getByText('Passed and done.').waitFor({ timeout: STEP_MS });
    const scope = (await api.call.credentialsApi.authority(a.regulator.address)).unwrap();
    assert.equal(scope.jurisdiction.toHex(), '0x4652');

    await actAs('regulator');
    await page.getByRole('heading', { name: 'License a practitioner or organisation (FR)' }).waitFor({ timeout: STEP_MS });
  });

  it('the authority suspends a licence, which ends its standing at once, and reinstates it', async () => {
    await open('registry');
    await actAs('board');
    await page.getByRole('heading', { name: /License a practitioner or organisation \(DE\)/ }).waitFor({ timeout: STEP_MS });
    await page.getByLabel('Account', { exact: true }).fill(a.physician.address);
    await page.getByRole('button', { name: 'Show licences' }).click();
    await page.getByText(/Licence #\d+: physician, active/).waitFor({ timeout: STEP_MS });
    await screenshot(page, 'registry');
    await assertAccessible('licences page');
    await page.getByRole('button', { name: 'Suspend', exact: true }).click();
    await finalized('Suspend licence');
    await page.getByText(/Licence #\d+: physician, suspended/).waitFor({ timeout: STEP_MS });

    await open('clinician');
    await actAs('physician');
    await page.getByText('You hold no live licence: the network will refuse your accesses.').waitFor({ timeout: STEP_MS });

    await open('registry');
    await actAs('board');
    await page.getByLabel('Account', { exact: true }).fill(a.physician.address);
    await page.getByRole('button', { name: 'Show licences' }).click();
    await page.getByRole('button', { name: 'Reinstate', exact: true }).click();
    await finalized('Reinstate licence');
    await page.getByText(/Licence #\d+: physician, active/).waitFor({ timeout: STEP_MS });

    // The authority suspends the hospital and verifies it again.
    await page.getByLabel('Institution number').fill(String(party.hospital));
    await page.getByText(`Institution ${party.hospital}: a hospital in DE, verified`).waitFor({ timeout: STEP_MS });
    await page.getByRole('button', { name: 'Suspend', exact: true }).last().click();
    await finalized(`Suspend institution ${party.hospital}`);
    await page.getByText(`Institution ${party.hospital}: a hospital in DE, suspended`).waitFor({ timeout: STEP_MS });
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await finalized(`Verify institution ${party.hospital}`);
    await page.getByText(`Institution ${party.hospital}: a hospital in DE, verified`).waitFor({ timeout: STEP_MS });
  });
});

describe('web app: the camera', () => {
  let cameraBrowser;
  let main;

  before(async () => {
    // The webcam shows a pack's GS1 DataMatrix, then the patient's account as a QR code.
    const video = writeCameraVideo(path.join(tmpdir(), `healthchain-camera-${process.pid}.y4m`), [
      { symbology: 'gs1datamatrix', text: packCode('APP-2', 'LOT-OK', yymmdd) },
      { symbology: 'qrcode', text: a.patient.address },
    ]);
    cameraBrowser = await launchBrowser({ camera: video });
    main = page;
    page = await cameraBrowser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  });

  after(async () => {
    page = main;
    await cameraBrowser?.close();
  });

  it('anyone verifies a pack by holding it to the camera; a clinician finds a patient by their account code', async () => {
    await open('verify');
    await page.getByRole('button', { name: 'Scan with the camera' }).click();
    const verdict = page.getByRole('status', { name: 'Verification result' });
    await verdict.waitFor({ timeout: STEP_MS });
    assert.match(await verdict.textContent(), /Genuine/);
    assert.match(await verdict.textContent(), /APP-2/);
    // What the camera read is the raw element string, group separators and all.
    assert.match(await page.getByLabel('Code on the pack').inputValue(), new RegExp(`^\u001d?01${GTIN}17\\d{6}10LOT-OK\u001d21APP-2$`));

    await open('clinician');
    await actAs('physician');
    await page.getByRole('button', { name: "Scan the patient's account code" }).click();
    await page.getByRole('heading', { name: /^Records of / }).waitFor({ timeout: STEP_MS });
    assert.equal(await page.getByLabel("Patient's account").inputValue(), a.patient.address);

    // The person shows their own code for others to scan.
    await actAs('patient');
    await page.getByRole('button', { name: 'Show my account code' }).click();
    await page.getByRole('img', { name: `QR code of account ${a.patient.address}` }).waitFor({ timeout: STEP_MS });
    await assertAccessible('clinician page with an account code');
  });
});
