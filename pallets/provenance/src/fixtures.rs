//! Fixtures for benchmarks, this pallet's and other pallets' (through their runtime's benchmark
//! helpers), and the tests that share them: the deepest prefixes, packs at any nesting depth,
//! distinct serials and SSCCs. The institutions they rest on are made through
//! [`Config::BenchmarkHelper`].

use crate::*;
#[cfg(feature = "runtime-benchmarks")]
use alloc::vec::Vec;
#[cfg(feature = "runtime-benchmarks")]
use polkadot_sdk::frame_support::traits::Get;

#[cfg(feature = "runtime-benchmarks")]
impl<T: Config> Pallet<T> {
	/// Assigns the longest company prefix the GS1 key `key` could fall under (12 digits: the
	/// one a lookup finds last) to `holder`, of `kind`, straight in storage, counting `products`
	/// under it, with the stems counted as the assigning call counts them. Nothing is held.
	pub(crate) fn assign_longest_prefix_for_benchmarks(
		key: &[u8],
		holder: InstitutionId,
		kind: InstitutionKind,
		authority: &T::AccountId,
		products: u32,
	) -> CompanyPrefix {
		let prefix = company_prefixes_of(key)
			.last()
			.map(|digits| CompanyPrefix::truncate_from(digits.to_vec()))
			.unwrap_or_default();
		if !CompanyPrefixes::<T>::contains_key(&prefix) {
			Self::count_under_stems(&prefix);
		}
		CompanyPrefixes::<T>::insert(
			&prefix,
			PrefixAssignment {
				holder,
				kind,
				jurisdiction: healthchain_primitives::credentials::BENCHMARK_JURISDICTION,
				assigned_by: authority.clone(),
				assigned_at: 0,
				products,
				deposit: Default::default(),
			},
		);
		prefix
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl<T: Config> Pallet<T> {
	/// A pack of `product` nested as deep as [`Config::MaxNesting`] allows at `pharmacy`, the
	/// unit `B<index>`: the deepest path the dispensing checks take (see
	/// [`Pallet::dispensable_unit_at_depth`]). What other pallets' benchmarks dispense.
	pub fn dispensable_unit_for_benchmarks(
		product: &Gtin,
		pharmacy: InstitutionId,
		index: u32,
	) -> Sgtin {
		Self::dispensable_unit_at_depth(product, pharmacy, index, T::MaxNesting::get())
	}

	/// Registers `product` for a new manufacturer if needed (under its longest company
	/// prefix), creates its batch `BENCHMARK` (never expiring) if needed, and commissions the
	/// unit `B<index>` at `pharmacy` inside `depth` containers (a case in a pallet for two; at
	/// most [`Config::MaxNesting`]). Nothing is held.
	pub fn dispensable_unit_at_depth(
		product: &Gtin,
		pharmacy: InstitutionId,
		index: u32,
		depth: u32,
	) -> Sgtin {
		use polkadot_sdk::frame_benchmarking::account;

		let depositor: T::AccountId = account("provenance", index, 0);
		let product = *product;
		if !Products::<T>::contains_key(product) {
			let maker =
				T::BenchmarkHelper::register_institution(InstitutionKind::Manufacturer, &depositor);
			Self::assign_longest_prefix_for_benchmarks(
				&product.0,
				maker,
				InstitutionKind::Manufacturer,
				&depositor,
				1,
			);
			Products::<T>::insert(
				product,
				Product {
					manufacturer: maker,
					details_hash: [0; 32],
					batches: 0,
					registered_at: 0,
					depositor: depositor.clone(),
					deposit: Default::default(),
				},
			);
		}
		let lot = Lot::truncate_from(b"BENCHMARK".to_vec());
		let batch = match BatchOfLot::<T>::get(product, &lot) {
			Some(batch) => batch,
			None => {
				let batch = NextBatchId::<T>::get();
				NextBatchId::<T>::put(batch.saturating_add(1));
				let manufacturer =
					Products::<T>::get(product).map(|p| p.manufacturer).unwrap_or_default();
				Products::<T>::mutate_extant(product, |p| p.batches = p.batches.saturating_add(1));
				Batches::<T>::insert(
					batch,
					Batch {
						gtin: product,
						lot: lot.clone(),
						expiry: Moment::MAX,
						retained_until: Moment::MAX,
						quantity: T::MaxBatchQuantity::get(),
						commissioned: 0,
						purged: 0,
						manufacturer,
						status: BatchStatus::Active,
						depositor: depositor.clone(),
						deposit: Default::default(),
					},
				);
				BatchOfLot::<T>::insert(product, &lot, batch);
				batch
			},
		};
		let unit = Sgtin { gtin: product, serial: benchmark_serial(b'B', index) };
		if Units::<T>::contains_key(&unit) {
			return unit;
		}
		Batches::<T>::mutate_extant(batch, |b| b.commissioned = b.commissioned.saturating_add(1));
		// The outermost container first, then each one inside it.
		let depth = depth.min(T::MaxNesting::get());
		let mut location = Location::At(pharmacy);
		for level in (0..depth).rev() {
			let sscc = benchmark_sscc(level, pharmacy, index);
			let height = u8::try_from(level.saturating_add(1)).unwrap_or(u8::MAX);
			Containers::<T>::insert(
				sscc,
				Container {
					location: location.clone(),
					children: 1,
					units: 1,
					contents: Contents::Product(product),
					height,
					hops: 3,
					packed_at: if matches!(location, Location::In(_)) { 3 } else { 0 },
					depositor: depositor.clone(),
					deposit: Default::default(),
				},
			);
			location = Location::In(sscc);
		}
		let packed_at = if matches!(location, Location::In(_)) { 3 } else { 0 };
		Units::<T>::insert(
			&unit,
			Unit { batch, status: UnitStatus::Active, location, hops: 0, packed_at },
		);
		unit
	}
}

/// A serial `<prefix><index>` for benchmarks.
#[cfg(any(feature = "runtime-benchmarks", test))]
pub(crate) fn benchmark_serial(prefix: u8, index: u32) -> Serial {
	let mut digits = Vec::from([prefix]);
	let mut rest = index;
	let mut reversed = Vec::new();
	loop {
		// A digit: below 10.
		reversed.push(b'0'.saturating_add(u8::try_from(rest % 10).unwrap_or_default()));
		rest /= 10;
		if rest == 0 {
			break;
		}
	}
	digits.extend(reversed.into_iter().rev());
	Serial::truncate_from(digits)
}

/// A distinct valid SSCC for benchmarks: extension digit `level`, then `party` and `index`.
#[cfg(any(feature = "runtime-benchmarks", test))]
pub(crate) fn benchmark_sscc(level: u32, party: InstitutionId, index: u32) -> Sscc {
	let number = u64::from(level % 10)
		.saturating_mul(10_000_000_000_000_000)
		.saturating_add(u64::from(party % 1_000_000).saturating_mul(10_000_000_000))
		.saturating_add(u64::from(index));
	let mut body = [b'0'; 17];
	let mut rest = number;
	for digit in body.iter_mut().rev() {
		*digit = b'0'.saturating_add(u8::try_from(rest % 10).unwrap_or_default());
		rest /= 10;
	}
	Sscc::with_check_digit(body).unwrap_or(Sscc([b'0'; 18]))
}
