//! The people and organisations the fuzzer acts as, set up on chain in every role first, so
//! that random calls from them reach past "not credentialed" into the pallets' real paths.

use polkadot_sdk::{
	pallet_assets, pallet_balances, pallet_sudo, pallet_timestamp,
	sp_core::{sr25519, Pair},
	sp_runtime::traits::Dispatchable,
};

use healthchain_primitives::{
	consent::{Grantee, Purpose},
	credentials::{InstitutionKind, Jurisdiction, Role},
	records::{Category, CodeSystem},
};
use healthchain_runtime::{
	configs::monetary::{AssetsAdmin, PAYMENT_ASSET},
	AccountId, Runtime, RuntimeCall, RuntimeOrigin, UNIT,
};

use healthchain_primitives::{
	billing::CostSharing,
	provenance::{Gtin, Serial, Sgtin},
};
use pallet_claims::{
	ClaimLine, Copay, CoveredService, DiagnosisCode, Fee, Frequency, LineDecision, ReasonCode,
	ServiceClass, ServiceCode,
};
use pallet_clinical_trials::{Phase, RegistryId};
use pallet_provenance::{Item, Sscc};
use polkadot_sdk::sp_runtime::Permill;

use crate::{
	chain::{hash_of, Chain},
	generate::{gs1_key, COMPANY_PREFIX, SERIALS, SPARE_PREFIXES},
};

/// One account the fuzzer signs as.
#[derive(Clone)]
pub struct Actor {
	/// Who they are, for reports.
	pub name: String,
	/// Their account.
	pub account: AccountId,
	/// Their signing key.
	pub pair: sr25519::Pair,
}

/// Everyone, by index; the generator draws signers and account arguments from `all`.
#[derive(Clone)]
pub struct Actors {
	/// Every actor.
	pub all: Vec<Actor>,
	/// The sudo key's holder (root calls go through `Sudo::sudo` signed by them).
	pub sudo: usize,
	/// By institution id: the actors (indices into `all`) who act for it.
	pub staff: Vec<Vec<usize>>,
	/// By institution id: its admin (an index into `all`).
	pub admins: Vec<usize>,
	/// How many of the institutions (the first, by id) the authority verified; the others
	/// are only registered.
	pub verified: usize,
	/// The accredited authority.
	pub authority: usize,
	/// The credential holders (one per role), and a locum affiliated nowhere.
	pub practitioners: Vec<usize>,
	/// The patients.
	pub patients: Vec<usize>,
	/// The patients' guardians.
	pub guardians: Vec<usize>,
}

/// The jurisdiction everyone is in.
pub const JURISDICTION: Jurisdiction = Jurisdiction(*b"DE");

/// Native balance each actor starts with.
const FUNDS: u128 = 10_000_000 * UNIT;
/// Payment-asset balance each actor starts with (6 decimals: a million hUSD).
const STABLE_FUNDS: u128 = 1_000_000_000_000;

fn actor(name: &str) -> Actor {
	let pair = sr25519::Pair::from_string(&format!("//fuzz//{name}"), None)
		.expect("a derivation path is a valid secret URI");
	Actor { name: name.to_string(), account: pair.public().into(), pair }
}

/// Dispatches a set-up call; it must succeed.
fn must(origin: RuntimeOrigin, call: RuntimeCall, what: &str) {
	if let Err(e) = call.dispatch(origin) {
		panic!("fuzzer set-up: {what} failed: {:?}", e.error);
	}
}

