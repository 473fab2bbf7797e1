//! Provider network contracts: either side proposes a version (fee schedule, period, prompt-pay
//! rate) and thereby signs it; the other side signs it into force. A proposal not yet signed is
//! replaced by the next.

use crate::*;
use healthchain_primitives::credentials::CredentialsInspect;
use polkadot_sdk::{
	frame_support::{ensure, traits::Get},
	sp_runtime::{DispatchError, DispatchResult, Permill},
};

impl<T: Config> Pallet<T> {
	/// Checks and stores a proposed contract version, signed by the proposer's side.
	pub(crate) fn do_propose_contract(
		proposer: T::AccountId,
		insurer: InstitutionId,
		provider: InstitutionId,
		fee_schedule: FeeScheduleOf<T>,
		effective_from: Moment,
		effective_to: Moment,
		prompt_pay_rate: Permill,
	) -> DispatchResult {
		ensure!(
			T::Credentials::verified_institution_kind(insurer) == Some(InstitutionKind::Insurer),
			Error::<T>::NotAnInsurer
		);
		ensure!(
			T::Credentials::verified_institution_kind(provider)
				.is_some_and(|kind| PROVIDER_KINDS.contains(&kind)),
			Error::<T>::NotAProvider
		);
		let side = Self::contract_side(&proposer, insurer, provider)?;
		ensure!(!fee_schedule.is_empty(), Error::<T>::NothingListed);
		Self::ensure_service_codes(fee_schedule.iter().map(|fee| &fee.code))?;
		Self::ensure_strictly_sorted(fee_schedule.iter().map(|fee| fee.code))?;
		ensure!(effective_from < effective_to, Error::<T>::EmptyPeriod);

		let contract = match ContractByParties::<T>::get(insurer, provider) {
			Some(contract) => contract,
			None => {
				let contract = Self::next_id::<NextContractId<T>, _>()?;
				let header = NetworkContract { insurer, provider, signed_versions: 0 };
				Contracts::<T>::insert(contract, header);
				ContractByParties::<T>::insert(insurer, provider, contract);
				contract
			},
		};
		let version = Contracts::<T>::get(contract)
			.ok_or(Error::<T>::UnknownContract)?
			.signed_versions;
		ensure!(version < T::MaxContractVersions::get(), Error::<T>::TooManyVersions);
		let deposit = T::ContractDeposit::get();
		Self::hold_deposit(&proposer, deposit)?;
		if let Some(replaced) = ContractVersions::<T>::take(contract, version) {
			Self::release_deposit(&replaced.proposer, replaced.deposit)?;
			Self::deposit_event(Event::ContractProposalReplaced { contract, version });
		}
		let signatory = Some(proposer.clone());
		let (insurer_signatory, provider_signatory) = match side {
			Party::Insurer => (signatory, None),
			_ => (None, signatory),
		};
		ContractVersions::<T>::insert(
			contract,
			version,
			ContractTerms {
				fee_schedule,
				effective_from,
				effective_to,
				prompt_pay_rate,
				proposed_by: side,
				insurer_signatory,
				provider_signatory,
				proposer,
				deposit,
			},
		);
		Self::deposit_event(Event::ContractProposed {
			contract,
			version,
			insurer,
			provider,
			by: side,
		});
		Ok(())
	}

	/// The side that did not propose a version signs it into force.
	pub(crate) fn do_sign_contract(
		who: T::AccountId,
		contract: ContractId,
		version: u32,
	) -> DispatchResult {
		let mut header = Contracts::<T>::get(contract).ok_or(Error::<T>::UnknownContract)?;
		ensure!(version == header.signed_versions, Error::<T>::NoSuchProposal);
		let mut terms =
			ContractVersions::<T>::get(contract, version).ok_or(Error::<T>::NoSuchProposal)?;
		let signs_other_side = match terms.proposed_by {
			Party::Insurer => Self::ensure_provider_staff(&who, header.provider),
			_ => Self::ensure_insurer_staff(&who, header.insurer),
		};
		if signs_other_side.is_err() {
			// A stranger, or the proposer's own side, which signed when it proposed.
			Self::contract_side(&who, header.insurer, header.provider)?;
			return Err(Error::<T>::OwnProposal.into());
		}
		match terms.proposed_by {
			Party::Insurer => terms.provider_signatory = Some(who),
			_ => terms.insurer_signatory = Some(who),
		}
		ContractPeriods::<T>::try_mutate(contract, |periods| {
			periods.try_push((terms.effective_from, terms.effective_to))
		})
		.map_err(|_| Error::<T>::TooManyVersions)?;
		header.signed_versions = version.saturating_add(1);
		ContractVersions::<T>::insert(contract, version, terms);
		Contracts::<T>::insert(contract, header);
		Self::deposit_event(Event::ContractSigned { contract, version });
		Ok(())
	}

	/// The signed contract version between `insurer` and `provider` in force on `date`: the
	/// latest signed version whose period holds it. Reads the periods, then that one version.
	pub(crate) fn contract_in_force(
		insurer: InstitutionId,
		provider: InstitutionId,
		date: Moment,
	) -> Option<(ContractId, u32, ContractTermsOf<T>)> {
		let contract = ContractByParties::<T>::get(insurer, provider)?;
		let periods = ContractPeriods::<T>::get(contract);
		let version = periods.iter().rposition(|(from, to)| *from <= date && date < *to)?;
		let version = u32::try_from(version).ok()?;
		ContractVersions::<T>::get(contract, version).map(|terms| (contract, version, terms))
	}

	/// Which side of a contract `who` acts for: the insurer's if they act for it, else the
	/// provider's.
	fn contract_side(
		who: &T::AccountId,
		insurer: InstitutionId,
		provider: InstitutionId,
	) -> Result<Party, DispatchError> {
		if Self::ensure_insurer_staff(who, insurer).is_ok() {
			Ok(Party::Insurer)
		} else if Self::ensure_provider_staff(who, provider).is_ok() {
			Ok(Party::Provider)
		} else {
			Err(Error::<T>::NotContractParty.into())
		}
	}
}
