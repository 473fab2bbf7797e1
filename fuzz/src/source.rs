//! Where the fuzzer's choices come from: a seeded random stream, or the bytes of one input of a
//! coverage-guided engine (read to the end, then zeros).

use rand::{rngs::StdRng, RngCore, SeedableRng};

/// A stream of choices.
pub trait Source {
	/// The next byte.
	fn byte(&mut self) -> u8;

	/// A number below `n` (0 when `n` is 0).
	fn below(&mut self, n: u32) -> u32 {
		if n <= 1 {
			return 0;
		}
		let raw = u32::from_le_bytes([self.byte(), self.byte(), self.byte(), self.byte()]);
		raw % n
	}

	/// True `percent` times in a hundred.
	fn chance(&mut self, percent: u32) -> bool {
		self.below(100) < percent
	}

	/// Any `u64`.
	fn any_u64(&mut self) -> u64 {
		let mut bytes = [0u8; 8];
		for byte in &mut bytes {
			*byte = self.byte();
		}
		u64::from_le_bytes(bytes)
	}

	/// One of `items` (which must not be empty).
	fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
		let len = u32::try_from(items.len()).unwrap_or(u32::MAX);
		&items[self.below(len) as usize]
	}
}

/// Choices from a seeded random generator: the same seed, the same run.
pub struct SeededSource(StdRng);

impl SeededSource {
	/// The stream of `seed`.
	pub fn new(seed: u64) -> Self {
		Self(StdRng::seed_from_u64(seed))
	}
}

impl Source for SeededSource {
	fn byte(&mut self) -> u8 {
		(self.0.next_u32() & 0xff) as u8
	}

	fn below(&mut self, n: u32) -> u32 {
		if n <= 1 {
			0
		} else {
			self.0.next_u32() % n
		}
	}
}

/// Choices read from one input.
pub struct ByteSource<'a> {
	data: &'a [u8],
}

impl<'a> ByteSource<'a> {
	/// The stream of `data`.
	pub fn new(data: &'a [u8]) -> Self {
		Self { data }
	}

	/// Whether the input is used up.
	pub fn is_empty(&self) -> bool {
		self.data.is_empty()
	}
}

impl Source for ByteSource<'_> {
	fn byte(&mut self) -> u8 {
		match self.data.split_first() {
			Some((first, rest)) => {
				self.data = rest;
				*first
			},
			None => 0,
		}
	}

	/// One byte for small ranges, so that an engine's mutations map to nearby choices.
	fn below(&mut self, n: u32) -> u32 {
		match n {
			0 | 1 => 0,
			2..=256 => u32::from(self.byte()) % n,
			_ => u32::from_le_bytes([self.byte(), self.byte(), self.byte(), self.byte()]) % n,
		}
	}
}
