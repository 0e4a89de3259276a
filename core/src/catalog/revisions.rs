//! Revisions (清单动态调整): the editions of the list, as-of look-ups, diffs
//! between editions and the history of one matter.
//!
//! Edition 0 is the list as first published; edition *k* is the list after
//! revision *k*. Each edition is precomputed as a row of a table (matter
//! handle → the text of that matter in force, or none), so "the list in force
//! at an instant" is a binary search over the editions' start instants and a
//! table look-up.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::error::CatalogError;
use super::model::{CatalogData, Change, Holder, Matter, Revision};
use super::{Catalog, EditionData, IdMap, Inner, MatterHandle, NONE, TERR, Version, day_start};
use crate::Lang;

/// The compiled editions of a list.
pub(super) struct Timeline {
    pub matter_ids: Vec<String>,
    pub matter_index: IdMap,
    pub versions: Vec<Version>,
    pub primary_of: Vec<u32>,
    pub editions: Vec<EditionData>,
    pub starts: Vec<i64>,
    pub slots: Vec<u32>,
}

/// Applies the revisions in order and records every edition.
pub(super) fn build(data: &CatalogData, units: &IdMap) -> Timeline {
    let mut matter_ids: Vec<String> = Vec::new();
    let mut matter_index = IdMap::default();
    let ids = data.matters.iter().map(|m| m.id.as_str()).chain(
        data.revisions
            .iter()
            .flat_map(|r| r.changes.iter().map(Change::matter_id)),
    );
    for id in ids {
        if !matter_index.contains_key(id) {
            matter_index.insert(id.to_string(), matter_ids.len() as u32);
            matter_ids.push(id.to_string());
        }
    }
    let n = matter_ids.len();
    let holder = |h: &Holder| match h {
        Holder::Territorial => TERR,
        Holder::Unit(id) => units.get(id).copied().unwrap_or(NONE),
    };
    let mut t = Timeline {
        matter_ids: Vec::new(),
        matter_index: IdMap::default(),
        versions: Vec::new(),
        primary_of: Vec::new(),
        editions: Vec::new(),
        starts: Vec::new(),
        slots: Vec::with_capacity(n * (data.revisions.len() + 1)),
    };
    let add_version = |t: &mut Timeline, m: &Matter| -> (u32, usize) {
        let v = t.versions.len() as u32;
        let handle = matter_index.get(&m.id).copied().unwrap_or(NONE);
        t.primary_of.push(holder(&m.primary.holder));
        t.versions.push(Version {
            matter: m.clone(),
            supporting: m.supporting.iter().map(|s| holder(&s.holder)).collect(),
        });
        (v, handle as usize)
    };
    let mut current = vec![NONE; n];
    let mut order = Vec::with_capacity(data.matters.len());
    for m in &data.matters {
        let (v, h) = add_version(&mut t, m);
        if let Some(cell) = current.get_mut(h) {
            *cell = v;
        }
        order.push(v);
    }
    let record = |t: &mut Timeline,
                  id: &str,
                  reference: &str,
                  title: &str,
                  date: NaiveDate,
                  order: &[u32],
                  current: &[u32]| {
        t.slots.extend_from_slice(current);
        t.starts.push(day_start(date));
        t.editions.push(EditionData {
            id: id.to_string(),
            reference: reference.to_string(),
            title_zh: title.to_string(),
            effective: date,
            order: order.to_vec(),
        });
    };
    record(
        &mut t,
        &data.id,
        &data.reference,
        &data.title_zh,
        data.effective,
        &order,
        &current,
    );
    for rev in &data.revisions {
        for change in &rev.changes {
            match change {
                Change::Add(m) | Change::Modify(m) => {
                    let (v, h) = add_version(&mut t, m);
                    let old = current.get(h).copied().unwrap_or(NONE);
                    match order.iter().position(|&x| x == old && old != NONE) {
                        Some(p) => {
                            if let Some(slot) = order.get_mut(p) {
                                *slot = v;
                            }
                        }
                        None => order.push(v),
                    }
                    if let Some(cell) = current.get_mut(h) {
                        *cell = v;
                    }
                }
                Change::Remove(id) => {
                    let h = matter_index.get(id).copied().unwrap_or(NONE) as usize;
                    if let Some(cell) = current.get_mut(h) {
                        let old = std::mem::replace(cell, NONE);
                        order.retain(|&x| x != old);
                    }
                }
            }
        }
        record(
            &mut t,
            &rev.id,
            &rev.reference,
            &rev.title_zh,
            rev.effective,
            &order,
            &current,
        );
    }
    t.matter_ids = matter_ids;
    t.matter_index = matter_index;
    t
}

