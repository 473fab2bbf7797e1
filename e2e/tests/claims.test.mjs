// Billing: an insurer publishes a plan and signs a network contract with a hospital; a patient
// enrols and consents to payment; a prior authorisation is decided on its clock; a claim is
// submitted, adjudicated on chain and paid in the payment asset, and the patient sees the
// Explanation of Benefits and pays their share; a duplicate and an out-of-network claim are
// refused; a late claim pays prompt-pay interest; an appeal overturns a denial; the insurer's
// CMS-0057-F metrics count it all.
//
// The scenario uses its own accounts (derived from //Eve, who funds them in HCU and hUSD) and
// accredits its own authority through sudo, so it does not depend on the other scenario files.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import {
  UNIT, connect, devAccounts, documentPointer, findEvents, signAndWait, sudo, waitForBlocks,
} from '../lib/chain.mjs';

const DE = '0x4445'; // ISO 3166-1 alpha-2 "DE"
const DAY_MS = 24n * 3600n * 1000n;
const HUSD = 1; // the payment asset's id
const USD = 10n ** 6n; // one hUSD in its smallest unit
const hash = (byte) => `0x${byte.repeat(32)}`;
const ascii = (text) => `0x${Buffer.from(text, 'ascii').toString('hex')}`;
const MRI = ascii('70551');
const PANEL = ascii('80053');
const VISIT = ascii('99213');
const DIABETES = ascii('E119');

let api;
let a; // this scenario's accounts
const inst = {}; // institution ids: insurer, hospital, clinic
let plan;
let coverage;
let now;

async function chainNow() {
  return (await api.query.timestamp.now()).toBigInt();
}

async function usd(who) {
  const account = await api.query.assets.account(HUSD, who.address ?? who);
  return account.isSome ? account.unwrap().balance.toBigInt() : 0n;
}

/** The hospital's staff claim `lines` ([code, units, charge]) for the member on `date`. */
function claim(signer, provider, date, lines, priorAuth = null, frequency = 'Original') {
  return signAndWait(
    api.tx.claims.submitClaim(
      coverage,
      provider,
      date,
      lines.map(([code, units, charge]) => ({ code, units, charge })),
      [DIABETES],
      priorAuth,
      [],
      frequency,
    ),
    signer,
  );
}

async function submitted(result) {
  return findEvents(result.events, 'claims', 'ClaimSubmitted')[0].data.claim.toNumber();
}

before(async () => {
  api = await connect();
  const accounts = await devAccounts();
  const names = [
    'board', 'insurerAdmin', 'insurerStaff', 'hospitalAdmin', 'hospitalStaff', 'clinicAdmin',
    'clinicStaff', 'member', 'outsider',
  ];
  a = Object.fromEntries(
    names.map((name) => [name, accounts.keyring.addFromUri(`//Eve//claims//${name}`)]),
  );
  await signAndWait(
    api.tx.utility.batchAll([
      ...Object.values(a).map((who) => api.tx.balances.transferKeepAlive(who.address, 10_000n * UNIT)),
      api.tx.assets.transferKeepAlive(HUSD, a.member.address, 10_000n * USD),
    ]),
    accounts.eve,
  );
  await sudo(
    api,
    api.tx.credentials.accreditAuthority(
      a.board.address, DE, ['Insurer', 'Physician'], ['Insurer', 'Hospital', 'Clinic'],
    ),
  );
  now = await chainNow();
  for (const [who, role] of [
    [a.insurerStaff, 'Insurer'], [a.hospitalStaff, 'Physician'], [a.clinicStaff, 'Physician'],
  ]) {
    await signAndWait(
      api.tx.credentials.issueCredential(who.address, role, DE, hash('ab'), now, now + 365n * DAY_MS),
      a.board,
    );
  }
  for (const [name, kind] of [['insurer', 'Insurer'], ['hospital', 'Hospital'], ['clinic', 'Clinic']]) {
    const admin = a[`${name}Admin`];
    const registered = await signAndWait(api.tx.credentials.registerInstitution(kind, DE, hash('cd')), admin);
    inst[name] = findEvents(registered.events, 'credentials', 'InstitutionRegistered')[0]
      .data.institution.toNumber();
    await signAndWait(api.tx.credentials.verifyInstitution(inst[name]), a.board);
    await signAndWait(api.tx.credentials.affiliatePractitioner(inst[name], a[`${name}Staff`].address), admin);
  }
});

