//! Conversions between JNI values and core types: strings, dates (Unix day
//! numbers), instants (epoch seconds and nanoseconds), languages, JSON.
//!
//! Instants come in as the epoch second and nanosecond of a
//! `java.time.Instant` (the Java side converts `OffsetDateTime`s), and go
//! out as RFC 3339 text in China time, which `Time.java` reads into an
//! `OffsetDateTime` at +08:00. `NO_INSTANT` as the second means "none".

use chrono::{DateTime, FixedOffset, NaiveDate};
use jni::Env;
use jni::objects::JString;
use jni::sys::{jint, jlong};
use serde::Serialize;

use huying::Lang;
use huying::sla::{DayEnd, Limit};

use crate::errors::{Fail, OrFail};

/// The epoch second Java passes for "no instant" (`Long.MIN_VALUE`).
pub(crate) const NO_INSTANT: jlong = jlong::MIN;

/// An out-of-range error, as core words it.
pub(crate) fn out_of_range(what: String) -> Fail {
    Fail::Core {
        code: "calendar.out_of_range",
        message: format!("instant out of range: {what}"),
        details: serde_json::json!({}),
    }
}

/// A Java string (never null: the Java side checks).
pub(crate) fn string(env: &Env<'_>, s: &JString<'_>) -> Result<String, Fail> {
    if s.is_null() {
        return Err(Fail::Arg("a string argument is null".into()));
    }
    Ok(s.try_to_string(env)?)
}

/// A Java string or null.
pub(crate) fn opt_string(env: &Env<'_>, s: &JString<'_>) -> Result<Option<String>, Fail> {
    if s.is_null() {
        Ok(None)
    } else {
        Ok(Some(s.try_to_string(env)?))
    }
}

/// A new Java string.
pub(crate) fn jstring<'l>(env: &mut Env<'l>, s: impl AsRef<str>) -> Result<JString<'l>, Fail> {
    Ok(JString::from_str(env, s)?)
}

/// A new Java string, or null for `None`.
pub(crate) fn opt_jstring<'l>(
    env: &mut Env<'l>,
    s: Option<impl AsRef<str>>,
) -> Result<JString<'l>, Fail> {
    match s {
        Some(s) => jstring(env, s),
        None => Ok(JString::null()),
    }
}

/// A value in the core's JSON form, as a Java string.
pub(crate) fn json<'l, T: Serialize + ?Sized>(
    env: &mut Env<'l>,
    value: &T,
) -> Result<JString<'l>, Fail> {
    let text = serde_json::to_string(value).map_err(|e| Fail::Arg(e.to_string()))?;
    jstring(env, text)
}

/// The instant of an epoch second and nanosecond.
pub(crate) fn instant(secs: jlong, nanos: jint) -> Result<DateTime<FixedOffset>, Fail> {
    let n = u32::try_from(nanos).map_err(|_| out_of_range(format!("{nanos} nanoseconds")))?;
    DateTime::from_timestamp(secs, n)
        .map(|t| t.with_timezone(&huying::china_offset()))
        .ok_or_else(|| out_of_range(format!("{secs} seconds from the epoch")))
}

/// An instant, or `None` for [`NO_INSTANT`].
pub(crate) fn opt_instant(secs: jlong, nanos: jint) -> Result<Option<DateTime<FixedOffset>>, Fail> {
    if secs == NO_INSTANT {
        Ok(None)
    } else {
        instant(secs, nanos).map(Some)
    }
}

/// RFC 3339 text of an instant in China time.
pub(crate) fn rfc(t: DateTime<FixedOffset>) -> String {
    huying::to_china(t).to_rfc3339()
}

/// The date of a Unix day number (days since 1970-01-01).
pub(crate) fn date(day: jlong) -> Result<NaiveDate, Fail> {
    i32::try_from(day)
        .ok()
        .and_then(|d| d.checked_add(719_163))
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .ok_or_else(|| out_of_range(format!("day {day} from the epoch")))
}

/// The Unix day number of a date.
pub(crate) fn unix_day(d: NaiveDate) -> jlong {
    jlong::from(chrono::Datelike::num_days_from_ce(&d)) - 719_163
}

/// A language code: `"zh"` or `"en"`.
pub(crate) fn lang(code: &str) -> Result<Lang, Fail> {
    code.parse::<Lang>().map_err(Fail::Arg)
}

/// A day-end policy: `"midnight"` or `"close_of_business"`.
pub(crate) fn policy(name: &str) -> Result<DayEnd, Fail> {
    name.parse::<DayEnd>().map_err(Fail::Arg)
}

/// A limit such as `"3wd"` or `"3个工作日"`.
pub(crate) fn limit(text: &str) -> Result<Limit, Fail> {
    text.parse::<Limit>().or_fail()
}