/// One edition of the list: the original list, or the list after a revision.
///
/// ```
/// let c = huying::catalog::Catalog::sample();
/// let first = c.editions().next().unwrap();
/// assert_eq!(first.id(), "XJ-2025");
/// assert_eq!(first.len(), 91);
/// assert_eq!(first.township_primary_count(), 8);
/// assert!(first.revision().is_none());
/// ```
#[derive(Clone, Copy)]
pub struct Edition<'a> {
    pub(super) inner: &'a Inner,
    pub(super) idx: usize,
}

impl<'a> Edition<'a> {
    fn data(&self) -> Option<&'a EditionData> {
        self.inner.editions.get(self.idx)
    }

    /// 0 for the original list, *k* for the list after revision *k*.
    ///
    /// ```
    /// assert_eq!(huying::catalog::Catalog::sample().latest().index(), 1);
    /// ```
    pub fn index(&self) -> usize {
        self.idx
    }

    /// The id: the list id for edition 0, else the revision id.
    ///
    /// ```
    /// assert_eq!(huying::catalog::Catalog::sample().latest().id(), "XJ-2026-R1");
    /// ```
    pub fn id(&self) -> &'a str {
        self.data().map_or("", |d| d.id.as_str())
    }

    /// The approval reference (文号) of the list or revision.
    ///
    /// ```
    /// assert!(huying::catalog::Catalog::sample().latest().reference().starts_with("县编办发"));
    /// ```
    pub fn reference(&self) -> &'a str {
        self.data().map_or("", |d| d.reference.as_str())
    }

    /// The title of the list or revision, in Chinese.
    ///
    /// ```
    /// assert!(!huying::catalog::Catalog::sample().latest().title_zh().is_empty());
    /// ```
    pub fn title_zh(&self) -> &'a str {
        self.data().map_or("", |d| d.title_zh.as_str())
    }

    /// The date this edition takes effect (00:00, UTC+08:00).
    ///
    /// ```
    /// assert_eq!(huying::catalog::Catalog::sample().latest().effective().to_string(), "2026-03-01");
    /// ```
    pub fn effective(&self) -> NaiveDate {
        self.data().map_or(NaiveDate::MIN, |d| d.effective)
    }

    /// The instant this edition takes effect.
    ///
    /// ```
    /// let c = huying::catalog::Catalog::sample();
    /// assert_eq!(c.latest().start().to_rfc3339(), "2026-03-01T00:00:00+08:00");
    /// ```
    pub fn start(&self) -> DateTime<FixedOffset> {
        let secs = self.inner.starts.get(self.idx).copied().unwrap_or(0);
        DateTime::from_timestamp(secs, 0)
            .unwrap_or_default()
            .with_timezone(&crate::china_offset())
    }

    /// The revision that made this edition (`None` for the original list).
    ///
    /// ```
    /// let c = huying::catalog::Catalog::sample();
    /// assert_eq!(c.latest().revision().unwrap().changes.len(), 5);
    /// ```
    pub fn revision(&self) -> Option<&'a Revision> {
        self.idx
            .checked_sub(1)
            .and_then(|i| self.inner.data.revisions.get(i))
    }

    /// The matters in force, in list order.
    ///
    /// ```
    /// let c = huying::catalog::Catalog::sample();
    /// assert_eq!(c.latest().matters().next().unwrap().id, "M001");
    /// ```
    pub fn matters(&self) -> impl Iterator<Item = &'a Matter> + 'a {
        let inner = self.inner;
        let order: &'a [u32] = self.data().map_or(&[], |d| d.order.as_slice());
        order
            .iter()
            .filter_map(move |&v| inner.versions.get(v as usize).map(|x| &x.matter))
    }

    /// The number of matters in force.
    ///
    /// ```
    /// assert_eq!(huying::catalog::Catalog::sample().latest().len(), 92);
    /// ```
    pub fn len(&self) -> usize {
        self.data().map_or(0, |d| d.order.len())
    }

    /// True when no matter is in force.
    ///
    /// ```
    /// assert!(!huying::catalog::Catalog::sample().latest().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A matter in force, by id.
    ///
    /// ```
    /// let c = huying::catalog::Catalog::sample();
    /// assert!(c.latest().matter("M075").is_none()); // removed in 2026
    /// assert!(c.editions().next().unwrap().matter("M075").is_some());
    /// ```
    pub fn matter(&self, id: &str) -> Option<&'a Matter> {
        let h = *self.inner.matter_index.get(id)?;
        self.matter_by_handle(MatterHandle(h))
    }

    /// A matter in force, by handle.
    ///
    /// ```
    /// let c = huying::catalog::Catalog::sample();
    /// let h = c.matter_handle("M101").unwrap();
    /// assert!(c.latest().matter_by_handle(h).is_some());
    /// ```
    pub fn matter_by_handle(&self, h: MatterHandle) -> Option<&'a Matter> {
        let v = self.inner.slot(self.idx, h.0)?;
        self.inner.versions.get(v as usize).map(|x| &x.matter)
    }

    /// The error for a matter id not in force in this edition.
    pub(crate) fn unknown_matter(&self, id: &str) -> CatalogError {
        CatalogError::UnknownMatter {
            id: id.to_string(),
            edition: self.id().to_string(),
        }
    }

    /// What changed from this edition to another (either direction).
    ///
    /// ```
    /// let c = huying::catalog::Catalog::sample();
    /// let mut e = c.editions();
    /// let (first, second) = (e.next().unwrap(), e.next().unwrap());
    /// let d = first.diff(&second);
    /// assert_eq!(d.removed[0].id, "M075");
    /// assert_eq!(second.diff(&first).added[0].id, "M075");
    /// ```
    pub fn diff(&self, to: &Edition<'a>) -> Diff<'a> {
        let inner = self.inner;
        let n = inner.matter_ids.len() as u32;
        let version = |v: u32| inner.versions.get(v as usize).map(|x| &x.matter);
        let mut diff = Diff {
            from: *self,
            to: *to,
            added: Vec::new(),
            removed: Vec::new(),
            modified: Vec::new(),
        };
        for m in to.matters() {
            if self.matter(&m.id).is_none() {
                diff.added.push(m);
            }
        }
        for m in self.matters() {
            if to.matter(&m.id).is_none() {
                diff.removed.push(m);
            }
        }
        let mut modified: Vec<(usize, Modified<'a>)> = Vec::new();
        for h in 0..n {
            if let (Some(a), Some(b)) = (inner.slot(self.idx, h), inner.slot(to.idx, h)) {
                if a == b {
                    continue;
                }
                if let (Some(before), Some(after)) = (version(a), version(b)) {
                    let fields = changed_fields(before, after);
                    if !fields.is_empty() {
                        let pos = to.position(b);
                        modified.push((
                            pos,
                            Modified {
                                before,
                                after,
                                fields,
                            },
                        ));
                    }
                }
            }
        }
        modified.sort_by_key(|m| m.0);
        diff.modified = modified.into_iter().map(|m| m.1).collect();
        diff
    }

    fn position(&self, version: u32) -> usize {
        self.data()
            .and_then(|d| d.order.iter().position(|&v| v == version))
            .unwrap_or(usize::MAX)
    }
}

impl fmt::Debug for Edition<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Edition")
            .field("index", &self.idx)
            .field("id", &self.id())
            .field("effective", &self.effective())
            .field("matters", &self.len())
            .finish()
    }
}

