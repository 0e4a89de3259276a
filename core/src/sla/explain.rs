//! Rendering a deadline's explanation in Chinese or English.

use std::fmt::Write;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Weekday};

use super::{DayEnd, Deadline, Limit};
use crate::Lang;
use crate::calendar::DayKind;

/// Most day lines an explanation lists before summarising the rest.
const MAX_LINES: usize = 400;

pub(crate) fn weekday(w: Weekday, lang: Lang) -> &'static str {
    let i = w.num_days_from_monday() as usize;
    let zh = [
        "星期一",
        "星期二",
        "星期三",
        "星期四",
        "星期五",
        "星期六",
        "星期日",
    ];
    let en = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    match lang {
        Lang::Zh => zh.get(i).copied().unwrap_or(""),
        Lang::En => en.get(i).copied().unwrap_or(""),
    }
}

/// `YYYY-MM-DD HH:MM`, writing midnight as `24:00` of the day before when
/// `end_of_day` is set.
pub(crate) fn wall_text(t: DateTime<FixedOffset>, end_of_day: bool) -> String {
    let t = crate::to_china(t);
    if end_of_day && t.format("%H:%M:%S").to_string() == "00:00:00" {
        if let Some(prev) = t.date_naive().pred_opt() {
            return format!("{} 24:00", prev.format("%Y-%m-%d"));
        }
    }
    t.format("%Y-%m-%d %H:%M").to_string()
}

fn duration_text(d: Duration, lang: Lang) -> String {
    let mins = d.num_minutes();
    let (h, m) = (mins / 60, mins % 60);
    match (lang, h, m) {
        (Lang::Zh, 0, m) => format!("{m}分钟"),
        (Lang::Zh, h, 0) => format!("{h}小时"),
        (Lang::Zh, h, m) => format!("{h}小时{m}分钟"),
        (Lang::En, 0, m) => format!("{m} min"),
        (Lang::En, h, 0) => format!("{h} h"),
        (Lang::En, h, m) => format!("{h} h {m} min"),
    }
}

pub(crate) fn explain(d: &Deadline, lang: Lang) -> String {
    let mut out = String::new();
    let start = d.start;
    let sd = start.date_naive();
    let zh = lang == Lang::Zh;
    let _ = if zh {
        writeln!(
            out,
            "时限：{}；起算：{}（{}）。",
            d.limit.display(lang),
            start.format("%Y-%m-%d %H:%M"),
            weekday(sd.weekday(), lang)
        )
    } else {
        writeln!(
            out,
            "Limit: {}; from {} ({}).",
            d.limit.display(lang),
            start.format("%Y-%m-%d %H:%M"),
            weekday(sd.weekday(), lang)
        )
    };
    let n = d.limit.amount();
    let cob = d.policy == DayEnd::CloseOfBusiness;
    let rule = match (d.limit, lang) {
        (Limit::Minutes(_) | Limit::Hours(_), Lang::Zh) => "按自然时间连续计算。".to_string(),
        (Limit::Minutes(_) | Limit::Hours(_), Lang::En) => "Counted in natural time.".to_string(),
        (Limit::Days(_), Lang::Zh) => {
            format!("受理当日不计入，自次日起按自然日计算，至第{n}日24:00届满。")
        }
        (Limit::Days(_), Lang::En) => format!(
            "The day of receipt is not counted; counting starts the next day and ends at 24:00 of day {n}."
        ),
        (Limit::WorkingDays(_), Lang::Zh) => format!(
            "受理当日不计入，自次日起按工作日计算（不含法定节假日和休息日），至第{n}个工作日{}届满。",
            if cob { "下班时" } else { "24:00" }
        ),
        (Limit::WorkingDays(_), Lang::En) => format!(
            "The day of receipt is not counted; counting starts the next day, skips statutory holidays and rest days, and ends at {} of working day {n}.",
            if cob { "close of business" } else { "24:00" }
        ),
        (Limit::WorkingHours(_), Lang::Zh) => format!(
            "仅计算工作时间（{}）。",
            d.cal
                .schedule()
                .map(|s| s.default.to_string())
                .unwrap_or_default()
        ),
        (Limit::WorkingHours(_), Lang::En) => format!(
            "Only office hours count ({}).",
            d.cal
                .schedule()
                .map(|s| s.default.to_string())
                .unwrap_or_default()
        ),
    };
    let _ = writeln!(out, "{rule}");

    // The days listed: after the day of receipt for day limits; from the
    // start's own day for working hours; none for natural minutes and hours.
    let span = match d.limit {
        Limit::Minutes(_) | Limit::Hours(_) => None,
        Limit::Days(_) | Limit::WorkingDays(_) => sd.succ_opt().map(|f| (f, last_day(d))),
        Limit::WorkingHours(_) => Some((sd, d.due.date_naive())),
    };
    let mut counted = 0u32;
    if let Some((first, last)) = span {
        for (k, date) in first.iter_days().take_while(|x| *x <= last).enumerate() {
            if k >= MAX_LINES {
                let _ = writeln!(out, "  …");
                break;
            }
            let Ok(kind) = d.cal.day_kind(date) else {
                break;
            };
            let body = day_line(d, date, &kind, k + 1, &mut counted, lang);
            let sep = if zh { " " } else { "  " };
            let _ = writeln!(out, "  {date} {}{sep}{body}", weekday(date.weekday(), lang));
        }
    }
    let due = d.due_text();
    let _ = match (d.limit, lang) {
        (Limit::WorkingDays(_), Lang::Zh) => writeln!(
            out,
            "截止：{due}（第{n}个工作日{}）",
            if cob { "下班时" } else { "结束" }
        ),
        (Limit::WorkingDays(_), Lang::En) => writeln!(
            out,
            "Due: {due} ({} of working day {n})",
            if cob { "close of business" } else { "end" }
        ),
        (_, Lang::Zh) => writeln!(out, "截止：{due}"),
        (_, Lang::En) => writeln!(out, "Due: {due}"),
    };
    out
}

