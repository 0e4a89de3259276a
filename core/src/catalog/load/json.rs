//! Reading the canonical JSON form leniently, so that every problem is found
//! (a strict serde pass would stop at the first).

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::super::error::ProblemCode;
use super::super::model::{CatalogData, Change, Duty, DutyKind, Holder, Matter, Revision, Unit};
use super::super::validate::{BAD_DATE, Locator, Problems};
use super::super::{Catalog, CatalogError};
use super::parse_date;

type Obj = Map<String, Value>;

struct Reader<'a> {
    loc: Locator,
    out: &'a mut Problems,
}

impl Reader<'_> {
    fn problem(&mut self, code: ProblemCode, path: &str, en: String, zh: String) {
        self.out.path(&self.loc, code, path, en, zh);
    }

    fn object<'v>(&mut self, v: &'v Value, path: &str) -> Option<&'v Obj> {
        let o = v.as_object();
        if o.is_none() {
            self.problem(
                ProblemCode::InvalidValue,
                path,
                format!("expected an object, found {}", kind(v)),
                format!("应为对象，实为{}", kind_zh(v)),
            );
        }
        o
    }

    fn array<'v>(&mut self, o: &'v Obj, key: &str, path: &str, required: bool) -> &'v [Value] {
        match o.get(key) {
            Some(Value::Array(a)) => a,
            None | Some(Value::Null) => {
                if required {
                    self.missing(&join(path, key), key);
                }
                &[]
            }
            Some(v) => {
                self.problem(
                    ProblemCode::InvalidValue,
                    &join(path, key),
                    format!("expected a list, found {}", kind(v)),
                    format!("应为数组，实为{}", kind_zh(v)),
                );
                &[]
            }
        }
    }

    fn missing(&mut self, path: &str, key: &str) {
        self.problem(
            ProblemCode::MissingField,
            path,
            format!("the field {key:?} is missing"),
            format!("缺少字段 {key}"),
        );
    }

    /// A field read as `T`; reports a missing required field or a bad value.
    fn field<T: DeserializeOwned>(
        &mut self,
        o: &Obj,
        key: &str,
        path: &str,
        required: bool,
    ) -> Option<T> {
        match o.get(key) {
            None | Some(Value::Null) => {
                if required {
                    self.missing(&join(path, key), key);
                }
                None
            }
            Some(Value::String(s)) if required && s.trim().is_empty() => {
                self.missing(&join(path, key), key);
                None
            }
            Some(v) => match T::deserialize(v) {
                Ok(t) => Some(t),
                Err(e) => {
                    self.problem(
                        ProblemCode::InvalidValue,
                        &join(path, key),
                        format!("cannot read {v}: {e}"),
                        format!("无法识别的值 {v}：{e}"),
                    );
                    None
                }
            },
        }
    }

    fn string(&mut self, o: &Obj, key: &str, path: &str, required: bool) -> String {
        self.field::<String>(o, key, path, required)
            .unwrap_or_default()
    }

    fn date(&mut self, o: &Obj, key: &str, path: &str) -> chrono::NaiveDate {
        let s = self.string(o, key, path, true);
        if s.is_empty() {
            return BAD_DATE;
        }
        parse_date(&s).unwrap_or_else(|| {
            self.problem(
                ProblemCode::InvalidValue,
                &join(path, key),
                format!("{s:?} is not a date (expected YYYY-MM-DD)"),
                format!("“{s}”不是日期（应为 YYYY-MM-DD）"),
            );
            BAD_DATE
        })
    }

    fn known_keys(&mut self, o: &Obj, keys: &[&str], path: &str) {
        for k in o.keys().filter(|k| !keys.contains(&k.as_str())) {
            self.problem(
                ProblemCode::InvalidValue,
                &join(path, k),
                format!("unknown field {k:?}"),
                format!("未知字段 {k}"),
            );
        }
    }

    fn unit(&mut self, v: &Value, path: &str) -> Option<Unit> {
        let o = self.object(v, path)?;
        self.known_keys(
            o,
            &[
                "id",
                "name_zh",
                "name_en",
                "level",
                "kind",
                "department",
                "township",
                "variants_zh",
            ],
            path,
        );
        let level = self.field(o, "level", path, true);
        let kind = self.field(o, "kind", path, true);
        Some(Unit {
            id: self.string(o, "id", path, true),
            name_zh: self.string(o, "name_zh", path, true),
            name_en: self.string(o, "name_en", path, false),
            level: level.unwrap_or(super::super::UnitLevel::County),
            kind: kind.unwrap_or(super::super::UnitKind::Department),
            department: self.field(o, "department", path, false),
            township: self.field(o, "township", path, false),
            variants_zh: self
                .field::<Vec<String>>(o, "variants_zh", path, false)
                .unwrap_or_default(),
        })
    }

    fn duty(&mut self, v: &Value, path: &str, primary: bool) -> Option<Duty> {
        let o = self.object(v, path)?;
        self.known_keys(o, &["holder", "kinds", "text_zh"], path);
        let holder = match o.get("holder").and_then(Value::as_str).map(str::trim) {
            Some(s) if !s.is_empty() => s.parse().unwrap_or(Holder::Territorial),
            _ if primary => {
                self.problem(
                    ProblemCode::NoPrimary,
                    &join(path, "holder"),
                    "the matter has no primary duty holder".into(),
                    "事项未明确主体责任单位".into(),
                );
                Holder::Territorial
            }
            _ => {
                self.missing(&join(path, "holder"), "holder");
                Holder::Territorial
            }
        };
        let mut kinds = Vec::new();
        for (i, k) in self.array(o, "kinds", path, false).iter().enumerate() {
            let kpath = format!("{path}.kinds[{i}]");
            match k.as_str().map(str::parse::<DutyKind>) {
                Some(Ok(d)) => kinds.push(d),
                _ => self.problem(
                    ProblemCode::UnknownDuty,
                    &kpath,
                    format!(
                        "{k} is not a duty code (patrol, report, dissuade, assist_enforcement, …)"
                    ),
                    format!("{k} 不是有效的责任类型代码"),
                ),
            }
        }
        Some(Duty {
            holder,
            kinds,
            text_zh: self.string(o, "text_zh", path, false),
        })
    }

    fn matter(&mut self, v: &Value, path: &str) -> Option<Matter> {
        let o = self.object(v, path)?;
        self.known_keys(
            o,
            &[
                "id",
                "domain",
                "name_zh",
                "name_en",
                "primary",
                "supporting",
                "workflow",
                "legal_basis",
                "source",
                "sla",
            ],
            path,
        );
        let id = self.string(o, "id", path, true);
        let ppath = join(path, "primary");
        let primary = match o.get("primary") {
            Some(Value::Array(list)) => {
                if list.len() > 1 {
                    self.problem(
                        ProblemCode::MultiplePrimary,
                        &ppath,
                        format!(
                            "matter {id} has {} primary duty holders; the list must name one",
                            list.len()
                        ),
                        format!(
                            "事项 {id} 有 {} 个主体责任单位，清单只能明确一个",
                            list.len()
                        ),
                    );
                }
                match list.first() {
                    Some(first) => self.duty(first, &format!("{ppath}[0]"), true),
                    None => {
                        self.no_primary(&ppath, &id);
                        None
                    }
                }
            }
            None | Some(Value::Null) => {
                self.no_primary(&ppath, &id);
                None
            }
            Some(v) => self.duty(v, &ppath, true),
        };
        let supporting = self
            .array(o, "supporting", path, false)
            .iter()
            .enumerate()
            .filter_map(|(i, d)| self.duty(d, &format!("{path}.supporting[{i}]"), false))
            .collect();
        // Every stage's limit is optional, so a misspelt stage would
        // otherwise drop its limit without a word.
        if let Some(Value::Object(sla)) = o.get("sla") {
            self.known_keys(sla, &["dispatch", "arrival", "reply"], &join(path, "sla"));
        }
        Some(Matter {
            domain: self.string(o, "domain", path, true),
            name_zh: self.string(o, "name_zh", path, true),
            name_en: self.string(o, "name_en", path, false),
            primary: primary.unwrap_or_else(|| Duty::new(Holder::Territorial, [])),
            supporting,
            workflow: self.field(o, "workflow", path, false).unwrap_or_default(),
            legal_basis: self.string(o, "legal_basis", path, false),
            source: self.string(o, "source", path, false),
            sla: self.field(o, "sla", path, false).unwrap_or_default(),
            id,
        })
    }

    fn no_primary(&mut self, path: &str, id: &str) {
        self.problem(
            ProblemCode::NoPrimary,
            path,
            format!("matter {id} has no primary duty holder"),
            format!("事项 {id} 未明确主体责任单位"),
        );
    }

    fn revision(&mut self, v: &Value, path: &str) -> Option<Revision> {
        let o = self.object(v, path)?;
        self.known_keys(
            o,
            &["id", "reference", "effective", "title_zh", "changes"],
            path,
        );
        let mut changes = Vec::new();
        for (i, c) in self.array(o, "changes", path, true).iter().enumerate() {
            let cpath = format!("{path}.changes[{i}]");
            let Some(co) = self.object(c, &cpath) else {
                continue;
            };
            let mut entries = co.iter();
            let (Some((action, body)), None) = (entries.next(), entries.next()) else {
                self.problem(
                    ProblemCode::InvalidValue,
                    &cpath,
                    "a change must have exactly one of \"add\", \"remove\", \"modify\"".into(),
                    "每项调整须且仅须包含 add、remove、modify 之一".into(),
                );
                continue;
            };
            let apath = format!("{cpath}.{action}");
            let change = match action.as_str() {
                "add" => self.matter(body, &apath).map(Change::Add),
                "modify" | "change" => self.matter(body, &apath).map(Change::Modify),
                "remove" => match body.as_str() {
                    Some(id) if !id.trim().is_empty() => Some(Change::Remove(id.to_string())),
                    _ => {
                        self.missing(&apath, "remove");
                        None
                    }
                },
                other => {
                    self.problem(
                        ProblemCode::InvalidValue,
                        &cpath,
                        format!("unknown change {other:?}: expected add, remove or modify"),
                        format!("未知调整类型 {other}：应为 add、remove 或 modify"),
                    );
                    None
                }
            };
            changes.extend(change);
        }
        Some(Revision {
            id: self.string(o, "id", path, true),
            reference: self.string(o, "reference", path, true),
            effective: self.date(o, "effective", path),
            title_zh: self.string(o, "title_zh", path, false),
            changes,
        })
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn kind_zh(v: &Value) -> &'static str {
    match v {
        Value::Null => "空值",
        Value::Bool(_) => "布尔值",
        Value::Number(_) => "数字",
        Value::String(_) => "字符串",
        Value::Array(_) => "数组",
        Value::Object(_) => "对象",
    }
}

