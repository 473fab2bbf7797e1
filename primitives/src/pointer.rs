//! Where an off-chain document lives, written so that the pointer itself says nothing about the
//! patient.
//!
//! Records and trial documents point at their (encrypted) content with one of:
//! - a content identifier (CID): CIDv0 (`Qm…`, base58btc sha2-256) or CIDv1 in base32
//!   (`b`/`B`), base58btc (`z`) or base16 (`f`/`F`), with a content codec from
//!   [`CONTENT_CODECS`] and a cryptographic multihash from [`HASH_FUNCTIONS`] of its exact
//!   digest length. The identity "hash", which would carry the content itself, is refused;
//! - `ipfs://<CID>`, optionally followed by a path;
//! - `ar://<Arweave transaction id>` (43 base64url characters, 32 bytes), optionally followed by
//!   a path;
//! - `https://<lowercase DNS name>[:port]` followed by a path.
//!
//! Queries (`?`), fragments (`#`), user information (`@` before the host), IP literals and free
//! text are refused: they are where names and diagnoses would hide. A path segment is RFC 3986
//! `pchar`s only, never empty, `.` or `..`.

use alloc::vec::Vec;

/// The IPLD content codecs a CID may name: raw bytes, dag-pb (UnixFS), dag-cbor, dag-json and
/// dag-jose.
pub const CONTENT_CODECS: [u64; 5] = [0x55, 0x70, 0x71, 0x0129, 0x85];

/// The multihash functions a CID may use, with their digest lengths: sha2-256, sha2-512,
/// sha3-512, sha3-384, sha3-256, keccak-256, blake3, blake2b-256 and blake2b-512.
pub const HASH_FUNCTIONS: [(u64, usize); 9] = [
	(0x12, 32),
	(0x13, 64),
	(0x14, 64),
	(0x15, 48),
	(0x16, 32),
	(0x1b, 32),
	(0x1e, 32),
	(0xb220, 32),
	(0xb240, 64),
];

const BASE32_LOWER: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
const BASE32_UPPER: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const BASE58_BTC: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const BASE64_URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The multicodec of raw bytes and of the sha2-256 multihash.
const RAW: u8 = 0x55;
const SHA2_256: u8 = 0x12;

/// Whether `pointer` is a CID or an `ipfs`, `ar` or `https` URI as the module documentation
/// describes. Records and trial protocols and results point with it.
pub fn is_well_formed_pointer(pointer: &[u8]) -> bool {
	if let Some(rest) = pointer.strip_prefix(b"ipfs://") {
		let (cid, path) = split_path(rest);
		is_cid(cid) && is_path(path)
	} else if let Some(rest) = pointer.strip_prefix(b"ar://") {
		let (transaction, path) = split_path(rest);
		is_arweave_transaction(transaction) && is_path(path)
	} else if let Some(rest) = pointer.strip_prefix(b"https://") {
		let (authority, path) = split_path(rest);
		is_https_authority(authority) && !path.is_empty() && is_path(path)
	} else {
		is_cid(pointer)
	}
}

/// The CIDv1 (base32, `bafkrei…`) of a document of raw bytes whose sha2-256 digest is `digest`:
/// how the record gateway names the encrypted documents it stores.
pub fn raw_sha256_cid(digest: &[u8; 32]) -> Vec<u8> {
	let mut bytes = Vec::with_capacity(36);
	bytes.extend_from_slice(&[1, RAW, SHA2_256, 32]);
	bytes.extend_from_slice(digest);
	let mut cid = Vec::with_capacity(60);
	cid.push(b'b');
	let mut buffer: u16 = 0;
	let mut bits = 0u32;
	for byte in bytes {
		buffer = (buffer << 8) | u16::from(byte);
		bits = bits.saturating_add(8);
		while bits >= 5 {
			bits = bits.saturating_sub(5);
			cid.push(BASE32_LOWER[usize::from((buffer >> bits) & 0x1f)]);
		}
	}
	if bits > 0 {
		cid.push(BASE32_LOWER[usize::from((buffer << (5 - bits)) & 0x1f)]);
	}
	cid
}

/// An `ipfs://` pointer of exactly `len` bytes (at least 66): a raw sha2-256 CID followed by a
/// path that fills the rest. The longest pointer the runtime takes, for benchmarks and tests.
pub fn ipfs_pointer_of_len(digest: &[u8; 32], len: usize) -> Vec<u8> {
	let mut pointer = b"ipfs://".to_vec();
	pointer.extend(raw_sha256_cid(digest));
	if len > pointer.len() {
		pointer.push(b'/');
		pointer.resize(len, b'a');
	}
	pointer
}

