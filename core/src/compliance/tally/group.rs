//! What a report groups by: department, unit, township, matter, domain and
//! period, alone or combined.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::Lang;
use crate::compliance::LogError;

/// A calendar period of the instant a call was raised (China time).
///
/// ```
/// use huying::compliance::Period;
/// use chrono::NaiveDate;
/// let d = NaiveDate::from_ymd_opt(2025, 10, 9).unwrap();
/// assert_eq!(Period::Week.label_of(d), "2025-W41");
/// assert_eq!(Period::Quarter.label_of(d), "2025-Q4");
/// assert_eq!("month".parse::<Period>(), Ok(Period::Month));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    /// The day (`2025-10-09`).
    Day,
    /// The ISO week, Monday to Sunday (`2025-W41`).
    Week,
    /// The month (`2025-10`).
    Month,
    /// The quarter (`2025-Q4`).
    Quarter,
    /// The year (`2025`).
    Year,
}

impl Period {
    /// The stable code: `day`, `week`, `month`, `quarter`, `year`.
    ///
    /// ```
    /// assert_eq!(huying::compliance::Period::Quarter.code(), "quarter");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
        }
    }

    /// A number for the period of a date, increasing with time.
    pub(crate) fn index(self, d: NaiveDate) -> u32 {
        let v = match self {
            Period::Day => i64::from(d.num_days_from_ce()),
            Period::Week => {
                let w = d.iso_week();
                i64::from(w.year()) * 100 + i64::from(w.week())
            }
            Period::Month => i64::from(d.year()) * 12 + i64::from(d.month0()),
            Period::Quarter => i64::from(d.year()) * 4 + i64::from(d.month0() / 3),
            Period::Year => i64::from(d.year()),
        };
        u32::try_from(v).unwrap_or(0)
    }

    /// The label of a period number from [`Period::index`].
    pub(crate) fn label(self, v: u32) -> String {
        let v = i64::from(v);
        match self {
            Period::Day => i32::try_from(v)
                .ok()
                .and_then(NaiveDate::from_num_days_from_ce_opt)
                .map_or_else(|| "-".to_string(), |d| d.to_string()),
            Period::Week => format!("{}-W{:02}", v / 100, v % 100),
            Period::Month => format!("{}-{:02}", v / 12, v % 12 + 1),
            Period::Quarter => format!("{}-Q{}", v / 4, v % 4 + 1),
            Period::Year => v.to_string(),
        }
    }

    /// The label of the period a date falls in.
    ///
    /// ```
    /// use huying::compliance::Period;
    /// let d = chrono::NaiveDate::from_ymd_opt(2026, 2, 17).unwrap();
    /// assert_eq!(Period::Day.label_of(d), "2026-02-17");
    /// assert_eq!(Period::Month.label_of(d), "2026-02");
    /// assert_eq!(Period::Year.label_of(d), "2026");
    /// ```
    pub fn label_of(self, d: NaiveDate) -> String {
        self.label(self.index(d))
    }
}

impl FromStr for Period {
    type Err = String;
    fn from_str(s: &str) -> Result<Period, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "day" | "日" => Ok(Period::Day),
            "week" | "周" => Ok(Period::Week),
            "month" | "月" | "月份" => Ok(Period::Month),
            "quarter" | "季度" => Ok(Period::Quarter),
            "year" | "年" | "年度" => Ok(Period::Year),
            other => Err(format!(
                "unknown period {other:?}: expected day, week, month, quarter or year"
            )),
        }
    }
}

/// What a report groups by.
///
/// A call's township, matter, domain and period (of its raising) are the
/// same for each of its stages. The **department** and **unit** are per
/// stage: dispatch answers to the command centre, arrival and reply to the
/// unit the call was dispatched to — a department, or its stationed agency
/// in the township ([`Dimension::Unit`]), which [`Dimension::Department`]
/// rolls up to the department the list names. Counts about the call as a
/// whole (calls, call status, withdrawals, returns, rework) go to the unit
/// that last held it: its reply's, else its arrival's, else its dispatch's.
///
/// ```
/// use huying::compliance::{Dimension, Period};
/// let by = Dimension::parse_list("department,month")?;
/// assert_eq!(by, [Dimension::Department, Dimension::Period(Period::Month)]);
/// assert_eq!(Dimension::Township.name(huying::Lang::Zh), "乡镇");
/// assert_eq!(Dimension::Period(Period::Week).to_string(), "week");
/// # Ok::<(), huying::compliance::LogError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dimension {
    /// The county department answering for the stage (stationed agencies
    /// rolled up; the command centre for dispatch).
    Department,
    /// The unit answering for the stage as dispatched (a stationed agency
    /// stays itself).
    Unit,
    /// The calling township.
    Township,
    /// The matter of the call.
    Matter,
    /// The matter's domain (领域), per the list in force when the call was raised.
    Domain,
    /// The period in which the call was raised.
    Period(Period),
}

/// The most dimensions a report combines.
///
/// ```
/// assert_eq!(huying::compliance::MAX_DIMENSIONS, 8);
/// ```
pub const MAX_DIMENSIONS: usize = 8;

