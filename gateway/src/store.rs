//! The document store: encrypted bytes, named by their SHA-256, in an `object_store`: a local
//! directory by default, an S3-compatible bucket in production.
//!
//! An upload streams into a staging object while it is hashed; only bytes whose hash is the
//! record's on-chain `content_hash` are moved to their content address. A download re-hashes
//! the bytes before they leave.

use std::{fmt, path::PathBuf, str::FromStr, sync::Arc};

use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use object_store::{
	aws::AmazonS3Builder, local::LocalFileSystem, path::Path, prefix::PrefixStore, ObjectStore,
	WriteMultipart,
};
use sha2::{Digest, Sha256};

/// The store failed, or refused what it was given.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
	/// The object store itself failed.
	#[error("document store: {0}")]
	Backend(#[from] object_store::Error),
	/// The upload is larger than the limit.
	#[error("the document is larger than the {limit}-byte limit")]
	TooLarge { limit: u64 },
	/// The bytes do not hash to the record's content hash.
	#[error("the bytes hash to {actual} but the record on chain says {expected}")]
	HashMismatch { expected: String, actual: String },
	/// The request body broke off.
	#[error("the upload broke off: {0}")]
	Body(String),
}

/// Where the document bytes live.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreLocation {
	/// A local directory (created if missing).
	Directory(PathBuf),
	/// An S3-compatible bucket, the objects under `prefix` if one is given. Credentials, region
	/// and endpoint come from the standard `AWS_*` environment variables, never the command line.
	S3 { bucket: String, prefix: Option<String> },
}

impl FromStr for StoreLocation {
	type Err = String;
	/// `s3://BUCKET[/PREFIX]` for a bucket; any other `scheme://` is refused; anything else is
	/// a directory.
	fn from_str(s: &str) -> Result<Self, Self::Err> {
		let Some((scheme, rest)) = s.split_once("://") else {
			return if s.is_empty() {
				Err("an empty path is not a directory".into())
			} else {
				Ok(StoreLocation::Directory(PathBuf::from(s)))
			};
		};
		if scheme != "s3" {
			return Err(format!(
				"`{scheme}://` is not a store: use a directory or s3://BUCKET[/PREFIX]"
			));
		}
		let (bucket, prefix) = match rest.split_once('/') {
			Some((bucket, prefix)) => (bucket, prefix.trim_matches('/')),
			None => (rest, ""),
		};
		// S3's bucket naming rules: 3 to 63 lowercase letters, digits, dots and hyphens.
		let bucket_ok = (3..=63).contains(&bucket.len())
			&& bucket
				.chars()
				.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
			&& bucket.starts_with(|c: char| c.is_ascii_alphanumeric())
			&& bucket.ends_with(|c: char| c.is_ascii_alphanumeric());
		if !bucket_ok {
			return Err(format!(
				"`{bucket}` is not an S3 bucket name (3 to 63 lowercase letters, digits, `.` and `-`)"
			));
		}
		Ok(StoreLocation::S3 {
			bucket: bucket.to_string(),
			prefix: (!prefix.is_empty()).then(|| prefix.to_string()),
		})
	}
}

impl fmt::Display for StoreLocation {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			StoreLocation::Directory(dir) => write!(f, "{}", dir.display()),
			StoreLocation::S3 { bucket, prefix: None } => write!(f, "s3://{bucket}"),
			StoreLocation::S3 { bucket, prefix: Some(prefix) } => {
				write!(f, "s3://{bucket}/{prefix}")
			},
		}
	}
}

/// Content-addressed storage of encrypted documents.
#[derive(Clone)]
pub struct DocumentStore {
	store: Arc<dyn ObjectStore>,
}

/// A store answer with "not found" as `None`: absence is an answer, not a failure.
fn absent_as_none<T>(answer: object_store::Result<T>) -> Result<Option<T>, object_store::Error> {
	match answer {
		Ok(found) => Ok(Some(found)),
		Err(object_store::Error::NotFound { .. }) => Ok(None),
		Err(e) => Err(e),
	}
}

/// Where the bytes with this hash live.
fn content_path(hash: &[u8; 32]) -> Path {
	let hex = hex::encode(hash);
	Path::from(format!("sha256/{}/{}", &hex[..2], hex))
}

impl DocumentStore {
	/// A store in a local directory (created if missing).
	pub fn local(dir: &std::path::Path) -> Result<Self, StoreError> {
		std::fs::create_dir_all(dir).map_err(|e| {
			StoreError::Backend(object_store::Error::Generic {
				store: "local",
				source: Box::new(e),
			})
		})?;
		Ok(Self { store: Arc::new(LocalFileSystem::new_with_prefix(dir)?) })
	}

	/// A store over an S3-compatible bucket configured by `builder` (the gateway passes
	/// `AmazonS3Builder::from_env()`), under `prefix` if given.
	pub fn s3(
		builder: AmazonS3Builder,
		bucket: &str,
		prefix: Option<&str>,
	) -> Result<Self, StoreError> {
		let bucket = builder.with_bucket_name(bucket).build()?;
		Ok(match prefix {
			Some(prefix) => Self::new(Arc::new(PrefixStore::new(bucket, prefix))),
			None => Self::new(Arc::new(bucket)),
		})
	}

