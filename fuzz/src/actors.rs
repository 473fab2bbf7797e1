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
	ClaimLine, Copay, CoveredService, DiagnosisCode, Fee, Frequency, ServiceClass, ServiceCode,
};
use pallet_clinical_trials::{Phase, RegistryId};
use pallet_provenance::{Item, Sscc};
use polkadot_sdk::sp_runtime::Permill;

use crate::{
	chain::{hash_of, Chain},
	generate::{gs1_key, COMPANY_PREFIX},
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
	for (role, holder) in Role::ALL.iter().zip(&holders) {
		must(
			signed(&authority),
			RuntimeCall::Credentials(pallet_credentials::Call::issue_credential {
				holder: holder.account.clone(),
				role: *role,
				jurisdiction: JURISDICTION,
				licence_hash: hash_of(holder.name.as_bytes()),
				valid_from: now,
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
	must(
		signed(&patients[2]),
		RuntimeCall::Consent(pallet_consent::Call::appoint_guardian {
			guardian: guardian.account.clone(),
			until: None,
		}),
		"appointing a guardian",
	);
	let cast =
		Cast { authority: &authority, admins: &admins, holders: &holders, patients: &patients };
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
	Actors { all, sudo, staff }
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
	Gtin(gs1_key(14, 0).try_into().expect("a GTIN-14 has 14 digits"))
}

/// A medicine's supply chain, as in the e2e provenance scenario: the authority assigns the
/// company prefix to the manufacturer, which registers a product, makes a batch (and an empty
/// second one), commissions packs S0–S5 and packs S0 and S1 into a case; it ships S2 and S3 to
/// the distributor, which passes them on to the pharmacy; S4 is left in transit to the
/// distributor (to receive or cancel) and S5 with the maker; the pharmacy has ordered from the
/// distributor and the distributor from the maker, both orders open.
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
	must(
		signed(cast.authority),
		provenance(pallet_provenance::Call::assign_company_prefix {
			prefix: COMPANY_PREFIX.to_vec().try_into().expect("the prefix fits"),
			holder: maker,
		}),
		"assigning the company prefix",
	);
	must(
		signed(maker_staff),
		provenance(pallet_provenance::Call::register_product {
			as_party: maker,
			gtin: product(),
			details_hash: hash_of(b"product"),
		}),
		"registering the product",
	);
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
	must(
		signed(maker_staff),
		provenance(pallet_provenance::Call::commission_units {
			as_party: maker,
			batch: 0,
			serials: (0..6).map(serial).collect::<Vec<_>>().try_into().expect("six serials fit"),
		}),
		"commissioning units",
	);
	must(
		signed(maker_staff),
		provenance(pallet_provenance::Call::pack {
			as_party: maker,
			container: Sscc(gs1_key(18, 0).try_into().expect("an SSCC has 18 digits")),
			items: vec![Item::Unit(unit(0)), Item::Unit(unit(1))]
				.try_into()
				.expect("two items fit"),
		}),
		"packing a case",
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
	ship(maker_staff, maker, distributor, &[2, 3]);
	receive(distributor_staff, distributor, 0);
	ship(distributor_staff, distributor, pharmacy, &[2, 3]);
	receive(pharmacy_staff, pharmacy, 1);
	ship(maker_staff, maker, distributor, &[4]);
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

	// A prescription of the product from the physician for each of patients 0 and 1 (each
	// gave the physician Treatment consent above); patient 0 sends theirs to the pharmacy,
	// which holds S2 and S3.
	let physician = cast.holder(Role::Physician);
	for patient in &cast.patients[..2] {
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
	}
	must(
		signed(&cast.patients[0]),
		RuntimeCall::Prescriptions(pallet_prescriptions::Call::authorise_fill {
			prescription: 0,
			pharmacy: Some(pharmacy),
		}),
		"authorising a fill",
	);
}

/// A clinical trial, as in the e2e scenario: the sponsor registers trial 0 at the hospital and
/// the clinic, the authority confirms its registry id, recruitment starts, patients 0 and 1
/// give it research consent and the physician (at the hospital) enrols patient 0.
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
	for patient in &cast.patients[..2] {
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
	must(
		signed(cast.holder(Role::Physician)),
		trials(pallet_clinical_trials::Call::enrol {
			trial: 0,
			site: cast.institution(InstitutionKind::Hospital),
			participant: cast.patients[0].account.clone(),
		}),
		"enrolling a participant",
	);
}

/// Billing, as in the e2e claims scenario: the insurer's staff publish plan 0 covering the
/// generator's service codes and propose a contract with the hospital at a fee for each, which
/// the hospital's physician signs; patient 0 requests coverage, the insurer accepts it, and
/// the patient consents to the insurer's use of their records for payment; the insurer's admin
/// funds its payer account. A prior authorisation and a claim then wait for the insurer.
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
	must(
		signed(staff),
		claims(pallet_claims::Call::propose_contract {
			insurer,
			provider: hospital,
			fee_schedule: services
				.iter()
				.map(|(code, _, _, rate)| Fee { code: ServiceCode(*code), rate: rate * USD })
				.collect::<Vec<_>>()
				.try_into()
				.expect("five fees fit"),
			effective_from: now - 365 * DAY,
			effective_to: now + 365 * DAY,
			prompt_pay_rate: Permill::from_percent(12),
		}),
		"proposing a contract",
	);
	must(
		signed(cast.holder(Role::Physician)),
		claims(pallet_claims::Call::sign_contract { contract: 0, version: 0 }),
		"signing the contract",
	);
	let member = &cast.patients[0];
	must(
		signed(member),
		claims(pallet_claims::Call::request_coverage {
			plan: 0,
			member: member.account.clone(),
			start: now - 30 * DAY,
			end: now + 300 * DAY,
		}),
		"requesting coverage",
	);
	must(
		signed(staff),
		claims(pallet_claims::Call::accept_coverage { coverage: 0 }),
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
	must(
		signed(&cast.admins[insurer as usize]),
		claims(pallet_claims::Call::fund_payer { insurer, amount: 100_000 * USD }),
		"funding the payer",
	);
	// The hospital's physician asks prior authorisation 0 for an ambulance ride (pending) and
	// submits claim 0 for yesterday's visit (awaiting adjudication).
	let physician = cast.holder(Role::Physician);
	must(
		signed(physician),
		claims(pallet_claims::Call::request_prior_auth {
			coverage: 0,
			provider: hospital,
			services: vec![(ServiceCode(*b"A0428"), 1)].try_into().expect("a service fits"),
			supporting: Default::default(),
			urgent: false,
		}),
		"requesting prior authorisation",
	);
	must(
		signed(physician),
		claims(pallet_claims::Call::submit_claim {
			coverage: 0,
			provider: hospital,
			service_date: now - DAY,
			lines: vec![ClaimLine { code: ServiceCode(*b"99213"), units: 1, charge: 200 * USD }]
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
}
