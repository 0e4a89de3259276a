//! The header of a sheet: the row (or two rows) that names its columns,
//! found by the words of `aliases::MATTER_HEADERS` and `aliases::UNIT_HEADERS`.

use std::collections::HashMap;

use super::aliases::fold;
use super::grid::Grid;

/// The matter columns, in the order of [`MATTER_HEADERS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum M {
    Seq,
    Id,
    Domain,
    Name,
    Primary,
    PrimaryText,
    Supporting,
    SupportingText,
    Workflow,
    LegalBasis,
    PrimaryKinds,
    SupportingKinds,
    Roles,
    Sla,
    NameEn,
    Source,
}

/// The tabular column each matter column reports its problems as (see
/// `validate::matter_column`).
pub(super) const M_COLUMNS: [(M, &str); 16] = [
    (M::Seq, "seq"),
    (M::Id, "id"),
    (M::Domain, "domain"),
    (M::Name, "name_zh"),
    (M::Primary, "primary"),
    (M::PrimaryText, "primary_text_zh"),
    (M::Supporting, "supporting"),
    (M::SupportingText, "supporting_text_zh"),
    (M::Workflow, "workflow"),
    (M::LegalBasis, "legal_basis"),
    (M::PrimaryKinds, "primary_kinds"),
    (M::SupportingKinds, "supporting_kinds"),
    (M::Roles, "workflow_roles"),
    (M::Sla, "sla"),
    (M::NameEn, "name_en"),
    (M::Source, "source"),
];

/// The unit columns, in the order of [`UNIT_HEADERS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum U {
    Id,
    Name,
    Variants,
    NameEn,
    Level,
    Kind,
    Department,
    Township,
    CommandCentre,
}

pub(super) const U_COLUMNS: [(U, &str); 9] = [
    (U::Id, "id"),
    (U::Name, "name_zh"),
    (U::Variants, "variants_zh"),
    (U::NameEn, "name_en"),
    (U::Level, "level"),
    (U::Kind, "kind"),
    (U::Department, "department"),
    (U::Township, "township"),
    (U::CommandCentre, "command_centre"),
];

/// A header found: its rows (0-based) and the column of each field.
#[derive(Debug, Clone)]
pub(super) struct Header {
    pub first: u32,
    pub last: u32,
    /// By field (the table's order): the column index.
    pub cols: Vec<Option<usize>>,
    /// Every non-empty header cell: column index, text, field.
    pub labels: Vec<(usize, String, Option<usize>)>,
}

impl Header {
    /// The number of fields the header names.
    fn score(&self) -> usize {
        self.cols.iter().flatten().count()
    }

    pub(super) fn col(&self, field: usize) -> Option<usize> {
        self.cols.get(field).copied().flatten()
    }
}

/// A table of headers, folded once: folded word → field.
pub(super) struct Words(HashMap<String, usize>);

impl Words {
    pub(super) fn new(table: &[(&str, &[&str])]) -> Words {
        let mut words = HashMap::new();
        for (k, (canon, others)) in table.iter().enumerate() {
            for w in std::iter::once(canon).chain(others.iter()) {
                words.entry(fold(w)).or_insert(k);
            }
        }
        Words(words)
    }

    /// The field a header text names, if any: as written (folded), else
    /// without its bracketed notes (`主体责任单位（部门）`).
    pub(super) fn field(&self, label: &str) -> Option<usize> {
        let f = fold(label);
        let f = f.trim_end_matches(':');
        if let Some(&k) = self.0.get(f) {
            return Some(k);
        }
        let mut depth = 0usize;
        let without: String = f
            .chars()
            .filter(|&c| match c {
                '(' => {
                    depth += 1;
                    false
                }
                ')' => {
                    depth = depth.saturating_sub(1);
                    false
                }
                _ => depth == 0,
            })
            .collect();
        self.0.get(&without).copied()
    }
}

/// The header row (or two rows) among the first 30 rows: the one that names
/// the most fields, with every required field.
pub(super) fn find_header(
    grid: &Grid,
    table: &[(&str, &[&str])],
    required: &[usize],
) -> Option<Header> {
    let words = Words::new(table);
    let rows: Vec<u32> = grid.rows.keys().copied().take(31).collect();
    let single: Vec<Header> = rows
        .iter()
        .map(|&r| read_header(grid, &words, table.len(), r, r))
        .collect();
    let mut best: Option<(usize, Header)> = None;
    for (k, one) in single.iter().take(30).enumerate() {
        let mut candidates = vec![one.clone()];
        // Two rows make a header only where they name more columns than
        // either row alone (主体责任 over 单位 and 内容).
        if let Some(below) = single.get(k + 1).filter(|b| b.first == one.first + 1) {
            let two = read_header(grid, &words, table.len(), one.first, below.first);
            if two.score() > one.score() && two.score() > below.score() {
                candidates.push(two);
            }
        }
        for h in candidates {
            let complete = required.iter().all(|&f| h.col(f).is_some());
            if complete && best.as_ref().is_none_or(|b| h.score() > b.0) {
                best = Some((h.score(), h));
            }
        }
    }
    best.map(|b| b.1)
}

/// The columns rows `first` to `last` (one row, or two) name.
fn read_header(grid: &Grid, words: &Words, fields: usize, first: u32, last: u32) -> Header {
    let mut cols = vec![None; fields];
    let mut labels = Vec::new();
    for i in 0..grid.width() {
        let top = grid.get(first, i);
        let below = grid.get(last, i);
        let label = if first == last || below.is_empty() || below == top {
            top.to_string()
        } else if top.is_empty() {
            below.to_string()
        } else {
            format!("{top}{below}")
        };
        if label.is_empty() {
            continue;
        }
        let field = words.field(&label);
        if let Some(slot) = field.and_then(|f| cols.get_mut(f)) {
            if slot.is_none() {
                *slot = Some(i);
            }
        }
        labels.push((i, label, field));
    }
    Header {
        first,
        last,
        cols,
        labels,
    }
}

pub(super) const MATTERS_REQUIRED: [usize; 2] = [M::Name as usize, M::Primary as usize];

pub(super) const UNIT_COLUMNS_ALL: [U; 9] = [
    U::Id,
    U::Name,
    U::Variants,
    U::NameEn,
    U::Level,
    U::Kind,
    U::Department,
    U::Township,
    U::CommandCentre,
];