/// Sets the roles up (within externalities at the genesis state) and returns the actors.
pub fn set_up() -> Actors {
	pallet_timestamp::Now::<Runtime>::put(Chain::moment_of(0));
	let now = Chain::moment_of(0);
	let year = 365 * 24 * 3600 * 1000;
	let sudo_key = pallet_sudo::Key::<Runtime>::get().expect("the dev chain has a sudo key");

	let mut all = vec![Actor {
		name: "sudo".into(),
		account: sudo_key.clone(),
		pair: sr25519::Pair::from_string("//Alice", None).expect("Alice's dev key"),
	}];
	assert_eq!(all[0].account, sudo_key, "the dev chain's sudo key is Alice");
	let authority = actor("authority");
	all.push(authority.clone());
	let admins: Vec<Actor> = InstitutionKind::ALL
		.iter()
		.map(|kind| actor(&format!("admin-{kind:?}")))
		.collect();
	all.extend(admins.iter().cloned());
	let holders: Vec<Actor> = Role::ALL.iter().map(|role| actor(&format!("{role:?}"))).collect();
	all.extend(holders.iter().cloned());
	let patients: Vec<Actor> = (0..3).map(|i| actor(&format!("patient-{i}"))).collect();
	all.extend(patients.iter().cloned());
	let guardian = actor("guardian");
	all.push(guardian.clone());
	all.push(actor("stranger"));
	// A physician affiliated nowhere, for admins to affiliate.
	let locum = actor("Locum");
	all.push(locum.clone());
	// Nurses at the hospital whose break-glass access was found abuse: banned, for an
	// authority to lift the ban (see `set_up_break_glass`).
	let banned: Vec<Actor> = (0..3).map(|i| actor(&format!("Banned-{i}"))).collect();
	all.extend(banned.iter().cloned());

	let root = RuntimeOrigin::root;
	let assets_admin: AccountId = AssetsAdmin::get();
	for who in &all {
		must(
			root(),
			RuntimeCall::Balances(pallet_balances::Call::force_set_balance {
				who: who.account.clone().into(),
				new_free: FUNDS,
			}),
			"funding",
		);
		must(
			RuntimeOrigin::signed(assets_admin.clone()),
			RuntimeCall::Assets(pallet_assets::Call::mint {
				id: PAYMENT_ASSET.into(),
				beneficiary: who.account.clone().into(),
				amount: STABLE_FUNDS,
			}),
			"payment-asset funding",
		);
	}

	must(
		root(),
		RuntimeCall::Credentials(pallet_credentials::Call::accredit_authority {
			authority: authority.account.clone(),
			jurisdiction: JURISDICTION,
			roles: Role::ALL.to_vec().try_into().expect("every role fits the list"),
			institution_kinds: InstitutionKind::ALL
				.to_vec()
				.try_into()
				.expect("every kind fits the list"),
		}),
		"accrediting the authority",
	);
	for (id, (kind, admin)) in InstitutionKind::ALL.iter().zip(&admins).enumerate() {
		must(
			signed(admin),
			RuntimeCall::Credentials(pallet_credentials::Call::register_institution {
				kind: *kind,
				jurisdiction: JURISDICTION,
				details_hash: hash_of(admin.name.as_bytes()),
			}),
			"registering an institution",
		);
		must(
			signed(&authority),
			RuntimeCall::Credentials(pallet_credentials::Call::verify_institution {
				institution: id as u32,
			}),
			"verifying an institution",
		);
	}
	// Licensed since well before the set-up's past (see `PAST`), so that they act then too.
	let extra = [(&Role::Physician, &locum)]
		.into_iter()
		.chain(banned.iter().map(|nurse| (&Role::Nurse, nurse)));
	for (role, holder) in Role::ALL.iter().zip(&holders).chain(extra) {
		must(
			signed(&authority),
			RuntimeCall::Credentials(pallet_credentials::Call::issue_credential {
				holder: holder.account.clone(),
				role: *role,
				jurisdiction: JURISDICTION,
				licence_hash: hash_of(holder.name.as_bytes()),
				valid_from: now - 3 * PAST,
				valid_until: now + year,
			}),
			"issuing a credential",
		);
	}
	// Every holder is affiliated everywhere the pallet allows; those whose role fits an
	// institution's kind act for it (its staff).
	// `all` is the sudo key, the authority, the admins, then the holders.
	let first_holder = 2 + admins.len();
	let mut staff = vec![Vec::new(); admins.len()];
	for (id, (kind, admin)) in InstitutionKind::ALL.iter().zip(&admins).enumerate() {
		for (index, (role, holder)) in Role::ALL.iter().zip(&holders).enumerate() {
			let affiliated =
				RuntimeCall::Credentials(pallet_credentials::Call::affiliate_practitioner {
					institution: id as u32,
					practitioner: holder.account.clone(),
				})
				.dispatch(signed(admin));
			if affiliated.is_ok() && kind.acting_roles().contains(role) {
				staff[id].push(first_holder + index);
			}
		}
	}
	let physician = &holders[0];
	for patient in &patients {
		for code in [&b"18842-5"[..], b"11506-3"] {
			must(
				signed(patient),
				RuntimeCall::Records(pallet_records::Call::add_record {
					category: Category {
						system: CodeSystem::Loinc,
						code: code.to_vec().try_into().expect("a LOINC code fits"),
					},
					content_hash: hash_of(&[patient.name.as_bytes(), code].concat()),
					pointer: b"https://gateway.hospital.example/fuzz"
						.to_vec()
						.try_into()
						.expect("the pointer fits"),
				}),
				"adding a record",
			);
		}
		// A Treatment grant to the hospital, revoked (for the patient to remove).
		must(
			signed(patient),
			RuntimeCall::Consent(pallet_consent::Call::grant_consent {
				grantee: Grantee::Institution(0),
				purpose: Purpose::Treatment,
				scope: pallet_consent::GrantScope::AllRecords,
				actions: pallet_consent::GrantedActions { read: true, write: false },
				valid_from: None,
				valid_until: None,
			}),
			"granting the hospital",
		);
		must(
			signed(patient),
			RuntimeCall::Consent(pallet_consent::Call::revoke_consent {
				grantee: Grantee::Institution(0),
				purpose: Purpose::Treatment,
			}),
			"revoking the hospital's grant",
		);
		must(
			signed(patient),
			RuntimeCall::Consent(pallet_consent::Call::grant_consent {
				grantee: Grantee::Practitioner(physician.account.clone()),
				purpose: Purpose::Treatment,
				scope: pallet_consent::GrantScope::AllRecords,
				actions: pallet_consent::GrantedActions { read: true, write: true },
				valid_from: None,
				valid_until: Some(now + year),
			}),
			"granting the physician",
		);
	}
	// The nurse's Treatment grants: from patient 1, one that ended long ago (for the patient to
	// remove); from patient 2, one that starts next year.
	let nurse = &holders[Role::ALL.iter().position(|r| *r == Role::Nurse).expect("listed")];
	let grant_nurse = |patient: &Actor, valid_from: Option<u64>, valid_until: Option<u64>| {
		must(
			signed(patient),
			RuntimeCall::Consent(pallet_consent::Call::grant_consent {
				grantee: Grantee::Practitioner(nurse.account.clone()),
				purpose: Purpose::Treatment,
				scope: pallet_consent::GrantScope::AllRecords,
				actions: pallet_consent::GrantedActions { read: true, write: true },
				valid_from,
				valid_until,
			}),
			"granting the nurse",
		);
	};
	in_the_past(|| grant_nurse(&patients[1], None, Some(now - PAST + 30 * DAY)));
	grant_nurse(&patients[2], Some(now + year), None);
	for patient in &patients {
		must(
			signed(patient),
			RuntimeCall::Consent(pallet_consent::Call::appoint_guardian {
				guardian: guardian.account.clone(),
				until: None,
			}),
			"appointing a guardian",
		);
	}
	// Long ago, everyone but the patients read (or tried to read) each patient's first
	// record: their access-log entries are past retention, theirs to release.
	in_the_past(|| {
		for reader in all.iter().filter(|a| !a.name.starts_with("patient")) {
			for record in 0..patients.len() as u64 {
				must(
					signed(reader),
					RuntimeCall::Records(pallet_records::Call::access_record {
						record: 2 * record,
						purpose: Purpose::Treatment,
						on_behalf_of: None,
					}),
					"reading a record long ago",
				);
			}
		}
	});
	// The laboratory's admin registers a second laboratory (institution 8), which nobody
	// works for and the authority has not verified yet: theirs to deregister.
	let laboratory = InstitutionKind::ALL
		.iter()
		.position(|kind| *kind == InstitutionKind::Laboratory)
		.expect("every kind is listed");
	must(
		signed(&admins[laboratory]),
		RuntimeCall::Credentials(pallet_credentials::Call::register_institution {
			kind: InstitutionKind::Laboratory,
			jurisdiction: JURISDICTION,
			details_hash: hash_of(b"second laboratory"),
		}),
		"registering a second laboratory",
	);
	staff.push(Vec::new());
	let cast =
		Cast { authority: &authority, admins: &admins, holders: &holders, patients: &patients };
	set_up_break_glass(&cast, &banned);
	set_up_supply_chain(&cast, now);
	set_up_trial(&cast);
	set_up_billing(&cast, now);
	let sudo = 0;
	assert!(
		staff
			.iter()
			.flatten()
			.all(|i| all[*i].name.starts_with(|c: char| c.is_uppercase())),
		"staff indices point at the credential holders"
	);
	let index = |who: &Actor| {
		all.iter()
			.position(|a| a.account == who.account)
			.expect("every actor is listed")
	};
	// By institution id: the second laboratory's admin is the first's.
	let admins = admins.iter().chain([&admins[laboratory]]).map(index).collect();
	let practitioners = holders.iter().chain([&locum]).chain(&banned).map(index).collect();
	let patients = patients.iter().map(index).collect();
	let guardians = vec![index(&guardian)];
	let authority = index(&authority);
	let verified = InstitutionKind::ALL.len();
	Actors { all, sudo, staff, admins, verified, authority, practitioners, patients, guardians }
}

