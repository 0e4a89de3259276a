//! The years a calendar covers: adding a year (from a notice, TSV or JSON
//! rows, or a file), writing the data back, and seeing the end coming.
//!
//! A year's data is *owned* by that year's notice. The notice for year Y
//! states Y's holidays and working days in lieu, and sometimes a working day
//! in lieu or a holiday of New Year's Day that falls in December of Y-1 (the
//! notice for 2006 made Saturday 2005-12-31 a working day). Adding year Y
//! therefore replaces every date the notice for Y owns — the dates of Y
//! except December's New Year's Day rows, which belong to Y+1, and the
//! December New Year's Day rows of Y-1 — and nothing else: loading 2027 does
//! not disturb 2026's own days.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::{Datelike, NaiveDate};

use super::data::{self, DataRows};
use super::notice::Notice;
use super::{Calendar, CalendarBuilder, CalendarError, DayOverride, Festival, OverrideKind};
use crate::Lang;

/// The environment variable a platform may set to the file holding the years
/// it loaded after the release it runs (a notice's text, or TSV or JSON rows):
/// [`Calendar::china_with_file`] reads it when given no path.
///
/// ```
/// assert_eq!(huying::calendar::CALENDAR_FILE_ENV, "HUYING_CALENDAR_FILE");
/// ```
pub const CALENDAR_FILE_ENV: &str = "HUYING_CALENDAR_FILE";

/// The notice year that owns a dated row (see the module docs).
fn owner(date: NaiveDate, kind: OverrideKind, festival: &Festival) -> i32 {
    let new_year = festival.name_zh == "元旦" || festival.name_en == "New Year's Day";
    if date.month() == 12 && new_year && kind != OverrideKind::Rest {
        date.year() + 1
    } else {
        date.year()
    }
}

/// The calendar's coverage is about to end: what a platform should warn of.
///
/// ```
/// use chrono::NaiveDate;
/// use huying::Lang;
/// let cal = huying::calendar::Calendar::china();
/// let w = cal.coverage_warning(NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(), 30).unwrap();
/// assert_eq!((w.days_left, w.year_needed), (24, 2027));
/// assert!(w.message(Lang::Zh).contains("2027"));
/// assert!(cal.coverage_warning(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(), 30).is_none());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoverageWarning {
    /// The last covered date.
    pub last: NaiveDate,
    /// Days from `today` to the last covered date (0 on that date; negative
    /// once it has passed).
    pub days_left: i64,
    /// The year whose notice must be loaded.
    pub year_needed: i32,
}

impl CoverageWarning {
    /// The warning in words, saying what to do.
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// let cal = huying::calendar::Calendar::china();
    /// let w = cal.coverage_warning(NaiveDate::from_ymd_opt(2026, 12, 30).unwrap(), 30).unwrap();
    /// assert!(w.message(huying::Lang::En).contains("2026-12-31"));
    /// ```
    pub fn message(&self, lang: Lang) -> String {
        let (last, days, year) = (self.last, self.days_left, self.year_needed);
        match (lang, days >= 0) {
            (Lang::En, true) => format!(
                "the calendar ends on {last} ({days} days from now): load the State Council's \
                 holiday notice for {year} (extend_from_notice, or set {CALENDAR_FILE_ENV})"
            ),
            (Lang::En, false) => format!(
                "the calendar ended on {last}: deadlines in {year} cannot be computed until the \
                 State Council's holiday notice for {year} is loaded (extend_from_notice, or set \
                 {CALENDAR_FILE_ENV})"
            ),
            (Lang::Zh, true) => format!(
                "日历将于{last}结束（还有{days}天）：请加载国务院办公厅关于{year}年部分节假日安排的通知\
                 （extend_from_notice，或设置{CALENDAR_FILE_ENV}）"
            ),
            (Lang::Zh, false) => format!(
                "日历已于{last}结束：加载国务院办公厅关于{year}年部分节假日安排的通知之前，\
                 {year}年的期限无法计算（extend_from_notice，或设置{CALENDAR_FILE_ENV}）"
            ),
        }
    }
}

impl Calendar {
    /// The first and last covered dates (1 January of the first covered
    /// year, 31 December of the last).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let cal = huying::calendar::Calendar::china();
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert_eq!(cal.coverage(), d(2004, 1, 1)..=d(2026, 12, 31));
    /// ```
    pub fn coverage(&self) -> std::ops::RangeInclusive<NaiveDate> {
        let spec = &self.inner.spec;
        let first = NaiveDate::from_ymd_opt(spec.first_year, 1, 1).unwrap_or(NaiveDate::MAX);
        let last = NaiveDate::from_ymd_opt(spec.last_year, 12, 31).unwrap_or(NaiveDate::MIN);
        first..=last
    }

