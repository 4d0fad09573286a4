//! SplitMix64: the one small seeded generator of the workspace (poll jitter, DAG generators, the
//! simulator), giving the same numbers on every platform.

const GAMMA: u64 = 0x9e37_79b9_7f4a_7c15;

fn finalize(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A well-mixed 64-bit hash of `z`: the first output of a generator seeded with `z`.
pub fn mix(z: u64) -> u64 {
    finalize(z.wrapping_add(GAMMA))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GAMMA);
        finalize(self.0)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`; at 0 or below and at 1 or above no number is drawn.
    pub fn chance(&mut self, p: f64) -> bool {
        if p <= 0.0 {
            return false;
        }
        if p >= 1.0 {
            return true;
        }
        self.unit() < p
    }

    /// Uniform in `lo..=hi` (`lo` when `hi < lo`); always draws one number.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        let n = self.next_u64();
        if hi < lo {
            return lo;
        }
        match (hi - lo).checked_add(1) {
            Some(span) => lo + n % span,
            None => n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_sequence() {
        let mut r = Rng::new(0);
        assert_eq!(r.next_u64(), 0xe220_a839_7b1d_cdaf);
        assert_eq!(r.next_u64(), 0x6e78_9e6a_a1b9_65f4);
        assert_eq!(mix(0), 0xe220_a839_7b1d_cdaf);
    }

    #[test]
    fn range_unit_and_chance_stay_in_bounds() {
        let mut r = Rng::new(9);
        for _ in 0..1000 {
            assert!((3..=5).contains(&r.range(3, 5)));
            assert!((0.0..1.0).contains(&r.unit()));
        }
        assert_eq!(r.range(4, 4), 4);
        assert_eq!(r.range(7, 2), 7);
        let mut full = Rng::new(3);
        assert_eq!(full.range(0, u64::MAX), Rng::new(3).next_u64());
        assert!(!r.chance(0.0) && r.chance(1.0));
    }
}
