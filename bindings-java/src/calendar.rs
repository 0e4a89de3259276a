//! `org.huying.Calendar`, `Schedule`, `Notice` and the calendar's coverage.
//!
//! A calendar is immutable on the Rust side: `Calendar.extendFrom…` and
//! `withSchedule` make a new handle (a copy with the years added), which
//! the Java object takes in place of the old (see `Calendar.java`).

use jni::EnvUnowned;
use jni::objects::{JBooleanArray, JClass, JLongArray, JObject, JString};
use jni::sys::{jboolean, jint, jlong, jlongArray};
use serde_json::{Value, json};

use huying::calendar::{Calendar, DayKind, OverrideKind};
use huying::hours::Schedule;

use crate::convert::{
    date, instant, json, jstring, limit, opt_string, policy, rfc, string, unix_day,
};
use crate::errors::{Fail, OrFail};
use crate::export::{fast, run};
use crate::handle::{self, new};

fn cal<'a>(h: jlong) -> Result<&'a Calendar, Fail> {
    handle::get::<Calendar>(h)
}

#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Calendar_nChina<'l>(
    mut env: EnvUnowned<'l>,
    _c: JClass<'l>,
) -> jlong {
    run(&mut env, |_| Ok(new(Calendar::china())))
}

#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Calendar_nChinaWithFile<'l>(
    mut env: EnvUnowned<'l>,
    _c: JClass<'l>,
    path: JString<'l>,
) -> jlong {
    run(&mut env, |env| {
        let path = opt_string(env, &path)?;
        Calendar::china_with_file(path).or_fail().map(new)
    })
}

/// The hot path: a Unix day in, a boolean out, no JNI call on success.
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Calendar_nIsWorkingDay<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    day: jlong,
) -> jboolean {
    fast(&mut env, || cal(h)?.is_working_unix_day(day).or_fail())
}

#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Calendar_nAddWorkingDays<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    day: jlong,
    n: jlong,
) -> jlong {
    fast(&mut env, || cal(h)?.add_working_days_unix(day, n).or_fail())
}

#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Calendar_nWorkingDaysBetween<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    a: jlong,
    b: jlong,
) -> jlong {
    fast(&mut env, || {
        cal(h)?.working_days_between_unix(a, b).or_fail()
    })
}

/// A batch's first failure, with its index in the message.
fn at_index(i: usize, f: Fail) -> Fail {
    match f {
        Fail::Core {
            code,
            message,
            mut details,
        } => {
            if let Value::Object(m) = &mut details {
                m.insert("index".into(), json!(i));
            }
            Fail::Core {
                code,
                message: format!("element {i}: {message}"),
                details,
            }
        }
        other => other,
    }
}

/// The batch path: one JNI call, one copy in and one out.
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Calendar_nAddWorkingDaysBatch<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    days: JLongArray<'l>,
    n: jlong,
) -> jlongArray {
    run(&mut env, |env| {
        let c = cal(h)?;
        let len = days.len(env)?;
        let mut buf = vec![0; len];
        days.get_region(env, 0, &mut buf)?;
        for (i, d) in buf.iter_mut().enumerate() {
            *d = c
                .add_working_days_unix(*d, n)
                .or_fail()
                .map_err(|f| at_index(i, f))?;
        }
        let out = env.new_long_array(len)?;
        out.set_region(env, 0, &buf)?;
        Ok(out.into_raw())
    })
}

#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Calendar_nIsWorkingDayBatch<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    days: JLongArray<'l>,
) -> jni::sys::jbooleanArray {
    run(&mut env, |env| {
        let c = cal(h)?;
        let len = days.len(env)?;
        let mut buf = vec![0; len];
        days.get_region(env, 0, &mut buf)?;
        let mut out = Vec::with_capacity(len);
        for (i, d) in buf.iter().enumerate() {
            out.push(
                c.is_working_unix_day(*d)
                    .or_fail()
                    .map_err(|f| at_index(i, f))?,
            );
        }
        let arr: JBooleanArray = env.new_boolean_array(len)?;
        arr.set_region(env, 0, &out)?;
        Ok(arr.into_raw())
    })
}

