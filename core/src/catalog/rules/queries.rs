//! Queries on one edition of the list: the duties of a unit, the number of
//! township-primary matters, the responsibility matrix and keyword search.

use serde::{Deserialize, Serialize};

use super::super::error::CatalogError;
use super::super::model::{Duty, Holder, Matter, Unit};
use super::super::revisions::Edition;
use super::holds;
use crate::Lang;

/// Whether a unit holds the primary or a supporting duty on a matter.
///
/// ```
/// use huying::catalog::HoldingRole;
/// assert_eq!(HoldingRole::Primary.name(huying::Lang::Zh), "主体责任");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HoldingRole {
    /// The primary duty (主体责任).
    Primary,
    /// A supporting duty (配合责任).
    Supporting,
}

impl HoldingRole {
    /// The role in words.
    ///
    /// ```
    /// assert_eq!(huying::catalog::HoldingRole::Supporting.name(huying::Lang::En), "supporting");
    /// ```
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            HoldingRole::Primary => lang.pick("主体责任", "primary"),
            HoldingRole::Supporting => lang.pick("配合责任", "supporting"),
        }
    }
}

/// One duty a unit holds: from [`Edition::duties_of`].
///
/// ```
/// let c = huying::catalog::Catalog::sample();
/// let held = c.latest().duties_of("U011")?; // the ecology branch
/// let primary = held.iter().filter(|h| h.role == huying::catalog::HoldingRole::Primary);
/// assert_eq!(primary.count(), 12);
/// assert_eq!(held.len(), 13); // and it supports M019 (straw burning)
/// # Ok::<(), huying::catalog::CatalogError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Holding<'a> {
    /// The matter.
    pub matter: &'a Matter,
    /// Primary or supporting.
    pub role: HoldingRole,
    /// The duty as the list words it.
    pub duty: &'a Duty,
}

