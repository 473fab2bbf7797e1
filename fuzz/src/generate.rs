//! Calls generated from the runtime's own type metadata: the generator walks `RuntimeCall`'s
//! `scale-info` description and writes SCALE bytes for a random call, choosing each value by
//! its type and field name from small pools (the actors' accounts, ids near the ones handed
//! out, content hashes, times around the chain's clock, GS1 keys of one company), then decodes
//! them as the node would. Every call of every pallet in [`PALLETS`] is reached without a list
//! of calls to keep up to date: a new call or argument is fuzzed as soon as it compiles.

use core::cell::{Cell, RefCell};
use std::collections::HashMap;

use codec::{Compact, Decode, DecodeLimit, Encode};
use polkadot_sdk::{pallet_sudo, pallet_timestamp};
use scale_info::{
	form::PortableForm, Field, PortableRegistry, Registry, TypeDef, TypeDefPrimitive,
};

use healthchain_primitives::provenance::{gs1_check_digit, Gtin, Sgtin};
use healthchain_runtime::{AccountId, Runtime, RuntimeCall};
use pallet_provenance::{Containers, Location, Sscc, Units};

use crate::{
	actors::Actors,
	chain::{hash_of, Applied},
	coverage::HEALTHCHAIN_PALLETS,
	source::Source,
};

/// The pallets calls are drawn from, with their weights: HealthChain's own, often; the
/// account and dispatch pallets they are used with, sometimes.
pub const PALLETS: [(&str, u32); 12] = [
	("Credentials", 8),
	("Records", 8),
	("Consent", 8),
	("Provenance", 8),
	("Prescriptions", 8),
	("ClinicalTrials", 8),
	("Claims", 8),
	("Balances", 1),
	("Assets", 1),
	("Utility", 2),
	("Multisig", 1),
	("Proxy", 2),
];

/// Calls never drawn: each empties the signer's account for the rest of the episode, after
/// which everything it signs is refused for want of a fee, and the run learns nothing more.
const DRAINING: [(&str, &str); 2] = [("Balances", "transfer_all"), ("Balances", "burn")];

/// Pallets whose calls carry other calls; not drawn below the first level of nesting.
const WRAPPERS: [&str; 3] = ["Utility", "Multisig", "Proxy"];

/// How deep calls may nest (a batch in a proxy call, say).
const MAX_NESTING: u32 = 2;

/// A company prefix (GS1) that all generated product and container keys share, so that a
/// product registered under it can be found again.
pub const COMPANY_PREFIX: &[u8] = b"4006381";

/// Company prefixes the set-up assigns to other institutions and nothing uses (to withdraw and
/// assign again); the generator draws them too.
pub const SPARE_PREFIXES: [&[u8]; 3] = [b"4006382", b"4006383", b"871234"];

/// The set-up commissions serials `S0` to `S{SERIALS - 1}` of its product; the generator draws
/// serials mostly among them, and now and then one of the [`FRESH_SERIALS`] after them, which
/// nothing commissions before an episode does.
pub const SERIALS: u32 = 12;

/// How many serials past the set-up's the generator draws (`S12` to `S15`).
const FRESH_SERIALS: u32 = 4;

/// Claim adjustment reason codes (CARC), as decisions carry them; the last is malformed.
const REASONS: [&[u8]; 6] = [b"50", b"197", b"204", b"96", b"A1", b"0"];

/// The name values of an institution-id type are written under.
const INSTITUTION: &str = "institution id";

/// ICD-10-CM codes as claims carry them (no dot), and one with its dot.
const DIAGNOSES: [&[u8]; 5] = [b"E119", b"I10", b"J45909", b"Z0000", b"E11.9"];

/// Codes in the code systems the pallets use: LOINC, CPT, HCPCS, ICD-10 (dotted, and as
/// claims carry it, without the dot), NDC.
const CODES: [&[u8]; 9] = [
	b"18842-5",
	b"11506-3",
	b"99213",
	b"J3490",
	b"E11.9",
	b"E119",
	b"0777-3105-02",
	b"85025",
	b"Z00.00",
];

