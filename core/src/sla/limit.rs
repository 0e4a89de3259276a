use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::Lang;

/// A time limit: natural minutes, hours or days, working days or working hours.
///
/// Parses and displays the short forms `30m`, `3h`, `3d`, `3wd`, `4wh` and the
/// Chinese forms `30分钟`, `3小时`, `3天`, `3个工作日`, `4个工作时`
/// (also `3 working days`, `4 working hours`, `3工作日`, `4个工作小时`).
///
/// ```
/// use huying::sla::Limit;
/// use huying::Lang;
/// let l: Limit = "3个工作日".parse()?;
/// assert_eq!(l, Limit::WorkingDays(3));
/// assert_eq!(l.to_string(), "3wd");
/// assert_eq!(l.display(Lang::Zh), "3个工作日");
/// assert_eq!("30m".parse::<Limit>()?.display(Lang::En), "30 minutes");
/// let err = "3 weeks".parse::<Limit>().unwrap_err();
/// assert!(err.to_string().contains("expected"));
/// # Ok::<(), huying::sla::LimitError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Limit {
    /// Natural minutes from the triggering instant.
    Minutes(u32),
    /// Natural hours from the triggering instant.
    Hours(u32),
    /// Natural days: the start day is not counted; ends at 24:00 of the n-th day.
    Days(u32),
    /// Working days: the start day is not counted; ends at 24:00 (or close of
    /// business, by policy) of the n-th working day.
    WorkingDays(u32),
    /// Working hours, counted only inside office hours (needs a schedule).
    WorkingHours(u32),
}

/// The largest amount a limit may have.
pub const MAX_LIMIT_AMOUNT: u32 = 100_000;

/// A limit string that cannot be read.
///
/// ```
/// let e = "".parse::<huying::sla::Limit>().unwrap_err();
/// assert_eq!(e.code(), "limit.parse");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LimitError {
    /// The text is not a limit.
    #[error(
        "cannot read {input:?} as a time limit: {reason}; expected a whole number and a unit, e.g. 30m, 3h, 3d, 3wd, 4wh or 30分钟, 3小时, 3天, 3个工作日, 4个工作时"
    )]
    Parse {
        /// The text given.
        input: String,
        /// What was wrong.
        reason: String,
    },
}

impl LimitError {
    /// A stable code: `limit.parse`.
    ///
    /// ```
    /// assert_eq!("x".parse::<huying::sla::Limit>().unwrap_err().code(), "limit.parse");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            LimitError::Parse { .. } => "limit.parse",
        }
    }
}

/// How a limit's time is measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Minute,
    Hour,
    Day,
    WorkingDay,
    WorkingHour,
}

impl Limit {
    /// The number of units.
    ///
    /// ```
    /// assert_eq!(huying::sla::Limit::Hours(3).amount(), 3);
    /// ```
    pub fn amount(&self) -> u32 {
        match *self {
            Limit::Minutes(n)
            | Limit::Hours(n)
            | Limit::Days(n)
            | Limit::WorkingDays(n)
            | Limit::WorkingHours(n) => n,
        }
    }

    /// Whether the limit counts only working time (working days or hours).
    ///
    /// ```
    /// assert!(huying::sla::Limit::WorkingDays(3).is_working_time());
    /// assert!(!huying::sla::Limit::Minutes(30).is_working_time());
    /// ```
    pub fn is_working_time(&self) -> bool {
        matches!(self, Limit::WorkingDays(_) | Limit::WorkingHours(_))
    }

    /// Whether the limit counts whole days (the start day not counted).
    ///
    /// ```
    /// assert!(huying::sla::Limit::Days(3).is_days());
    /// ```
    pub fn is_days(&self) -> bool {
        matches!(self, Limit::Days(_) | Limit::WorkingDays(_))
    }

    /// The same kind of limit with another amount.
    ///
    /// ```
    /// use huying::sla::Limit;
    /// assert_eq!(Limit::WorkingDays(3).with_amount(5), Limit::WorkingDays(5));
    /// ```
    pub fn with_amount(&self, n: u32) -> Limit {
        match self {
            Limit::Minutes(_) => Limit::Minutes(n),
            Limit::Hours(_) => Limit::Hours(n),
            Limit::Days(_) => Limit::Days(n),
            Limit::WorkingDays(_) => Limit::WorkingDays(n),
            Limit::WorkingHours(_) => Limit::WorkingHours(n),
        }
    }

