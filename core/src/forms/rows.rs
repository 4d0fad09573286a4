//! A form's rows in order, each with a key that stays with it while rows come and go.

/// Hands out row keys, never the same one twice in one form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyAllocator {
    next: usize,
}

impl KeyAllocator {
    pub fn next_key(&mut self) -> usize {
        let key = self.next;
        self.next += 1;
        key
    }
}

/// The rows of a form and the allocator of their keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rows<T> {
    keys: KeyAllocator,
    rows: Vec<(usize, T)>,
}

impl<T> Default for Rows<T> {
    fn default() -> Self {
        Rows {
            keys: KeyAllocator::default(),
            rows: Vec::new(),
        }
    }
}

impl<T> Rows<T> {
    /// One row to start with.
    pub fn one(row: T) -> Self {
        let mut rows = Rows::default();
        rows.push(row);
        rows
    }

    /// Appends `row`; returns its key.
    pub fn push(&mut self, row: T) -> usize {
        let key = self.keys.next_key();
        self.rows.push((key, row));
        key
    }

    /// Removes the row with `key`; false when there is none.
    pub fn remove(&mut self, key: usize) -> bool {
        let before = self.rows.len();
        self.rows.retain(|(k, _)| *k != key);
        self.rows.len() != before
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Where the row with `key` is now.
    pub fn index_of(&self, key: usize) -> Option<usize> {
        self.rows.iter().position(|(k, _)| *k == key)
    }

    pub fn keys(&self) -> Vec<usize> {
        self.rows.iter().map(|(k, _)| *k).collect()
    }

    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.rows.iter().map(|(_, r)| r)
    }

    pub fn last(&self) -> Option<&T> {
        self.rows.last().map(|(_, r)| r)
    }
}

impl<T: Clone> Rows<T> {
    /// Each row with its key, in order.
    pub fn entries(&self) -> Vec<(usize, T)> {
        self.rows.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_never_reused() {
        let mut rows = Rows::one("a");
        let b = rows.push("b");
        assert!(rows.remove(b));
        let c = rows.push("c");
        assert_ne!(b, c);
        assert_eq!(rows.keys(), [0, c]);
        assert_eq!(rows.iter().copied().collect::<Vec<_>>(), ["a", "c"]);
    }

    #[test]
    fn removing_moves_the_rows_after_it_up() {
        let mut rows = Rows::one(1);
        let two = rows.push(2);
        let three = rows.push(3);
        assert_eq!(rows.index_of(three), Some(2));
        assert!(rows.remove(two));
        assert!(!rows.remove(two), "a key is removed once");
        assert_eq!(rows.index_of(three), Some(1));
        assert_eq!(rows.index_of(two), None);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows.last(), Some(&3));
        assert_eq!(rows.entries(), [(0, 1), (three, 3)]);
    }

    #[test]
    fn two_forms_count_their_own_keys() {
        let (mut a, mut b) = (KeyAllocator::default(), KeyAllocator::default());
        assert_eq!((a.next_key(), a.next_key()), (0, 1));
        assert_eq!(b.next_key(), 0);
        assert!(Rows::<u8>::default().is_empty());
    }
}
