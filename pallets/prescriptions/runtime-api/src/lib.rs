//! Runtime API of the prescriptions pallet, for patients' wallets, prescribers' and pharmacies'
//! systems.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use pallet_prescriptions::{
	DispenseRefusal, Fill, Gtin, InstitutionId, Prescription, PrescriptionId, PrescriptionStatus,
	Sgtin,
};

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// Prescriptions with their fills, a patient's prescriptions, and whether one can be
	/// dispensed now.
	///
	/// `Prescription` is the runtime's prescription type
	/// (`pallet_prescriptions::PrescriptionOf<Runtime>`) and `Fill` its fill type
	/// (`pallet_prescriptions::FillOf<Runtime>`).
	pub trait PrescriptionsApi<AccountId, Prescription, Fill>
	where
		AccountId: Codec,
		Prescription: Codec,
		Fill: Codec,
	{
		/// A prescription not yet closed (active, cancelled, completed or expired) with its
		/// fills, first fill first.
		fn prescription(id: PrescriptionId) -> Option<(Prescription, Vec<Fill>)>;

		/// The patient's prescriptions not yet closed, oldest first.
		fn prescriptions_of(patient: AccountId) -> Vec<(PrescriptionId, Prescription)>;

		/// How many fills of a prescription may still be dispensed, now or later: none once it
		/// is cancelled, completed or expired. `None` if there is no such prescription.
		fn remaining_fills(id: PrescriptionId) -> Option<u32>;

		/// Whether a prescription may be dispensed now as far as the prescription goes
		/// (status, validity period, repeats, interval), and if not, why. The pharmacist, the
		/// pharmacy and the packs are judged when dispensing. `None` if there is no such
		/// prescription.
		fn dispensable(id: PrescriptionId) -> Option<Result<(), DispenseRefusal>>;
	}
}