/// How far back the set-up's past is: things done then (a batch made, records read) are past
/// their retention now.
const PAST: u64 = 800 * DAY;

/// Runs `f` with the chain's clock `PAST` earlier, then puts it back.
fn in_the_past(f: impl FnOnce()) {
	let now = pallet_timestamp::Now::<Runtime>::get();
	pallet_timestamp::Now::<Runtime>::put(now - PAST);
	f();
	pallet_timestamp::Now::<Runtime>::put(now);
}

/// Emergency access, as the e2e break-glass scenario has it: `banned` (nurses acting for the
/// hospital) open break-glass accesses 0 and 1 to patients 0 and 1, left open (to review), then
/// 2 to 4 to patient 2, who reviews each as abuse: all three are banned from break-glass (for
/// an authority to lift; several, so that one lift leaves others to lift in the episode).
fn set_up_break_glass(cast: &Cast, banned: &[Actor]) {
	let hospital = cast.institution(InstitutionKind::Hospital);
	for nurse in banned {
		must(
			signed(&cast.admins[hospital as usize]),
			RuntimeCall::Credentials(pallet_credentials::Call::affiliate_practitioner {
				institution: hospital,
				practitioner: nurse.account.clone(),
			}),
			"affiliating a nurse",
		);
	}
	let open = |nurse: &Actor, patient: &Actor| {
		must(
			signed(nurse),
			RuntimeCall::Consent(pallet_consent::Call::open_break_glass {
				patient: patient.account.clone(),
				on_behalf_of: hospital,
				justification_hash: hash_of(b"emergency"),
			}),
			"opening break-glass access",
		);
	};
	for (nurse, patient) in banned.iter().zip(&cast.patients[..2]) {
		open(nurse, patient);
	}
	let patient = &cast.patients[2];
	for (n, nurse) in banned.iter().enumerate() {
		open(nurse, patient);
		must(
			signed(patient),
			RuntimeCall::Consent(pallet_consent::Call::review_break_glass {
				patient: patient.account.clone(),
				break_glass: 2 + n as u64,
				finding: pallet_consent::ReviewFinding::Abuse,
			}),
			"finding break-glass abuse",
		);
	}
}