    /// A warning when the covered range ends within `within_days` days of
    /// `today` (or has ended): the platform shows it, and loads the next
    /// year's notice. `None` while the end is further away. Core never reads
    /// the clock: `today` is the caller's.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let cal = huying::calendar::Calendar::china();
    /// let w = cal.coverage_warning(NaiveDate::from_ymd_opt(2027, 1, 2).unwrap(), 30).unwrap();
    /// assert_eq!(w.days_left, -2);
    /// ```
    pub fn coverage_warning(&self, today: NaiveDate, within_days: u32) -> Option<CoverageWarning> {
        let last = *self.coverage().end();
        let days_left = (last - today).num_days();
        (days_left <= i64::from(within_days)).then(|| CoverageWarning {
            last,
            days_left,
            year_needed: self.inner.spec.last_year.saturating_add(1),
        })
    }

    /// Adds a year from the State Council's notice (国务院办公厅关于YYYY年部分节假日安排的通知),
    /// as published; see [`Notice`] for what is read and checked. An annual
    /// notice replaces the dates its year owns (see the module docs); a
    /// separate notice that changes a covered year (2020's extended Spring
    /// Festival, 2015's victory-day holiday) changes just the dates it names.
    /// Returns the notice that was read.
    ///
    /// # Errors
    /// [`CalendarError::BadNotice`] with the line and column of what could
    /// not be read or does not agree with itself; [`CalendarError::NotContiguous`]
    /// if the year would leave a gap; [`CalendarError::NotCovered`] for a
    /// separate notice about a year the calendar does not cover. On error the
    /// calendar is unchanged.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let mut cal = huying::calendar::Calendar::china();
    /// let notice = "国务院办公厅关于2027年部分节假日安排的通知\n\
    ///     一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n\
    ///     二、春节：2月6日（农历除夕、周六）至14日（农历正月初八、周日）放假调休，共9天。2月20日（周六）上班。\n";
    /// let read = cal.extend_from_notice(notice)?;
    /// assert_eq!(read.year(), 2027);
    /// assert!(!cal.is_working_day(NaiveDate::from_ymd_opt(2027, 2, 8).unwrap())?);
    /// assert!(cal.is_working_day(NaiveDate::from_ymd_opt(2027, 2, 20).unwrap())?);
    /// assert_eq!(cal.years(), 2004..=2027);
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn extend_from_notice(&mut self, text: &str) -> Result<Notice, CalendarError> {
        let notice = Notice::parse(text)?;
        self.apply_notice(&notice)?;
        Ok(notice)
    }

    /// Adds a notice already read (see [`Calendar::extend_from_notice`]).
    ///
    /// # Errors
    /// As [`Calendar::extend_from_notice`], but for reading.
    ///
    /// ```
    /// use huying::calendar::{Calendar, Notice};
    /// let notice = Notice::parse("国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日（周五）放假，与周末连休。\n")?;
    /// let mut cal = Calendar::china();
    /// cal.apply_notice(&notice)?;
    /// assert_eq!(cal.years(), 2004..=2027);
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn apply_notice(&mut self, notice: &Notice) -> Result<(), CalendarError> {
        if notice.is_amendment() {
            let year = notice.year();
            if !self.years().contains(&year) {
                return Err(CalendarError::NotCovered { year });
            }
            let rows = notice.resolve(self)?;
            self.merge(rows, &BTreeSet::new(), notice.source())
        } else {
            self.merge(
                notice.days(),
                &BTreeSet::from([notice.year()]),
                notice.source(),
            )
        }
    }

    /// Adds or replaces years from rows in the TSV format of the embedded
    /// data: `date, kind, name, name_zh` (tab-separated; kind `holiday`,
    /// `workday` or `rest`), `#` comments, and an optional header row. The
    /// years the rows belong to are replaced whole (a December row of New
    /// Year's Day belongs to the next year's notice); a `# years: A-B`
    /// comment says which years the file covers whole instead. The covered
    /// range must stay contiguous.
    ///
    /// # Errors
    /// [`CalendarError::BadData`] naming the line and field of a bad row;
    /// [`CalendarError::NotContiguous`] if the years would leave a gap.
    /// On error the calendar is unchanged.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let mut cal = huying::calendar::Calendar::china();
    /// cal.extend_from_tsv("date\tkind\tname\tname_zh\n2027-01-01\tholiday\tNew Year's Day\t元旦\n", "notice-2027.tsv")?;
    /// assert!(!cal.is_working_day(NaiveDate::from_ymd_opt(2027, 1, 1).unwrap())?);
    /// assert_eq!(cal.years(), 2004..=2027);
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn extend_from_tsv(&mut self, text: &str, source: &str) -> Result<(), CalendarError> {
        let rows = data::parse_tsv(text, source)?;
        self.extend(rows, source)
    }

