//! Median and 90th percentile of stage times: exact for small groups, a
//! log-bucket histogram for large ones, so memory stays bounded.
//!
//! Quantiles use the **nearest-rank** rule: the q-quantile of n values is
//! the ⌈q·n⌉-th smallest (the median of 4 values is the 2nd). Up to
//! 1,024 values per group and stage are kept and the answer is
//! exact; past that they go into a histogram with 64 buckets per power of
//! two (values below 128 s exact), whose answer — the middle of the bucket
//! holding the rank, clamped to the smallest and largest value seen — is
//! within 0.8 % of the exact one. The switch depends only on the count, so
//! the result does not depend on the order of the calls.

/// Values kept exactly per group and stage before switching to the histogram.
pub(crate) const EXACT_LIMIT: usize = 1024;

const SUB: u32 = 64; // buckets per power of two
const LINEAR: u32 = 2 * SUB; // values below this are their own bucket

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Sketch {
    Exact(Vec<u32>),
    Hist {
        counts: Vec<u32>,
        n: u64,
        min: u32,
        max: u32,
    },
}

impl Default for Sketch {
    fn default() -> Sketch {
        Sketch::Exact(Vec::new())
    }
}

fn bucket(v: u32) -> usize {
    if v < LINEAR {
        return v as usize;
    }
    let e = 31 - v.leading_zeros(); // floor(log2 v) >= 7
    let shift = e - 6; // >= 1
    let m = v >> shift; // in [64, 128)
    (LINEAR + (shift - 1) * SUB + (m - SUB)) as usize
}

/// The middle of a bucket.
fn middle(b: usize) -> u32 {
    let b = b as u32;
    if b < LINEAR {
        return b;
    }
    let shift = (b - LINEAR) / SUB + 1;
    let m = (b - LINEAR) % SUB + SUB;
    let low = u64::from(m) << shift;
    let mid = low + (1u64 << shift) / 2;
    u32::try_from(mid).unwrap_or(u32::MAX)
}

impl Sketch {
    #[inline(always)]
    pub(crate) fn add(&mut self, v: u32) {
        match self {
            Sketch::Hist {
                counts,
                n,
                min,
                max,
            } => {
                // The common case of a big group: one increment.
                let b = bucket(v);
                match counts.get_mut(b) {
                    Some(c) => *c += 1,
                    None => {
                        counts.resize(b + 1, 0);
                        if let Some(c) = counts.get_mut(b) {
                            *c = 1;
                        }
                    }
                }
                *n += 1;
                *min = (*min).min(v);
                *max = (*max).max(v);
            }
            Sketch::Exact(vals) => {
                vals.push(v);
                if vals.len() > EXACT_LIMIT {
                    self.spill_to_histogram();
                }
            }
        }
    }

    /// Moves the exact values into a histogram (past [`EXACT_LIMIT`]).
    /// Adds every value of another sketch: the same sketch as adding them
    /// one by one (the exact list and the histogram depend only on the
    /// values and their count, not on their order).
    pub(crate) fn merge(&mut self, other: &Sketch) {
        match other {
            Sketch::Exact(vals) => {
                for &v in vals {
                    self.add(v);
                }
            }
            Sketch::Hist {
                counts,
                n,
                min,
                max,
            } => {
                if let Sketch::Exact(_) = self {
                    self.spill_to_histogram();
                }
                if let Sketch::Hist {
                    counts: mine,
                    n: my_n,
                    min: my_min,
                    max: my_max,
                } = self
                {
                    if mine.len() < counts.len() {
                        mine.resize(counts.len(), 0);
                    }
                    for (m, c) in mine.iter_mut().zip(counts) {
                        *m += *c;
                    }
                    *my_n += *n;
                    *my_min = (*my_min).min(*min);
                    *my_max = (*my_max).max(*max);
                }
            }
        }
    }

    /// The histogram of the exact values, counted in one pass into buckets
    /// sized for the largest: the same sketch as adding them one by one.
    #[cold]
    fn spill_to_histogram(&mut self) {
        let Sketch::Exact(vals) = self else {
            return;
        };
        let (min, max) = vals
            .iter()
            .fold((u32::MAX, 0), |(lo, hi), &v| (lo.min(v), hi.max(v)));
        let mut counts = vec![0u32; if vals.is_empty() { 0 } else { bucket(max) + 1 }];
        for &v in vals.iter() {
            if let Some(c) = counts.get_mut(bucket(v)) {
                *c += 1;
            }
        }
        *self = Sketch::Hist {
            counts,
            n: vals.len() as u64,
            min,
            max,
        };
    }

    pub(crate) fn len(&self) -> u64 {
        match self {
            Sketch::Exact(v) => v.len() as u64,
            Sketch::Hist { n, .. } => *n,
        }
    }

    pub(crate) fn is_exact(&self) -> bool {
        matches!(self, Sketch::Exact(_))
    }