/// Who the domain set-ups act as.
struct Cast<'a> {
	authority: &'a Actor,
	/// By [`InstitutionKind::ALL`]'s order, which is also their institutions' ids.
	admins: &'a [Actor],
	/// By [`Role::ALL`]'s order.
	holders: &'a [Actor],
	patients: &'a [Actor],
}

impl Cast<'_> {
	/// The institution of `kind` (registered in [`InstitutionKind::ALL`]'s order from id 0).
	fn institution(&self, kind: InstitutionKind) -> u32 {
		InstitutionKind::ALL
			.iter()
			.position(|k| *k == kind)
			.expect("every kind is listed") as u32
	}

	/// The holder of `role`'s credential, affiliated to every institution it may act for.
	fn holder(&self, role: Role) -> &Actor {
		&self.holders[Role::ALL.iter().position(|r| *r == role).expect("every role is listed")]
	}
}

fn signed(who: &Actor) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.account.clone())
}

const DAY: u64 = 24 * 3600 * 1000;

/// One hUSD, in the payment asset's smallest unit.
const USD: u128 = 1_000_000;

/// The set-up's serials, `S0`, `S1`, … (the generator draws the same ones).
fn serial(n: u32) -> Serial {
	format!("S{n}").into_bytes().try_into().expect("a short serial fits")
}

/// A pack of the set-up's product.
fn unit(n: u32) -> Sgtin {
	Sgtin { gtin: product(), serial: serial(n) }
}

/// The set-up's product: the company's item 0 (the generator draws it often).
fn product() -> Gtin {
	item(0)
}

/// The company's item `n`, as a GTIN-14.
fn item(n: u64) -> Gtin {
	Gtin(gs1_key(14, n).try_into().expect("a GTIN-14 has 14 digits"))
}

/// The company's logistic unit `n`, as an SSCC-18.
fn case(n: u64) -> Sscc {
	Sscc(gs1_key(18, n).try_into().expect("an SSCC has 18 digits"))
}