impl PartialEq for Edition<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.inner, other.inner) && self.idx == other.idx
    }
}

fn changed_fields(a: &Matter, b: &Matter) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut check = |same: bool, name: &'static str| {
        if !same {
            out.push(name);
        }
    };
    check(a.domain == b.domain, "domain");
    check(a.name_zh == b.name_zh, "name_zh");
    check(a.name_en == b.name_en, "name_en");
    check(a.primary == b.primary, "primary");
    check(a.supporting == b.supporting, "supporting");
    check(a.workflow == b.workflow, "workflow");
    check(a.legal_basis == b.legal_basis, "legal_basis");
    check(a.source == b.source, "source");
    check(a.sla == b.sla, "sla");
    out
}

/// What changed between two editions: from [`Catalog::diff`] or [`Edition::diff`].
///
/// ```
/// let c = huying::catalog::Catalog::sample();
/// let d = c.diff("XJ-2025", "XJ-2026-R1")?;
/// assert_eq!(d.added.len(), 2);
/// assert_eq!(d.removed.len(), 1);
/// assert_eq!(d.modified.len(), 2);
/// assert!(d.summary(huying::Lang::Zh).contains("- M075"));
/// # Ok::<(), huying::catalog::CatalogError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Diff<'a> {
    /// The earlier (or first-named) edition.
    pub from: Edition<'a>,
    /// The other edition.
    pub to: Edition<'a>,
    /// Matters in `to` but not in `from`, in `to`'s order.
    pub added: Vec<&'a Matter>,
    /// Matters in `from` but not in `to`, in `from`'s order.
    pub removed: Vec<&'a Matter>,
    /// Matters in both whose text differs, in `to`'s order.
    pub modified: Vec<Modified<'a>>,
}

