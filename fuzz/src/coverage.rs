//! What the fuzzer reached: per call, how often it was tried, succeeded, and which errors it
//! met; per HealthChain pallet, which of its calls succeeded and which of its errors came up.

use std::collections::BTreeMap;

use polkadot_sdk::{
	frame_support::traits::GetCallMetadata, frame_system, pallet_sudo, sp_runtime::DispatchError,
};
use scale_info::{PortableRegistry, Registry, TypeDef};

use healthchain_runtime::{Runtime, RuntimeCall, RuntimeError, RuntimeEvent};

use crate::chain::Applied;

/// The pallets whose coverage the report tables.
pub const HEALTHCHAIN_PALLETS: [&str; 7] = [
	"Credentials",
	"Records",
	"Consent",
	"Provenance",
	"Prescriptions",
	"ClinicalTrials",
	"Claims",
];

/// Counts for one call.
#[derive(Clone, Debug, Default)]
pub struct CallCount {
	/// Times it was applied.
	pub tried: u64,
	/// Times it succeeded.
	pub succeeded: u64,
	/// Errors it ended with, by name (dispatch errors, and `invalid:` transaction errors).
	pub errors: BTreeMap<String, u64>,
}

/// Everything reached so far, keyed by `Pallet.call` (root calls through sudo as
/// `Pallet.call (root)`).
#[derive(Clone, Debug, Default)]
pub struct Coverage {
	/// Per call.
	pub calls: BTreeMap<String, CallCount>,
	/// Transactions applied.
	pub transactions: u64,
	/// Blocks built.
	pub blocks: u64,
}

fn name_of(call: &RuntimeCall) -> String {
	let meta = call.get_call_metadata();
	format!("{}.{}", meta.pallet_name, meta.function_name)
}

/// A dispatch error by name: `Pallet::Error` for a module error.
pub fn error_name(error: &DispatchError) -> String {
	match RuntimeError::from_dispatch_error(*error) {
		Some(module) => {
			let text = format!("{module:?}");
			// `Records(NotPatient)` → `Records::NotPatient`.
			match text.split_once('(') {
				Some((pallet, rest)) => format!("{pallet}::{}", rest.trim_end_matches(')')),
				None => text,
			}
		},
		None => format!("{error:?}"),
	}
}

impl Coverage {
	/// The label of a call in reports.
	pub fn label(&self, call: &RuntimeCall) -> String {
		match call {
			RuntimeCall::Sudo(pallet_sudo::Call::sudo { call }) => {
				format!("{} (root)", name_of(call))
			},
			other => name_of(other),
		}
	}

	/// Counts one applied transaction under its `label`. A sudo call counts for the call it
	/// carried, with that call's own outcome (the `Sudid` event's).
	pub fn record(&mut self, label: &str, call: &RuntimeCall, result: &Applied) {
		self.transactions += 1;
		let outcome: Result<(), String> = match result {
			Err(invalid) => Err(format!("invalid: {invalid:?}")),
			Ok(Err(error)) => Err(error_name(error)),
			Ok(Ok(())) => match call {
				RuntimeCall::Sudo(pallet_sudo::Call::sudo { .. }) => {
					sudid().map_err(|e| error_name(&e))
				},
				_ => Ok(()),
			},
		};
		let count = self.calls.entry(label.to_string()).or_default();
		count.tried += 1;
		match outcome {
			Ok(()) => count.succeeded += 1,
			Err(error) => *count.errors.entry(error).or_default() += 1,
		}
	}

	/// Adds another run's counts.
	pub fn merge(&mut self, other: &Coverage) {
		self.transactions += other.transactions;
		self.blocks += other.blocks;
		for (label, count) in &other.calls {
			let mine = self.calls.entry(label.clone()).or_default();
			mine.tried += count.tried;
			mine.succeeded += count.succeeded;
			for (error, n) in &count.errors {
				*mine.errors.entry(error.clone()).or_default() += n;
			}
		}
	}

