//! Every keyed sort in the console goes through one copy of the standard sort: each `sort_by`
//! closure would otherwise be its own few kilobytes of wasm. Callers turn their order into `u64`s.

/// Up to three `u64`s compared in turn, then the item's index: a total order, so stable.
pub type Key = [u64; 3];

/// `u64` with the order of `i64`.
pub fn i64_key(x: i64) -> u64 {
    (x as u64) ^ (1 << 63)
}

/// `u64` with the order of [`f64::total_cmp`].
pub fn f64_key(x: f64) -> u64 {
    let b = x.to_bits();
    if b >> 63 == 1 {
        !b
    } else {
        b | (1 << 63)
    }
}

/// Inverse of [`f64_key`].
pub fn f64_from_key(k: u64) -> f64 {
    f64::from_bits(if k >> 63 == 1 { k & !(1 << 63) } else { !k })
}

/// Sorts `(key, index)` pairs; reuse `buf` on hot paths.
pub fn sort_keyed(buf: &mut [(Key, u32)]) {
    buf.sort_unstable();
}

/// Indices `0..n` ordered by `key`; equal keys keep index order.
pub fn order_by(n: usize, key: impl Fn(usize) -> Key) -> Vec<u32> {
    let mut buf: Vec<(Key, u32)> = (0..n).map(|i| (key(i), i as u32)).collect();
    sort_keyed(&mut buf);
    buf.into_iter().map(|(_, i)| i).collect()
}

/// `items` in the order of `key`, equal keys in their original order.
pub fn by_key<T>(items: &[T], key: impl Fn(&T) -> Key) -> impl Iterator<Item = &T> {
    order_by(items.len(), |i| key(&items[i]))
        .into_iter()
        .map(move |i| &items[i as usize])
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ties_keep_index_order() {
        let keys = [3u64, 1, 3, 0, 1];
        assert_eq!(order_by(5, |i| [keys[i], 0, 0]), vec![3, 1, 4, 0, 2]);
    }

    proptest! {
        #[test]
        fn i64_keys_order_like_i64(a: i64, b: i64) {
            prop_assert_eq!(i64_key(a).cmp(&i64_key(b)), a.cmp(&b));
        }

        #[test]
        fn f64_keys_order_like_total_cmp(a: f64, b: f64) {
            prop_assert_eq!(f64_key(a).cmp(&f64_key(b)), a.total_cmp(&b));
            prop_assert_eq!(f64_from_key(f64_key(a)).to_bits(), a.to_bits());
        }

        #[test]
        fn order_by_is_a_stable_sort(v in proptest::collection::vec((-5i64..5, any::<u8>()), 0..50)) {
            let mut want: Vec<usize> = (0..v.len()).collect();
            want.sort_by_key(|&i| v[i].0);
            let got: Vec<usize> = order_by(v.len(), |i| [i64_key(v[i].0), 0, 0]).into_iter().map(|i| i as usize).collect();
            prop_assert_eq!(got, want);
        }
    }
}
