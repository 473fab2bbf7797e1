//! Who is asking: sr25519 signatures over single-use challenges, and short sessions.
//!
//! A requester asks for a challenge naming what they want to do (operation, record, purpose,
//! institution); the gateway answers with a text to sign. The signed text is that exact
//! request and nothing else: it cannot be replayed (one use), reused for another record or
//! purpose, or used at another gateway (the gateway's id is in it). Wallets such as the
//! polkadot.js extension sign `<Bytes>text</Bytes>`; both forms are accepted.

use std::str::FromStr;

use healthchain_primitives::{
	consent::Purpose, credentials::InstitutionId, records::RecordId, AccountId,
};
use polkadot_sdk::sp_core::{
	crypto::{Ss58AddressFormat, Ss58Codec},
	sr25519, Pair as _,
};
use serde::{Deserialize, Serialize};

/// SS58 address format of HealthChain accounts (the generic Substrate prefix).
pub const SS58_FORMAT: u16 = 42;

/// What a challenge or a session lets its holder do once.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Operation {
	/// Upload a record's encrypted bytes.
	Upload,
	/// Download a record's encrypted bytes and one's own wrapped key.
	Read,
	/// Store a recipient's wrapped data key.
	WrapKey,
	/// Delete an erased record's bytes and keys.
	Erase,
	/// Read the gateway's audit entries about one's own data.
	Audit,
	/// Open a session: later reads for the same purpose and institution use a token.
	Session,
}

impl Operation {
	/// Its name in challenges and the audit trail.
	pub fn as_str(self) -> &'static str {
		match self {
			Operation::Upload => "upload",
			Operation::Read => "read",
			Operation::WrapKey => "wrap-key",
			Operation::Erase => "erase",
			Operation::Audit => "audit",
			Operation::Session => "session",
		}
	}
}

/// The request a challenge is for.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct ChallengeRequest {
	/// The requester's account (SS58).
	pub account: String,
	/// What they want to do.
	pub operation: Operation,
	/// The record, for operations on one record.
	#[serde(default)]
	pub record: Option<RecordId>,
	/// The purpose of use (`Treatment`, `Research`, …), for reads and sessions.
	#[serde(default)]
	pub purpose: Option<String>,
	/// The institution the requester acts for, if any.
	#[serde(default)]
	pub on_behalf_of: Option<InstitutionId>,
	/// For `wrap-key`: whose key is being stored (SS58).
	#[serde(default)]
	pub recipient: Option<String>,
}

/// What an authenticated request is allowed to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scope {
	/// The operation.
	pub operation: Operation,
	/// The record, if the operation is on one record.
	pub record: Option<RecordId>,
	/// The purpose of use.
	pub purpose: Option<Purpose>,
	/// The institution acted for.
	pub on_behalf_of: Option<InstitutionId>,
	/// The recipient of a wrapped key.
	pub recipient: Option<AccountId>,
}

/// A request that cannot be authenticated, and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AuthError {
	/// No `Authorization` header, or one of an unknown scheme.
	#[error("authentication required: send `Authorization: HealthChain <nonce>.<signature>` or `Bearer <session token>`")]
	Missing,
	/// The header is not of the documented form.
	#[error("malformed Authorization header: {0}")]
	Malformed(String),
	/// No challenge with this nonce (never issued, or expired and forgotten).
	#[error("unknown challenge: ask for a new one")]
	UnknownChallenge,
	/// The challenge was already answered.
	#[error("challenge already used: each challenge is good for one request")]
	Replayed,
	/// The challenge's time ran out.
	#[error("challenge expired: ask for a new one")]
	Expired,
	/// The signature is not the account's over the challenge.
	#[error("bad signature: it is not the challenge's account's sr25519 signature over the challenge text")]
	BadSignature,
	/// The challenge was for something else.
	#[error("the challenge was issued for {0}, not for this request")]
	WrongScope(String),
	/// No live session with this token.
	#[error("unknown or expired session token")]
	UnknownSession,
	/// A field of the challenge request is not valid.
	#[error("{0}")]
	InvalidRequest(String),
}

/// Parses an SS58 address of any format into an account.
pub fn parse_account(text: &str) -> Result<AccountId, AuthError> {
	AccountId::from_ss58check(text)
		.map_err(|_| AuthError::InvalidRequest(format!("`{text}` is not an SS58 account address")))
}

/// The account's SS58 address in HealthChain's format: the one form stored and compared.
pub fn address(account: &AccountId) -> String {
	account.to_ss58check_with_version(Ss58AddressFormat::custom(SS58_FORMAT))
}

