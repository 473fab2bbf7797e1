// Interim file: replaced by the output of `scripts/benchmark.sh credentials`.
#![allow(unused_parens, unused_imports, missing_docs)]

use polkadot_sdk::frame_support::weights::Weight;

/// Weights of the credentials pallet's calls.
pub trait WeightInfo {
	fn accredit_authority() -> Weight;
	fn withdraw_authority() -> Weight;
	fn register_institution() -> Weight;
	fn verify_institution() -> Weight;
	fn suspend_institution() -> Weight;
	fn update_institution_details() -> Weight;
	fn deregister_institution() -> Weight;
	fn affiliate_practitioner() -> Weight;
	fn end_affiliation() -> Weight;
	fn issue_credential() -> Weight;
	fn renew_credential() -> Weight;
	fn suspend_credential() -> Weight;
	fn reinstate_credential() -> Weight;
	fn revoke_credential() -> Weight;
	fn purge_credential() -> Weight;
}

impl WeightInfo for () {
	fn accredit_authority() -> Weight {
		Weight::zero()
	}
	fn withdraw_authority() -> Weight {
		Weight::zero()
	}
	fn register_institution() -> Weight {
		Weight::zero()
	}
	fn verify_institution() -> Weight {
		Weight::zero()
	}
	fn suspend_institution() -> Weight {
		Weight::zero()
	}
	fn update_institution_details() -> Weight {
		Weight::zero()
	}
	fn deregister_institution() -> Weight {
		Weight::zero()
	}
	fn affiliate_practitioner() -> Weight {
		Weight::zero()
	}
	fn end_affiliation() -> Weight {
		Weight::zero()
	}
	fn issue_credential() -> Weight {
		Weight::zero()
	}
	fn renew_credential() -> Weight {
		Weight::zero()
	}
	fn suspend_credential() -> Weight {
		Weight::zero()
	}
	fn reinstate_credential() -> Weight {
		Weight::zero()
	}
	fn revoke_credential() -> Weight {
		Weight::zero()
	}
	fn purge_credential() -> Weight {
		Weight::zero()
	}
}