/// Reads JSON text into a list and the problems found reading it.
pub(super) fn read(file: &str, text: &str) -> (Option<CatalogData>, Locator, Problems) {
    let loc = Locator::Path {
        file: file.to_string(),
    };
    let mut out = Problems::default();
    if super::too_large(file, text.len(), &mut out) {
        return (None, loc, out);
    }
    let value: Value = match serde_json::from_str(text.trim_start_matches('\u{feff}')) {
        Ok(v) => v,
        Err(e) => {
            out.at(
                ProblemCode::Parse,
                (
                    file.to_string(),
                    Some(e.line() as u32),
                    format!("column {}", e.column()),
                ),
                format!("not valid JSON: {e}"),
                format!("不是有效的 JSON：{e}"),
            );
            return (None, loc, out);
        }
    };
    // serde_json keeps the last of two equal keys; a list must not say two
    // things at once.
    let dups = duplicate_keys(text.trim_start_matches('\u{feff}'));
    if !dups.is_empty() {
        for (path, key) in dups {
            let at = if path.is_empty() {
                "the list".to_string()
            } else {
                path.clone()
            };
            let field = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            out.at(
                ProblemCode::Parse,
                (file.to_string(), None, field),
                format!("the key {key:?} appears twice in {at}"),
                format!("键 {key:?} 在 {at} 中出现两次"),
            );
        }
        return (None, loc, out);
    }
    let mut r = Reader {
        loc: loc.clone(),
        out: &mut out,
    };
    let Some(o) = r.object(&value, "") else {
        return (None, loc, out);
    };
    r.known_keys(
        o,
        &[
            "id",
            "title_zh",
            "title_en",
            "reference",
            "effective",
            "illustrative",
            "command_centre",
            "domains",
            "units",
            "matters",
            "revisions",
        ],
        "",
    );
    let units = r.array(o, "units", "", true).iter().enumerate();
    let units = units
        .filter_map(|(i, u)| r.unit(u, &format!("units[{i}]")))
        .collect();
    let mut domains = Vec::new();
    for (i, d) in r.array(o, "domains", "", true).iter().enumerate() {
        domains.extend(r.field_value(d, &format!("domains[{i}]")));
    }
    let matters = r.array(o, "matters", "", true).iter().enumerate();
    let matters = matters
        .filter_map(|(i, m)| r.matter(m, &format!("matters[{i}]")))
        .collect();
    let revisions = r.array(o, "revisions", "", false).iter().enumerate();
    let revisions = revisions
        .filter_map(|(i, v)| r.revision(v, &format!("revisions[{i}]")))
        .collect();
    let data = CatalogData {
        id: r.string(o, "id", "", true),
        title_zh: r.string(o, "title_zh", "", false),
        title_en: r.string(o, "title_en", "", false),
        reference: r.string(o, "reference", "", true),
        effective: r.date(o, "effective", ""),
        illustrative: r.field(o, "illustrative", "", false).unwrap_or(false),
        command_centre: r.string(o, "command_centre", "", true),
        domains,
        units,
        matters,
        revisions,
    };
    (Some(data), loc, out)
}