/// Every purpose of use, in on-chain order (a test checks none is missing).
pub const PURPOSES: [Purpose; 7] = [
	Purpose::Treatment,
	Purpose::EmergencyTreatment,
	Purpose::CareManagement,
	Purpose::Payment,
	Purpose::Operations,
	Purpose::PublicHealth,
	Purpose::Research,
];

/// A purpose's on-chain name, and its HL7 v3 ActReason code and display: the one table the API,
/// the audit trail and the FHIR resources read.
pub fn purpose_terms(purpose: Purpose) -> (&'static str, &'static str, &'static str) {
	match purpose {
		Purpose::Treatment => ("Treatment", "TREAT", "treatment"),
		Purpose::EmergencyTreatment => ("EmergencyTreatment", "ETREAT", "Emergency Treatment"),
		Purpose::CareManagement => ("CareManagement", "CAREMGT", "care management"),
		Purpose::Payment => ("Payment", "HPAYMT", "healthcare payment"),
		Purpose::Operations => ("Operations", "HOPERAT", "healthcare operations"),
		Purpose::PublicHealth => ("PublicHealth", "PUBHLTH", "public health"),
		Purpose::Research => ("Research", "HRESCH", "healthcare research"),
	}
}

/// A purpose's on-chain name.
pub fn purpose_name(purpose: Purpose) -> &'static str {
	purpose_terms(purpose).0
}

/// Parses a purpose of use by its on-chain name.
pub fn parse_purpose(text: &str) -> Result<Purpose, AuthError> {
	PURPOSES.into_iter().find(|p| purpose_name(*p) == text).ok_or_else(|| {
		let names: Vec<_> = PURPOSES.into_iter().map(purpose_name).collect();
		AuthError::InvalidRequest(format!(
			"`{text}` is not a purpose of use ({})",
			names.join(", ")
		))
	})
}

impl ChallengeRequest {
	/// Checks the fields each operation needs and returns the account and scope.
	pub fn validate(&self) -> Result<(AccountId, Scope), AuthError> {
		let account = parse_account(&self.account)?;
		let purpose = self.purpose.as_deref().map(parse_purpose).transpose()?;
		let recipient = self.recipient.as_deref().map(parse_account).transpose()?;
		let needs = |present: bool, what: &str| {
			if present {
				Ok(())
			} else {
				Err(AuthError::InvalidRequest(format!(
					"a `{}` challenge needs `{what}`",
					self.operation.as_str()
				)))
			}
		};
		let refuses = |present: bool, what: &str| {
			if present {
				Err(AuthError::InvalidRequest(format!(
					"a `{}` challenge takes no `{what}`",
					self.operation.as_str()
				)))
			} else {
				Ok(())
			}
		};
		match self.operation {
			Operation::Read => {
				needs(self.record.is_some(), "record")?;
				needs(purpose.is_some(), "purpose")?;
			},
			Operation::Session => {
				refuses(self.record.is_some(), "record")?;
				needs(purpose.is_some(), "purpose")?;
			},
			Operation::Upload | Operation::Erase => {
				needs(self.record.is_some(), "record")?;
				refuses(purpose.is_some(), "purpose")?;
			},
			Operation::WrapKey => {
				needs(self.record.is_some(), "record")?;
				needs(recipient.is_some(), "recipient")?;
			},
			Operation::Audit => refuses(self.record.is_some(), "record")?,
		}
		if self.operation != Operation::WrapKey {
			refuses(recipient.is_some(), "recipient")?;
		}
		Ok((
			account,
			Scope {
				operation: self.operation,
				record: self.record,
				purpose,
				on_behalf_of: self.on_behalf_of,
				recipient,
			},
		))
	}
}

/// The text a requester signs: every field of the request, the gateway and the nonce, one per
/// line, so a wallet shows the person exactly what they allow.
pub fn challenge_text(
	gateway_id: &str,
	account: &AccountId,
	scope: &Scope,
	nonce: &str,
	expires_at_ms: i64,
) -> String {
	let or_dash = |value: Option<String>| value.unwrap_or_else(|| "-".into());
	format!(
		"HealthChain gateway request\ngateway: {gateway_id}\naccount: {}\noperation: {}\nrecord: \
		 {}\npurpose: {}\non behalf of: {}\nrecipient: {}\nnonce: {nonce}\nexpires: {expires_at_ms}",
		address(account),
		scope.operation.as_str(),
		or_dash(scope.record.map(|r| r.to_string())),
		or_dash(scope.purpose.map(|p| purpose_name(p).to_string())),
		or_dash(scope.on_behalf_of.map(|i| i.to_string())),
		or_dash(scope.recipient.as_ref().map(address)),
	)
}