/// Splits `host-or-id/path` at its first `/`, the path keeping its slash.
fn split_path(rest: &[u8]) -> (&[u8], &[u8]) {
	match rest.iter().position(|byte| *byte == b'/') {
		Some(slash) => rest.split_at(slash),
		None => (rest, &[]),
	}
}

/// Empty, or `/segment` repeated: each segment non-empty, not `.` or `..`, of RFC 3986 `pchar`s
/// (unreserved, percent-encoded, sub-delimiters, `:` and `@`).
fn is_path(path: &[u8]) -> bool {
	if path.is_empty() {
		return true;
	}
	let Some(path) = path.strip_prefix(b"/") else { return false };
	path.split(|byte| *byte == b'/').all(|segment| {
		!segment.is_empty() && segment != b"." && segment != b".." && is_pchars(segment)
	})
}

fn is_pchars(segment: &[u8]) -> bool {
	let mut index = 0;
	while let Some(byte) = segment.get(index) {
		if *byte == b'%' {
			let hex = segment.get(index.saturating_add(1)..index.saturating_add(3));
			if !hex.is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit)) {
				return false;
			}
			index = index.saturating_add(3);
		} else {
			if !(byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(byte)) {
				return false;
			}
			index = index.saturating_add(1);
		}
	}
	true
}

/// A lowercase DNS name of at least two labels, its last not all digits (no IP literals), with
/// an optional port 1–65535. No user information.
fn is_https_authority(authority: &[u8]) -> bool {
	let (host, port) = match authority.iter().position(|byte| *byte == b':') {
		Some(colon) => {
			let (host, port) = authority.split_at(colon);
			(host, Some(port.get(1..).unwrap_or_default()))
		},
		None => (authority, None),
	};
	if let Some(port) = port {
		let well_formed = !port.is_empty()
			&& port.len() <= 5
			&& port.iter().all(u8::is_ascii_digit)
			&& port.first() != Some(&b'0');
		let value = port.iter().fold(0u32, |value, digit| {
			value.saturating_mul(10).saturating_add(u32::from(digit.saturating_sub(b'0')))
		});
		if !well_formed || value > 65_535 {
			return false;
		}
	}
	if host.is_empty() || host.len() > 253 {
		return false;
	}
	let labels = host.split(|byte| *byte == b'.');
	let mut count = 0usize;
	let mut last: &[u8] = &[];
	for label in labels {
		let well_formed = !label.is_empty()
			&& label.len() <= 63
			&& label
				.iter()
				.all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || *byte == b'-')
			&& label.first() != Some(&b'-')
			&& label.last() != Some(&b'-');
		if !well_formed {
			return false;
		}
		count = count.saturating_add(1);
		last = label;
	}
	count >= 2 && !last.iter().all(u8::is_ascii_digit)
}

/// An Arweave transaction id: 43 base64url characters encoding exactly 32 bytes (the unused
/// low bits of the last character zero).
fn is_arweave_transaction(id: &[u8]) -> bool {
	let index = |byte: &u8| BASE64_URL.iter().position(|symbol| symbol == byte);
	id.len() == 43
		&& id.iter().all(|byte| index(byte).is_some())
		&& id.last().and_then(index).is_some_and(|value| value.is_multiple_of(4))
}

/// A CIDv0 or a CIDv1 in one of the accepted multibases, naming an accepted codec and hash.
fn is_cid(cid: &[u8]) -> bool {
	if cid.len() == 46 && cid.starts_with(b"Qm") {
		return decode_base58(cid).is_some_and(|bytes| bytes.len() == 34 && is_multihash(&bytes));
	}
	let Some((base, encoded)) = cid.split_first() else { return false };
	let bytes = match base {
		b'b' => decode_base32(encoded, BASE32_LOWER),
		b'B' => decode_base32(encoded, BASE32_UPPER),
		b'z' => decode_base58(encoded),
		b'f' => decode_base16(encoded, false),
		b'F' => decode_base16(encoded, true),
		_ => None,
	};
	let Some(bytes) = bytes else { return false };
	let Some((1, rest)) = read_varint(&bytes) else { return false };
	let Some((codec, multihash)) = read_varint(rest) else { return false };
	CONTENT_CODECS.contains(&codec) && is_multihash(multihash)
}