/// A medicine's supply chain, as in the e2e provenance scenario: the authority assigns the
/// company prefix to the manufacturer (and [`SPARE_PREFIXES`] to others, unused, to withdraw),
/// which registers a product, makes a batch (and an empty second one), commissions packs
/// S0–S11, packs S0 and S1 into case 0 and S5 into case 1, which it stacks on pallet 4, and
/// leaves cases 2 and 3 empty; it
/// ships S2, S3, S6 and S7 to the distributor, which passes them on to the pharmacy; S4 is left
/// in transit to the distributor (to receive or cancel), S11 with the maker, and S8–S10 are reported
/// suspect (for a regulator to clear or confirm). Long ago it made batch 2, of item 1, which has
/// expired and is past retention, S0–S5 of which are still on chain (to purge). The pharmacy
/// has ordered from the distributor and the distributor from the maker, both orders open.
fn set_up_supply_chain(cast: &Cast, now: u64) {
	let maker = cast.institution(InstitutionKind::Manufacturer);
	let distributor = cast.institution(InstitutionKind::Distributor);
	let pharmacy = cast.institution(InstitutionKind::Pharmacy);
	let (maker_staff, distributor_staff, pharmacy_staff) = (
		cast.holder(Role::Manufacturer),
		cast.holder(Role::Distributor),
		cast.holder(Role::Pharmacy),
	);
	let provenance = |call| RuntimeCall::Provenance(call);
	let prefix = |bytes: &[u8]| bytes.to_vec().try_into().expect("the prefix fits");
	must(
		signed(cast.authority),
		provenance(pallet_provenance::Call::assign_company_prefix {
			prefix: prefix(COMPANY_PREFIX),
			holder: maker,
		}),
		"assigning the company prefix",
	);
	for (spare, holder) in SPARE_PREFIXES.iter().zip([distributor, pharmacy, maker]) {
		must(
			signed(cast.authority),
			provenance(pallet_provenance::Call::assign_company_prefix {
				prefix: prefix(spare),
				holder,
			}),
			"assigning a spare company prefix",
		);
	}
	for (n, what) in [(0, &b"product"[..]), (1, b"old product")] {
		must(
			signed(maker_staff),
			provenance(pallet_provenance::Call::register_product {
				as_party: maker,
				gtin: item(n),
				details_hash: hash_of(what),
			}),
			"registering a product",
		);
	}
	let serials = |range: core::ops::Range<u32>| {
		range.map(serial).collect::<Vec<_>>().try_into().expect("a few serials fit")
	};
	// Batches 0 and 1 of the product.
	for lot in [&b"LOT-A1"[..], b"LOT-B2"] {
		must(
			signed(maker_staff),
			provenance(pallet_provenance::Call::create_batch {
				as_party: maker,
				gtin: product(),
				lot: lot.to_vec().try_into().expect("the lot fits"),
				expiry: now + 700 * DAY,
				quantity: 100,
			}),
			"creating a batch",
		);
	}
	// Batch 2, long expired and past retention: units S0–S5 of item 1.
	in_the_past(|| {
		let then = pallet_timestamp::Now::<Runtime>::get();
		must(
			signed(maker_staff),
			provenance(pallet_provenance::Call::create_batch {
				as_party: maker,
				gtin: item(1),
				lot: b"LOT-OLD".to_vec().try_into().expect("the lot fits"),
				expiry: then + 30 * DAY,
				quantity: 10,
			}),
			"creating a batch long ago",
		);
		must(
			signed(maker_staff),
			provenance(pallet_provenance::Call::commission_units {
				as_party: maker,
				batch: 2,
				serials: serials(0..6),
			}),
			"commissioning units long ago",
		);
	});
	must(
		signed(maker_staff),
		provenance(pallet_provenance::Call::commission_units {
			as_party: maker,
			batch: 0,
			serials: serials(0..SERIALS),
		}),
		"commissioning units",
	);
	let items = |units: &[u32]| {
		units
			.iter()
			.map(|n| Item::Unit(unit(*n)))
			.collect::<Vec<_>>()
			.try_into()
			.expect("a few items fit")
	};
	// Cases 2 and 3 held S11 a moment and are empty; case 0 holds S0 and S1, case 1 S5.
	for (n, units) in [(2, &[11][..]), (3, &[11]), (0, &[0, 1]), (1, &[5])] {
		must(
			signed(maker_staff),
			provenance(pallet_provenance::Call::pack {
				as_party: maker,
				container: case(n),
				items: items(units),
			}),
			"packing a case",
		);
		if n > 1 {
			must(
				signed(maker_staff),
				provenance(pallet_provenance::Call::unpack {
					as_party: maker,
					container: case(n),
					items: items(units),
				}),
				"unpacking a case",
			);
		}
	}
	// Case 1 goes onto pallet 4, which is then as high as containers nest.
	must(
		signed(maker_staff),
		provenance(pallet_provenance::Call::pack {
			as_party: maker,
			container: case(4),
			items: vec![Item::Container(case(1))].try_into().expect("an item fits"),
		}),
		"packing a case onto a pallet",
	);
	let ship = |who: &Actor, from: u32, to: u32, units: &[u32]| {
		must(
			signed(who),
			provenance(pallet_provenance::Call::ship {
				as_party: from,
				to,
				items: units
					.iter()
					.map(|n| Item::Unit(unit(*n)))
					.collect::<Vec<_>>()
					.try_into()
					.expect("a few items fit"),
				order: None,
			}),
			"shipping",
		);
	};
	let receive = |who: &Actor, party: u32, shipment: u64| {
		must(
			signed(who),
			provenance(pallet_provenance::Call::receive { as_party: party, shipment }),
			"receiving",
		);
	};
	ship(maker_staff, maker, distributor, &[2, 3, 6, 7]);
	receive(distributor_staff, distributor, 0);
	ship(distributor_staff, distributor, pharmacy, &[2, 3, 6, 7]);
	receive(pharmacy_staff, pharmacy, 1);
	ship(maker_staff, maker, distributor, &[4]);
	for n in 8..11 {
		must(
			signed(maker_staff),
			provenance(pallet_provenance::Call::report_suspect {
				as_party: maker,
				unit: unit(n),
				evidence_hash: hash_of(b"tampered seal"),
			}),
			"reporting a suspect unit",
		);
	}
	for (who, buyer, supplier) in
		[(pharmacy_staff, pharmacy, distributor), (distributor_staff, distributor, maker)]
	{
		must(
			signed(who),
			provenance(pallet_provenance::Call::place_order {
				as_party: buyer,
				supplier,
				gtin: product(),
				quantity: 10,
			}),
			"placing an order",
		);
	}

	// Two prescriptions of the product from the physician for each of patients 0 and 1 (each
	// gave the physician Treatment consent above), each sent to the pharmacy, which holds S2,
	// S3, S6 and S7.
	let physician = cast.holder(Role::Physician);
	for (prescription, patient) in
		[&cast.patients[0], &cast.patients[1]].repeat(2).iter().enumerate()
	{
		must(
			signed(physician),
			RuntimeCall::Prescriptions(pallet_prescriptions::Call::issue_prescription {
				patient: patient.account.clone(),
				product: product(),
				quantity_per_fill: 1,
				repeats_allowed: 2,
				valid_from: None,
				valid_until: now + 30 * DAY,
				min_interval: 0,
				instructions_hash: hash_of(b"one daily"),
				purpose: Purpose::Treatment,
				on_behalf_of: None,
			}),
			"issuing a prescription",
		);
		must(
			signed(patient),
			RuntimeCall::Prescriptions(pallet_prescriptions::Call::authorise_fill {
				prescription: prescription as u64,
				pharmacy: Some(pharmacy),
			}),
			"authorising a fill",
		);
	}
}

