//! Writing a list in the tabular form (CSV/TSV), the inverse of `tabular`.

use super::super::Catalog;
use super::super::model::{CatalogData, Change, DutyKind, Matter};
use super::tabular::{MATTER_COLUMNS, REVISION_COLUMNS, TabularFiles, UNIT_COLUMNS};

/// A list written as delimited text, one string per table: from
/// [`Catalog::to_delimited`].
///
/// ```
/// use huying::catalog::Catalog;
/// let c = Catalog::sample();
/// let tsv = c.to_delimited(b'\t');
/// assert!(tsv.units.starts_with("id\tname_zh"));
/// let again = Catalog::from_tsv(&tsv.files())?;
/// assert_eq!(again.data(), c.data());
/// # Ok::<(), huying::catalog::CatalogError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delimited {
    /// The delimiter used (`b','` or `b'\t'`).
    pub delimiter: u8,
    /// The `list` table.
    pub list: String,
    /// The `units` table.
    pub units: String,
    /// The `matters` table.
    pub matters: String,
    /// The `revisions` table (header only when there are none).
    pub revisions: String,
}

impl Delimited {
    /// The tables as [`TabularFiles`] named `list.csv`, `units.csv`, … (or `.tsv`).
    ///
    /// ```
    /// let d = huying::catalog::Catalog::sample().to_delimited(b',');
    /// assert_eq!(d.files().matters.0, "matters.csv");
    /// ```
    pub fn files(&self) -> TabularFiles<'_> {
        let tsv = self.delimiter == b'\t';
        let name = |csv: &'static str, tsv_name: &'static str| if tsv { tsv_name } else { csv };
        TabularFiles {
            list: (name("list.csv", "list.tsv"), &self.list),
            units: (name("units.csv", "units.tsv"), &self.units),
            matters: (name("matters.csv", "matters.tsv"), &self.matters),
            revisions: Some((name("revisions.csv", "revisions.tsv"), &self.revisions)),
        }
    }
}

/// The cells of the tables of a list: list, units, matters, revisions.
pub(crate) fn to_rows(d: &CatalogData) -> [Vec<Vec<String>>; 4] {
    let s = |v: &str| v.to_string();
    let mut list = vec![vec![s("key"), s("value")]];
    let illustrative = if d.illustrative { "true" } else { "false" };
    for (k, v) in [
        ("id", d.id.as_str()),
        ("title_zh", &d.title_zh),
        ("title_en", &d.title_en),
        ("reference", &d.reference),
        ("effective", &d.effective.to_string()),
        ("illustrative", illustrative),
        ("command_centre", &d.command_centre),
    ] {
        list.push(vec![s(k), s(v)]);
    }
    let mut units = vec![UNIT_COLUMNS.iter().map(|c| s(c)).collect::<Vec<_>>()];
    for u in &d.units {
        units.push(vec![
            u.id.clone(),
            u.name_zh.clone(),
            u.name_en.clone(),
            s(u.level.code()),
            s(u.kind.code()),
            u.department.clone().unwrap_or_default(),
            u.township.clone().unwrap_or_default(),
            u.variants_zh.join("; "),
        ]);
    }
    let mut matters = vec![MATTER_COLUMNS.iter().map(|c| s(c)).collect::<Vec<_>>()];
    matters.extend(d.matters.iter().map(|m| matter_cells(d, m)));
    let mut revisions = vec![
        REVISION_COLUMNS
            .iter()
            .chain(MATTER_COLUMNS.iter())
            .map(|c| s(c))
            .collect::<Vec<_>>(),
    ];
    for r in &d.revisions {
        for c in &r.changes {
            let mut row = vec![
                r.id.clone(),
                r.reference.clone(),
                r.effective.to_string(),
                r.title_zh.clone(),
            ];
            match c {
                Change::Add(m) => row.extend([s("add")].into_iter().chain(matter_cells(d, m))),
                Change::Modify(m) => {
                    row.extend([s("modify")].into_iter().chain(matter_cells(d, m)))
                }
                Change::Remove(id) => row.extend([s("remove"), id.clone()]),
            }
            revisions.push(row);
        }
    }
    [list, units, matters, revisions]
}

fn codes(kinds: &[DutyKind]) -> String {
    kinds.iter().map(|k| k.code()).collect::<Vec<_>>().join(",")
}

fn matter_cells(d: &CatalogData, m: &Matter) -> Vec<String> {
    let domain = d.domains.iter().find(|x| x.code == m.domain);
    let supporting: Vec<String> = m
        .supporting
        .iter()
        .map(|s| format!("{}={}", s.holder, codes(&s.kinds)))
        .collect();
    let texts: Vec<&str> = m.supporting.iter().map(|s| s.text_zh.as_str()).collect();
    let texts = if texts.iter().all(|t| t.is_empty()) {
        String::new()
    } else {
        texts.join("\n")
    };
    let workflow: Vec<String> = m
        .workflow
        .iter()
        .map(|st| format!("{}:{}", st.role, st.text_zh))
        .collect();
    let limit = |l: Option<crate::sla::Limit>| l.map(|l| l.to_string()).unwrap_or_default();
    vec![
        m.id.clone(),
        m.domain.clone(),
        domain.map(|x| x.name_zh.clone()).unwrap_or_default(),
        domain.map(|x| x.name_en.clone()).unwrap_or_default(),
        m.name_zh.clone(),
        m.name_en.clone(),
        m.primary.holder.to_string(),
        codes(&m.primary.kinds),
        m.primary.text_zh.clone(),
        supporting.join("; "),
        texts,
        workflow.join(" → "),
        m.legal_basis.clone(),
        m.source.clone(),
        limit(m.sla.dispatch),
        limit(m.sla.arrival),
        limit(m.sla.reply),
    ]
}

fn write_delimited(rows: &[Vec<String>], delimiter: u8) -> String {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_writer(Vec::new());
    for r in rows {
        if w.write_record(r).is_err() {
            return String::new();
        }
    }
    w.into_inner()
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default()
}

impl Catalog {
    /// Writes the list in tabular form, one delimited text per table
    /// (`b','` for CSV, `b'\t'` for TSV); [`Catalog::from_csv`] /
    /// [`Catalog::from_tsv`] read it back.
    ///
    /// ```
    /// let d = huying::catalog::Catalog::sample().to_delimited(b',');
    /// assert!(d.matters.lines().nth(1).unwrap().starts_with("M001,natural_resources,自然资源"));
    /// ```
    pub fn to_delimited(&self, delimiter: u8) -> Delimited {
        let [list, units, matters, revisions] = to_rows(self.data());
        Delimited {
            delimiter,
            list: write_delimited(&list, delimiter),
            units: write_delimited(&units, delimiter),
            matters: write_delimited(&matters, delimiter),
            revisions: write_delimited(&revisions, delimiter),
        }
    }
}