/// A multihash of an accepted function whose digest has exactly that function's length.
fn is_multihash(bytes: &[u8]) -> bool {
	let Some((code, rest)) = read_varint(bytes) else { return false };
	let Some((length, digest)) = read_varint(rest) else { return false };
	HASH_FUNCTIONS.iter().any(|(function, expected)| {
		*function == code && *expected as u64 == length && digest.len() == *expected
	})
}

/// An unsigned LEB128 varint of at most 9 bytes in its shortest form, and what follows it.
fn read_varint(bytes: &[u8]) -> Option<(u64, &[u8])> {
	let mut value: u64 = 0;
	for (index, byte) in bytes.iter().enumerate().take(9) {
		value |= u64::from(byte & 0x7f) << (7 * index);
		if byte & 0x80 == 0 {
			// A trailing zero byte would be a longer encoding of a shorter number.
			if index > 0 && *byte == 0 {
				return None;
			}
			return Some((value, bytes.get(index.saturating_add(1)..)?));
		}
	}
	None
}

/// RFC 4648 base32 without padding, in one case; trailing bits must be zero.
fn decode_base32(encoded: &[u8], alphabet: &[u8; 32]) -> Option<Vec<u8>> {
	let mut bytes = Vec::with_capacity(encoded.len().saturating_mul(5) / 8);
	let mut buffer: u16 = 0;
	let mut bits = 0u32;
	for symbol in encoded {
		let value = alphabet.iter().position(|candidate| candidate == symbol)?;
		buffer = (buffer << 5) | u16::try_from(value).ok()?;
		bits = bits.saturating_add(5);
		if bits >= 8 {
			bits = bits.saturating_sub(8);
			bytes.push(u8::try_from((buffer >> bits) & 0xff).ok()?);
		}
	}
	// Fewer than five leftover bits, all zero: the canonical end of the encoding.
	(bits < 5 && buffer & ((1 << bits) - 1) == 0).then_some(bytes)
}

/// Base58 (Bitcoin alphabet); each leading `1` is a zero byte.
fn decode_base58(encoded: &[u8]) -> Option<Vec<u8>> {
	let zeros = encoded.iter().take_while(|symbol| **symbol == b'1').count();
	// Little-endian base-256 digits of the number the remaining symbols spell.
	let mut number: Vec<u8> = Vec::with_capacity(encoded.len());
	for symbol in encoded.get(zeros..)? {
		let mut carry =
			u32::try_from(BASE58_BTC.iter().position(|candidate| candidate == symbol)?).ok()?;
		for digit in number.iter_mut() {
			carry = carry.saturating_add(u32::from(*digit).saturating_mul(58));
			*digit = u8::try_from(carry & 0xff).ok()?;
			carry >>= 8;
		}
		while carry > 0 {
			number.push(u8::try_from(carry & 0xff).ok()?);
			carry >>= 8;
		}
	}
	let mut bytes = alloc::vec![0u8; zeros];
	bytes.extend(number.iter().rev());
	Some(bytes)
}

/// Base16 in one case.
fn decode_base16(encoded: &[u8], upper: bool) -> Option<Vec<u8>> {
	let nibble = |symbol: &u8| match symbol {
		b'0'..=b'9' => Some(symbol.saturating_sub(b'0')),
		b'a'..=b'f' if !upper => Some(symbol.saturating_sub(b'a').saturating_add(10)),
		b'A'..=b'F' if upper => Some(symbol.saturating_sub(b'A').saturating_add(10)),
		_ => None,
	};
	if !encoded.len().is_multiple_of(2) {
		return None;
	}
	encoded
		.chunks(2)
		.map(|pair| Some((nibble(pair.first()?)? << 4) | nibble(pair.get(1)?)?))
		.collect()
}

#[cfg(test)]
mod tests {
	use super::*;

	const HELLO_WORLD_SHA256: [u8; 32] = [
		0xb9, 0x4d, 0x27, 0xb9, 0x93, 0x4d, 0x3e, 0x08, 0xa5, 0x2e, 0x52, 0xd7, 0xda, 0x7d, 0xab,
		0xfa, 0xc4, 0x84, 0xef, 0xe3, 0x7a, 0x53, 0x80, 0xee, 0x90, 0x88, 0xf7, 0xac, 0xe2, 0xef,
		0xcd, 0xe9,
	];

