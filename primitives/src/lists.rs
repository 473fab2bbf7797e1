//! Lists a call takes (scopes, packs, shipment items, sites, outcomes): refused when they name an
//! item twice, and, where an empty list means nothing, when empty.

/// Whether any item appears twice in `items`, in O(n log n).
pub fn has_duplicates<Item: Ord>(items: &[Item]) -> bool {
	let mut sorted: alloc::vec::Vec<&Item> = items.iter().collect();
	sorted.sort();
	sorted.windows(2).any(|pair| pair[0] == pair[1])
}

/// What is wrong with a list that must name at least one item, none twice.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ListFault {
	/// It names nothing.
	Empty,
	/// It names an item twice.
	Duplicate,
}

/// A list naming at least one item and none twice; each pallet maps the fault to its error.
pub fn ensure_distinct<Item: Ord>(items: &[Item]) -> Result<(), ListFault> {
	if items.is_empty() {
		Err(ListFault::Empty)
	} else if has_duplicates(items) {
		Err(ListFault::Duplicate)
	} else {
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_list_is_distinct_when_it_names_something_and_nothing_twice() {
		assert_eq!(ensure_distinct(&[3, 1, 2]), Ok(()));
		assert_eq!(ensure_distinct::<u8>(&[]), Err(ListFault::Empty));
		assert_eq!(ensure_distinct(&[1, 2, 1]), Err(ListFault::Duplicate));
		assert!(!has_duplicates::<u8>(&[]));
		assert!(has_duplicates(&["a", "b", "a"]));
	}
}