/// Reads the scope back from a challenge text the gateway wrote.
pub fn scope_of_text(text: &str) -> Result<(AccountId, Scope), AuthError> {
	let field = |name: &str| -> Result<Option<&str>, AuthError> {
		let line = text
			.lines()
			.find_map(|line| line.strip_prefix(name).and_then(|rest| rest.strip_prefix(": ")))
			.ok_or_else(|| AuthError::Malformed(format!("stored challenge lacks `{name}`")))?;
		Ok((line != "-").then_some(line))
	};
	let operation = match field("operation")? {
		Some("upload") => Operation::Upload,
		Some("read") => Operation::Read,
		Some("wrap-key") => Operation::WrapKey,
		Some("erase") => Operation::Erase,
		Some("audit") => Operation::Audit,
		Some("session") => Operation::Session,
		other => return Err(AuthError::Malformed(format!("stored challenge operation {other:?}"))),
	};
	let number = |name: &str| -> Result<Option<u64>, AuthError> {
		field(name)?
			.map(|n| u64::from_str(n).map_err(|_| AuthError::Malformed(format!("stored `{name}`"))))
			.transpose()
	};
	let account = parse_account(field("account")?.unwrap_or_default())?;
	Ok((
		account,
		Scope {
			operation,
			record: number("record")?,
			purpose: field("purpose")?.map(parse_purpose).transpose()?,
			on_behalf_of: number("on behalf of")?
				.map(|n| {
					InstitutionId::try_from(n)
						.map_err(|_| AuthError::Malformed("institution".into()))
				})
				.transpose()?,
			recipient: field("recipient")?.map(parse_account).transpose()?,
		},
	))
}

/// Whether `signature` is `account`'s sr25519 signature over `message`, as signed raw or
/// wrapped in `<Bytes>…</Bytes>` by a wallet. 64 bytes, or 65 with the `MultiSignature` sr25519
/// tag (0x01) in front.
pub fn verify_signature(account: &AccountId, message: &[u8], signature: &[u8]) -> bool {
	let raw: [u8; 64] = match signature.len() {
		64 => signature.try_into().unwrap_or([0; 64]),
		65 if signature[0] == 0x01 => signature[1..].try_into().unwrap_or([0; 64]),
		_ => return false,
	};
	let signature = sr25519::Signature::from_raw(raw);
	let public = sr25519::Public::from_raw(*AsRef::<[u8; 32]>::as_ref(account));
	if sr25519::Pair::verify(&signature, message, &public) {
		return true;
	}
	let mut wrapped = Vec::with_capacity(message.len() + 15);
	wrapped.extend_from_slice(b"<Bytes>");
	wrapped.extend_from_slice(message);
	wrapped.extend_from_slice(b"</Bytes>");
	sr25519::Pair::verify(&signature, &wrapped, &public)
}

/// The credentials a request carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Credentials {
	/// An answered challenge: its nonce and the signature over its text.
	Challenge { nonce: String, signature: Vec<u8> },
	/// A session token.
	Bearer(String),
}

/// Parses `Authorization: HealthChain <nonce>.<0x signature>` or `Authorization: Bearer <token>`.
pub fn parse_authorization(header: Option<&str>) -> Result<Credentials, AuthError> {
	let header = header.ok_or(AuthError::Missing)?;
	if let Some(token) = header.strip_prefix("Bearer ") {
		let token = token.trim();
		if token.is_empty() || token.len() > 128 {
			return Err(AuthError::Malformed("empty or oversized bearer token".into()));
		}
		return Ok(Credentials::Bearer(token.to_string()));
	}
	let Some(rest) = header.strip_prefix("HealthChain ") else { return Err(AuthError::Missing) };
	let (nonce, signature) = rest
		.trim()
		.split_once('.')
		.ok_or_else(|| AuthError::Malformed("expected `HealthChain <nonce>.<signature>`".into()))?;
	if nonce.len() != 64 || !nonce.bytes().all(|b| b.is_ascii_hexdigit()) {
		return Err(AuthError::Malformed("the nonce is 64 hex digits".into()));
	}
	let signature = hex::decode(signature.trim_start_matches("0x"))
		.map_err(|_| AuthError::Malformed("the signature is hex".into()))?;
	Ok(Credentials::Challenge { nonce: nonce.to_ascii_lowercase(), signature })
}

#[cfg(test)]
mod tests {
	use super::*;
	use codec::Decode;
	use polkadot_sdk::sp_core::Pair;