/// The GS1 key of `len` digits (a GTIN-14 or an SSCC-18) for item `item` of the company:
/// an indicator digit 0, [`COMPANY_PREFIX`], `item` in the remaining digits, the check digit.
pub fn gs1_key(len: usize, item: u64) -> Vec<u8> {
	let mut body = vec![b'0'];
	body.extend_from_slice(COMPANY_PREFIX);
	let width = len.saturating_sub(body.len() + 1);
	let item = item % 10u64.saturating_pow(width as u32);
	body.extend(format!("{item:0width$}").bytes());
	let check = gs1_check_digit(&body).unwrap_or(b'0');
	body.push(check);
	body
}

/// The generator: the runtime's types, and the pools values come from.
pub struct Generator {
	registry: PortableRegistry,
	call_type: u32,
	/// (pallet name, variant index in `RuntimeCall`, the pallet's `Call` type, weight).
	pallets: Vec<(String, u8, u32, u32)>,
	accounts: Vec<AccountId>,
	/// Accounts by what an argument's name says it is (see [`Generator::account`]).
	patients: Vec<AccountId>,
	guardians: Vec<AccountId>,
	practitioners: Vec<AccountId>,
	/// How many institutions the set-up registered and verified (ids from 0); one it only
	/// registered is drawn as its admin's.
	institutions: u32,
	/// By actor: the institutions they act for or administer.
	institutions_of: Vec<Vec<u32>>,
	hashes: Vec<[u8; 32]>,
	/// The first institution id the call being generated names.
	institution: Cell<Option<u32>>,
	/// The first container (SSCC) the call being generated names: the packs and containers
	/// it names next are often ones inside it.
	container: Cell<Option<Sscc>>,
	/// The signed call last generated (pallet and call index), for [`Generator::learn`].
	last: Cell<Option<[u8; 2]>>,
	/// By call: what each signer has met with it so far, and how often it succeeded.
	learned: RefCell<HashMap<[u8; 2], Learned>>,
	/// By pallet (its index in `RuntimeCall`): the signers any of its calls succeeded for.
	succeeded_for: RefCell<HashMap<u8, Vec<usize>>>,
}

/// What the signers met with one call (by signer), and how often it succeeded.
type Learned = (Vec<Met>, u32);

/// What one signer met with one call: the distinct outcomes (hashed), and whether it ever
/// succeeded. A signer the call's origin check refuses meets one error over and over; one it
/// lets through meets the call's later checks, and sometimes success.
#[derive(Clone, Default)]
struct Met {
	outcomes: Vec<u64>,
	succeeded: bool,
}

impl Met {
	fn score(&self) -> usize {
		self.outcomes.len() + if self.succeeded { 4 } else { 0 }
	}
}

/// What the value being written is for.
#[derive(Clone, Copy)]
struct Context {
	/// The index of the signer among the actors (account arguments lean towards it).
	signer: usize,
	/// How deep in nested calls.
	depth: u32,
	/// Only HealthChain's pallets: for calls made as root, whose paths in the SDK's own pallets
	/// (`Balances::force_unreserve` releasing what a hold reserved, say) are root's to break.
	healthchain_only: bool,
	/// The pallet (an index into `pallets`) of the call that carries this one, if any: a call
	/// that carries another mostly carries one of its own pallet's (a guardian's consent call).
	outer: Option<usize>,
}

/// The type could not be generated (a bit sequence, an empty enum); the caller tries again.
struct Unsupported;

