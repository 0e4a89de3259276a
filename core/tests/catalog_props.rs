//! Properties of the responsibility list: any list that validates round-trips
//! through JSON (and the tabular form) unchanged; as-of look-ups agree with
//! applying the revisions in order; no input makes a loader panic.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone};
use huying::catalog::{
    Catalog, CatalogData, Change, Domain, Duty, DutyKind, Holder, Matter, Revision, SlaOverrides,
    Step, StepRole, TabularFiles, Unit, UnitKind, UnitLevel,
};
use huying::sla::Limit;
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    // Any printable text, quotes and CJK included; sometimes empty.
    prop_oneof![
        Just(String::new()),
        "[a-z 乡镇巡查\"',;=→：]{1,12}",
        "\\PC{0,10}"
    ]
}

fn limit() -> impl Strategy<Value = Option<Limit>> {
    prop_oneof![
        3 => Just(None),
        1 => (1u32..500).prop_map(|n| Some(Limit::Minutes(n))),
        1 => (1u32..72).prop_map(|n| Some(Limit::Hours(n))),
        1 => (1u32..30).prop_map(|n| Some(Limit::WorkingDays(n))),
        1 => (1u32..30).prop_map(|n| Some(Limit::Days(n))),
        1 => (1u32..40).prop_map(|n| Some(Limit::WorkingHours(n))),
    ]
}

fn kinds() -> impl Strategy<Value = Vec<DutyKind>> {
    proptest::collection::btree_set(proptest::sample::select(DutyKind::ALL.to_vec()), 0..4)
        .prop_map(|s| s.into_iter().collect())
}

/// Numbers of departments and townships.
type Shape = (usize, usize);

/// The shape of a county: departments, townships and which departments have
/// an agency in which township.
#[derive(Clone, Debug)]
struct County {
    depts: usize,
    towns: usize,
    agencies: BTreeSet<(usize, usize)>,
}

fn county() -> impl Strategy<Value = County> {
    (1usize..4, 1usize..4).prop_flat_map(|(depts, towns)| {
        proptest::collection::btree_set((0..depts, 0..towns), 0..=depts * towns).prop_map(
            move |agencies| County {
                depts,
                towns,
                agencies,
            },
        )
    })
}

fn holder((d, t): Shape) -> impl Strategy<Value = Holder> {
    prop_oneof![
        Just(Holder::Territorial),
        (0..d).prop_map(|i| Holder::Unit(format!("D{i}"))),
        (0..t).prop_map(|i| Holder::Unit(format!("T{i}"))),
    ]
}

fn duty(c: Shape) -> impl Strategy<Value = Duty> {
    (holder(c), kinds(), text()).prop_map(|(holder, kinds, text_zh)| Duty {
        holder,
        kinds,
        text_zh,
    })
}

fn step() -> impl Strategy<Value = Step> {
    let roles = vec![
        StepRole::Grid,
        StepRole::Township,
        StepRole::Primary,
        StepRole::County,
        StepRole::Joint,
    ];
    (proptest::sample::select(roles), text()).prop_map(|(role, t)| Step::new(role, t))
}

/// A matter with the given id.
fn matter(c: Shape, id: String) -> impl Strategy<Value = Matter> {
    (
        prop_oneof![Just("a".to_string()), Just("b".to_string())],
        "[\\p{Han}]{1,8}",
        text(),
        duty(c),
        proptest::collection::vec(duty(c), 0..3),
        proptest::collection::vec(step(), 0..3),
        text(),
        (limit(), limit(), limit()),
    )
        .prop_map(
            move |(domain, name_zh, name_en, primary, supporting, workflow, legal_basis, sla)| {
                Matter {
                    id: id.clone(),
                    domain,
                    name_zh,
                    name_en,
                    primary,
                    supporting,
                    workflow,
                    legal_basis,
                    source: String::new(),
                    sla: SlaOverrides {
                        dispatch: sla.0,
                        arrival: sla.1,
                        reply: sla.2,
                    },
                }
            },
        )
}

fn units(c: &County) -> Vec<Unit> {
    let unit =
        |id: String, level, kind, department: Option<String>, township: Option<String>| Unit {
            name_zh: format!("单位{id}"),
            name_en: format!("Unit {id}"),
            id,
            level,
            kind,
            department,
            township,
            variants_zh: Vec::new(),
        };
    let mut units = vec![unit(
        "CC".into(),
        UnitLevel::County,
        UnitKind::Platform,
        None,
        None,
    )];
    units.extend((0..c.depts).map(|i| {
        unit(
            format!("D{i}"),
            UnitLevel::County,
            UnitKind::Department,
            None,
            None,
        )
    }));
    units.extend((0..c.towns).map(|i| {
        unit(
            format!("T{i}"),
            UnitLevel::Township,
            UnitKind::Township,
            None,
            None,
        )
    }));
    units.extend(c.agencies.iter().map(|&(d, t)| {
        unit(
            format!("D{d}@T{t}"),
            UnitLevel::Township,
            UnitKind::StationedAgency,
            Some(format!("D{d}")),
            Some(format!("T{t}")),
        )
    }));
    units
}