	#[test]
	fn every_purpose_on_chain_has_a_name_and_a_code_and_parses_back() {
		// SCALE encodes a variant as its index: every index that decodes is a purpose.
		let on_chain: Vec<Purpose> =
			(0u8..=255).filter_map(|i| Purpose::decode(&mut &[i][..]).ok()).collect();
		assert_eq!(on_chain, PURPOSES);
		for purpose in PURPOSES {
			assert_eq!(parse_purpose(purpose_name(purpose)).unwrap(), purpose);
		}
		let refused = parse_purpose("Marketing").unwrap_err().to_string();
		assert!(refused.contains("Treatment, EmergencyTreatment"), "{refused}");
	}

	fn alice() -> sr25519::Pair {
		sr25519::Pair::from_string("//Alice", None).unwrap()
	}

	fn read_scope() -> Scope {
		Scope {
			operation: Operation::Read,
			record: Some(7),
			purpose: Some(Purpose::Treatment),
			on_behalf_of: Some(2),
			recipient: None,
		}
	}

	#[test]
	fn raw_wrapped_and_multisignature_forms_verify_and_nothing_else_does() {
		let pair = alice();
		let account = AccountId::from(pair.public());
		let message = b"HealthChain gateway request";
		let raw = pair.sign(message).0;
		let mut wrapped_message = b"<Bytes>".to_vec();
		wrapped_message.extend_from_slice(message);
		wrapped_message.extend_from_slice(b"</Bytes>");
		let wrapped = pair.sign(&wrapped_message).0;
		let mut multi = vec![0x01];
		multi.extend_from_slice(&raw);

		assert!(verify_signature(&account, message, &raw));
		assert!(verify_signature(&account, message, &wrapped));
		assert!(verify_signature(&account, message, &multi));
		// Another message, another signer, a truncated or mistagged signature: refused.
		assert!(!verify_signature(&account, b"another request", &raw));
		let bob = AccountId::from(sr25519::Pair::from_string("//Bob", None).unwrap().public());
		assert!(!verify_signature(&bob, message, &raw));
		assert!(!verify_signature(&account, message, &raw[..63]));
		multi[0] = 0x00;
		assert!(!verify_signature(&account, message, &multi));
	}

	#[test]
	fn the_challenge_text_reads_back_as_its_scope() {
		let account = AccountId::from(alice().public());
		let text = challenge_text("gw-1", &account, &read_scope(), &"ab".repeat(32), 99);
		assert!(text.contains("gateway: gw-1\n"));
		assert!(text.contains("purpose: Treatment\n"));
		assert_eq!(scope_of_text(&text).unwrap(), (account, read_scope()));
	}

	#[test]
	fn each_operation_asks_for_exactly_its_fields() {
		let account = address(&AccountId::from(alice().public()));
		let request = |operation, record: Option<u64>, purpose: Option<&str>| ChallengeRequest {
			account: account.clone(),
			operation,
			record,
			purpose: purpose.map(str::to_string),
			on_behalf_of: None,
			recipient: None,
		};
		assert!(request(Operation::Read, Some(1), Some("Treatment")).validate().is_ok());
		assert!(request(Operation::Read, None, Some("Treatment")).validate().is_err());
		assert!(request(Operation::Read, Some(1), None).validate().is_err());
		assert!(request(Operation::Read, Some(1), Some("Curiosity")).validate().is_err());
		assert!(request(Operation::Session, Some(1), Some("Treatment")).validate().is_err());
		assert!(request(Operation::Upload, Some(1), None).validate().is_ok());
		assert!(request(Operation::Upload, Some(1), Some("Treatment")).validate().is_err());
		assert!(
			request(Operation::WrapKey, Some(1), None).validate().is_err(),
			"needs a recipient"
		);
		let mut bad_account = request(Operation::Audit, None, None);
		bad_account.account = "not-an-address".into();
		assert!(bad_account.validate().is_err());
	}

	#[test]
	fn authorization_headers_parse_or_say_what_is_wrong() {
		let nonce = "ab".repeat(32);
		assert_eq!(
			parse_authorization(Some(&format!("HealthChain {nonce}.0x0102"))),
			Ok(Credentials::Challenge { nonce: nonce.clone(), signature: vec![1, 2] })
		);
		assert_eq!(parse_authorization(Some("Bearer abc")), Ok(Credentials::Bearer("abc".into())));
		assert_eq!(parse_authorization(None), Err(AuthError::Missing));
		assert_eq!(parse_authorization(Some("Basic x")), Err(AuthError::Missing));
		assert!(matches!(
			parse_authorization(Some("HealthChain short.0x01")),
			Err(AuthError::Malformed(_))
		));
		assert!(matches!(
			parse_authorization(Some(&format!("HealthChain {nonce}.zz"))),
			Err(AuthError::Malformed(_))
		));
	}
}