impl Generator {
	/// A generator over the runtime's call types and `actors`' accounts.
	pub fn new(actors: &Actors) -> Self {
		let mut registry = Registry::new();
		let call_type = registry.register_type(&scale_info::meta_type::<RuntimeCall>()).id;
		let registry = PortableRegistry::from(registry);
		let TypeDef::Variant(calls) =
			&registry.resolve(call_type).expect("RuntimeCall is registered").type_def
		else {
			panic!("RuntimeCall is an enum");
		};
		let pallets = PALLETS
			.iter()
			.map(|(name, weight)| {
				let variant = calls
					.variants
					.iter()
					.find(|v| v.name == *name)
					.unwrap_or_else(|| panic!("the runtime has no pallet {name}"));
				(name.to_string(), variant.index, variant.fields[0].ty.id, *weight)
			})
			.collect();
		let accounts_of =
			|indices: &[usize]| indices.iter().map(|i| actors.all[*i].account.clone()).collect();
		Self {
			registry,
			call_type,
			pallets,
			accounts: actors.all.iter().map(|a| a.account.clone()).collect(),
			patients: accounts_of(&actors.patients),
			guardians: accounts_of(&actors.guardians),
			practitioners: accounts_of(&actors.practitioners),
			institutions: u32::try_from(actors.verified).unwrap_or(u32::MAX),
			institutions_of: (0..actors.all.len())
				.map(|actor| {
					(0..actors.admins.len())
						.filter(|id| {
							actors.admins[*id] == actor
								|| actors.staff.get(*id).is_some_and(|staff| staff.contains(&actor))
						})
						.filter_map(|id| u32::try_from(id).ok())
						.collect()
				})
				.collect(),
			hashes: (0u8..8).map(|i| hash_of(&[i])).collect(),
			institution: Cell::default(),
			container: Cell::default(),
			last: Cell::default(),
			learned: RefCell::default(),
			succeeded_for: RefCell::default(),
		}
	}

