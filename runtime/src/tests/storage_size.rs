//! The deposit vocabulary measures keys as FRAME lays them out.

use polkadot_sdk::*;

use sp_keyring::Sr25519Keyring;

use crate::{
	configs::storage_size::{
		blake2_128_concat, entry, identity, max_len, twox64_concat, ACCOUNT, HASH, U32, U64,
	},
	Runtime,
};

/// The bytes of a key, as `entry` counts them with no value.
fn key_len(key: Vec<u8>) -> u32 {
	u32::try_from(key.len()).expect("a short key")
}

#[test]
fn storage_keys_are_as_long_as_the_deposits_count_them() {
	let patient = Sr25519Keyring::Alice.to_account_id();
	let accessor = Sr25519Keyring::Bob.to_account_id();

	assert_eq!(
		key_len(pallet_records::RecordsById::<Runtime>::hashed_key_for(1)),
		entry(twox64_concat(U64), 0)
	);
	assert_eq!(
		key_len(pallet_records::PatientRecords::<Runtime>::hashed_key_for(&patient, 1)),
		entry(blake2_128_concat(ACCOUNT) + twox64_concat(U64), 0)
	);
	assert_eq!(
		key_len(pallet_claims::ClaimFingerprints::<Runtime>::hashed_key_for([0; 32])),
		entry(identity(HASH), 0)
	);
	assert_eq!(
		key_len(pallet_consent::AccessLog::<Runtime>::hashed_key_for((&patient, &accessor, 1))),
		entry(2 * blake2_128_concat(ACCOUNT) + twox64_concat(U32), 0)
	);
	// The largest grantee, with its purpose.
	let grantee = pallet_consent::Grantee::Practitioner(accessor);
	assert_eq!(
		key_len(pallet_consent::Grants::<Runtime>::hashed_key_for(
			&patient,
			(grantee, pallet_consent::Purpose::Research)
		)),
		entry(
			blake2_128_concat(ACCOUNT)
				+ blake2_128_concat(max_len::<(
					pallet_consent::GranteeOf<Runtime>,
					pallet_consent::Purpose
				)>()),
			0
		)
	);
}