fn kind_json(k: &DayKind) -> Value {
    let f = k.festival();
    json!({
        "code": k.code(),
        "working": k.is_working(),
        "festival_zh": f.map(|f| f.name_zh.clone()),
        "festival_en": f.map(|f| f.name_en.clone()),
        "describe_zh": k.describe(huying::Lang::Zh),
        "describe_en": k.describe(huying::Lang::En),
    })
}

#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Calendar_nDayKind<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    day: jlong,
) -> JString<'l> {
    run(&mut env, |env| {
        let k = cal(h)?.day_kind(date(day)?).or_fail()?;
        json(env, &kind_json(&k))
    })
}

#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Calendar_nSpecialDays<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    year: jint,
) -> JString<'l> {
    run(&mut env, |env| {
        let days = cal(h)?.special_days(year).or_fail()?;
        let out: Vec<Value> = days
            .iter()
            .map(|(d, k)| json!({ "day": unix_day(*d), "kind": kind_json(k) }))
            .collect();
        json(env, &out)
    })
}

/// Name, data version, years, coverage (Unix days) and schedule (JSON or null).
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Calendar_nInfo<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
) -> JString<'l> {
    run(&mut env, |env| {
        let c = cal(h)?;
        let (years, cov) = (c.years(), c.coverage());
        let schedule = c
            .schedule()
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| Fail::Arg(e.to_string()))?;
        json(
            env,
            &json!({
                "name": c.name(),
                "data_version": c.data_version(),
                "first_year": years.start(),
                "last_year": years.end(),
                "first_day": unix_day(*cov.start()),
                "last_day": unix_day(*cov.end()),
                "schedule": schedule,
            }),
        )
    })
}

#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Calendar_nCoverageWarning<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    today: jlong,
    within: jint,
) -> JString<'l> {
    run(&mut env, |env| {
        let within = u32::try_from(within)
            .map_err(|_| Fail::Arg(format!("withinDays {within}: expected 0 or more")))?;
        match cal(h)?.coverage_warning(date(today)?, within) {
            None => Ok(JString::null()),
            Some(w) => json(
                env,
                &json!({
                    "last": unix_day(w.last),
                    "days_left": w.days_left,
                    "year_needed": w.year_needed,
                    "message_zh": w.message(huying::Lang::Zh),
                    "message_en": w.message(huying::Lang::En),
                }),
            ),
        }
    })
}

/// A copy of the calendar with years added: `how` 0 a notice's text,
/// 1 TSV rows, 2 JSON rows, 3 a file (`text` is its path). Returns the
/// new handle and, for a notice, its year.
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Calendar_nExtend<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    how: jint,
    text: JString<'l>,
    source: JString<'l>,
) -> jlongArray {
    run(&mut env, |env| {
        let mut c = cal(h)?.clone();
        let text = string(env, &text)?;
        let source = opt_string(env, &source)?;
        let year = match how {
            0 => jlong::from(c.extend_from_notice(&text).or_fail()?.year()),
            1 => {
                c.extend_from_tsv(&text, source.as_deref().unwrap_or("<tsv>"))
                    .or_fail()?;
                0
            }
            2 => {
                c.extend_from_json(&text, source.as_deref().unwrap_or("<json>"))
                    .or_fail()?;
                0
            }
            3 => {
                c.extend_from_file(&text).or_fail()?;
                0
            }
            other => return Err(Fail::Arg(format!("unknown way to extend: {other}"))),
        };
        let out = env.new_long_array(2)?;
        out.set_region(env, 0, &[new(c), year])?;
        Ok(out.into_raw())
    })
}

#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Calendar_nWithSchedule<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    schedule: JString<'l>,
) -> jlong {
    run(&mut env, |env| {
        let s = string(env, &schedule)?.parse::<Schedule>().or_fail()?;
        cal(h)?.with_schedule(s).or_fail().map(new)
    })
}

/// `format` 0 TSV, 1 JSON.
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Calendar_nExport<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    format: jint,
) -> JString<'l> {
    run(&mut env, |env| {
        let c = cal(h)?;
        let text = if format == 0 { c.to_tsv() } else { c.to_json() };
        jstring(env, text)
    })
}

#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Calendar_nBusinessHours<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    day: jlong,
) -> JString<'l> {
    run(&mut env, |env| {
        match cal(h)?.business_hours(date(day)?).or_fail()? {
            None => Ok(JString::null()),
            Some((open, close)) => json(env, &[rfc(open), rfc(close)]),
        }
    })
}

