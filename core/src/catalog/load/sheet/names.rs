//! Units by name, as officials write them: `县住建局` for
//! 县住房和城乡建设局, `南城镇` for 夏津县南城镇, `县委编办` for
//! 县委机构编制委员会办公室（县委编办）.
//!
//! A name is looked for, in order, among: the units' ids; their names (and
//! a name's parts: `县委机构编制委员会办公室` and `县委编办` for the name
//! above); their other names ([`Unit::variants_zh`]); and last the short
//! forms of all of those, without the county's prefix (`县`, `县委`, `县政府`
//! or a county's name ending in 县, such as `夏津县`) or a city's (`德州市`,
//! or the `市` of `市生态环境局`). The first step that
//! finds units decides: one unit is the answer, two or more are an
//! ambiguity to report. A name found nowhere is reported with the closest
//! known names, ranked by the characters they share.

use std::cell::Cell;
use std::collections::HashMap;

use super::aliases::fold;
use crate::catalog::Unit;

/// How a name was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum How {
    /// The unit's id.
    Id,
    /// The unit's name.
    Name,
    /// A part of the unit's name (without its bracket, or the bracket).
    Part,
    /// One of the unit's other names.
    Variant,
    /// A short form, without the county's prefix.
    Short,
}

/// What a name is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Found {
    /// One unit (its index), and how it was found.
    One(usize, How),
    /// Two or more units (their indexes).
    Many(Vec<usize>),
    /// No unit: the closest known names.
    None(Vec<String>),
}

/// The units of a list, indexed by every name they go by.
pub(crate) struct Names<'u> {
    units: &'u [Unit],
    ids: HashMap<&'u str, usize>,
    /// Folded key → units, for names, parts, variants and short forms.
    tiers: [HashMap<String, Vec<usize>>; 4],
    /// The names that may still be compared in [`Names::closest`]: a
    /// sheet of thousands of unknown names against thousands of units
    /// would otherwise cost their product.
    budget: Cell<usize>,
    /// Every unit's names as they are ranked: (unit, name, its short form's
    /// characters), made on the first search for closest names.
    labels: std::cell::OnceCell<Vec<(usize, String, Vec<char>)>>,
}

/// The names compared in all the searches for closest names of one import.
const CLOSEST_BUDGET: usize = 500_000;

/// A folded name without its bracketed parts, and the bracketed parts.
fn parts(folded: &str) -> (String, Vec<String>) {
    let mut outside = String::new();
    let mut inside = Vec::new();
    let mut depth = 0usize;
    let mut cur = String::new();
    for c in folded.chars() {
        match c {
            '(' => {
                if depth == 0 {
                    cur.clear();
                } else {
                    cur.push(c);
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    inside.push(std::mem::take(&mut cur));
                } else {
                    cur.push(c);
                }
            }
            c if depth > 0 => cur.push(c),
            c => outside.push(c),
        }
    }
    inside.retain(|p| p.chars().count() >= 2 && !p.starts_with('如'));
    (outside, inside)
}

/// A folded name without the county's prefix: `县人民政府`, `县政府`,
/// `县委`, `县`, or up to four characters ending in `县` (`夏津县`), if at
/// least two characters remain.
fn without_county(folded: &str) -> Option<&str> {
    ["县人民政府", "县政府", "县委", "县"]
        .iter()
        .find_map(|p| folded.strip_prefix(p))
        .or_else(|| {
            folded
                .char_indices()
                .skip(1)
                .take(4)
                .find(|&(_, c)| c == '县')
                .and_then(|(i, c)| folded.get(i + c.len_utf8()..))
        })
        .filter(|r| r.chars().count() >= 2)
}