	/// The store at `location`, S3 settings from the environment.
	pub fn open(location: &StoreLocation) -> Result<Self, StoreError> {
		match location {
			StoreLocation::Directory(dir) => Self::local(dir),
			StoreLocation::S3 { bucket, prefix } => {
				Self::s3(AmazonS3Builder::from_env(), bucket, prefix.as_deref())
			},
		}
	}

	/// A store over any `object_store` backend.
	pub fn new(store: Arc<dyn ObjectStore>) -> Self {
		Self { store }
	}

	/// Lists the store once, so that a wrong bucket, endpoint or credential stops the gateway at
	/// start rather than failing the first upload.
	pub async fn check(&self) -> Result<(), StoreError> {
		self.store.list_with_delimiter(Some(&Path::from("sha256"))).await?;
		Ok(())
	}

	/// Streams `body` in, at most `limit` bytes, and keeps it only if it hashes to `expected`.
	/// Returns the size.
	pub async fn put_verified<S, E>(
		&self,
		expected: &[u8; 32],
		limit: u64,
		mut body: S,
	) -> Result<u64, StoreError>
	where
		S: Stream<Item = Result<Bytes, E>> + Unpin,
		E: std::fmt::Display,
	{
		let staging = Path::from(format!("staging/{}", hex::encode(rand::random::<[u8; 16]>())));
		let mut upload = WriteMultipart::new(self.store.put_multipart(&staging).await?);
		let mut hasher = Sha256::new();
		let mut size: u64 = 0;
		let failure = loop {
			match body.next().await {
				None => break None,
				Some(Err(e)) => break Some(StoreError::Body(e.to_string())),
				Some(Ok(chunk)) => {
					size = size.saturating_add(chunk.len() as u64);
					if size > limit {
						break Some(StoreError::TooLarge { limit });
					}
					hasher.update(&chunk);
					upload.put(chunk);
				},
			}
		};
		if let Some(failure) = failure {
			let _ = upload.abort().await;
			return Err(failure);
		}
		upload.finish().await?;
		let actual: [u8; 32] = hasher.finalize().into();
		if &actual != expected {
			let _ = self.store.delete(&staging).await;
			return Err(StoreError::HashMismatch {
				expected: hex::encode(expected),
				actual: hex::encode(actual),
			});
		}
		self.store.rename(&staging, &content_path(expected)).await?;
		Ok(size)
	}

	/// The `size` bytes with this hash, re-hashed: `Ok(None)` if absent, an error if they no
	/// longer hash to their name (corrupted, truncated or tampered with at rest).
	pub async fn get_verified(
		&self,
		hash: &[u8; 32],
		size: u64,
	) -> Result<Option<Bytes>, StoreError> {
		let path = content_path(hash);
		// The recorded size makes it one read (a local store's `get` takes two blocking-pool
		// trips); a size of 0, or a ranged read that fails for any reason but absence (a
		// truncated object, say), falls back to reading the object whole.
		let ranged = match usize::try_from(size) {
			Ok(size) if size > 0 => {
				match absent_as_none(self.store.get_range(&path, 0..size).await) {
					Ok(None) => return Ok(None),
					Ok(Some(bytes)) => Some(bytes),
					Err(_) => None,
				}
			},
			_ => None,
		};
		let bytes = match ranged {
			Some(bytes) => bytes,
			None => match absent_as_none(self.store.get(&path).await)? {
				Some(found) => found.bytes().await?,
				None => return Ok(None),
			},
		};
		let actual: [u8; 32] = Sha256::digest(&bytes).into();
		if &actual != hash {
			return Err(StoreError::HashMismatch {
				expected: hex::encode(hash),
				actual: hex::encode(actual),
			});
		}
		Ok(Some(bytes))
	}

	/// Whether bytes with this hash are stored.
	pub async fn contains(&self, hash: &[u8; 32]) -> Result<bool, StoreError> {
		Ok(absent_as_none(self.store.head(&content_path(hash)).await)?.is_some())
	}