impl<'a> Edition<'a> {
    /// Every duty a unit holds in this edition, in list order: duties given
    /// to it by name; for a stationed agency, those of its department (which
    /// it carries out in its township); for a township, the territorial ones.
    ///
    /// # Errors
    ///
    /// [`CatalogError::UnknownUnit`].
    ///
    /// ```
    /// use huying::catalog::HoldingRole;
    /// let c = huying::catalog::Catalog::sample();
    /// let e = c.editions().next().unwrap();
    /// let town = e.duties_of("U068")?;
    /// assert_eq!(town.iter().filter(|h| h.role == HoldingRole::Primary).count(), 8);
    /// assert_eq!(town.iter().filter(|h| h.role == HoldingRole::Supporting).count(), 83);
    /// let office = e.duties_of("U052@U068")?; // market supervision office
    /// assert_eq!(office.len(), e.duties_of("U015")?.len());
    /// # Ok::<(), huying::catalog::CatalogError>(())
    /// ```
    pub fn duties_of(&self, unit: &str) -> Result<Vec<Holding<'a>>, CatalogError> {
        let u: &Unit = self
            .inner
            .unit_index
            .get(unit)
            .and_then(|&h| self.inner.data.units.get(h as usize))
            .ok_or_else(|| CatalogError::UnknownUnit {
                id: unit.to_string(),
            })?;
        let mut out = Vec::new();
        for m in self.matters() {
            if holds(u, &m.primary.holder) {
                out.push(Holding {
                    matter: m,
                    role: HoldingRole::Primary,
                    duty: &m.primary,
                });
            }
            for d in m.supporting.iter().filter(|d| holds(u, &d.holder)) {
                out.push(Holding {
                    matter: m,
                    role: HoldingRole::Supporting,
                    duty: d,
                });
            }
        }
        Ok(out)
    }

    /// The number of matters whose primary duty lies with the township
    /// (territorial, or a township named).
    ///
    /// ```
    /// let c = huying::catalog::Catalog::sample();
    /// assert_eq!(c.edition("XJ-2025")?.township_primary_count(), 8);
    /// assert_eq!(c.latest().township_primary_count(), 9);
    /// # Ok::<(), huying::catalog::CatalogError>(())
    /// ```
    pub fn township_primary_count(&self) -> usize {
        let inner = self.inner;
        self.matters()
            .filter(|m| match &m.primary.holder {
                Holder::Territorial => true,
                Holder::Unit(id) => inner
                    .unit_index
                    .get(id)
                    .and_then(|&h| inner.data.units.get(h as usize))
                    .is_some_and(|u| u.kind.is_township()),
            })
            .count()
    }

    /// Matters whose name, domain or duty text contains every
    /// whitespace-separated keyword (Chinese substrings; English ignores case).
    ///
    /// ```
    /// let c = huying::catalog::Catalog::sample();
    /// let found = c.latest().search("焚烧");
    /// let ids: Vec<_> = found.iter().map(|m| m.id.as_str()).collect();
    /// assert_eq!(ids, ["M019", "M091"]);
    /// assert_eq!(c.latest().search("秸秆 焚烧").len(), 1);
    /// assert_eq!(c.latest().search("STRAW").len(), 1);
    /// ```
    pub fn search(&self, keywords: &str) -> Vec<&'a Matter> {
        let terms: Vec<String> = keywords.split_whitespace().map(str::to_lowercase).collect();
        if terms.is_empty() {
            return Vec::new();
        }
        let domains = &self.inner.data.domains;
        self.matters()
            .filter(|m| {
                let domain = domains.iter().find(|d| d.code == m.domain);
                let en = m.name_en.to_lowercase();
                terms.iter().all(|t| {
                    m.name_zh.contains(t.as_str())
                        || en.contains(t.as_str())
                        || m.primary.text_zh.contains(t.as_str())
                        || m.supporting.iter().any(|s| s.text_zh.contains(t.as_str()))
                        || domain.is_some_and(|d| {
                            d.name_zh.contains(t.as_str())
                                || d.name_en.to_lowercase().contains(t.as_str())
                        })
                })
            })
            .collect()
    }

    /// The responsibility matrix (matters × units) as CSV: one row per matter
    /// in force, one column for the township (territorial duties) and one per
    /// unit named as a holder; a cell says primary or supporting and lists
    /// the coded duties.
    ///
    /// ```
    /// let c = huying::catalog::Catalog::sample();
    /// let csv = c.latest().matrix_csv(huying::Lang::Zh);
    /// let mut lines = csv.lines();
    /// assert!(lines.next().unwrap().starts_with("编号,事项,领域,乡镇（街道，属地）,县自然资源局"));
    /// assert!(lines.next().unwrap().starts_with("M001,违法占用土地（非农建设）查处,自然资源,配合：巡查、上报、劝阻制止、协助执法,主体"));
    /// assert_eq!(csv.lines().count(), 93);
    /// ```
    pub fn matrix_csv(&self, lang: Lang) -> String {
        let inner = self.inner;
        // Columns: territorial, then every unit named as a holder, in unit order.
        let mut named = vec![false; inner.data.units.len()];
        for m in self.matters() {
            for d in std::iter::once(&m.primary).chain(&m.supporting) {
                if let Holder::Unit(id) = &d.holder {
                    if let Some(slot) = inner
                        .unit_index
                        .get(id)
                        .and_then(|&h| named.get_mut(h as usize))
                    {
                        *slot = true;
                    }
                }
            }
        }
        let columns: Vec<&Unit> = inner
            .data
            .units
            .iter()
            .zip(&named)
            .filter_map(|(u, &n)| n.then_some(u))
            .collect();
        let mut out = String::new();
        let mut header = vec![
            lang.pick("编号", "id").to_string(),
            lang.pick("事项", "matter").to_string(),
            lang.pick("领域", "domain").to_string(),
            lang.pick("乡镇（街道，属地）", "township (territorial)")
                .to_string(),
        ];
        header.extend(columns.iter().map(|u| u.name(lang).to_string()));
        push_row(&mut out, &header);
        for m in self.matters() {
            let domain = inner
                .data
                .domains
                .iter()
                .find(|d| d.code == m.domain)
                .map_or(m.domain.as_str(), |d| d.name(lang));
            let mut row = vec![m.id.clone(), m.name(lang).to_string(), domain.to_string()];
            let holders = std::iter::once(Holder::Territorial)
                .chain(columns.iter().map(|u| Holder::Unit(u.id.clone())));
            for h in holders {
                let mut cell: Vec<String> = Vec::new();
                if m.primary.holder == h {
                    cell.push(describe(lang.pick("主体", "primary"), &m.primary, lang));
                }
                for s in m.supporting.iter().filter(|s| s.holder == h) {
                    cell.push(describe(lang.pick("配合", "supporting"), s, lang));
                }
                row.push(cell.join(lang.pick("；", "; ")));
            }
            push_row(&mut out, &row);
        }
        out
    }
}

fn describe(role: &str, duty: &Duty, lang: Lang) -> String {
    if duty.kinds.is_empty() {
        return role.to_string();
    }
    let kinds: Vec<&str> = duty.kinds.iter().map(|k| k.name(lang)).collect();
    match lang {
        Lang::Zh => format!("{role}：{}", kinds.join("、")),
        Lang::En => format!("{role}: {}", kinds.join(", ")),
    }
}

/// Appends one CSV record (RFC 4180 quoting).
fn push_row(out: &mut String, cells: &[String]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if cell.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(cell);
        }
    }
    out.push('\n');
}
