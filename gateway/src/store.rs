//! The document store: encrypted bytes, named by their SHA-256, in an `object_store` (a local
//! directory by default; the same trait fronts S3-compatible stores).
//!
//! An upload streams into a staging object while it is hashed; only bytes whose hash is the
//! record's on-chain `content_hash` are moved to their content address. A download re-hashes
//! the bytes before they leave.

use std::sync::Arc;

use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use object_store::{local::LocalFileSystem, path::Path, ObjectStore, WriteMultipart};
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

/// Content-addressed storage of encrypted documents.
#[derive(Clone)]
pub struct DocumentStore {
	store: Arc<dyn ObjectStore>,
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

	/// A store over any `object_store` backend.
	pub fn new(store: Arc<dyn ObjectStore>) -> Self {
		Self { store }
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

	/// The bytes with this hash, re-hashed: `Ok(None)` if absent, an error if they no longer
	/// hash to their name (corrupted or tampered with at rest).
	pub async fn get_verified(&self, hash: &[u8; 32]) -> Result<Option<Bytes>, StoreError> {
		let bytes = match self.store.get(&content_path(hash)).await {
			Ok(found) => found.bytes().await?,
			Err(object_store::Error::NotFound { .. }) => return Ok(None),
			Err(e) => return Err(e.into()),
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
		match self.store.head(&content_path(hash)).await {
			Ok(_) => Ok(true),
			Err(object_store::Error::NotFound { .. }) => Ok(false),
			Err(e) => Err(e.into()),
		}
	}

	/// Deletes the bytes with this hash (nothing if absent).
	pub async fn delete(&self, hash: &[u8; 32]) -> Result<(), StoreError> {
		match self.store.delete(&content_path(hash)).await {
			Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
			Err(e) => Err(e.into()),
		}
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

	#[tokio::test]
	async fn only_bytes_with_the_chains_hash_are_kept_and_they_are_rechecked_on_the_way_out() {
		let (store, dir) = temp_store();
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
		assert_eq!(
			store.get_verified(&hash).await.unwrap().unwrap(),
			Bytes::from_static(b"ciphertext")
		);
		// Bytes changed at rest are never served.
		let on_disk = dir.join("sha256").join(&hex::encode(hash)[..2]).join(hex::encode(hash));
		std::fs::write(&on_disk, b"ciphertexT").unwrap();
		assert!(matches!(store.get_verified(&hash).await, Err(StoreError::HashMismatch { .. })));
		store.delete(&hash).await.unwrap();
		assert_eq!(store.get_verified(&hash).await.unwrap(), None);
		// No staging files are left over.
		let staging = dir.join("staging");
		assert!(!staging.exists() || std::fs::read_dir(staging).unwrap().next().is_none());
		std::fs::remove_dir_all(dir).unwrap();
	}
}