impl Dimension {
    /// The stable code: `department`, `unit`, `township`, `matter`,
    /// `domain`, or the period's code.
    ///
    /// ```
    /// assert_eq!(huying::compliance::Dimension::Domain.code(), "domain");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Dimension::Department => "department",
            Dimension::Unit => "unit",
            Dimension::Township => "township",
            Dimension::Matter => "matter",
            Dimension::Domain => "domain",
            Dimension::Period(p) => p.code(),
        }
    }

    /// The column header.
    ///
    /// ```
    /// use huying::compliance::{Dimension, Period};
    /// assert_eq!(Dimension::Period(Period::Month).name(huying::Lang::Zh), "月份");
    /// ```
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Dimension::Department => lang.pick("部门", "Department"),
            Dimension::Unit => lang.pick("承办单位", "Unit"),
            Dimension::Township => lang.pick("乡镇", "Township"),
            Dimension::Matter => lang.pick("事项", "Matter"),
            Dimension::Domain => lang.pick("领域", "Domain"),
            Dimension::Period(Period::Day) => lang.pick("日期", "Day"),
            Dimension::Period(Period::Week) => lang.pick("周", "Week"),
            Dimension::Period(Period::Month) => lang.pick("月份", "Month"),
            Dimension::Period(Period::Quarter) => lang.pick("季度", "Quarter"),
            Dimension::Period(Period::Year) => lang.pick("年度", "Year"),
        }
    }

    /// A comma-separated list (`department,month`); an empty string is no
    /// grouping (the total only).
    ///
    /// # Errors
    /// [`LogError::Config`] for an unknown name, a repeated one, or more than
    /// [`MAX_DIMENSIONS`].
    ///
    /// ```
    /// use huying::compliance::Dimension;
    /// assert!(Dimension::parse_list("")?.is_empty());
    /// assert_eq!(Dimension::parse_list("township, domain")?.len(), 2);
    /// assert_eq!(Dimension::parse_list("month,month").unwrap_err().code(), "compliance.config");
    /// assert!(Dimension::parse_list("colour").is_err());
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    pub fn parse_list(s: &str) -> Result<Vec<Dimension>, LogError> {
        let mut out = Vec::new();
        for part in s
            .split([',', '，'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let d: Dimension = part
                .parse()
                .map_err(|problem| LogError::Config { problem })?;
            out.push(d);
        }
        check_dimensions(&out)?;
        Ok(out)
    }
}

/// Refuses repeated dimensions and too many of them.
pub(crate) fn check_dimensions(by: &[Dimension]) -> Result<(), LogError> {
    if by.len() > MAX_DIMENSIONS {
        return Err(LogError::Config {
            problem: format!(
                "at most {MAX_DIMENSIONS} dimensions may be combined, not {}",
                by.len()
            ),
        });
    }
    for (i, d) in by.iter().enumerate() {
        if by.iter().take(i).any(|e| e == d) {
            return Err(LogError::Config {
                problem: format!("the dimension `{d}` is given twice"),
            });
        }
    }
    Ok(())
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Dimension {
    type Err = String;
    fn from_str(s: &str) -> Result<Dimension, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "department" | "dept" | "部门" => Ok(Dimension::Department),
            "unit" | "承办单位" => Ok(Dimension::Unit),
            "township" | "town" | "乡镇" => Ok(Dimension::Township),
            "matter" | "事项" => Ok(Dimension::Matter),
            "domain" | "领域" => Ok(Dimension::Domain),
            other => other.parse::<Period>().map(Dimension::Period).map_err(|_| {
                format!(
                    "unknown dimension {other:?}: expected department, unit, township, matter, \
                     domain, day, week, month, quarter or year"
                )
            }),
        }
    }
}

impl Serialize for Dimension {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Dimension {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A group key: one interned value (or period number) per dimension.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Key {
    pub(crate) len: u8,
    pub(crate) parts: [u32; MAX_DIMENSIONS],
}

impl Key {
    pub(crate) fn new(parts: impl Iterator<Item = u32>) -> Key {
        let mut k = Key {
            len: 0,
            parts: [0; MAX_DIMENSIONS],
        };
        for (slot, p) in k.parts.iter_mut().zip(parts) {
            *slot = p;
            k.len += 1;
        }
        k
    }

    pub(crate) fn parts(&self) -> impl Iterator<Item = u32> + '_ {
        self.parts.iter().take(self.len as usize).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_labels_round_trip() {
        let d = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap_or_default();
        assert_eq!(Period::Week.label_of(d), "2026-W01");
        assert_eq!(Period::Day.label_of(d), "2025-12-31");
        assert_eq!(Period::Month.label_of(d), "2025-12");
        assert!(Period::Month.index(d) < Period::Month.index(d + chrono::Days::new(1)));
    }

    #[test]
    fn keys_keep_their_parts() {
        let k = Key::new([3, 4].into_iter());
        assert_eq!(k.parts().collect::<Vec<_>>(), [3, 4]);
        assert_ne!(k, Key::new([3, 4, 0].into_iter()));
    }
}
