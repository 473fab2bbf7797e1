//! Every refusal and failure the gateway answers: an HTTP status, a reason code in the chain's
//! own terms where the chain decided (`NoGrant`, `GrantRevoked`, …) or the gateway's
//! (`NotLogged`, `HashMismatch`, …), and a sentence saying what to do.

use axum::{
	http::StatusCode,
	response::{IntoResponse, Response},
	Json,
};
use healthchain_primitives::consent::AccessDenied;

use crate::{auth::AuthError, chain::ChainError, db::DbError, store::StoreError};

/// A request the gateway refused or could not serve.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
	/// The HTTP status.
	pub status: StatusCode,
	/// A stable reason code.
	pub reason: String,
	/// What happened and what to do, for people.
	pub message: String,
}

impl ApiError {
	/// An error with this status, reason and message.
	pub fn new(status: StatusCode, reason: &str, message: impl Into<String>) -> Self {
		Self { status, reason: reason.into(), message: message.into() }
	}

	/// 400: the request is malformed.
	pub fn bad_request(message: impl Into<String>) -> Self {
		Self::new(StatusCode::BAD_REQUEST, "BadRequest", message)
	}

	/// 403 with the chain's reason for refusing access.
	pub fn denied_by_chain(denied: AccessDenied) -> Self {
		let message = match denied {
			AccessDenied::NotCredentialed => {
				"the requester holds no live credential for this at the finalized block"
			},
			AccessDenied::NotAffiliated => {
				"the requester does not act for the institution named in the request"
			},
			AccessDenied::NoGrant => "the patient has granted no consent that covers this request",
			AccessDenied::GrantRevoked => "the patient revoked the consent that covered this",
			AccessDenied::GrantExpired => "the consent that covered this has expired",
			AccessDenied::GrantNotYetValid => "the consent that covers this has not started yet",
			AccessDenied::ActionNotGranted => "the consent does not allow this action",
			AccessDenied::OutOfScope => "the consent does not cover this record",
		};
		Self::new(StatusCode::FORBIDDEN, &format!("{denied:?}"), message)
	}

	/// Whether the request was refused (4xx) rather than failed (5xx).
	pub fn is_refusal(&self) -> bool {
		self.status.is_client_error()
	}
}

/// The JSON body of every error outside the FHIR API.
#[derive(serde::Serialize)]
struct ErrorBody<'a> {
	error: &'a str,
	message: &'a str,
}

impl IntoResponse for ApiError {
	fn into_response(self) -> Response {
		let body = ErrorBody { error: &self.reason, message: &self.message };
		let mut response = (self.status, Json(body)).into_response();
		if self.status == StatusCode::UNAUTHORIZED {
			response.headers_mut().insert(
				axum::http::header::WWW_AUTHENTICATE,
				axum::http::HeaderValue::from_static("HealthChain, Bearer"),
			);
		}
		response
	}
}

impl From<AuthError> for ApiError {
	fn from(e: AuthError) -> Self {
		let (status, reason) = match &e {
			AuthError::Missing => (StatusCode::UNAUTHORIZED, "AuthenticationRequired"),
			AuthError::Malformed(_) => (StatusCode::UNAUTHORIZED, "MalformedAuthorization"),
			AuthError::UnknownChallenge => (StatusCode::UNAUTHORIZED, "UnknownChallenge"),
			AuthError::Replayed => (StatusCode::UNAUTHORIZED, "ChallengeReplayed"),
			AuthError::Expired => (StatusCode::UNAUTHORIZED, "ChallengeExpired"),
			AuthError::BadSignature => (StatusCode::UNAUTHORIZED, "BadSignature"),
			AuthError::WrongScope(_) => (StatusCode::FORBIDDEN, "ChallengeScopeMismatch"),
			AuthError::UnknownSession => (StatusCode::UNAUTHORIZED, "UnknownSession"),
			AuthError::InvalidRequest(_) => (StatusCode::BAD_REQUEST, "BadRequest"),
		};
		Self::new(status, reason, e.to_string())
	}
}

impl From<ChainError> for ApiError {
	fn from(e: ChainError) -> Self {
		// No answer from the chain is never an allowance: the gateway fails closed.
		Self::new(StatusCode::SERVICE_UNAVAILABLE, "ChainUnavailable", e.to_string())
	}
}

impl From<DbError> for ApiError {
	fn from(e: DbError) -> Self {
		tracing::error!(error = %e, "database failure");
		Self::new(StatusCode::SERVICE_UNAVAILABLE, "DatabaseUnavailable", e.to_string())
	}
}

impl From<StoreError> for ApiError {
	fn from(e: StoreError) -> Self {
		match e {
			StoreError::TooLarge { .. } => {
				Self::new(StatusCode::PAYLOAD_TOO_LARGE, "DocumentTooLarge", e.to_string())
			},
			StoreError::HashMismatch { .. } => Self::new(
				StatusCode::CONFLICT,
				"HashMismatch",
				format!("{e}: upload exactly the encrypted bytes whose SHA-256 the record holds"),
			),
			StoreError::Body(_) => Self::bad_request(e.to_string()),
			StoreError::Backend(_) => {
				tracing::error!(error = %e, "document store failure");
				Self::new(StatusCode::SERVICE_UNAVAILABLE, "StoreUnavailable", e.to_string())
			},
		}
	}
}