/// A clinical trial, as in the e2e scenario: the sponsor registers trial 0 at the hospital and
/// the clinic, the authority confirms its registry id, recruitment starts, the patients give it
/// research consent and the physician (at the hospital) enrols patients 0 and 1. Trials 1–3 are
/// registered too: 1 and 2 wait for their registry ids' confirmation, 3 to start recruiting.
fn set_up_trial(cast: &Cast) {
	let sponsor = cast.holder(Role::TrialSponsor);
	let trials = |call| RuntimeCall::ClinicalTrials(call);
	let outcomes = |bytes: &[u8]| -> pallet_clinical_trials::OutcomesOf<Runtime> {
		bytes
			.iter()
			.map(|b| hash_of(&[*b]))
			.collect::<Vec<_>>()
			.try_into()
			.expect("outcomes fit")
	};
	must(
		signed(sponsor),
		trials(pallet_clinical_trials::Call::register_trial {
			registry_id: RegistryId::Nct(*b"01234567"),
			phase: Phase::Phase3,
			protocol_hash: hash_of(b"protocol v1"),
			pointer: b"https://gateway.hospital.example/protocol"
				.to_vec()
				.try_into()
				.expect("the pointer fits"),
			sites: vec![
				cast.institution(InstitutionKind::Hospital),
				cast.institution(InstitutionKind::Clinic),
			]
			.try_into()
			.expect("two sites fit"),
			target_enrolment: 100,
			// Outcome hashes from the generator's pool, so results and amendments name them.
			primary: outcomes(&[1, 2]),
			secondary: outcomes(&[3]),
		}),
		"registering a trial",
	);
	must(
		signed(cast.authority),
		trials(pallet_clinical_trials::Call::confirm_registry_id { trial: 0 }),
		"confirming the registry id",
	);
	must(
		signed(sponsor),
		trials(pallet_clinical_trials::Call::start_recruitment { trial: 0 }),
		"starting recruitment",
	);
	for patient in cast.patients {
		must(
			signed(patient),
			RuntimeCall::Consent(pallet_consent::Call::grant_consent {
				grantee: Grantee::Study(0),
				purpose: Purpose::Research,
				scope: pallet_consent::GrantScope::AllRecords,
				actions: pallet_consent::GrantedActions { read: true, write: false },
				valid_from: None,
				valid_until: None,
			}),
			"granting research consent",
		);
	}
	for patient in &cast.patients[..2] {
		must(
			signed(cast.holder(Role::Physician)),
			trials(pallet_clinical_trials::Call::enrol {
				trial: 0,
				site: cast.institution(InstitutionKind::Hospital),
				participant: patient.account.clone(),
			}),
			"enrolling a participant",
		);
	}
	// Trials 1 and 2 are registered, their registry ids not yet confirmed; trial 3's is, and
	// it waits to start recruiting.
	for (trial, digits) in [*b"11111111", *b"22222222", *b"33333333"].into_iter().enumerate() {
		must(
			signed(sponsor),
			trials(pallet_clinical_trials::Call::register_trial {
				registry_id: RegistryId::Nct(digits),
				phase: Phase::Phase2,
				protocol_hash: hash_of(&digits),
				pointer: b"https://gateway.hospital.example/protocol"
					.to_vec()
					.try_into()
					.expect("the pointer fits"),
				sites: vec![cast.institution(InstitutionKind::Hospital)]
					.try_into()
					.expect("a site fits"),
				target_enrolment: 50,
				primary: outcomes(&[1]),
				secondary: outcomes(&[]),
			}),
			"registering another trial",
		);
		// Trial 3 (the loop's third).
		if trial == 2 {
			must(
				signed(cast.authority),
				trials(pallet_clinical_trials::Call::confirm_registry_id { trial: 3 }),
				"confirming another registry id",
			);
		}
	}
}