after(async () => {
  await api?.disconnect();
});

describe('billing', () => {
  it('an insurer publishes a plan and signs a network contract with a hospital', async () => {
    const publish = (signer) => signAndWait(
      api.tx.claims.publishPlan(
        inst.insurer,
        hash('11'),
        documentPointer('plan terms 2026'),
        { deductible: 1_000n * USD, coinsurance: 200_000, outOfPocketMax: 5_000n * USD },
        [{ class: 'PrimaryCare', amount: 25n * USD }],
        [
          { code: MRI, class: 'Imaging', priorAuth: true },
          { code: PANEL, class: 'Laboratory', priorAuth: false },
          { code: VISIT, class: 'PrimaryCare', priorAuth: false },
        ],
        now - 60n * DAY_MS,
        true,
      ),
      signer,
    );
    await assert.rejects(publish(a.outsider), { name: 'ChainError', message: 'Claims.NotInsurerStaff' });
    const published = await publish(a.insurerStaff);
    plan = findEvents(published.events, 'claims', 'PlanPublished')[0].data.plan.toNumber();

    const fees = [
      { code: MRI, rate: 1_200n * USD }, { code: PANEL, rate: 40n * USD }, { code: VISIT, rate: 150n * USD },
    ];
    await signAndWait(
      api.tx.claims.proposeContract(
        inst.insurer, inst.hospital, fees, now - 365n * DAY_MS, now + 365n * DAY_MS, 120_000,
      ),
      a.insurerStaff,
    );
    const contract = (await api.query.claims.contractByParties(inst.insurer, inst.hospital)).unwrap();
    await assert.rejects(signAndWait(api.tx.claims.signContract(contract, 0), a.insurerStaff), {
      name: 'ChainError', message: 'Claims.OwnProposal',
    });
    await signAndWait(api.tx.claims.signContract(contract, 0), a.hospitalStaff);
    const terms = await api.call.claimsApi.networkTerms(inst.insurer, inst.hospital, now);
    assert.equal(terms.isSome, true);
    assert.equal(terms.unwrap()[2].promptPayRate.toNumber(), 120_000);
    assert.equal((await api.call.claimsApi.networkTerms(inst.insurer, inst.clinic, now)).isNone, true);
  });

  it('a patient enrols, consents to payment, and the payer account is funded', async () => {
    const requested = await signAndWait(
      api.tx.claims.requestCoverage(plan, a.member.address, now - 30n * DAY_MS, now + 300n * DAY_MS),
      a.member,
    );
    coverage = findEvents(requested.events, 'claims', 'CoverageProposed')[0].data.coverage.toNumber();
    await assert.rejects(signAndWait(api.tx.claims.acceptCoverage(coverage), a.member), {
      name: 'ChainError', message: 'Claims.NotAwaitingYou',
    });
    await signAndWait(api.tx.claims.acceptCoverage(coverage), a.insurerStaff);
    await signAndWait(
      api.tx.consent.grantConsent(
        { Institution: inst.insurer }, 'Payment', 'AllRecords', { read: true, write: false }, null, null,
      ),
      a.member,
    );
    const eligibility = await api.call.claimsApi.eligibility(a.member.address, plan, MRI, now);
    assert.equal(eligibility.coverage.unwrap().toNumber(), coverage);
    assert.equal(eligibility.covered.isTrue, true);
    assert.equal(eligibility.priorAuthRequired.isTrue, true);
    assert.equal(eligibility.deductibleRemaining.toBigInt(), 1_000n * USD);

    const accounts = await devAccounts();
    await signAndWait(api.tx.claims.fundPayer(inst.insurer, 100_000n * USD), accounts.eve);
    const [, funds] = await api.call.claimsApi.payerFunds(inst.insurer);
    assert.equal(funds.toBigInt(), 100_000n * USD);
  });

  let mri;
  it('a prior authorisation is decided within its 72-hour clock', async () => {
    const requested = await signAndWait(
      api.tx.claims.requestPriorAuth(coverage, inst.hospital, [[MRI, 1]], [], true),
      a.hospitalStaff,
    );
    const [event] = findEvents(requested.events, 'claims', 'PriorAuthRequested');
    mri = event.data.priorAuth.toNumber();
    const [entry, standing] = (await api.call.claimsApi.priorAuth(mri)).unwrap();
    assert.equal(entry.due.toBigInt() - entry.submittedAt.toBigInt(), 72n * 3600n * 1000n);
    assert.equal(standing.toString(), 'Pending');
    await assert.rejects(
      signAndWait(api.tx.claims.decidePriorAuth(mri, [1], null), a.hospitalStaff),
      { name: 'ChainError', message: 'Claims.NotInsurerStaff' },
    );
    const decided = await signAndWait(api.tx.claims.decidePriorAuth(mri, [1], null), a.insurerStaff);
    const [decision] = findEvents(decided.events, 'claims', 'PriorAuthDecided');
    assert.equal(decision.data.outcome.toString(), 'Approved');
    assert.equal(decision.data.late.isFalse, true);
  });

  let paid;
  it('a claim is adjudicated on chain and paid; the patient sees the EOB and pays their share', async () => {
    const date = (await chainNow()) - DAY_MS;
    const lines = [[VISIT, 1, 200n * USD], [MRI, 1, 2_000n * USD]];
    paid = await submitted(await claim(a.hospitalStaff, inst.hospital, date, lines, mri));
    await assert.rejects(claim(a.hospitalStaff, inst.hospital, date, lines, mri), {
      name: 'ChainError', message: 'Claims.DuplicateClaim',
    });
    await assert.rejects(claim(a.clinicStaff, inst.clinic, date, lines), {
      name: 'ChainError', message: 'Claims.OutOfNetwork',
    });
    await assert.rejects(claim(a.outsider, inst.hospital, date, [[PANEL, 1, 50n * USD]]), {
      name: 'ChainError', message: 'Claims.NotProviderStaff',
    });

    const before = await usd(a.hospitalAdmin);
    const adjudicated = await signAndWait(api.tx.claims.adjudicateClaim(paid, ['Pay', 'Pay']), a.insurerStaff);
    const [event] = findEvents(adjudicated.events, 'claims', 'ClaimAdjudicated');
    // The visit: 150 allowed, a 25 co-pay. The MRI: 1,200 allowed, 1,000 deductible, then
    // 20 % of 200.
    assert.equal(event.data.payerPaid.toBigInt(), (125n + 160n) * USD);
    assert.equal(event.data.memberShare.toBigInt(), (25n + 1_040n) * USD);
    assert.equal(event.data.interest.toBigInt(), 0n);
    assert.equal((await usd(a.hospitalAdmin)) - before, 285n * USD);

    const eob = await api.call.claimsApi.explanationOfBenefits(a.member.address, 0, Number.MAX_SAFE_INTEGER);
    const entry = eob.find((item) => item.id.toNumber() === paid);
    const adjudication = entry.adjudication.unwrap();
    assert.deepEqual(
      adjudication.lines.map((line) => line.share.allowed.toBigInt()),
      [150n * USD, 1_200n * USD],
    );
    assert.equal(adjudication.memberShare.toBigInt(), 1_065n * USD);
    const eligibility = await api.call.claimsApi.eligibility(a.member.address, plan, VISIT, date);
    assert.equal(eligibility.deductibleRemaining.toBigInt(), 0n);

    await signAndWait(api.tx.claims.payMemberShare(paid, 1_065n * USD), a.member);
    assert.equal((await usd(a.hospitalAdmin)) - before, (285n + 1_065n) * USD);
    await assert.rejects(signAndWait(api.tx.claims.payMemberShare(paid, 1n), a.member), {
      name: 'ChainError', message: 'Claims.NothingOwed',
    });
  });

  it('a claim adjudicated past the clean-claim deadline pays prompt-pay interest', async () => {
    // Governance shortens the clean-claim clock to a millisecond, so the deadline passes with
    // the next block: a day's interest.
    await sudo(
      api,
      api.tx.claims.setClocks({
        urgentPriorAuth: 72n * 3600n * 1000n,
        standardPriorAuth: 7n * DAY_MS,
        priorAuthValidity: 90n * DAY_MS,
        cleanClaim: 1,
        appealWindow: 180n * DAY_MS,
        appealDecision: 60n * DAY_MS,
        externalReviewWindow: 120n * DAY_MS,
        coverageNotice: 30n * DAY_MS,
      }),
    );
    const late = await submitted(
      await claim(a.hospitalStaff, inst.hospital, (await chainNow()) - 2n * DAY_MS, [[PANEL, 10, 500n * USD]]),
    );
    await sudo(api, api.tx.claims.setClocks(null));
    await waitForBlocks(api, 1);
    const adjudicated = await signAndWait(api.tx.claims.adjudicateClaim(late, ['Pay']), a.insurerStaff);
    const [event] = findEvents(adjudicated.events, 'claims', 'ClaimAdjudicated');
    // 400 allowed, deductible met: 80 coinsurance, 320 for the payer.
    const payer = event.data.payerPaid.toBigInt();
    assert.equal(payer, 320n * USD);
    assert.equal(event.data.daysLate.toNumber(), 1);
    // 12 % a year for a day, rounded down, as the chain computes it.
    assert.equal(event.data.interest.toBigInt(), ((payer * 120_000n) / 1_000_000n) / 365n);
  });

  it('an appeal overturns a denial and the provider is paid at once', async () => {
    const denied = await submitted(
      await claim(a.hospitalStaff, inst.hospital, (await chainNow()) - 3n * DAY_MS, [[VISIT, 1, 200n * USD]]),
    );
    await assert.rejects(
      signAndWait(api.tx.claims.adjudicateClaim(denied, [{ Deny: ascii('0') }]), a.insurerStaff),
      { name: 'ChainError', message: 'Claims.MalformedReasonCode' },
    );
    await signAndWait(api.tx.claims.adjudicateClaim(denied, [{ Deny: ascii('50') }]), a.insurerStaff);
    const before = await usd(a.hospitalAdmin);
    await signAndWait(api.tx.claims.appealClaim(denied, hash('42')), a.hospitalStaff);
    await assert.rejects(signAndWait(api.tx.claims.appealClaim(denied, hash('42')), a.member), {
      name: 'ChainError', message: 'Claims.AlreadyAppealed',
    });
    const decided = await signAndWait(api.tx.claims.decideAppeal(denied, true), a.insurerStaff);
    const [event] = findEvents(decided.events, 'claims', 'AppealDecided');
    assert.equal(event.data.overturned.isTrue, true);
    // 150 allowed less the 25 co-pay.
    assert.equal(event.data.paid.toBigInt(), 125n * USD);
    assert.equal((await usd(a.hospitalAdmin)) - before, 125n * USD);
  });

  it('the insurer publishes its CMS-0057-F metrics', async () => {
    const metrics = await api.call.claimsApi.payerMetrics(inst.insurer);
    const { decisions } = metrics;
    assert.equal(decisions.urgentPriorAuth.approved.toNumber(), 1);
    assert.equal(decisions.claims.approved.toNumber(), 2);
    assert.equal(decisions.claims.denied.toNumber(), 1);
    assert.equal(decisions.claims.late.toNumber(), 1);
    assert.equal(decisions.appealsOverturned.toNumber(), 1);
    assert.equal(metrics.claimTimes.sampled.toNumber(), 3);
    assert.equal(metrics.overdueClaims.toNumber(), 0);
  });
});