impl Reader<'_> {
    fn field_value<T: DeserializeOwned>(&mut self, v: &Value, path: &str) -> Option<T> {
        match T::deserialize(v) {
            Ok(t) => Some(t),
            Err(e) => {
                self.problem(
                    ProblemCode::InvalidValue,
                    path,
                    format!("cannot read {v}: {e}"),
                    format!("无法识别的值 {v}：{e}"),
                );
                None
            }
        }
    }
}

impl Catalog {
    /// Reads a list from its canonical JSON form (as written by
    /// [`Catalog::to_json`]), and validates it.
    ///
    /// `file` names the source in problems. A `primary` given as a list is
    /// read, so that a list naming two primary holders (or none) is reported
    /// as such.
    ///
    /// # Errors
    ///
    /// [`CatalogError::Invalid`] with every problem found; `field` is the
    /// path to the value (`matters[3].supporting[0].kinds[1]`).
    ///
    /// ```
    /// use huying::catalog::Catalog;
    /// let json = Catalog::sample().to_json()
    ///     .replacen("\"patrol\"", "\"patrolling\"", 1)
    ///     .replacen("\"holder\": \"U010\"", "\"holder\": \"U404\"", 1);
    /// let err = Catalog::from_json("list.json", &json).unwrap_err();
    /// let codes: Vec<_> = err.problems().iter().map(|p| p.code.code()).collect();
    /// assert_eq!(codes, ["catalog.unknown_duty", "catalog.unknown_unit"]);
    /// ```
    pub fn from_json(file: &str, text: &str) -> Result<Catalog, CatalogError> {
        let (data, loc, problems) = read(file, text);
        match data {
            Some(data) => Catalog::checked(data, &loc, problems),
            None => Err(CatalogError::Invalid {
                problems: problems.list,
            }),
        }
    }
}