    /// Adds or replaces years from a JSON list of dated overrides, each
    /// `{"date": "2027-01-01", "kind": "holiday", "name": "New Year's Day", "name_zh": "元旦"}`
    /// (kind `holiday`, `workday` or `rest`), or from `{"years": [A, B],
    /// "days": [that list]}`. Same rules as [`Calendar::extend_from_tsv`].
    ///
    /// # Errors
    /// [`CalendarError::BadData`] with the line of the JSON error;
    /// [`CalendarError::NotContiguous`] if the years would leave a gap.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let mut cal = huying::calendar::Calendar::china();
    /// cal.extend_from_json(r#"[{"date":"2027-02-20","kind":"workday","name":"Spring Festival","name_zh":"春节"}]"#, "2027.json")?;
    /// assert!(cal.is_working_day(NaiveDate::from_ymd_opt(2027, 2, 20).unwrap())?);
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn extend_from_json(&mut self, text: &str, source: &str) -> Result<(), CalendarError> {
        let rows = data::parse_json(text, source)?;
        self.extend(rows, source)
    }

    /// Adds the years in a file: a notice's text (`.txt`, or any file that
    /// reads as a notice), TSV rows (`.tsv`) or JSON (`.json`). Several
    /// notices may be kept in one text file, one after another (each starts
    /// with its title line 国务院办公厅关于…的通知).
    ///
    /// # Errors
    /// [`CalendarError::BadData`] if the file cannot be read (its path in
    /// the message), else the errors of the format's reader.
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("huying-doc-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).unwrap();
    /// let path = dir.join("2027.txt");
    /// std::fs::write(&path, "国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日（周五）放假，与周末连休。\n").unwrap();
    /// let mut cal = huying::calendar::Calendar::china();
    /// cal.extend_from_file(&path)?;
    /// assert_eq!(cal.years(), 2004..=2027);
    /// # std::fs::remove_dir_all(&dir).ok();
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn extend_from_file(&mut self, path: impl AsRef<Path>) -> Result<(), CalendarError> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| CalendarError::BadData {
            source_name: name.clone(),
            line: 0,
            field: "file".into(),
            message: format!("cannot read the file: {e}"),
        })?;
        if bytes.len() > MAX_CALENDAR_FILE_BYTES {
            return Err(CalendarError::BadData {
                source_name: name,
                line: 0,
                field: "file".into(),
                message: format!(
                    "the file is {} bytes, over the limit of {MAX_CALENDAR_FILE_BYTES} bytes",
                    bytes.len()
                ),
            });
        }
        let text = String::from_utf8(bytes).map_err(|e| CalendarError::BadData {
            source_name: name.clone(),
            line: 0,
            field: "file".into(),
            message: format!("the file is not UTF-8 text: {e}"),
        })?;
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("tsv") => self.extend_from_tsv(&text, &name),
            Some("json") => self.extend_from_json(&text, &name),
            _ => self.extend_from_notices(&text, &name),
        }
    }

    /// The embedded calendar ([`Calendar::china`]) with the years of a file
    /// added (see [`Calendar::extend_from_file`]): the file at `path`, or,
    /// when `path` is `None`, the file named by the environment variable
    /// [`CALENDAR_FILE_ENV`] (`HUYING_CALENDAR_FILE`) if it is set. This is
    /// how a platform keeps running past the last year of its release: it
    /// saves each new notice in that file, and starts with this.
    ///
    /// # Errors
    /// The errors of [`Calendar::extend_from_file`].
    ///
    /// ```
    /// let cal = huying::calendar::Calendar::china_with_file(None::<&str>)?;
    /// assert!(cal.years().contains(&2026));
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn china_with_file(path: Option<impl AsRef<Path>>) -> Result<Calendar, CalendarError> {
        let mut cal = Calendar::china();
        match path {
            Some(p) => cal.extend_from_file(p)?,
            None => {
                if let Some(p) = std::env::var_os(CALENDAR_FILE_ENV).filter(|p| !p.is_empty()) {
                    cal.extend_from_file(p)?;
                }
            }
        }
        Ok(cal)
    }

    /// Every notice in `text`, in order, each starting at its title line.
    fn extend_from_notices(&mut self, text: &str, source: &str) -> Result<(), CalendarError> {
        let mut next = self.clone();
        for (offset, part) in super::notice::split_notices(text) {
            let notice = Notice::parse_at(part, source, offset)?;
            next.apply_notice(&notice)?;
        }
        *self = next;
        Ok(())
    }

    /// The calendar's dated rows in the TSV format [`Calendar::extend_from_tsv`]
    /// reads, with a `# years:` header: the data file of this calendar.
    ///
    /// ```
    /// let cal = huying::calendar::Calendar::china();
    /// let tsv = cal.to_tsv();
    /// assert!(tsv.starts_with("# years: 2004-2026\n"));
    /// let mut again = huying::calendar::Calendar::builder("copy").years(2004..=2026).build()?;
    /// again.extend_from_tsv(&tsv, "copy.tsv")?;
    /// assert_eq!(again.special_days(2025)?, cal.special_days(2025)?);
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn to_tsv(&self) -> String {
        let spec = &self.inner.spec;
        data::write_tsv(&self.rows(), Some((spec.first_year, spec.last_year)))
    }

    /// The calendar's dated rows as JSON, `{"years": [A, B], "days": [...]}`
    /// (see [`Calendar::extend_from_json`]).
    ///
    /// ```
    /// let json = huying::calendar::Calendar::china().to_json();
    /// assert!(json.contains("\"2025-09-28\""));
    /// ```
    pub fn to_json(&self) -> String {
        let spec = &self.inner.spec;
        data::write_json(&self.rows(), Some((spec.first_year, spec.last_year)))
    }

    fn rows(&self) -> Vec<DayOverride> {
        self.inner
            .spec
            .overrides
            .iter()
            .map(|(&date, (kind, festival))| DayOverride {
                date,
                kind: *kind,
                festival: festival.clone(),
            })
            .collect()
    }

    fn extend(&mut self, data: DataRows, source: &str) -> Result<(), CalendarError> {
        if data.rows.is_empty() && data.years.is_none() {
            return Err(CalendarError::BadData {
                source_name: source.to_string(),
                line: 0,
                field: "date".into(),
                message: "no rows: nothing to add".into(),
            });
        }
        let whole: BTreeSet<i32> = match data.years {
            Some((a, b)) => (a..=b).collect(),
            None => data
                .rows
                .iter()
                .map(|r| owner(r.date, r.kind, &r.festival))
                .collect(),
        };
        self.merge(data.rows, &whole, source)
    }

    /// Replaces the dates owned by the years `whole` with `rows`' and sets
    /// the other rows date by date; the covered range grows to take in
    /// `whole`.
    fn merge(
        &mut self,
        rows: Vec<DayOverride>,
        whole: &BTreeSet<i32>,
        source: &str,
    ) -> Result<(), CalendarError> {
        let mut spec = self.inner.spec.clone();
        let covered = spec.first_year <= spec.last_year;
        let (first, last) = match (whole.first(), whole.last()) {
            (Some(&lo), Some(&hi)) if covered => (spec.first_year.min(lo), spec.last_year.max(hi)),
            (Some(&lo), Some(&hi)) => (lo, hi),
            _ => (spec.first_year, spec.last_year),
        };
        if let Some(gap) = (first..=last)
            .find(|y| !(spec.first_year..=spec.last_year).contains(y) && !whole.contains(y))
        {
            return Err(CalendarError::NotContiguous {
                year: gap,
                covered: format!("{}-{}", spec.first_year, spec.last_year),
            });
        }
        if let Some(r) = rows
            .iter()
            .find(|r| !(first - 1..=last).contains(&r.date.year()))
        {
            return Err(CalendarError::BadData {
                source_name: source.to_string(),
                line: 0,
                field: "date".into(),
                message: format!(
                    "{} lies outside the years {first}-{last} that the calendar would cover",
                    r.date
                ),
            });
        }
        let mut overrides: BTreeMap<NaiveDate, (OverrideKind, Festival)> = spec
            .overrides
            .into_iter()
            .filter(|(d, (k, f))| !whole.contains(&owner(*d, *k, f)))
            .collect();
        for r in rows {
            overrides.insert(r.date, (r.kind, r.festival));
        }
        spec.overrides = overrides;
        spec.first_year = first;
        spec.last_year = last;
        let mut cal = CalendarBuilder {
            spec,
            pending: Vec::new(),
        }
        .build()?;
        if let Some(h) = &self.inner.hours {
            cal = cal.with_schedule(h.schedule().clone())?;
        }
        *self = cal;
        Ok(())
    }
}

/// The largest calendar file [`Calendar::extend_from_file`] reads (4 MiB; the
/// whole embedded calendar is about 30 KB).
const MAX_CALENDAR_FILE_BYTES: usize = 4 * 1024 * 1024;