/// Billing, as in the e2e claims scenario: the insurer's staff publish plan 0 covering the
/// generator's service codes and propose contracts 0–2 with the hospital, the clinic and the
/// laboratory at a fee for each, which their staff sign; each then has a second version
/// proposed by the insurer, unsigned. Patients 0 and 1 request coverage (0 and 1), the insurer
/// accepts it, and they consent to the insurer's use of their records for payment; coverage 2
/// (patient 2's request) and 3 and 4 (the insurer's offers to patients 1 and 2) await the
/// other side. The insurer's admin funds its payer account. Prior authorisations 0–5 and claim 0
/// wait for the insurer; claim 1 has been paid, the member owing their share; claims 2–8 have
/// been denied: 2 and 3 may be appealed, the member's appeals of 4 and 5 wait for the insurer,
/// those of 6 and 7 were upheld (open to external review) and 8 is under external review.
/// Plans 1 and 2, the same as plan 0, have no members yet.
fn set_up_billing(cast: &Cast, now: u64) {
	let insurer = cast.institution(InstitutionKind::Insurer);
	let hospital = cast.institution(InstitutionKind::Hospital);
	let staff = cast.holder(Role::Insurer);
	let claims = |call| RuntimeCall::Claims(call);
	// The generator's codes, each with its class, whether it needs prior authorisation, and
	// the contracted rate; in code order, as the pallet keeps its lists.
	let services = [
		(*b"80053", ServiceClass::Laboratory, false, 40),
		(*b"85025", ServiceClass::Laboratory, false, 20),
		(*b"99213", ServiceClass::PrimaryCare, false, 150),
		(*b"A0428", ServiceClass::Emergency, true, 900),
		(*b"J3490", ServiceClass::Pharmacy, false, 60),
	];
	for _plan in 0..3 {
		must(
			signed(staff),
			claims(pallet_claims::Call::publish_plan {
				insurer,
				terms_hash: hash_of(b"plan terms 2026"),
				terms_pointer: b"https://gateway.hospital.example/plan"
					.to_vec()
					.try_into()
					.expect("the pointer fits"),
				cost_sharing: CostSharing {
					deductible: 1_000 * USD,
					coinsurance: Permill::from_percent(20),
					out_of_pocket_max: 5_000 * USD,
				},
				copays: vec![Copay { class: ServiceClass::PrimaryCare, amount: 25 * USD }]
					.try_into()
					.expect("a co-pay fits"),
				services: services
					.iter()
					.map(|(code, class, prior_auth, _)| CoveredService {
						code: ServiceCode(*code),
						class: *class,
						prior_auth: *prior_auth,
					})
					.collect::<Vec<_>>()
					.try_into()
					.expect("five services fit"),
				year_start: now - 60 * DAY,
				deemed_approval: true,
			}),
			"publishing a plan",
		);
	}
	let propose = |provider: u32, prompt_pay: u32| {
		must(
			signed(staff),
			claims(pallet_claims::Call::propose_contract {
				insurer,
				provider,
				fee_schedule: services
					.iter()
					.map(|(code, _, _, rate)| Fee { code: ServiceCode(*code), rate: rate * USD })
					.collect::<Vec<_>>()
					.try_into()
					.expect("five fees fit"),
				effective_from: now - 365 * DAY,
				effective_to: now + 365 * DAY,
				prompt_pay_rate: Permill::from_percent(prompt_pay),
			}),
			"proposing a contract",
		);
	};
	let providers = [
		(hospital, Role::Physician),
		(cast.institution(InstitutionKind::Clinic), Role::Physician),
		(cast.institution(InstitutionKind::Laboratory), Role::Laboratory),
	];
	for (contract, (provider, role)) in providers.iter().enumerate() {
		propose(*provider, 12);
		must(
			signed(cast.holder(*role)),
			claims(pallet_claims::Call::sign_contract { contract: contract as u32, version: 0 }),
			"signing a contract",
		);
		propose(*provider, 10);
	}
	let coverage = |by: &Actor, member: &Actor, offer: bool| {
		let (plan, member, start, end) =
			(0, member.account.clone(), now - 30 * DAY, now + 300 * DAY);
		let call = if offer {
			pallet_claims::Call::offer_coverage { plan, member, start, end }
		} else {
			pallet_claims::Call::request_coverage { plan, member, start, end }
		};
		must(signed(by), claims(call), "proposing coverage");
	};
	for (id, member) in cast.patients[..2].iter().enumerate() {
		coverage(member, member, false);
		must(
			signed(staff),
			claims(pallet_claims::Call::accept_coverage { coverage: id as u64 }),
			"accepting coverage",
		);
		must(
			signed(member),
			RuntimeCall::Consent(pallet_consent::Call::grant_consent {
				grantee: Grantee::Institution(insurer),
				purpose: Purpose::Payment,
				scope: pallet_consent::GrantScope::AllRecords,
				actions: pallet_consent::GrantedActions { read: true, write: false },
				valid_from: None,
				valid_until: None,
			}),
			"granting payment consent",
		);
	}
	coverage(&cast.patients[2], &cast.patients[2], false);
	coverage(staff, &cast.patients[1], true);
	coverage(staff, &cast.patients[2], true);
	must(
		signed(&cast.admins[insurer as usize]),
		claims(pallet_claims::Call::fund_payer { insurer, amount: 100_000 * USD }),
		"funding the payer",
	);
	// The hospital's physician asks prior authorisations 0–5 (an ambulance ride and more,
	// pending) and submits claim 0 for yesterday's visit (awaiting adjudication), and claims
	// 1–8 for earlier visits, which the insurer decides.
	let physician = cast.holder(Role::Physician);
	// Prior authorisations 0–5, pending: of one, two or three services (as many as the units
	// a decision approves must be), a few units each, for either member, urgent or not.
	let requests: [&[(&[u8; 5], u32)]; 6] = [
		&[(b"A0428", 1)],
		&[(b"A0428", 3)],
		&[(b"85025", 2), (b"A0428", 3)],
		&[(b"80053", 1), (b"99213", 2), (b"A0428", 3)],
		&[(b"A0428", 4)],
		&[(b"J3490", 2), (b"A0428", 2)],
	];
	for (n, services) in requests.iter().enumerate() {
		must(
			signed(physician),
			claims(pallet_claims::Call::request_prior_auth {
				coverage: n as u64 % 2,
				provider: hospital,
				services: services
					.iter()
					.map(|(code, units)| (ServiceCode(**code), *units))
					.collect::<Vec<_>>()
					.try_into()
					.expect("a few services fit"),
				supporting: Default::default(),
				urgent: n % 3 == 1,
			}),
			"requesting prior authorisation",
		);
	}
	for claim in 0..9u64 {
		let member = claim % 2;
		must(
			signed(physician),
			claims(pallet_claims::Call::submit_claim {
				coverage: member,
				provider: hospital,
				service_date: now - (claim + 1) * DAY,
				lines: vec![ClaimLine {
					code: ServiceCode(*b"99213"),
					units: 1,
					charge: 200 * USD,
				}]
				.try_into()
				.expect("a line fits"),
				diagnoses: vec![DiagnosisCode(b"E119".to_vec().try_into().expect("a code fits"))]
					.try_into()
					.expect("a diagnosis fits"),
				prior_auth: None,
				records: Default::default(),
				frequency: Frequency::Original,
			}),
			"submitting a claim",
		);
		if claim == 0 {
			continue;
		}
		let as_member = signed(&cast.patients[member as usize]);
		let decision = if claim == 1 {
			LineDecision::Pay
		} else {
			LineDecision::Deny(ReasonCode(b"50".to_vec().try_into().expect("a reason fits")))
		};
		let steps = [
			(
				signed(staff),
				pallet_claims::Call::adjudicate_claim {
					claim,
					decisions: vec![decision].try_into().expect("a decision fits"),
				},
				"adjudicating a claim",
			),
			(
				as_member.clone(),
				pallet_claims::Call::appeal_claim { claim, grounds_hash: hash_of(b"grounds") },
				"appealing a claim",
			),
			(
				signed(staff),
				pallet_claims::Call::decide_appeal { claim, overturn: false },
				"upholding a denial",
			),
			(
				as_member,
				pallet_claims::Call::request_external_review { claim },
				"requesting external review",
			),
		];
		// Claim 1 is paid (the member owes their share), 2 and 3 only denied, 4 and 5 appealed,
		// 6 and 7 upheld, 8 under external review.
		let taken = [0, 1, 1, 1, 2, 2, 3, 3, 4][claim as usize];
		for (origin, call, what) in steps.into_iter().take(taken) {
			must(origin, claims(call), what);
		}
	}
}