/// A matter whose text differs between two editions.
///
/// ```
/// let c = huying::catalog::Catalog::sample();
/// let d = c.diff("XJ-2025", "XJ-2026-R1")?;
/// let m = d.modified.iter().find(|m| m.after.id == "M090").unwrap();
/// assert_eq!(m.fields, vec!["primary", "supporting", "workflow"]);
/// # Ok::<(), huying::catalog::CatalogError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Modified<'a> {
    /// The text in the `from` edition.
    pub before: &'a Matter,
    /// The text in the `to` edition.
    pub after: &'a Matter,
    /// The fields that differ (`primary`, `supporting`, `sla`, …).
    pub fields: Vec<&'static str>,
}

impl Diff<'_> {
    /// True when the editions list the same matters with the same texts.
    ///
    /// ```
    /// let c = huying::catalog::Catalog::sample();
    /// assert!(c.diff("XJ-2025", "XJ-2025")?.is_empty());
    /// # Ok::<(), huying::catalog::CatalogError>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.modified.is_empty()
    }

    /// One line per change: `+ id name`, `- id name`, `~ id name: fields`.
    ///
    /// ```
    /// let c = huying::catalog::Catalog::sample();
    /// let s = c.diff("XJ-2025", "XJ-2026-R1")?.summary(huying::Lang::En);
    /// assert!(s.contains("~ M090 Open-air barbecue: primary, supporting, workflow"));
    /// # Ok::<(), huying::catalog::CatalogError>(())
    /// ```
    pub fn summary(&self, lang: Lang) -> String {
        let mut out = String::new();
        for m in &self.added {
            out.push_str(&format!("+ {} {}\n", m.id, m.name(lang)));
        }
        for m in &self.removed {
            out.push_str(&format!("- {} {}\n", m.id, m.name(lang)));
        }
        for m in &self.modified {
            out.push_str(&format!(
                "~ {} {}: {}\n",
                m.after.id,
                m.after.name(lang),
                m.fields.join(", ")
            ));
        }
        out
    }
}

/// What happened to a matter in one edition.
///
/// ```
/// use huying::catalog::HistoryEvent;
/// assert_eq!(HistoryEvent::Removed.name(huying::Lang::Zh), "取消");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HistoryEvent {
    /// The matter came onto the list.
    Added,
    /// The matter's text changed.
    Modified,
    /// The matter was taken off the list.
    Removed,
}

impl HistoryEvent {
    /// The event in words.
    ///
    /// ```
    /// assert_eq!(huying::catalog::HistoryEvent::Added.name(huying::Lang::En), "added");
    /// ```
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            HistoryEvent::Added => lang.pick("列入", "added"),
            HistoryEvent::Modified => lang.pick("调整", "modified"),
            HistoryEvent::Removed => lang.pick("取消", "removed"),
        }
    }
}

/// One step of a matter's history: from [`Catalog::history`].
///
/// ```
/// let c = huying::catalog::Catalog::sample();
/// let h = c.history("M075")?;
/// assert_eq!(h.len(), 2);
/// assert_eq!(h[1].event, huying::catalog::HistoryEvent::Removed);
/// assert_eq!(h[1].edition.effective().to_string(), "2026-03-01");
/// # Ok::<(), huying::catalog::CatalogError>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct HistoryEntry<'a> {
    /// The edition in which it happened.
    pub edition: Edition<'a>,
    /// What happened.
    pub event: HistoryEvent,
    /// The text from this edition on; for a removal, the text removed.
    pub matter: &'a Matter,
}