/// The keys that appear twice in one object of a JSON text, each with the
/// path of its object (`matters[3]`, empty for the top level), in order.
fn duplicate_keys(text: &str) -> Vec<(String, String)> {
    use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
    use std::cell::RefCell;

    struct Walk<'a> {
        path: String,
        dups: &'a RefCell<Vec<(String, String)>>,
    }

    impl<'de> DeserializeSeed<'de> for Walk<'_> {
        type Value = ();
        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Walk<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            let mut seen = std::collections::HashSet::new();
            while let Some(key) = map.next_key::<String>()? {
                let path = if self.path.is_empty() {
                    key.clone()
                } else {
                    format!("{}.{key}", self.path)
                };
                if !seen.insert(key.clone()) {
                    self.dups.borrow_mut().push((self.path.clone(), key));
                }
                map.next_value_seed(Walk {
                    path,
                    dups: self.dups,
                })?;
            }
            Ok(())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            let mut i = 0usize;
            while seq
                .next_element_seed(Walk {
                    path: format!("{}[{i}]", self.path),
                    dups: self.dups,
                })?
                .is_some()
            {
                i += 1;
            }
            Ok(())
        }
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
    }

    let dups = RefCell::new(Vec::new());
    let mut de = serde_json::Deserializer::from_str(text);
    // The text parsed already as a value: a failure here cannot happen.
    let _ = Walk {
        path: String::new(),
        dups: &dups,
    }
    .deserialize(&mut de);
    dups.into_inner()
}