	#[test]
	fn the_gateway_names_documents_as_ipfs_does() {
		// `ipfs add --cid-version 1 --raw-leaves` of the bytes "hello world".
		assert_eq!(
			raw_sha256_cid(&HELLO_WORLD_SHA256),
			b"bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e".to_vec()
		);
		assert!(is_well_formed_pointer(&raw_sha256_cid(&HELLO_WORLD_SHA256)));
		for len in [66, 80, 128] {
			let pointer = ipfs_pointer_of_len(&HELLO_WORLD_SHA256, len);
			assert_eq!(pointer.len(), len);
			assert!(is_well_formed_pointer(&pointer));
		}
	}

	#[test]
	fn content_identifiers_in_every_accepted_base() {
		for pointer in [
			// CIDv0 and CIDv1 (dag-pb) of the same directory.
			"QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG",
			"bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi",
			"BAFYBEIGDYRZT5SFP7UDM7HU76UH7Y26NF3EFUYLQABF3OCLGTQY55FBZDI",
			"zdj7Wg2Qkk4mYgAkVU1kppfQ2sMGz5zPwERVpeWmxCQLDxVoC",
			"f01551220b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9",
			"F01551220B94D27B9934D3E08A52E52D7DA7DABFAC484EFE37A5380EE9088F7ACE2EFCDE9",
			"ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi",
			"ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/readme",
			"ipfs://QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG/a/b%20c.pdf",
			"ar://bNbA3TEQVL60xlgCcqdz4ZPHFZ711cZ3hmkpGttDt_U",
			"ar://bNbA3TEQVL60xlgCcqdz4ZPHFZ711cZ3hmkpGttDt_U/manifest.json",
			"https://records.charite.example/fhir/DocumentReference/7f3a9c",
			"https://ehr.example.org:8443/documents/1",
		] {
			assert!(is_well_formed_pointer(pointer.as_bytes()), "{pointer}");
		}
	}

	#[test]
	fn pointers_that_could_carry_a_name_or_a_diagnosis_are_refused() {
		for pointer in [
			"",
			"John Doe HIV positive",
			"JohnDoe-HIV",
			// Queries and fragments.
			"https://ehr.example.org/documents?patient=john.doe",
			"https://ehr.example.org/documents#hiv",
			"ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi?name=x",
			// User information, IP literals, upper case hosts, bad ports, no path.
			"https://john:doe@ehr.example.org/documents/1",
			"https://10.0.0.1/documents/1",
			"https://EHR.example.org/documents/1",
			"https://ehr.example.org:0/documents/1",
			"https://ehr.example.org:70000/documents/1",
			"https://ehr.example.org",
			"https://localhost/documents/1",
			"https://-ehr.example.org/documents/1",
			// Other schemes.
			"http://ehr.example.org/documents/1",
			"data:text/plain,John%20Doe",
			"ftp://ehr.example.org/documents/1",
			// Bad segments.
			"https://ehr.example.org/documents//1",
			"https://ehr.example.org/documents/../admin",
			"https://ehr.example.org/documents/",
			"https://ehr.example.org/a%2",
			"https://ehr.example.org/a b",
			// CIDs that are not: wrong check of the structure, an identity hash, a short digest.
			"bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzd",
			"bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdia",
			"QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdH0",
			"f015500054a6f686e21",
			"f01551210b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9",
			"f01551220b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcd",
			"f02551220b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9",
			"f01011220b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9",
			"f01551220B94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9",
			"mAVUSILlNJ7mTTT4IpS5S19p9q/rEhO/jelOA7pCI96zi783p",
			// Arweave ids of the wrong length or with non-zero padding bits.
			"ar://bNbA3TEQVL60xlgCcqdz4ZPHFZ711cZ3hmkpGttDt_",
			"ar://bNbA3TEQVL60xlgCcqdz4ZPHFZ711cZ3hmkpGttDt_V",
		] {
			assert!(!is_well_formed_pointer(pointer.as_bytes()), "{pointer}");
		}
	}

	#[test]
	fn varints_are_read_in_their_shortest_form_only() {
		assert_eq!(read_varint(&[0x12, 0xff]), Some((0x12, &[0xff][..])));
		assert_eq!(read_varint(&[0xa0, 0xe4, 0x02]), Some((0xb220, &[][..])));
		assert_eq!(read_varint(&[0x92, 0x00]), None);
		assert_eq!(read_varint(&[0x80; 10]), None);
		assert_eq!(read_varint(&[]), None);
	}
}