	/// Every call of `pallet` (signed or as root) that succeeded at least once, and every call
	/// it has.
	pub fn calls_succeeded(&self, pallet: &str) -> (Vec<String>, Vec<&'static str>) {
		let all = RuntimeCall::get_call_names(pallet);
		let succeeded = all
			.iter()
			.filter(|call| {
				let label = format!("{pallet}.{call}");
				[label.clone(), format!("{label} (root)")]
					.iter()
					.any(|l| self.calls.get(l).is_some_and(|c| c.succeeded > 0))
			})
			.map(|call| call.to_string())
			.collect();
		(succeeded, all.to_vec())
	}

	/// The errors of `pallet` that some call met, and every error it declares.
	pub fn errors_reached(&self, pallet: &str) -> (Vec<String>, Vec<String>) {
		let declared = declared_errors(pallet);
		let prefix = format!("{pallet}::");
		let reached = declared
			.iter()
			.filter(|error| {
				let name = format!("{prefix}{error}");
				self.calls.values().any(|c| c.errors.contains_key(&name))
			})
			.cloned()
			.collect();
		(reached, declared)
	}

	/// The report: a table per HealthChain pallet, then every call's counts.
	pub fn report(&self) -> String {
		let mut text = format!(
			"{} transactions in {} blocks\n\n| pallet | calls that succeeded | errors reached |\n|---|---|---|\n",
			self.transactions, self.blocks
		);
		let mut missing = Vec::new();
		for pallet in HEALTHCHAIN_PALLETS {
			let (succeeded, all) = self.calls_succeeded(pallet);
			let (reached, declared) = self.errors_reached(pallet);
			text.push_str(&format!(
				"| {pallet} | {}/{} | {}/{} |\n",
				succeeded.len(),
				all.len(),
				reached.len(),
				declared.len()
			));
			for call in all {
				if !succeeded.iter().any(|s| s == call) {
					missing.push(format!("{pallet}.{call}"));
				}
			}
		}
		if !missing.is_empty() {
			text.push_str(&format!("\nnever succeeded: {}\n", missing.join(", ")));
		}
		text.push_str("\n| call | tried | succeeded | errors (count) |\n|---|---|---|---|\n");
		for (label, count) in &self.calls {
			let errors: Vec<String> =
				count.errors.iter().map(|(error, n)| format!("{error} ({n})")).collect();
			text.push_str(&format!(
				"| {label} | {} | {} | {} |\n",
				count.tried,
				count.succeeded,
				errors.join(", ")
			));
		}
		text
	}
}

/// The result the last `Sudid` event of the block carries.
fn sudid() -> Result<(), DispatchError> {
	frame_system::Pallet::<Runtime>::read_events_no_consensus()
		.filter_map(|record| match record.event {
			RuntimeEvent::Sudo(pallet_sudo::Event::Sudid { sudo_result }) => Some(sudo_result),
			_ => None,
		})
		.last()
		.unwrap_or(Ok(()))
}

/// The error names `pallet` declares, from the runtime's metadata.
fn declared_errors(pallet: &str) -> Vec<String> {
	let mut registry = Registry::new();
	let id = registry.register_type(&scale_info::meta_type::<RuntimeError>()).id;
	let registry = PortableRegistry::from(registry);
	let Some(TypeDef::Variant(pallets)) = registry.resolve(id).map(|t| &t.type_def) else {
		return Vec::new();
	};
	pallets
		.variants
		.iter()
		.find(|v| v.name == pallet)
		.and_then(|v| v.fields.first())
		.and_then(|field| registry.resolve(field.ty.id))
		.map(|ty| match &ty.type_def {
			TypeDef::Variant(errors) => errors.variants.iter().map(|e| e.name.clone()).collect(),
			_ => Vec::new(),
		})
		.unwrap_or_default()
}