/// One revision's operations, drawn blind: each picks a matter by index
/// among those in force when it applies.
#[derive(Clone, Debug)]
enum Op {
    Add(Matter),
    Remove(usize),
    Modify(usize, Matter),
}

fn ops(c: Shape) -> impl Strategy<Value = Vec<Op>> {
    proptest::collection::vec(
        prop_oneof![
            matter(c, String::new()).prop_map(Op::Add),
            (0usize..20).prop_map(Op::Remove),
            ((0usize..20), matter(c, String::new())).prop_map(|(i, m)| Op::Modify(i, m)),
        ],
        0..4,
    )
}

/// A list that is valid by construction.
fn catalog() -> impl Strategy<Value = CatalogData> {
    county().prop_flat_map(|c| {
        let shape = (c.depts, c.towns);
        let base = (0usize..6).prop_flat_map(move |n| {
            (0..n)
                .map(|i| matter(shape, format!("M{i}")).boxed())
                .collect::<Vec<_>>()
        });
        let revs = proptest::collection::vec((1i64..400, ops(shape)), 0..4);
        (Just(c), base, revs).prop_map(|(c, matters, revs)| {
            let mut in_force: Vec<String> = matters.iter().map(|m| m.id.clone()).collect();
            let mut date = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
            let mut next = 100;
            let revisions = revs
                .into_iter()
                .enumerate()
                .map(|(r, (gap, ops))| {
                    date += Duration::days(gap);
                    let mut changes = Vec::new();
                    for op in ops {
                        match op {
                            Op::Add(mut m) => {
                                m.id = format!("M{next}");
                                next += 1;
                                in_force.push(m.id.clone());
                                changes.push(Change::Add(m));
                            }
                            Op::Remove(i) if !in_force.is_empty() => {
                                let id = in_force.remove(i % in_force.len());
                                changes.push(Change::Remove(id));
                            }
                            Op::Modify(i, mut m) if !in_force.is_empty() => {
                                m.id = in_force[i % in_force.len()].clone();
                                changes.push(Change::Modify(m));
                            }
                            _ => {}
                        }
                    }
                    Revision {
                        id: format!("R{r}"),
                        reference: format!("文号〔{r}〕"),
                        effective: date,
                        title_zh: String::new(),
                        changes,
                    }
                })
                .collect();
            CatalogData {
                id: "P".into(),
                title_zh: "清单".into(),
                title_en: String::new(),
                reference: "文号".into(),
                effective: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
                illustrative: false,
                command_centre: "CC".into(),
                domains: vec![Domain::new("a", "甲", "A"), Domain::new("b", "乙", "B")],
                units: units(&c),
                matters,
                revisions,
            }
        })
    })
}

/// The matters in force at an instant, by applying the revisions in order.
fn naive_as_of(d: &CatalogData, at: &DateTime<FixedOffset>) -> Option<Vec<Matter>> {
    let china = huying::to_china(*at).date_naive();
    if china < d.effective {
        return None;
    }
    let mut list = d.matters.clone();
    for r in d.revisions.iter().filter(|r| r.effective <= china) {
        for c in &r.changes {
            match c {
                Change::Add(m) => list.push(m.clone()),
                Change::Remove(id) => list.retain(|m| &m.id != id),
                Change::Modify(m) => {
                    for x in list.iter_mut().filter(|x| x.id == m.id) {
                        *x = m.clone();
                    }
                }
            }
        }
    }
    Some(list)
}

/// The list with every text made to fit the tabular form.
fn fit_cells(mut d: CatalogData) -> CatalogData {
    let fit = |t: &mut String| *t = t.replace(['\n', '\r', '→'], " ").trim().to_string();
    let fix = |m: &mut Matter| {
        for t in [&mut m.name_en, &mut m.legal_basis, &mut m.primary.text_zh] {
            fit(t);
        }
        for s in &mut m.supporting {
            fit(&mut s.text_zh);
        }
        // One line per supporting holder: all texts given, or none.
        if m.supporting.iter().any(|s| s.text_zh.is_empty()) {
            for s in &mut m.supporting {
                s.text_zh.clear();
            }
        }
        for st in &mut m.workflow {
            fit(&mut st.text_zh);
        }
    };
    d.matters.iter_mut().for_each(fix);
    for r in &mut d.revisions {
        for c in &mut r.changes {
            if let Change::Add(m) | Change::Modify(m) = c {
                fix(m);
            }
        }
    }
    // A revision without changes has no row to stand on.
    d.revisions.retain(|r| !r.changes.is_empty());
    d
}

