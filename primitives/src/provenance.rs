//! Medicines provenance: GS1 identifiers (GTIN-14 with its check digit, serialized GTIN) and the
//! question the prescriptions pallet asks before handing a pack to a patient — "is this unit
//! genuine, active, unexpired, not recalled or suspect, of this product, and in this pharmacy's
//! custody?" — together with the decommissioning that dispensing does.

use crate::credentials::InstitutionId;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::{
	frame_support::weights::Weight,
	sp_runtime::{traits::ConstU32, BoundedVec},
};
use scale_info::TypeInfo;

/// The longest GS1 serial number (AI 21): up to 20 characters.
pub const MAX_SERIAL_LEN: u32 = 20;

/// A GS1 Global Trade Item Number in its 14-digit form (GTIN-14), as ASCII digits.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct Gtin(pub [u8; 14]);

impl Gtin {
	/// Whether all 14 characters are digits and the last is the GS1 mod-10 check digit of the
	/// first 13.
	pub fn is_valid(&self) -> bool {
		let Gtin(digits) = self;
		let [body @ .., check] = digits;
		gs1_check_digit(body) == Some(*check)
	}
}

/// The GS1 mod-10 check digit of `body` (ASCII digits), as an ASCII digit: weights 3 and 1
/// alternating from the right. `None` if `body` holds anything but digits. GTINs and SSCCs
/// end with it.
pub fn gs1_check_digit(body: &[u8]) -> Option<u8> {
	let mut sum: u32 = 0;
	for (position, digit) in body.iter().rev().enumerate() {
		if !digit.is_ascii_digit() {
			return None;
		}
		let value = u32::from(digit.saturating_sub(b'0'));
		sum = sum.saturating_add(if position % 2 == 0 { value.saturating_mul(3) } else { value });
	}
	// Below 10, so it fits a byte.
	let check = u8::try_from(10u32.saturating_sub(sum % 10) % 10).unwrap_or_default();
	Some(b'0'.saturating_add(check))
}

/// A GS1 serial number (AI 21): up to 20 characters of the GS1 AI encodable set 82.
pub type Serial = BoundedVec<u8, ConstU32<MAX_SERIAL_LEN>>;

/// Whether `serial` is 1 to 20 characters of GS1's encodable character set 82 (visible ASCII
/// letters, digits and `!"%&'()*+,-./:;<=>?_`).
pub fn is_valid_serial(serial: &[u8]) -> bool {
	!serial.is_empty()
		&& serial
			.iter()
			.all(|byte| byte.is_ascii_alphanumeric() || b"!\"%&'()*+,-./:;<=>?_".contains(byte))
}

/// A GS1 Serial Shipping Container Code (SSCC-18, AI 00): the identity of a logistic unit (a
/// case, a pallet), as 18 ASCII digits — extension digit, GS1 company prefix and serial
/// reference, and the mod-10 check digit.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct Sscc(pub [u8; 18]);

impl Sscc {
	/// Whether all 18 characters are digits and the last is the GS1 mod-10 check digit of the
	/// first 17.
	pub fn is_valid(&self) -> bool {
		let Sscc(digits) = self;
		let [body @ .., check] = digits;
		gs1_check_digit(body) == Some(*check)
	}

	/// The SSCC with these 17 digits and their check digit; `None` unless all are digits.
	pub fn with_check_digit(body: [u8; 17]) -> Option<Sscc> {
		let check = gs1_check_digit(&body)?;
		let mut digits = [0; 18];
		digits[..17].copy_from_slice(&body);
		digits[17] = check;
		Some(Sscc(digits))
	}
}

/// A serialized GTIN (SGTIN): one pack of a product.
#[derive(
	Clone,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct Sgtin {
	/// The product.
	pub gtin: Gtin,
	/// The pack's serial number.
	pub serial: Serial,
}

/// Why a unit may not be dispensed.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum UnitRefusal {
	/// No unit with this GTIN and serial was ever commissioned: not genuine.
	NotGenuine,
	/// The unit is of another product than the one prescribed.
	WrongProduct,
	/// The unit is not in this pharmacy's custody (elsewhere, or in transit).
	NotInCustody,
	/// The unit's batch has expired.
	Expired,
	/// The unit's batch is recalled.
	Recalled,
	/// The unit is reported suspect and quarantined.
	Suspect,
	/// The unit was already dispensed or destroyed.
	Decommissioned,
}

/// What the prescriptions pallet asks the provenance pallet when a pharmacy dispenses.
pub trait MedicineUnits {
	/// Decommissions `unit` as dispensed by `pharmacy`, after checking that it is genuine, of
	/// `product`, active, unexpired, neither recalled nor suspect, and in `pharmacy`'s custody.
	/// Costs a bounded number of storage reads, whatever the size of its batch or case: more
	/// for a pack inside cases, which are updated too. Returns the weight this pack did not use
	/// of the deepest-nested pack's, which callers are charged for beforehand and may refund.
	fn dispense(
		unit: &Sgtin,
		product: &Gtin,
		pharmacy: InstitutionId,
	) -> Result<Weight, UnitRefusal>;
}

#[cfg(test)]
mod tests {
	use super::*;

	fn gtin(digits: &str) -> Gtin {
		Gtin(digits.as_bytes().try_into().expect("14 digits"))
	}

	#[test]
	fn gtin_check_digits_are_verified() {
		for valid in ["00012345600012", "04006381333931", "09506000134352", "10614141000415"] {
			assert!(gtin(valid).is_valid(), "{valid}");
		}
		for invalid in ["00012345600013", "04006381333930", "0400638133393A", "1061414100041 "] {
			assert!(!gtin(invalid).is_valid(), "{invalid}");
		}
	}

	#[test]
	fn serials_use_gs1_characters() {
		assert!(is_valid_serial(b"12345AbC-/x"));
		assert!(!is_valid_serial(b""));
		assert!(!is_valid_serial(b"has space"));
		assert!(!is_valid_serial("é".as_bytes()));
	}
}