/// A folded name without a city's prefix: two to four characters ending
/// in `市` (`德州市`), or a bare `市`, if at least two characters remain —
/// but not where `市` starts a word (市场, 市民, 市政, 市容, 市区, 市级:
/// `南城镇市场监管所`), nor in a name that starts with 县 (`县城市管理局`).
fn without_city(folded: &str) -> Option<&str> {
    if folded.starts_with('县') {
        return None;
    }
    let word = |r: &&str| {
        ["场", "民", "政", "容", "区", "级"]
            .iter()
            .any(|w| r.starts_with(w))
    };
    folded
        .char_indices()
        .enumerate()
        .take(5)
        .find(|&(n, (_, c))| c == '市' && (n == 0 || n >= 2))
        .and_then(|(_, (i, c))| folded.get(i + c.len_utf8()..))
        .filter(|r| !word(r) && r.chars().count() >= 2)
}

/// The short forms of a folded name: without the county's prefix, the
/// city's, or both (`德州市生态环境局夏津分局` → `生态环境局夏津分局`).
pub(crate) fn shorts(folded: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let county = without_county(folded);
    let city = without_city(folded);
    for s in [
        county,
        city,
        county.and_then(without_city),
        city.and_then(without_county),
    ]
    .into_iter()
    .flatten()
    {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// The shortest short form of a folded name (the name itself if it has
/// none), for ranking names.
pub(crate) fn short(folded: &str) -> &str {
    shorts(folded)
        .into_iter()
        .min_by_key(|s| s.len())
        .unwrap_or(folded)
}

impl<'u> Names<'u> {
    /// Indexes the units.
    pub(crate) fn new(units: &'u [Unit]) -> Names<'u> {
        let mut n = Names {
            units,
            ids: HashMap::new(),
            tiers: Default::default(),
            budget: Cell::new(CLOSEST_BUDGET),
            labels: std::cell::OnceCell::new(),
        };
        for (i, u) in units.iter().enumerate() {
            n.ids.entry(u.id.as_str()).or_insert(i);
            let name = fold(&u.name_zh);
            let (outside, inside) = parts(&name);
            let mut keys: Vec<(usize, String)> = vec![(0, name)];
            keys.push((1, outside));
            keys.extend(inside.into_iter().map(|p| (1, p)));
            for v in &u.variants_zh {
                let v = fold(v);
                let (outside, _) = parts(&v);
                keys.push((2, v));
                keys.push((2, outside));
            }
            let short: Vec<(usize, String)> = keys
                .iter()
                .flat_map(|(_, k)| shorts(k).into_iter().map(|s| (3, s.to_string())))
                .collect();
            keys.extend(short);
            for (tier, key) in keys {
                if key.is_empty() {
                    continue;
                }
                if let Some(t) = n.tiers.get_mut(tier) {
                    let list = t.entry(key).or_default();
                    if !list.contains(&i) {
                        list.push(i);
                    }
                }
            }
        }
        n
    }

    /// The units indexed, with a smaller budget for closest names.
    #[cfg(test)]
    fn with_budget(units: &'u [Unit], budget: usize) -> Names<'u> {
        let n = Names::new(units);
        n.budget.set(budget);
        n
    }

    /// The unit of an index.
    pub(crate) fn unit(&self, i: usize) -> Option<&'u Unit> {
        self.units.get(i)
    }

    /// Looks a name up (see the module documentation).
    pub(crate) fn find(&self, name: &str) -> Found {
        if let Some(&i) = self.ids.get(name.trim()) {
            return Found::One(i, How::Id);
        }
        let folded = fold(name);
        let (outside, _) = parts(&folded);
        let keys = [folded.as_str(), outside.as_str()];
        let mut short_keys: Vec<&str> = keys.to_vec();
        for k in keys {
            short_keys.extend(shorts(k));
        }
        let hows = [How::Name, How::Part, How::Variant, How::Short];
        for (tier, how) in self.tiers.iter().zip(hows) {
            let mut found: Vec<usize> = Vec::new();
            let mut exact = false;
            let tried: &[&str] = if how == How::Short {
                &short_keys
            } else {
                &keys
            };
            for (k, key) in tried.iter().enumerate() {
                for &i in tier.get(*key).map_or(&[][..], Vec::as_slice) {
                    exact |= k == 0 && how == How::Name;
                    if !found.contains(&i) {
                        found.push(i);
                    }
                }
            }
            match found.as_slice() {
                [] => continue,
                [i] => return Found::One(*i, if exact { How::Name } else { how }),
                _ => return Found::Many(found),
            }
        }
        Found::None(self.closest(&folded, 3))
    }

    /// The `n` known names closest to a folded name, one per unit: a unit's
    /// name, or `other name（name）` where one of its other names is closer.
    /// Only a name's first 64 characters count.
    /// None once the import has compared [`CLOSEST_BUDGET`] names.
    pub(crate) fn closest(&self, folded: &str, n: usize) -> Vec<String> {
        let labels = self.labels.get_or_init(|| {
            let mut out = Vec::new();
            for (i, u) in self.units.iter().enumerate() {
                for label in std::iter::once(&u.name_zh).chain(u.variants_zh.iter()) {
                    let chars = short(&fold(label)).chars().take(64).collect();
                    out.push((i, label.clone(), chars));
                }
            }
            out
        });
        let Some(left) = self.budget.get().checked_sub(labels.len()) else {
            return Vec::new();
        };
        self.budget.set(left);
        let target: Vec<char> = short(folded).chars().take(64).collect();
        // The best name of each unit: most characters shared, then fewest edits.
        let mut best: Vec<Option<(u32, usize, &String)>> = vec![None; self.units.len()];
        for (i, label, chars) in labels {
            let here = (similarity(&target, chars), distance(&target, chars), label);
            if let Some(slot) = best.get_mut(*i) {
                let better = match slot {
                    None => true,
                    Some(b) => here.0 > b.0 || here.0 == b.0 && here.1 < b.1,
                };
                if better {
                    *slot = Some(here);
                }
            }
        }
        let mut ranked: Vec<(u32, usize, String)> = best
            .into_iter()
            .zip(self.units)
            .filter_map(|(b, u)| {
                let (score, dist, label) = b?;
                let shown = if *label == u.name_zh {
                    label.clone()
                } else {
                    format!("{label}（{}）", u.name_zh)
                };
                Some((score, dist, shown))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        ranked.dedup_by(|a, b| a.2 == b.2);
        ranked.into_iter().take(n).map(|r| r.2).collect()
    }
}

/// The characters two names share, as a Dice coefficient in thousandths:
/// 1000 for the same characters, 0 for none in common.
fn similarity(a: &[char], b: &[char]) -> u32 {
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    let mut left: Vec<char> = b.to_vec();
    let mut common = 0u32;
    for c in a {
        if let Some(p) = left.iter().position(|x| x == c) {
            left.swap_remove(p);
            common += 1;
        }
    }
    (2000 * common) / (a.len() + b.len()) as u32
}

/// The edit distance between two names, in characters.
fn distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        if let Some(first) = cur.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            if let Some(c) = cur.get_mut(j + 1) {
                *c = sub.min(del).min(ins);
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    fn id(names: &Names<'_>, name: &str) -> Option<String> {
        match names.find(name) {
            Found::One(i, _) => names.unit(i).map(|u| u.id.clone()),
            _ => None,
        }
    }

    #[test]
    fn the_sample_by_the_names_officials_write() {
        let c = Catalog::sample();
        let names = Names::new(&c.data().units);
        for (name, want, how) in [
            ("县住房和城乡建设局", "U012", How::Name),
            ("U012", "U012", How::Id),
            ("县住建局", "U012", How::Variant),
            ("住建局", "U012", How::Short),
            ("夏津县住建局", "U012", How::Short),
            ("县委编办", "U001", How::Part),
            ("县委机构编制委员会办公室", "U001", How::Part),
            ("南城镇", "U068", How::Short),
            ("夏津县南城镇", "U068", How::Name),
            (" 县 自然资源局\n", "U010", How::Name),
            ("县自然资源和规划局", "U010", How::Variant),
            ("县市场监管局", "U015", How::Variant),
            ("东李镇", "U077", How::Variant),
            ("南城镇市场监管所", "U052@U068", How::Short),
            ("县委政法委（县综治中心）", "U005", How::Name),
            ("县综治中心", "U005", How::Part),
            ("市生态环境局夏津分局", "U011", How::Short),
            ("生态环境局夏津分局", "U011", How::Short),
            ("市场监管局", "U015", How::Short),
            ("县城市管理局", "U013", How::Variant),
        ] {
            assert_eq!(id(&names, name).as_deref(), Some(want), "{name}");
            assert!(
                matches!(names.find(name), Found::One(_, h) if h == how),
                "{name}"
            );
        }
    }

    #[test]
    fn unknown_names_come_with_the_closest() {
        let c = Catalog::sample();
        let names = Names::new(&c.data().units);
        let Found::None(near) = names.find("县住建委") else {
            panic!("found");
        };
        assert_eq!(near.len(), 3);
        assert_eq!(near[0], "县住建局（县住房和城乡建设局）");
        let Found::None(near) = names.find("县水务和河湖管理局") else {
            panic!("found");
        };
        assert!(near[0].contains("县水利局"), "{near:?}");
    }

    #[test]
    fn two_units_with_one_name_are_ambiguous() {
        let mut units = Catalog::sample().data().units.clone();
        units[12].variants_zh.push("县城管局".into()); // U013
        units[32].variants_zh.push("县城管局".into()); // U033
        let names = Names::new(&units);
        assert_eq!(names.find("城管局"), Found::Many(vec![12, 32]));
        // A unit's own name beats another's other name.
        units[32].variants_zh.push("县综合行政执法局".into());
        let names = Names::new(&units);
        assert_eq!(names.find("县综合行政执法局"), Found::One(12, How::Name));
    }

    /// Every name and other name of the sample's units reads back as its
    /// unit, and so do their short forms unless two units share one.
    #[test]
    fn every_sample_name_finds_its_unit() {
        let c = Catalog::sample();
        let units = &c.data().units;
        let names = Names::new(units);
        for (i, u) in units.iter().enumerate() {
            for n in std::iter::once(&u.name_zh).chain(&u.variants_zh) {
                assert!(matches!(names.find(n), Found::One(j, _) if j == i), "{n}");
                for s in shorts(&fold(n)) {
                    match names.find(s) {
                        Found::One(j, _) => assert_eq!(j, i, "{s} for {n}"),
                        Found::Many(all) => assert!(all.contains(&i), "{s} for {n}"),
                        Found::None(_) => panic!("{s} for {n} found nothing"),
                    }
                }
            }
        }
    }

    #[test]
    fn short_forms() {
        assert_eq!(shorts("夏津县南城镇"), ["南城镇"]);
        assert_eq!(shorts("德州市生态环境局夏津分局"), ["生态环境局夏津分局"]);
        assert_eq!(shorts("市生态环境局县分局"), ["生态环境局县分局"]);
        assert!(shorts("市场监督管理局").is_empty());
        assert_eq!(shorts("县城市管理局"), ["城市管理局"]);
        assert_eq!(shorts("县委编办"), ["编办"]);
        assert_eq!(shorts("夏津县南城镇市场监管所"), ["南城镇市场监管所"]);
        assert!(shorts("南城镇市场监管所").is_empty());
        assert!(shorts("县局").is_empty());
    }

    #[test]
    fn closest_names_stop_when_the_budget_is_spent() {
        let c = Catalog::sample();
        let labels: usize = c.data().units.iter().map(|u| 1 + u.variants_zh.len()).sum();
        let names = Names::with_budget(&c.data().units, 3 * labels + labels / 2);
        for _ in 0..3 {
            assert_eq!(names.closest("县住建委", 3).len(), 3);
        }
        assert!(names.closest("县住建委", 3).is_empty());
        assert_eq!(names.find("县住建委"), Found::None(Vec::new()));
    }

    #[test]
    fn distances() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(distance(&c("住建局"), &c("住建委")), 1);
        assert_eq!(distance(&c(""), &c("ab")), 2);
        assert_eq!(similarity(&c("住建局"), &c("住建局")), 1000);
        assert_eq!(similarity(&c("ab"), &c("cd")), 0);
    }
}
