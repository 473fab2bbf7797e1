//! Access: who may read or write a patient's records, the access log, and reading a record.

use crate::*;
use healthchain_primitives::consent::{AccessLogged, AccessLogging, AccessPolicy};
use polkadot_sdk::{frame_support::weights::Weight, sp_runtime::DispatchError};

impl<T: Config> From<AccessDenied> for Error<T> {
	/// The consent decision's refusal, as this pallet's error of the same name.
	fn from(denied: AccessDenied) -> Self {
		match denied {
			AccessDenied::NotCredentialed => Error::NotCredentialed,
			AccessDenied::NotAffiliated => Error::NotAffiliated,
			AccessDenied::NoGrant => Error::NoGrant,
			AccessDenied::GrantRevoked => Error::GrantRevoked,
			AccessDenied::GrantExpired => Error::GrantExpired,
			AccessDenied::GrantNotYetValid => Error::GrantNotYetValid,
			AccessDenied::ActionNotGranted => Error::ActionNotGranted,
			AccessDenied::OutOfScope => Error::OutOfScope,
		}
	}
}

impl<T: Config> Pallet<T> {
	/// Decides whether `reader` may read the record for `purpose` and logs the attempt either
	/// way: a refused read is audited as refused (IHE ATNA), not undone with the call. Every
	/// version may be read, superseded and entered-in-error ones included. Returns the weight
	/// the call is charged: less when the reader's ring of the patient's log was already there.
	pub(crate) fn do_access_record(
		reader: T::AccountId,
		record: RecordId,
		purpose: Purpose,
		on_behalf_of: Option<InstitutionId>,
	) -> Result<Weight, DispatchError> {
		let entry = RecordsById::<T>::get(record).ok_or(Error::<T>::UnknownRecord)?;
		let request =
			Self::request_on_record(reader, on_behalf_of, record, &entry, Action::Read, purpose);
		let decision = Self::decide(&request);
		Ok(match T::Access::log_access(&request, record, decision.into())? {
			AccessLogged::InNewRing => T::WeightInfo::access_record(RECORDS_BENCHMARKED),
			AccessLogged::InRing | AccessLogged::NotNeeded => {
				T::WeightInfo::access_record_again(RECORDS_BENCHMARKED)
			},
		})
	}

	/// The request to do `action` on an existing record.
	pub(crate) fn request_on_record(
		actor: T::AccountId,
		on_behalf_of: Option<InstitutionId>,
		record: RecordId,
		entry: &RecordOf<T>,
		action: Action,
		purpose: Purpose,
	) -> AccessRequest<T::AccountId> {
		AccessRequest {
			actor,
			on_behalf_of,
			target: AccessTarget {
				patient: entry.patient.clone(),
				record: Some(record),
				category: entry.category.clone(),
			},
			action,
			purpose,
		}
	}

	/// On what grounds the request may go ahead: the patient acts on their own data without
	/// asking anyone ([`AccessBasis::Patient`]); anyone else needs [`Config::Access`]'s
	/// consent, whose refusal becomes this pallet's error of the same name.
	pub(crate) fn authorize(
		request: &AccessRequest<T::AccountId>,
	) -> Result<AccessBasis, DispatchError> {
		Self::decide(request).map_err(|denied| Error::<T>::from(denied).into())
	}

	/// The decision on the request: the patient's own, or [`Config::Access`]'s.
	pub(crate) fn decide(
		request: &AccessRequest<T::AccountId>,
	) -> Result<AccessBasis, AccessDenied> {
		if request.actor == request.target.patient {
			return Ok(AccessBasis::Patient);
		}
		T::Access::check(request)
	}
}