#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Calendar_nIsWorkingTime<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    s: jlong,
    n: jint,
) -> jboolean {
    run(&mut env, |_| {
        cal(h)?.is_working_time(instant(s, n)?).or_fail()
    })
}

/// Working time from `a` to `b`, in nanoseconds.
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Calendar_nWorkingTimeBetween<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    as_: jlong,
    an: jint,
    bs: jlong,
    bn: jint,
) -> jlong {
    run(&mut env, |_| {
        let d = cal(h)?
            .working_time_between(instant(as_, an)?, instant(bs, bn)?)
            .or_fail()?;
        d.num_nanoseconds()
            .ok_or_else(|| crate::convert::out_of_range(format!("{d}")))
    })
}

#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Calendar_nAddWorkingTime<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    s: jlong,
    n: jint,
    amount_s: jlong,
    amount_n: jint,
) -> JString<'l> {
    run(&mut env, |env| {
        let amount = chrono::Duration::new(amount_s, u32::try_from(amount_n).unwrap_or(0))
            .ok_or_else(|| crate::convert::out_of_range(format!("{amount_s} seconds")))?;
        let t = cal(h)?.add_working_time(instant(s, n)?, amount).or_fail()?;
        jstring(env, rfc(t))
    })
}

/// A deadline handle (`Deadline.java`).
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Calendar_nDeadline<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    s: jlong,
    n: jint,
    lim: JString<'l>,
    pol: JString<'l>,
) -> jlong {
    run(&mut env, |env| {
        let (l, p) = (limit(&string(env, &lim)?)?, policy(&string(env, &pol)?)?);
        cal(h)?
            .deadline_with(instant(s, n)?, &l, p)
            .or_fail()
            .map(new)
    })
}

/// The due instant alone, as epoch seconds (whole seconds: `due` keeps
/// the start's fraction, which `Calendar.due` adds back in Java).
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Calendar_nDue<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    s: jlong,
    n: jint,
    lim: JString<'l>,
    pol: JString<'l>,
) -> JString<'l> {
    run(&mut env, |env| {
        let (l, p) = (limit(&string(env, &lim)?)?, policy(&string(env, &pol)?)?);
        let t = cal(h)?.due(instant(s, n)?, &l, p).or_fail()?;
        jstring(env, rfc(t))
    })
}

fn kind_code(k: OverrideKind) -> &'static str {
    match k {
        OverrideKind::Holiday => "holiday",
        OverrideKind::Workday => "workday",
        OverrideKind::Rest => "rest",
    }
}

/// A State Council notice read: year, title, whether it amends a year,
/// when issued (Unix day or null), and its days.
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Notice_nParse<'l>(
    mut env: EnvUnowned<'l>,
    _c: JClass<'l>,
    text: JString<'l>,
) -> JString<'l> {
    run(&mut env, |env| {
        let n = huying::calendar::Notice::parse(&string(env, &text)?).or_fail()?;
        let days: Vec<Value> = n
            .days()
            .iter()
            .map(|d| {
                json!({
                    "day": unix_day(d.date),
                    "kind": kind_code(d.kind),
                    "festival_zh": d.festival.name_zh,
                    "festival_en": d.festival.name_en,
                })
            })
            .collect();
        json(
            env,
            &json!({
                "year": n.year(),
                "title": n.title(),
                "amendment": n.is_amendment(),
                "issued": n.issued().map(unix_day),
                "days": days,
                "tsv": n.to_tsv(),
            }),
        )
    })
}

/// A schedule checked: its canonical JSON.
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Schedule_nParse<'l>(
    mut env: EnvUnowned<'l>,
    _c: JClass<'l>,
    text: JString<'l>,
) -> JString<'l> {
    run(&mut env, |env| {
        let s = string(env, &text)?.parse::<Schedule>().or_fail()?;
        json(env, &s)
    })
}

/// The timetable of a schedule (its canonical JSON) on a date.
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Schedule_nTimetableFor<'l>(
    mut env: EnvUnowned<'l>,
    _c: JClass<'l>,
    text: JString<'l>,
    day: jlong,
) -> JString<'l> {
    run(&mut env, |env| {
        let s = string(env, &text)?.parse::<Schedule>().or_fail()?;
        let t = s.timetable_for(date(day)?).to_string();
        let d = s.default.to_string();
        json(env, &[t, d])
    })
}