/// Who answers for a matter in a township, the slow way.
fn naive_resolve(d: &CatalogData, m: &Matter, town: &str) -> String {
    match &m.primary.holder {
        Holder::Territorial => town.to_string(),
        Holder::Unit(id) => d
            .units
            .iter()
            .find(|u| {
                u.kind == UnitKind::StationedAgency
                    && u.department.as_deref() == Some(id.as_str())
                    && u.township.as_deref() == Some(town)
            })
            .map_or_else(|| id.clone(), |u| u.id.clone()),
    }
}

fn instant() -> impl Strategy<Value = DateTime<FixedOffset>> {
    // 2024-06 to 2030, any offset (the list counts days in China time).
    (0i64..6 * 366 * 86_400, -12i32..14).prop_map(|(s, h)| {
        let tz = FixedOffset::east_opt(h * 3600).unwrap();
        tz.timestamp_opt(1_717_200_000 + s, 0).unwrap()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_lists_validate(d in catalog()) {
        prop_assert!(Catalog::new(d.clone()).is_ok(), "{:?}", Catalog::new(d).err());
    }

    #[test]
    fn valid_lists_round_trip_through_json(d in catalog()) {
        let c = Catalog::new(d.clone()).unwrap();
        let json = c.to_json();
        let again = Catalog::from_json("p.json", &json).unwrap();
        prop_assert_eq!(again.data(), &d);
        prop_assert_eq!(again.to_json(), json);
    }

    #[test]
    fn as_of_agrees_with_applying_revisions_in_order(d in catalog(), ats in proptest::collection::vec(instant(), 1..8)) {
        let c = Catalog::new(d.clone()).unwrap();
        for at in &ats {
            let naive = naive_as_of(&d, at);
            match c.as_of(at) {
                Err(e) => {
                    prop_assert!(naive.is_none());
                    prop_assert_eq!(e.code(), "catalog.before_list");
                }
                Ok(edition) => {
                    let naive = naive.unwrap();
                    let fast: Vec<Matter> = edition.matters().cloned().collect();
                    prop_assert_eq!(&fast, &naive);
                    for m in &naive {
                        for town in c.townships() {
                            let want = naive_resolve(&d, m, &town.id);
                            let got = c.resolve(&m.id, &town.id, at).unwrap();
                            prop_assert_eq!(&got.primary.id, &want);
                            let h = c.resolve_handle(
                                c.matter_handle(&m.id).unwrap(), c.unit_handle(&town.id).unwrap(), at).unwrap();
                            prop_assert_eq!(&c.unit_by_handle(h).unwrap().id, &want);
                        }
                    }
                }
            }
        }
    }

    /// The tabular form round-trips too, once texts fit in cells (no line
    /// breaks in supporting texts, no arrows in workflow steps, no padding).
    #[test]
    fn tabular_round_trip(d in catalog()) {
        let d = fit_cells(d);
        let c = Catalog::new(d.clone()).unwrap();
        let tsv = c.to_delimited(b'\t');
        let again = Catalog::from_tsv(&tsv.files());
        prop_assert!(again.is_ok(), "{:?}", again.err());
        let mut again = again.unwrap().data().clone();
        // Tables define the domains that matters use, in order of first use.
        prop_assert!(again.domains.iter().all(|x| d.domains.contains(x)));
        again.domains = d.domains.clone();
        prop_assert_eq!(&again, &d);
    }

    #[test]
    fn loaders_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400), s in "\\PC{0,200}") {
        let text = String::from_utf8_lossy(&bytes);
        let _ = Catalog::from_json("x.json", &text);
        let _ = Catalog::from_json("x.json", &s);
        let files = TabularFiles { list: ("l", &s), units: ("u", &text), matters: ("m", &s), revisions: Some(("r", &text)) };
        let _ = Catalog::from_csv(&files);
        let _ = Catalog::from_tsv(&files);
        let _ = Catalog::from_xlsx("x.xlsx", &bytes);
    }

    #[test]
    fn mutated_json_never_panics(d in catalog(), cut in 0usize..4000, junk in "[\\[\\]{}\",:0-9a-z]{0,6}") {
        let json = Catalog::new(d).unwrap().to_json();
        let cut = json.char_indices().map(|(i, _)| i).nth(cut % json.chars().count().max(1)).unwrap_or(0);
        let mutated = format!("{}{}{}", &json[..cut], junk, &json[cut..]);
        if let Err(e) = Catalog::from_json("m.json", &mutated) {
            prop_assert!(!e.problems().is_empty());
        }
    }
}
