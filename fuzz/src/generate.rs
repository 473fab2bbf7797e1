//! Calls generated from the runtime's own type metadata: the generator walks `RuntimeCall`'s
//! `scale-info` description and writes SCALE bytes for a random call, choosing each value by
//! its type and field name from small pools (the actors' accounts, ids near the ones handed
//! out, content hashes, times around the chain's clock, GS1 keys of one company), then decodes
//! them as the node would. Every call of every pallet in [`PALLETS`] is reached without a list
//! of calls to keep up to date: a new call or argument is fuzzed as soon as it compiles.

use core::cell::Cell;

use codec::{Compact, DecodeLimit, Encode};
use polkadot_sdk::{pallet_sudo, pallet_timestamp};
use scale_info::{
	form::PortableForm, Field, PortableRegistry, Registry, TypeDef, TypeDefPrimitive,
};

use healthchain_primitives::provenance::gs1_check_digit;
use healthchain_runtime::{AccountId, Runtime, RuntimeCall};

use crate::{actors::Actors, chain::hash_of, coverage::HEALTHCHAIN_PALLETS, source::Source};

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
	hashes: Vec<[u8; 32]>,
	/// The first institution id the call being generated names.
	institution: Cell<Option<u32>>,
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
		Self {
			registry,
			call_type,
			pallets,
			accounts: actors.all.iter().map(|a| a.account.clone()).collect(),
			hashes: (0u8..8).map(|i| hash_of(&[i])).collect(),
			institution: Cell::default(),
		}
	}

	/// The next transaction: its signer (an index into `actors.all`) and call. Now and then
	/// the call goes through `Sudo::sudo`, signed by the sudo key, to reach root-only paths.
	pub fn transaction(&self, source: &mut impl Source, actors: &Actors) -> (usize, RuntimeCall) {
		let signer = source.below(u32::try_from(actors.all.len()).unwrap_or(u32::MAX)) as usize;
		for _ in 0..8 {
			let as_root = source.chance(6);
			let cx = Context { signer, depth: 0, healthchain_only: as_root };
			let mut out = Vec::new();
			self.institution.set(None);
			if self.call(source, cx, &mut out).is_err() {
				continue;
			}
			let Ok(call) = RuntimeCall::decode_all_with_depth_limit(64, &mut &out[..]) else {
				// Over a bound the type does not tell (a `BoundedVec`'s length, say).
				continue;
			};
			if as_root {
				let sudo = RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(call) });
				return (actors.sudo, sudo);
			}
			// A call naming an institution is mostly made by its staff (acting for it, or
			// dealing with it): half the time the signer is one of them, so that such calls get
			// past "not acting for" to their paths. (Drawing the signer among the accounts a
			// call names as well was tried: it costs more than it gains, as most accounts named
			// are someone else's — a grantee, a patient — and the signer leans to them anyway.)
			let staff = self.institution.get().and_then(|id| actors.staff.get(id as usize));
			if let Some(staff) = staff.filter(|staff| !staff.is_empty()) {
				if source.chance(50) {
					return (*source.pick(staff), call);
				}
			}
			return (signer, call);
		}
		let remark =
			RuntimeCall::System(polkadot_sdk::frame_system::Call::remark { remark: Vec::new() });
		(signer, remark)
	}

	/// A call of one of [`PALLETS`].
	fn call(
		&self,
		source: &mut impl Source,
		cx: Context,
		out: &mut Vec<u8>,
	) -> Result<(), Unsupported> {
		let eligible: Vec<&(String, u8, u32, u32)> = self
			.pallets
			.iter()
			.filter(|(name, ..)| cx.depth < MAX_NESTING || !WRAPPERS.contains(&name.as_str()))
			.filter(|(name, ..)| {
				!cx.healthchain_only || HEALTHCHAIN_PALLETS.contains(&name.as_str())
			})
			.collect();
		let total: u32 = eligible.iter().map(|p| p.3).sum();
		let mut pick = source.below(total);
		let (pallet, index, call_type, _) = eligible
			.iter()
			.find(|p| {
				if pick < p.3 {
					true
				} else {
					pick -= p.3;
					false
				}
			})
			.copied()
			.ok_or(Unsupported)?;
		out.push(*index);
		// The pallet's `Call` enum: one of its calls, other than the draining ones.
		let Some(TypeDef::Variant(calls)) = self.registry.resolve(*call_type).map(|t| &t.type_def)
		else {
			return Err(Unsupported);
		};
		let eligible: Vec<_> = calls
			.variants
			.iter()
			.filter(|call| !DRAINING.contains(&(pallet.as_str(), call.name.as_str())))
			.collect();
		if eligible.is_empty() {
			return Err(Unsupported);
		}
		let call = *source.pick(&eligible);
		out.push(call.index);
		self.fields(source, cx, &call.fields, None, out)
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
				self.account(source, cx).encode_to(out);
				return Ok(());
			},
			Some("MultiAddress") => {
				out.push(0); // MultiAddress::Id
				self.account(source, cx).encode_to(out);
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
			// An unnamed field (a newtype's, a `BoundedVec`'s) takes the name of what holds it.
			let name = field.name.as_deref().or(outer).or(field.type_name.as_deref());
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

	fn is_byte(&self, id: u32) -> bool {
		matches!(
			self.registry.resolve(id).map(|t| &t.type_def),
			Some(TypeDef::Primitive(TypeDefPrimitive::U8))
		)
	}

	/// An account: the signer a quarter of the time, otherwise anyone's.
	fn account(&self, source: &mut impl Source, cx: Context) -> AccountId {
		if source.chance(25) {
			if let Some(signer) = self.accounts.get(cx.signer) {
				return signer.clone();
			}
		}
		source.pick(&self.accounts).clone()
	}

	/// A fixed-size byte array: content hashes and account-sized keys from the pools,
	/// jurisdictions, GS1 keys with a valid check digit, or noise.
	fn byte_array(&self, source: &mut impl Source, cx: Context, len: usize) -> Vec<u8> {
		match len {
			32 if source.chance(80) => source.pick(&self.hashes).to_vec(),
			32 => {
				let account = self.account(source, cx);
				<AccountId as AsRef<[u8]>>::as_ref(&account).to_vec()
			},
			2 => source.pick(&[*b"DE", *b"US", *b"FR", *b"de", [0, 0]]).to_vec(),
			// CPT and HCPCS service codes.
			5 if source.chance(90) => {
				source.pick(&[*b"99213", *b"85025", *b"J3490", *b"80053", *b"A0428"]).to_vec()
			},
			// GS1 keys: mostly the company's first few items (the set-up's products and
			// containers), otherwise any of its items.
			14 | 18 if source.chance(85) => {
				let item =
					if source.chance(70) { u64::from(source.below(4)) } else { source.any_u64() };
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
		if name.contains("prefix") {
			return COMPANY_PREFIX.to_vec();
		}
		// The set-up commissions serials `S0`, `S1`, ….
		if name.contains("serial") && source.chance(90) {
			return format!("S{}", source.below(8)).into_bytes();
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
			let offset = u64::from(source.below(400)) * day + u64::from(source.below(1000)) * 1000;
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