    pub(crate) fn unit(&self) -> Unit {
        match self {
            Limit::Minutes(_) => Unit::Minute,
            Limit::Hours(_) => Unit::Hour,
            Limit::Days(_) => Unit::Day,
            Limit::WorkingDays(_) => Unit::WorkingDay,
            Limit::WorkingHours(_) => Unit::WorkingHour,
        }
    }

    /// The limit's length in seconds of its own measure (a working day is
    /// 86,400 seconds of working-day time).
    pub(crate) fn span_secs(&self) -> i64 {
        let unit = match self.unit() {
            Unit::Minute => 60,
            Unit::Hour | Unit::WorkingHour => 3600,
            Unit::Day | Unit::WorkingDay => 86_400,
        };
        i64::from(self.amount()) * unit
    }

    /// The limit in words, e.g. `3个工作日` or `3 working days`.
    ///
    /// ```
    /// use huying::{sla::Limit, Lang};
    /// assert_eq!(Limit::WorkingHours(4).display(Lang::Zh), "4个工作时");
    /// assert_eq!(Limit::Hours(1).display(Lang::En), "1 hour");
    /// ```
    pub fn display(&self, lang: Lang) -> String {
        let n = self.amount();
        match lang {
            Lang::Zh => {
                let unit = match self.unit() {
                    Unit::Minute => "分钟",
                    Unit::Hour => "小时",
                    Unit::Day => "天",
                    Unit::WorkingDay => "个工作日",
                    Unit::WorkingHour => "个工作时",
                };
                format!("{n}{unit}")
            }
            Lang::En => {
                let (one, many) = match self.unit() {
                    Unit::Minute => ("minute", "minutes"),
                    Unit::Hour => ("hour", "hours"),
                    Unit::Day => ("day", "days"),
                    Unit::WorkingDay => ("working day", "working days"),
                    Unit::WorkingHour => ("working hour", "working hours"),
                };
                format!("{n} {}", if n == 1 { one } else { many })
            }
        }
    }
}

impl fmt::Display for Limit {
    /// The short form: `30m`, `3h`, `3d`, `3wd`, `4wh`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.unit() {
            Unit::Minute => "m",
            Unit::Hour => "h",
            Unit::Day => "d",
            Unit::WorkingDay => "wd",
            Unit::WorkingHour => "wh",
        };
        write!(f, "{}{unit}", self.amount())
    }
}

impl FromStr for Limit {
    type Err = LimitError;
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let err = |reason: &str| LimitError::Parse {
            input: input.to_string(),
            reason: reason.to_string(),
        };
        let s = input.trim();
        if s.is_empty() {
            return Err(err("the text is empty"));
        }
        let digits_end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let (num, unit) = s.split_at(digits_end);
        if num.is_empty() {
            return Err(err("it does not start with a number"));
        }
        let n: u32 = num.parse().map_err(|_| err("the number is too large"))?;
        if n == 0 {
            return Err(err("the amount must be at least 1"));
        }
        if n > MAX_LIMIT_AMOUNT {
            return Err(err("the amount is larger than 100000"));
        }
        let unit = unit.trim().to_lowercase();
        let unit = unit.strip_prefix('个').unwrap_or(&unit);
        let limit = match unit {
            "m" | "min" | "mins" | "minute" | "minutes" | "分钟" | "分" => Limit::Minutes(n),
            "h" | "hr" | "hrs" | "hour" | "hours" | "小时" | "钟头" => Limit::Hours(n),
            "d" | "day" | "days" | "天" | "日" | "自然日" => Limit::Days(n),
            "wd" | "working day" | "working days" | "workday" | "workdays" | "工作日" => {
                Limit::WorkingDays(n)
            }
            "wh" | "working hour" | "working hours" | "工作时" | "工作小时" => {
                Limit::WorkingHours(n)
            }
            "" => return Err(err("the unit is missing")),
            _ => return Err(err("the unit is not known")),
        };
        Ok(limit)
    }
}

impl Serialize for Limit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Limit {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}