/// The last day counted by a day limit.
fn last_day(d: &Deadline) -> NaiveDate {
    let due = crate::to_china(d.due);
    if due.format("%H:%M:%S").to_string() == "00:00:00" {
        due.date_naive().pred_opt().unwrap_or(due.date_naive())
    } else {
        due.date_naive()
    }
}

/// What one listed day contributes: the n-th day, the n-th working day, the
/// working time counted, or why it is skipped.
fn day_line(
    d: &Deadline,
    date: NaiveDate,
    kind: &DayKind,
    nth: usize,
    counted: &mut u32,
    lang: Lang,
) -> String {
    let note = |k: &DayKind| format!(" ({})", k.describe(lang));
    match (d.limit, kind.is_working()) {
        (Limit::Days(_), _) => {
            let extra = kind.festival().map(|_| note(kind)).unwrap_or_default();
            match lang {
                Lang::Zh => format!("第{nth}日{extra}"),
                Lang::En => format!("day {nth}{extra}"),
            }
        }
        (Limit::WorkingDays(_), true) => {
            *counted += 1;
            let n = *counted;
            let extra = match kind {
                DayKind::WorkingDayInLieu { .. } => note(kind),
                _ => String::new(),
            };
            match lang {
                Lang::Zh => format!("计第{n}个工作日{extra}"),
                Lang::En => format!("working day {n}{extra}"),
            }
        }
        (Limit::WorkingHours(_), true) => {
            let time = duration_text(counted_on(d, date).unwrap_or_else(Duration::zero), lang);
            match lang {
                Lang::Zh => format!("计{time}"),
                Lang::En => format!("counted {time}"),
            }
        }
        _ => match lang {
            Lang::Zh => format!("不计：{}", kind.describe(lang)),
            Lang::En => format!("skipped: {}", kind.describe(lang)),
        },
    }
}

/// Working time counted on `date` between the deadline's start and due.
fn counted_on(d: &Deadline, date: NaiveDate) -> Option<Duration> {
    let open = crate::to_china(d.start)
        .timezone()
        .from_local_datetime(&date.and_hms_opt(0, 0, 0)?)
        .single()?;
    let close = open + Duration::days(1);
    let a = open.max(d.start);
    let b = close.min(d.due);
    if b <= a {
        return Some(Duration::zero());
    }
    d.cal.working_time_between(a, b).ok()
}

use chrono::TimeZone as _;