	/// Deletes the bytes with this hash (nothing if absent).
	pub async fn delete(&self, hash: &[u8; 32]) -> Result<(), StoreError> {
		absent_as_none(self.store.delete(&content_path(hash)).await)?;
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn chunks(
		parts: &[&[u8]],
	) -> impl Stream<Item = Result<Bytes, std::convert::Infallible>> + Unpin {
		futures_util::stream::iter(
			parts.iter().map(|p| Ok(Bytes::copy_from_slice(p))).collect::<Vec<_>>(),
		)
	}

	fn temp_store() -> (DocumentStore, std::path::PathBuf) {
		let dir = std::env::temp_dir().join(format!(
			"gw-store-{}-{}",
			std::process::id(),
			rand::random::<u64>()
		));
		(DocumentStore::local(&dir).unwrap(), dir)
	}

	/// Every rule of the store, on whichever backend `store` is.
	async fn only_the_chains_bytes_are_kept_and_rechecked(store: &DocumentStore) {
		store.check().await.unwrap();
		let hash: [u8; 32] = Sha256::digest(b"ciphertext").into();
		// Tampered bytes are refused and leave nothing behind.
		let refused = store.put_verified(&hash, 100, chunks(&[b"cipher", b"TEXT"])).await;
		assert!(matches!(refused, Err(StoreError::HashMismatch { .. })));
		assert!(!store.contains(&hash).await.unwrap());
		// Too large: refused while streaming.
		let refused = store.put_verified(&hash, 5, chunks(&[b"cipher", b"text"])).await;
		assert!(matches!(refused, Err(StoreError::TooLarge { limit: 5 })));
		// The right bytes, in pieces, are kept under their hash.
		assert_eq!(
			store.put_verified(&hash, 100, chunks(&[b"cipher", b"text"])).await.unwrap(),
			10
		);
		assert!(store.contains(&hash).await.unwrap());
		assert_eq!(
			store.get_verified(&hash, 10).await.unwrap().unwrap(),
			Bytes::from_static(b"ciphertext")
		);
		// Bytes changed at rest are never served.
		store
			.store
			.put(&content_path(&hash), object_store::PutPayload::from_static(b"ciphertexT"))
			.await
			.unwrap();
		assert!(matches!(
			store.get_verified(&hash, 10).await,
			Err(StoreError::HashMismatch { .. })
		));
		// Cut short, or longer than recorded with other bytes first: never served either.
		for tampered in [&b"cipher"[..], b"CIPHERTEXT and more"] {
			store
				.store
				.put(&content_path(&hash), object_store::PutPayload::from(tampered.to_vec()))
				.await
				.unwrap();
			assert!(matches!(
				store.get_verified(&hash, 10).await,
				Err(StoreError::HashMismatch { .. })
			));
		}
		store.delete(&hash).await.unwrap();
		assert_eq!(store.get_verified(&hash, 10).await.unwrap(), None);
		// Deleting what is absent is not an error (erasure may run twice).
		store.delete(&hash).await.unwrap();
		// An empty document is a document.
		let empty: [u8; 32] = Sha256::digest(b"").into();
		assert_eq!(store.put_verified(&empty, 100, chunks(&[])).await.unwrap(), 0);
		assert_eq!(store.get_verified(&empty, 0).await.unwrap().unwrap(), Bytes::new());
		store.delete(&empty).await.unwrap();
		// No staging objects are left over.
		let staging: Vec<_> =
			store.store.list(Some(&Path::from("staging"))).collect::<Vec<_>>().await;
		assert!(staging.is_empty(), "{staging:?}");
	}

	#[tokio::test]
	async fn a_local_directory_keeps_only_the_chains_bytes() {
		let (store, dir) = temp_store();
		only_the_chains_bytes_are_kept_and_rechecked(&store).await;
		std::fs::remove_dir_all(dir).unwrap();
	}

	/// The same rules on an S3-compatible server (`scripts/s3.sh` starts one for the tests), each
	/// run under its own prefix.
	#[tokio::test]
	async fn an_s3_bucket_keeps_only_the_chains_bytes() {
		let Ok(endpoint) = std::env::var("HEALTHCHAIN_TEST_S3_ENDPOINT") else {
			assert!(
				std::env::var("CI").is_err(),
				"CI must run the store tests on S3 too: set HEALTHCHAIN_TEST_S3_ENDPOINT"
			);
			return;
		};
		let builder = AmazonS3Builder::new()
			.with_endpoint(endpoint)
			.with_allow_http(true)
			.with_region("us-east-1")
			.with_access_key_id("healthchain-test")
			.with_secret_access_key("healthchain-test");
		let prefix = format!("unit-{}-{}", std::process::id(), rand::random::<u32>());
		let store = DocumentStore::s3(builder.clone(), "healthchain-test", Some(&prefix)).unwrap();
		only_the_chains_bytes_are_kept_and_rechecked(&store).await;
		// A bucket that does not exist is caught at start.
		let missing = DocumentStore::s3(builder, "no-such-bucket", None).unwrap();
		assert!(missing.check().await.is_err());
	}

	#[test]
	fn a_store_location_is_a_directory_or_an_s3_bucket() {
		assert_eq!(
			"gateway-data/documents".parse(),
			Ok(StoreLocation::Directory("gateway-data/documents".into()))
		);
		assert_eq!(
			"s3://hospital-records".parse(),
			Ok(StoreLocation::S3 { bucket: "hospital-records".into(), prefix: None })
		);
		let with_prefix: StoreLocation = "s3://hospital-records/gateway-1/".parse().unwrap();
		assert_eq!(
			with_prefix,
			StoreLocation::S3 {
				bucket: "hospital-records".into(),
				prefix: Some("gateway-1".into())
			}
		);
		assert_eq!(with_prefix.to_string(), "s3://hospital-records/gateway-1");
		for bad in ["", "gs://bucket", "s3://", "s3://Upper", "s3://ab", "s3://-bucket"] {
			assert!(bad.parse::<StoreLocation>().is_err(), "{bad:?}");
		}
	}
}