    /// The nearest-rank q-quantile (0 < q ≤ 1), `None` when empty.
    pub(crate) fn quantile(&self, q: f64) -> Option<u32> {
        let n = self.len();
        if n == 0 {
            return None;
        }
        // ⌈q·n⌉ in integers (q has at most a few decimals here).
        let permille = (q * 1000.0).round().clamp(1.0, 1000.0) as u64;
        let rank = (permille * n).div_ceil(1000).max(1);
        match self {
            Sketch::Exact(vals) => {
                let i = (rank - 1) as usize;
                // Most groups of a fine report hold a few values: selected
                // on the stack, without a copy on the heap.
                let (mut small, mut heap) = ([0u32; 32], Vec::new());
                let v: &mut [u32] = match small.get_mut(..vals.len()) {
                    Some(v) => {
                        v.copy_from_slice(vals);
                        v
                    }
                    None => {
                        heap.extend_from_slice(vals);
                        &mut heap
                    }
                };
                (i < v.len()).then(|| *v.select_nth_unstable(i).1)
            }
            Sketch::Hist {
                counts, min, max, ..
            } => {
                let mut seen = 0u64;
                for (b, c) in counts.iter().enumerate() {
                    seen += u64::from(*c);
                    if seen >= rank {
                        return Some(middle(b).clamp(*min, *max));
                    }
                }
                Some(*max)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merging_sketches_is_adding_their_values() {
        let vals: Vec<u32> = (0..3000u32).map(|i| (i * 7919) % 300_000).collect();
        let mut all = Sketch::default();
        for v in &vals {
            all.add(*v);
        }
        // Exact into exact, histogram into exact, exact into histogram,
        // histogram into histogram.
        for cuts in [[10, 20], [10, 2000], [1500, 1510], [1100, 2200]] {
            let mut parts = [Sketch::default(), Sketch::default(), Sketch::default()];
            for (i, v) in vals.iter().enumerate() {
                let p = usize::from(i >= cuts[0]) + usize::from(i >= cuts[1]);
                parts[p].add(*v);
            }
            let mut merged = Sketch::default();
            for p in &parts {
                merged.merge(p);
            }
            assert_eq!(merged.len(), all.len(), "{cuts:?}");
            assert_eq!(merged.is_exact(), all.is_exact(), "{cuts:?}");
            for q in [0.1, 0.5, 0.9, 1.0] {
                assert_eq!(merged.quantile(q), all.quantile(q), "{cuts:?} {q}");
            }
        }
        let mut small = Sketch::default();
        small.merge(&parts_of(&[5, 1, 3]));
        small.merge(&parts_of(&[2, 4]));
        assert!(small.is_exact());
        assert_eq!((small.len(), small.quantile(0.5)), (5, Some(3)));
    }

    fn parts_of(vals: &[u32]) -> Sketch {
        let mut s = Sketch::default();
        for v in vals {
            s.add(*v);
        }
        s
    }

    /// Spilling the exact values counts them in one pass: the same
    /// histogram as adding each value to an empty one.
    #[test]
    fn spilling_is_adding_one_by_one() {
        for (n, modulus) in [(EXACT_LIMIT + 1, 300_000u32), (3000, 97), (5000, u32::MAX)] {
            let vals: Vec<u32> = (0..n as u32)
                .map(|i| i.wrapping_mul(2_654_435_761) % modulus)
                .collect();
            let mut spilled = Sketch::default();
            let mut by_one = Sketch::Hist {
                counts: Vec::new(),
                n: 0,
                min: u32::MAX,
                max: 0,
            };
            for v in &vals {
                spilled.add(*v);
                by_one.add(*v);
            }
            assert!(!spilled.is_exact());
            assert_eq!(spilled, by_one, "{n} {modulus}");
        }
    }

    #[test]
    fn nearest_rank_exact() {
        let mut s = Sketch::default();
        for v in [40, 10, 30, 20] {
            s.add(v);
        }
        assert_eq!(s.quantile(0.5), Some(20));
        assert_eq!(s.quantile(0.9), Some(40));
        assert_eq!(Sketch::default().quantile(0.5), None);
    }

    /// An exact sketch's quantile is the nearest rank of its sorted values,
    /// whether selected on the stack (up to 32 values) or on the heap.
    #[test]
    fn exact_quantiles_are_nearest_ranks_for_every_size() {
        for n in 1..=100u32 {
            let vals: Vec<u32> = (0..n)
                .map(|i| i.wrapping_mul(2_654_435_761) % 1000)
                .collect();
            let s = parts_of(&vals);
            let mut sorted = vals.clone();
            sorted.sort_unstable();
            for (q, permille) in [(0.1, 100u32), (0.5, 500), (0.9, 900), (1.0, 1000)] {
                let rank = (permille * n).div_ceil(1000).max(1);
                let want = sorted.get(rank as usize - 1).copied();
                assert_eq!(s.quantile(q), want, "n {n} q {q}");
            }
        }
    }

    #[test]
    fn buckets_are_monotone_and_tight() {
        let mut last = 0;
        for v in (0..2_000_000u32).step_by(97) {
            let b = bucket(v);
            assert!(b >= last);
            last = b;
            let m = middle(b);
            let err = (f64::from(m) - f64::from(v)).abs() / f64::from(v.max(1));
            assert!(err <= 0.008, "{v} -> {m}");
        }
        assert!(bucket(u32::MAX) < 2000);
    }

    #[test]
    fn histogram_is_close_to_exact_and_order_free() {
        let vals: Vec<u32> = (0..5000u32).map(|i| (i * 7919) % 300_000).collect();
        let mut a = Sketch::default();
        let mut b = Sketch::default();
        for v in &vals {
            a.add(*v);
        }
        for v in vals.iter().rev() {
            b.add(*v);
        }
        assert!(!a.is_exact());
        assert_eq!(a, b);
        let mut sorted = vals.clone();
        sorted.sort_unstable();
        let exact = sorted.get(2499).copied().unwrap_or(0);
        let got = a.quantile(0.5).unwrap_or(0);
        assert!((f64::from(got) - f64::from(exact)).abs() <= f64::from(exact) * 0.008);
    }
}