	/// Learns from the outcome of the transaction last generated, signed by `signer`.
	pub fn learn(&self, signer: usize, result: &Applied) {
		let Some(key) = self.last.take() else { return };
		let outcome = match result {
			// Invalid (a fee it could not pay, say): nothing about the call.
			Err(_) => return,
			Ok(Ok(())) => None,
			Ok(Err(error)) => {
				Some(error.encode().iter().fold(0xcbf2_9ce4_8422_2325u64, |hash, byte| {
					(hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
				}))
			},
		};
		let mut learned = self.learned.borrow_mut();
		let (signers, successes) = learned
			.entry(key)
			.or_insert_with(|| (vec![Met::default(); self.accounts.len()], 0));
		let Some(met) = signers.get_mut(signer) else { return };
		match outcome {
			None => {
				met.succeeded = true;
				*successes = successes.saturating_add(1);
				let mut succeeded_for = self.succeeded_for.borrow_mut();
				let signers = succeeded_for.entry(key[0]).or_default();
				if !signers.contains(&signer) {
					signers.push(signer);
				}
			},
			Some(hash) if !met.outcomes.contains(&hash) && met.outcomes.len() < 64 => {
				met.outcomes.push(hash)
			},
			Some(_) => {},
		}
	}

	/// Now and then (half the time for a call that never succeeded, less and less often the
	/// more it does, so that a call that revokes or suspends does not wreck the set-up as
	/// soon as its signer is found), one of the signers that got furthest with call `key` so
	/// far: those that met the most distinct outcomes, success counting for several.
	fn learned_signer(&self, source: &mut impl Source, key: [u8; 2]) -> Option<usize> {
		let learned = self.learned.borrow();
		let (signers, successes) = learned.get(&key)?;
		if !source.chance(50 / successes.saturating_add(1)) {
			return None;
		}
		let best = signers.iter().map(Met::score).max().filter(|best| *best > 0)?;
		let candidates: Vec<usize> = signers
			.iter()
			.enumerate()
			.filter(|(_, met)| met.score() == best)
			.map(|(i, _)| i)
			.collect();
		Some(*source.pick(&candidates))
	}

	/// A quarter of the time, one of the signers some call of pallet `pallet` (its index in
	/// `RuntimeCall`) has succeeded for.
	fn pallet_signer(&self, source: &mut impl Source, pallet: u8) -> Option<usize> {
		if !source.chance(25) {
			return None;
		}
		let succeeded_for = self.succeeded_for.borrow();
		let signers = succeeded_for.get(&pallet).filter(|signers| !signers.is_empty())?;
		Some(*source.pick(signers))
	}

	/// The next transaction: its signer (an index into `actors.all`) and call. Now and then
	/// the call goes through `Sudo::sudo`, signed by the sudo key, to reach root-only paths.
	/// The signer is now and then one of those that got furthest with the call so far
	/// ([`Generator::learn`]), or one some call of its pallet succeeded for, otherwise anyone.
	pub fn transaction(&self, source: &mut impl Source, actors: &Actors) -> (usize, RuntimeCall) {
		let anyone = u32::try_from(actors.all.len()).unwrap_or(u32::MAX);
		for _ in 0..8 {
			let as_root = source.chance(6);
			let cx = Context { signer: 0, depth: 0, healthchain_only: as_root, outer: None };
			let Ok((pallet, call)) = self.pick_call(source, cx) else { continue };
			let key = [self.pallets[pallet].1, call.index];
			let learned = if as_root { None } else { self.learned_signer(source, key) };
			// Otherwise, now and then one that some call of the pallet succeeded for: a call
			// that few signers may make (an insurer's decision) is mostly theirs to make, and
			// they make the pallet's other calls too.
			let signer = learned
				.or_else(|| if as_root { None } else { self.pallet_signer(source, key[0]) })
				.unwrap_or_else(|| source.below(anyone) as usize);
			let cx = Context { signer, outer: Some(pallet), ..cx };
			let mut out = key.to_vec();
			self.institution.set(None);
			self.container.set(None);
			if self.fields(source, cx, &call.fields, None, &mut out).is_err() {
				continue;
			}
			let Ok(call) = RuntimeCall::decode_all_with_depth_limit(64, &mut &out[..]) else {
				// Over a bound the type does not tell (a `BoundedVec`'s length, say).
				continue;
			};
			if as_root {
				self.last.set(None);
				let sudo = RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(call) });
				return (actors.sudo, sudo);
			}
			self.last.set(Some(key));
			// A call naming an institution is mostly made by its staff (acting for it, or
			// dealing with it) or its admin: half the time the signer is one of them (unless
			// it was chosen for the call), so that such calls get past "not acting for" to
			// their paths. (Drawing the signer among the accounts a call names as well was
			// tried: it costs more than it gains, as most accounts named are someone else's —
			// a grantee, a patient — and the signer leans to them anyway.)
			if learned.is_none() && source.chance(50) {
				if let Some(id) = self.institution.get().map(|id| id as usize) {
					let staff = actors.staff.get(id).filter(|staff| !staff.is_empty());
					let admin = actors.admins.get(id).copied();
					let who = match staff {
						Some(staff) if admin.is_none() || source.chance(70) => {
							Some(*source.pick(staff))
						},
						_ => admin,
					};
					if let Some(who) = who {
						return (who, call);
					}
				}
			}
			return (signer, call);
		}
		self.last.set(None);
		let remark =
			RuntimeCall::System(polkadot_sdk::frame_system::Call::remark { remark: Vec::new() });
		(source.below(anyone) as usize, remark)
	}

	/// A call of one of [`PALLETS`].
	fn call(
		&self,
		source: &mut impl Source,
		cx: Context,
		out: &mut Vec<u8>,
	) -> Result<(), Unsupported> {
		let (pallet, call) = self.pick_call(source, cx)?;
		out.push(self.pallets[pallet].1);
		out.push(call.index);
		self.fields(source, Context { outer: Some(pallet), ..cx }, &call.fields, None, out)
	}

	/// Which call: a pallet of [`PALLETS`] (an index into `pallets`) by weight, or the
	/// carrying call's own HealthChain pallet half the time, then one of its calls other than
	/// the draining ones.
	fn pick_call(
		&self,
		source: &mut impl Source,
		cx: Context,
	) -> Result<(usize, &scale_info::Variant<PortableForm>), Unsupported> {
		let own = cx
			.outer
			.filter(|outer| HEALTHCHAIN_PALLETS.contains(&self.pallets[*outer].0.as_str()));
		let pallet = match own {
			Some(outer) if source.chance(50) => outer,
			_ => {
				let eligible: Vec<usize> = (0..self.pallets.len())
					.filter(|p| {
						let name = self.pallets[*p].0.as_str();
						(cx.depth < MAX_NESTING || !WRAPPERS.contains(&name))
							&& (!cx.healthchain_only || HEALTHCHAIN_PALLETS.contains(&name))
					})
					.collect();
				let total: u32 = eligible.iter().map(|p| self.pallets[*p].3).sum();
				let mut pick = source.below(total);
				eligible
					.into_iter()
					.find(|p| {
						let weight = self.pallets[*p].3;
						if pick < weight {
							true
						} else {
							pick -= weight;
							false
						}
					})
					.ok_or(Unsupported)?
			},
		};
		let (name, _, call_type, _) = &self.pallets[pallet];
		// The pallet's `Call` enum: one of its calls, other than the draining ones.
		let Some(TypeDef::Variant(calls)) = self.registry.resolve(*call_type).map(|t| &t.type_def)
		else {
			return Err(Unsupported);
		};
		let eligible: Vec<_> = calls
			.variants
			.iter()
			.filter(|call| !DRAINING.contains(&(name.as_str(), call.name.as_str())))
			.collect();
		if eligible.is_empty() {
			return Err(Unsupported);
		}
		Ok((pallet, *source.pick(&eligible)))
	}

	/// Writes a value of type `id`, for a field called `name` if it has one.
	fn value(
		&self,
		source: &mut impl Source,
		cx: Context,
		id: u32,
		name: Option<&str>,
		out: &mut Vec<u8>,
	) -> Result<(), Unsupported> {
		if id == self.call_type {
			return self.call(source, Context { depth: cx.depth + 1, ..cx }, out);
		}
		let ty = self.registry.resolve(id).ok_or(Unsupported)?;
		match ty.path.segments.last().map(String::as_str) {
			Some("AccountId32") => {
				self.account(source, cx, name).encode_to(out);
				return Ok(());
			},
			Some("MultiAddress") => {
				out.push(0); // MultiAddress::Id
				self.account(source, cx, name).encode_to(out);
				return Ok(());
			},
			// In a call that named a container, half the time a pack inside it (if any);
			// otherwise mostly a pack the set-up commissioned: of its product (or the old
			// one), a serial it used.
			Some("Sgtin") => {
				if let Some(inside) = self.inside(source, |container| {
					let inside = Location::In(container);
					Units::<Runtime>::iter()
						.filter(|(_, unit)| unit.location == inside)
						.map(|(key, _)| key)
						.collect()
				}) {
					inside.encode_to(out);
					return Ok(());
				}
				if source.chance(80) {
					let item = if source.chance(80) { 0 } else { 1 };
					let gtin = gs1_key(14, item).try_into().map_err(|_| Unsupported)?;
					let serial = format!("S{}", source.below(SERIALS)).into_bytes();
					let serial = serial.try_into().map_err(|_| Unsupported)?;
					Sgtin { gtin: Gtin(gtin), serial }.encode_to(out);
					return Ok(());
				}
			},
			// The first container a call names is its container; the next, half the time one
			// inside it (if any).
			Some("Sscc") => {
				if let Some(inside) = self.inside(source, |container| {
					let inside = Location::In(container);
					Containers::<Runtime>::iter()
						.filter(|(_, child)| child.location == inside)
						.map(|(key, _)| key)
						.collect()
				}) {
					inside.encode_to(out);
					return Ok(());
				}
				let start = out.len();
				let TypeDef::Composite(composite) = &ty.type_def else { return Err(Unsupported) };
				self.fields(source, cx, &composite.fields, name, out)?;
				if self.container.get().is_none() {
					if let Ok(sscc) = Sscc::decode(&mut &out[start..]) {
						self.container.set(Some(sscc));
					}
				}
				return Ok(());
			},
			// A claim adjustment reason code, mostly of the right shape.
			Some("ReasonCode") if source.chance(85) => {
				source.pick(&REASONS).to_vec().encode_to(out);
				return Ok(());
			},
			_ => {},
		}
		match &ty.type_def {
			TypeDef::Composite(composite) => self.fields(source, cx, &composite.fields, name, out),
			TypeDef::Variant(variants) => {
				if variants.variants.is_empty() {
					return Err(Unsupported);
				}
				let variant = source.pick(&variants.variants);
				out.push(variant.index);
				self.fields(source, cx, &variant.fields, name, out)
			},
			TypeDef::Sequence(sequence) => {
				let element = sequence.type_param.id;
				if self.is_byte(element) {
					self.bytes(source, name).encode_to(out);
					return Ok(());
				}
				let len = if source.chance(90) { source.below(4) } else { source.below(40) };
				Compact(len).encode_to(out);
				for _ in 0..len {
					self.value(source, cx, element, name, out)?;
				}
				Ok(())
			},
			TypeDef::Array(array) => {
				let element = array.type_param.id;
				if self.is_byte(element) {
					out.extend(self.byte_array(source, cx, array.len as usize));
					return Ok(());
				}
				for _ in 0..array.len {
					self.value(source, cx, element, name, out)?;
				}
				Ok(())
			},
			TypeDef::Tuple(tuple) => {
				for field in &tuple.fields {
					self.value(source, cx, field.id, name, out)?;
				}
				Ok(())
			},
			// An institution: the first a call names is, half the time, one the signer acts
			// for; otherwise mostly one of the set-up's. (Not for root, which may suspend or
			// deregister any: it draws ids as it always did, rarely the set-up's few.)
			TypeDef::Primitive(TypeDefPrimitive::U32)
				if name == Some(INSTITUTION) && !cx.healthchain_only =>
			{
				let theirs = self
					.institutions_of
					.get(cx.signer)
					.filter(|ids| !ids.is_empty() && self.institution.get().is_none());
				let id = match theirs {
					Some(ids) if source.chance(50) => *source.pick(ids),
					_ if source.chance(90) => source.below(self.institutions),
					_ => self.number(source, None, 32) as u32,
				};
				id.encode_to(out);
				Ok(())
			},
			TypeDef::Primitive(primitive) => self.primitive(source, primitive, name, out),
			TypeDef::Compact(compact) => {
				let inner = self.registry.resolve(compact.type_param.id).ok_or(Unsupported)?;
				let value = match &inner.type_def {
					TypeDef::Primitive(TypeDefPrimitive::U128) => self.number(source, name, 128),
					TypeDef::Primitive(TypeDefPrimitive::U64) => self.number(source, name, 64),
					TypeDef::Primitive(TypeDefPrimitive::U32) => self.number(source, name, 32),
					TypeDef::Primitive(TypeDefPrimitive::U16) => self.number(source, name, 16),
					TypeDef::Primitive(TypeDefPrimitive::U8) => self.number(source, name, 8),
					// A compact newtype (`Perbill` and the like): its inner number.
					_ => u128::from(source.below(1_000_000_001)),
				};
				Compact(value).encode_to(out);
				Ok(())
			},
			TypeDef::BitSequence(_) => Err(Unsupported),
		}
	}

	fn fields(
		&self,
		source: &mut impl Source,
		cx: Context,
		fields: &[Field<PortableForm>],
		outer: Option<&str>,
		out: &mut Vec<u8>,
	) -> Result<(), Unsupported> {
		for field in fields {
			// An unnamed field (a newtype's, a `BoundedVec`'s) takes the name of what holds it;
			// an institution's id, whatever its name, is drawn among the institutions.
			let name = if field.type_name.as_deref().is_some_and(|t| t.contains("InstitutionId")) {
				Some(INSTITUTION)
			} else {
				field.name.as_deref().or(outer).or(field.type_name.as_deref())
			};
			let start = out.len();
			self.value(source, cx, field.ty.id, name, out)?;
			if field.type_name.as_deref() == Some("InstitutionId") {
				if let (Ok(id), None) = (<[u8; 4]>::try_from(&out[start..]), self.institution.get())
				{
					self.institution.set(Some(u32::from_le_bytes(id)));
				}
			}
		}
		Ok(())
	}

	/// A serial `S{n}`: one of the set-up's, or `fresh` percent of the time one after them.
	fn serial(&self, source: &mut impl Source, fresh: u32) -> Vec<u8> {
		let n = if source.chance(fresh) {
			SERIALS + source.below(FRESH_SERIALS)
		} else {
			source.below(SERIALS)
		};
		format!("S{n}").into_bytes()
	}

	/// Half the time, when the call being generated has named a container, one of what
	/// `contents` lists inside it, if anything is.
	fn inside<T: Clone>(
		&self,
		source: &mut impl Source,
		contents: impl FnOnce(Sscc) -> Vec<T>,
	) -> Option<T> {
		let container = self.container.get()?;
		if !source.chance(50) {
			return None;
		}
		let inside = contents(container);
		(!inside.is_empty()).then(|| source.pick(&inside).clone())
	}

	fn is_byte(&self, id: u32) -> bool {
		matches!(
			self.registry.resolve(id).map(|t| &t.type_def),
			Some(TypeDef::Primitive(TypeDefPrimitive::U8))
		)
	}

	/// An account: the signer a quarter of the time; otherwise, mostly, one of those its
	/// name says it is (a patient, a member or a participant is a patient; a guardian, a
	/// guardian; a practitioner or clinician, a credential holder), or anyone's.
	fn account(&self, source: &mut impl Source, cx: Context, name: Option<&str>) -> AccountId {
		if source.chance(25) {
			if let Some(signer) = self.accounts.get(cx.signer) {
				return signer.clone();
			}
		}
		let name = name.unwrap_or_default();
		let is = |words: &[&str]| words.iter().any(|w| name.contains(w));
		let pool = if is(&["patient", "member", "participant"]) {
			&self.patients
		} else if is(&["guardian"]) {
			&self.guardians
		} else if is(&["practitioner", "clinician", "investigator", "prescriber"]) {
			&self.practitioners
		} else {
			&self.accounts
		};
		if !pool.is_empty() && source.chance(70) {
			return source.pick(pool).clone();
		}
		source.pick(&self.accounts).clone()
	}

	/// A fixed-size byte array: content hashes and account-sized keys from the pools,
	/// jurisdictions, GS1 keys with a valid check digit, or noise.
	fn byte_array(&self, source: &mut impl Source, cx: Context, len: usize) -> Vec<u8> {
		match len {
			32 if source.chance(80) => source.pick(&self.hashes).to_vec(),
			32 => {
				let account = self.account(source, cx, None);
				<AccountId as AsRef<[u8]>>::as_ref(&account).to_vec()
			},
			2 => source.pick(&[*b"DE", *b"US", *b"FR", *b"de", [0, 0]]).to_vec(),
			// CPT and HCPCS service codes.
			5 if source.chance(90) => {
				source.pick(&[*b"99213", *b"85025", *b"J3490", *b"80053", *b"A0428"]).to_vec()
			},
			// GS1 keys: mostly the company's first few items (the set-up's products, and its
			// containers, one more of which is a pallet), otherwise any of its items.
			14 | 18 if source.chance(85) => {
				let first = if len == 18 { 5 } else { 4 };
				let item = if source.chance(70) {
					u64::from(source.below(first))
				} else {
					source.any_u64()
				};
				gs1_key(len, item)
			},
			// Registry ids' eight digits (`NCT01234567`).
			8 if source.chance(90) => (0..8).map(|_| b'0' + source.below(10) as u8).collect(),
			_ => (0..len).map(|_| source.byte()).collect(),
		}
	}

	/// A byte string, shaped by its field's name.
	fn bytes(&self, source: &mut impl Source, name: Option<&str>) -> Vec<u8> {
		let name = name.unwrap_or_default().to_ascii_lowercase();
		if name.contains("pointer") || name.contains("url") || name.contains("uri") {
			return format!("https://gateway.hospital.example/{}", source.below(8)).into_bytes();
		}
		// The company's prefix (in use), a spare one, or another 6 to 12 digits.
		if name.contains("prefix") {
			return match source.below(10) {
				0..4 => COMPANY_PREFIX.to_vec(),
				4..9 => source.pick(&SPARE_PREFIXES).to_vec(),
				_ => (0..6 + source.below(7)).map(|_| b'0' + source.below(10) as u8).collect(),
			};
		}
		// The set-up commissions serials `S0`, `S1`, …; a quarter of the time, one after them.
		if name.contains("serial") && source.chance(90) {
			return self.serial(source, 25);
		}
		if name.contains("diagnos") && source.chance(90) {
			return source.pick(&DIAGNOSES).to_vec();
		}
		if name.contains("code")
			|| name.contains("category")
			|| name.contains("lot")
			|| name.contains("diagnos")
		{
			return source.pick(&CODES).to_vec();
		}
		let len = if source.chance(90) { source.below(24) } else { source.below(300) };
		(0..len).map(|_| source.byte()).collect()
	}

	fn primitive(
		&self,
		source: &mut impl Source,
		primitive: &TypeDefPrimitive,
		name: Option<&str>,
		out: &mut Vec<u8>,
	) -> Result<(), Unsupported> {
		match primitive {
			TypeDefPrimitive::Bool => source.chance(50).encode_to(out),
			TypeDefPrimitive::Char => return Err(Unsupported),
			TypeDefPrimitive::Str => {
				String::from_utf8_lossy(&self.bytes(source, name)).into_owned().encode_to(out)
			},
			TypeDefPrimitive::U8 => (self.number(source, name, 8) as u8).encode_to(out),
			TypeDefPrimitive::U16 => (self.number(source, name, 16) as u16).encode_to(out),
			TypeDefPrimitive::U32 => (self.number(source, name, 32) as u32).encode_to(out),
			TypeDefPrimitive::U64 => (self.number(source, name, 64) as u64).encode_to(out),
			TypeDefPrimitive::U128 => self.number(source, name, 128).encode_to(out),
			TypeDefPrimitive::I8 => (source.byte() as i8).encode_to(out),
			TypeDefPrimitive::I16 => (self.number(source, name, 16) as i16).encode_to(out),
			TypeDefPrimitive::I32 => (self.number(source, name, 32) as i32).encode_to(out),
			TypeDefPrimitive::I64 => (self.number(source, name, 64) as i64).encode_to(out),
			TypeDefPrimitive::I128 => (self.number(source, name, 128) as i128).encode_to(out),
			TypeDefPrimitive::U256 | TypeDefPrimitive::I256 => {
				out.extend((0..32).map(|_| source.byte()))
			},
		}
		Ok(())
	}

	/// A number of `bits` bits, shaped by its field's name: an id near the ones handed out, a
	/// time around the chain's clock, an amount of money, or a count.
	fn number(&self, source: &mut impl Source, name: Option<&str>, bits: u32) -> u128 {
		let max = if bits >= 128 { u128::MAX } else { (1u128 << bits) - 1 };
		let name = name.unwrap_or_default().to_ascii_lowercase();
		let any = |source: &mut dyn FnMut() -> u64| -> u128 {
			(u128::from(source()) << 64 | u128::from(source())) & max
		};
		let edge = source.below(100);
		if edge < 3 {
			return max;
		}
		if edge < 6 {
			return 0;
		}
		let is = |words: &[&str]| words.iter().any(|w| name.contains(w));
		let value = if bits >= 64
			&& is(&[
				"valid", "until", "from", "date", "_at", "expir", "deadline", "moment", "since",
				"when",
			]) {
			let now = pallet_timestamp::Now::<Runtime>::get();
			let day = 24 * 3600 * 1000u64;
			// Within a month half the time (a service last week, a period starting soon).
			let days = if source.chance(50) { source.below(30) } else { source.below(400) };
			let offset = u64::from(days) * day + u64::from(source.below(1000)) * 1000;
			u128::from(if source.chance(60) {
				now.saturating_add(offset)
			} else {
				now.saturating_sub(offset)
			})
		} else if bits >= 128
			|| is(&[
				"amount",
				"value",
				"deposit",
				"price",
				"charge",
				"fee",
				"deductible",
				"maximum",
				"copay",
				"balance",
			]) {
			let unit = 10u128.pow(if source.chance(50) { 6 } else { 12 });
			u128::from(source.below(2_000)) * unit / 10
		} else if is(&["percent", "bps", "coinsurance", "threshold"]) {
			u128::from(source.below(10_001))
		} else if source.chance(85) {
			// Below 12, smaller ones more often (a quarter are 0): ids are handed out from 0, so
			// the set-up's first few objects are the ones that exist.
			let bound = source.below(12) + 1;
			u128::from(source.below(bound))
		} else {
			let mut next = || source.any_u64();
			any(&mut next)
		};
		value.min(max)
	}
}
