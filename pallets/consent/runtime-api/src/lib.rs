//! Runtime API of the consent pallet, for patients' apps, off-chain storage gateways and
//! clinicians' systems.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use pallet_consent::{
	AccessBasis, AccessDenied, AccessEntry, AccessRequest, Action, BreakGlass, BreakGlassBan,
	BreakGlassId, Grantee, InstitutionId, Purpose, RecordId,
};

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// A patient's grants and access log, emergency accesses, and the access decision.
	///
	/// `Grant` is the runtime's grant type (`pallet_consent::GrantOf<Runtime>`).
	pub trait ConsentApi<AccountId, Balance, Grant>
	where
		AccountId: Codec,
		Balance: Codec,
		Grant: Codec,
	{
		/// The patient's stored grants (live, yet to start, revoked or expired), by grantee and
		/// purpose.
		fn grants_of(patient: AccountId) -> Vec<(Grantee<AccountId>, Purpose, Grant)>;

		/// The patient's grant to `grantee` for `purpose`, if stored.
		fn grant(patient: AccountId, grantee: Grantee<AccountId>, purpose: Purpose) -> Option<Grant>;

		/// Who accessed the patient's records, which, why and when: the latest entries, oldest
		/// first.
		fn access_log(patient: AccountId) -> Vec<AccessEntry<AccountId>>;

		/// Emergency accesses to the patient's records that wait for review.
		/// One accessor's latest accesses to the patient's records, oldest first (a bounded ring):
		/// what a record gateway reads to check that a download was logged.
		fn accesses_by(patient: AccountId, accessor: AccountId) -> Vec<AccessEntry<AccountId>>;

		fn pending_break_glass(patient: AccountId) -> Vec<(BreakGlassId, BreakGlass<AccountId, Balance>)>;

		/// How many reviews found a clinician's emergency access abusive.
		fn abuse_findings(clinician: AccountId) -> u32;

		/// The clinician's ban from opening emergency access, if a review found abuse and no
		/// authority has lifted it.
		fn break_glass_ban(clinician: AccountId) -> Option<BreakGlassBan<AccountId>>;

		/// The access decision for a request, now. A preview: it logs nothing and serves
		/// nothing. An access happens only through a call that logs it (`records.accessRecord`),
		/// and a document is served only after that logged access.
		fn check_access(request: AccessRequest<AccountId>) -> Result<AccessBasis, AccessDenied>;

		/// May `actor` (acting for `on_behalf_of`, if given) do `action` on `record` for
		/// `purpose` now? `None` if there is no such record. A preview, like `check_access`:
		/// a gateway asks it to refuse early, and serves a document only when the chain also
		/// holds the requester's logged access.
		fn may_access_record(
			actor: AccountId,
			on_behalf_of: Option<InstitutionId>,
			record: RecordId,
			action: Action,
			purpose: Purpose,
		) -> Option<Result<AccessBasis, AccessDenied>>;
	}
}