impl Catalog {
    fn edition_view(&self, idx: usize) -> Edition<'_> {
        Edition {
            inner: &self.inner,
            idx,
        }
    }

    /// Every edition, oldest first.
    ///
    /// ```
    /// let c = huying::catalog::Catalog::sample();
    /// let ids: Vec<_> = c.editions().map(|e| e.id()).collect();
    /// assert_eq!(ids, ["XJ-2025", "XJ-2026-R1"]);
    /// ```
    pub fn editions(&self) -> impl Iterator<Item = Edition<'_>> + '_ {
        (0..self.inner.editions.len()).map(move |i| self.edition_view(i))
    }

    /// An edition by id (the list id or a revision id).
    ///
    /// # Errors
    ///
    /// [`CatalogError::UnknownEdition`].
    ///
    /// ```
    /// let c = huying::catalog::Catalog::sample();
    /// assert_eq!(c.edition("XJ-2026-R1")?.index(), 1);
    /// assert_eq!(c.edition("nope").unwrap_err().code(), "catalog.unknown_edition");
    /// # Ok::<(), huying::catalog::CatalogError>(())
    /// ```
    pub fn edition(&self, id: &str) -> Result<Edition<'_>, CatalogError> {
        self.inner
            .editions
            .iter()
            .position(|e| e.id == id)
            .map(|i| self.edition_view(i))
            .ok_or_else(|| CatalogError::UnknownEdition { id: id.to_string() })
    }

    /// The newest edition (which may not be in force yet).
    ///
    /// ```
    /// assert_eq!(huying::catalog::Catalog::sample().latest().id(), "XJ-2026-R1");
    /// ```
    pub fn latest(&self) -> Edition<'_> {
        self.edition_view(self.inner.editions.len().saturating_sub(1))
    }

    /// The edition in force at an instant.
    ///
    /// # Errors
    ///
    /// [`CatalogError::BeforeList`] before the list took effect.
    ///
    /// ```
    /// use chrono::DateTime;
    /// let c = huying::catalog::Catalog::sample();
    /// let t = |s| DateTime::parse_from_rfc3339(s).unwrap();
    /// assert_eq!(c.as_of(&t("2026-02-28T23:59:59+08:00"))?.id(), "XJ-2025");
    /// assert_eq!(c.as_of(&t("2026-02-28T16:00:00Z"))?.id(), "XJ-2026-R1"); // 03-01 00:00 in China
    /// assert!(c.as_of(&t("2020-01-01T00:00:00+08:00")).is_err());
    /// # Ok::<(), huying::catalog::CatalogError>(())
    /// ```
    pub fn as_of(&self, at: &DateTime<FixedOffset>) -> Result<Edition<'_>, CatalogError> {
        self.inner
            .edition_at(at.timestamp())
            .map(|i| self.edition_view(i))
            .ok_or_else(|| self.before(at))
    }

    /// What changed between two editions, by id.
    ///
    /// # Errors
    ///
    /// [`CatalogError::UnknownEdition`].
    ///
    /// ```
    /// let c = huying::catalog::Catalog::sample();
    /// let d = c.diff("XJ-2025", "XJ-2026-R1")?;
    /// assert_eq!(d.added.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), ["M101", "M102"]);
    /// # Ok::<(), huying::catalog::CatalogError>(())
    /// ```
    pub fn diff(&self, from: &str, to: &str) -> Result<Diff<'_>, CatalogError> {
        Ok(self.edition(from)?.diff(&self.edition(to)?))
    }

    /// Every edition in which a matter was added, modified or removed.
    ///
    /// # Errors
    ///
    /// [`CatalogError::UnknownMatter`] when the id was never on the list.
    ///
    /// ```
    /// use huying::catalog::HistoryEvent;
    /// let c = huying::catalog::Catalog::sample();
    /// let h = c.history("M090")?;
    /// let events: Vec<_> = h.iter().map(|e| e.event).collect();
    /// assert_eq!(events, [HistoryEvent::Added, HistoryEvent::Modified]);
    /// assert!(h[1].matter.is_territorial());
    /// # Ok::<(), huying::catalog::CatalogError>(())
    /// ```
    pub fn history(&self, matter: &str) -> Result<Vec<HistoryEntry<'_>>, CatalogError> {
        let inner = &*self.inner;
        let h = self
            .matter_handle(matter)
            .ok_or_else(|| self.latest().unknown_matter(matter))?;
        let mut out = Vec::new();
        let mut prev: Option<u32> = None;
        for e in 0..inner.editions.len() {
            let cur = inner.slot(e, h.0);
            let text = |v: u32| inner.versions.get(v as usize).map(|x| &x.matter);
            let entry = match (prev, cur) {
                (None, Some(v)) => text(v).map(|m| (HistoryEvent::Added, m)),
                (Some(p), None) => text(p).map(|m| (HistoryEvent::Removed, m)),
                (Some(p), Some(v)) if p != v => text(v).map(|m| (HistoryEvent::Modified, m)),
                _ => None,
            };
            if let Some((event, matter)) = entry {
                out.push(HistoryEntry {
                    edition: self.edition_view(e),
                    event,
                    matter,
                });
            }
            prev = cur;
        }
        Ok(out)
    }
}
