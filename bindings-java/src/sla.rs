//! `org.huying.Limit`, `Deadline` and `SlaClock`.

use chrono::Duration;
use jni::EnvUnowned;
use jni::objects::{JClass, JObject, JString};
use jni::sys::{jdouble, jint, jlong};
use serde_json::{Value, json};

use huying::calendar::Calendar;
use huying::sla::{ClockStatus, Deadline, Limit, SlaClock};

use crate::convert::{instant, json, jstring, lang, limit, policy, rfc, string};
use crate::errors::{Fail, OrFail};
use crate::export::run;
use crate::handle::{self, new};

fn limit_json(l: &Limit) -> Value {
    json!({
        "text": l.to_string(),
        "amount": l.amount(),
        "working_time": l.is_working_time(),
        "days": l.is_days(),
        "zh": l.display(huying::Lang::Zh),
        "en": l.display(huying::Lang::En),
    })
}

/// A limit read (and, for `amount` ≥ 0, given that amount).
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Limit_nParse<'l>(
    mut env: EnvUnowned<'l>,
    _c: JClass<'l>,
    text: JString<'l>,
    amount: jlong,
) -> JString<'l> {
    run(&mut env, |env| {
        let mut l = limit(&string(env, &text)?)?;
        if amount >= 0 {
            let n = u32::try_from(amount)
                .map_err(|_| Fail::Arg(format!("amount {amount} is too large")))?;
            l = l.with_amount(n);
        }
        json(env, &limit_json(&l))
    })
}

#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Deadline_nInfo<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
) -> JString<'l> {
    run(&mut env, |env| {
        let d = handle::get::<Deadline>(h)?;
        json(
            env,
            &json!({
                "due": rfc(d.due()),
                "start": rfc(d.start()),
                "limit": d.limit().to_string(),
                "policy": d.policy().code(),
                "due_text": d.due_text(),
            }),
        )
    })
}

#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Deadline_nExplain<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    l: JString<'l>,
) -> JString<'l> {
    run(&mut env, |env| {
        let lang = lang(&string(env, &l)?)?;
        let text = handle::get::<Deadline>(h)?.explain(lang);
        jstring(env, text)
    })
}

#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_SlaClock_nStart<'l>(
    mut env: EnvUnowned<'l>,
    _c: JClass<'l>,
    cal: jlong,
    _keep: JObject<'l>,
    lim: JString<'l>,
    pol: JString<'l>,
    s: jlong,
    n: jint,
) -> jlong {
    run(&mut env, |env| {
        let c = handle::get::<Calendar>(cal)?;
        let (l, p) = (limit(&string(env, &lim)?)?, policy(&string(env, &pol)?)?);
        SlaClock::start_with(c, l, p, instant(s, n)?)
            .or_fail()
            .map(new)
    })
}

fn clock<'a>(h: jlong) -> Result<&'a mut SlaClock, Fail> {
    handle::get_mut::<SlaClock>(h)
}

/// `what` 0 pause (with `reason`), 1 resume, 2 stop.
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_SlaClock_nAct<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    what: jint,
    s: jlong,
    n: jint,
    reason: JString<'l>,
) {
    run(&mut env, |env| {
        let at = instant(s, n)?;
        let c = clock(h)?;
        match what {
            0 => {
                let r = string(env, &reason)?;
                c.pause(at, &r).or_fail()
            }
            1 => c.resume(at).or_fail(),
            2 => c.stop(at).or_fail(),
            other => Err(Fail::Arg(format!("unknown clock action {other}"))),
        }
    })
}

#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_SlaClock_nExtend<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    lim: JString<'l>,
) {
    run(&mut env, |env| {
        let l = limit(&string(env, &lim)?)?;
        clock(h)?.extend(l).or_fail()
    })
}

#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_SlaClock_nInfo<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
) -> JString<'l> {
    run(&mut env, |env| {
        let c = clock(h)?;
        let pauses: Vec<Value> = c
            .pauses()
            .iter()
            .map(|p| json!({ "start": rfc(p.from), "end": p.to.map(rfc), "reason": p.reason }))
            .collect();
        json(
            env,
            &json!({
                "limit": c.limit().to_string(),
                "policy": c.policy().code(),
                "started": rfc(c.started()),
                "stopped": c.stopped().map(rfc),
                "paused": c.is_paused(),
                "pauses": pauses,
                "last_instant": rfc(c.last_instant()),
            }),
        )
    })
}

/// The due instant (`s` = `Long.MIN_VALUE`: as it stands; else as seen at `now`).
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_SlaClock_nDue<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    s: jlong,
    n: jint,
) -> JString<'l> {
    run(&mut env, |env| {
        let c = clock(h)?;
        let t = if s == crate::convert::NO_INSTANT {
            c.due().or_fail()?
        } else {
            c.due_at(instant(s, n)?).or_fail()?
        };
        jstring(env, rfc(t))
    })
}

fn nanos(d: Duration) -> Option<i64> {
    d.num_nanoseconds()
}

fn status_json(s: &ClockStatus) -> Value {
    json!({
        "phase": s.phase.code(),
        "paused": s.paused,
        "due": rfc(s.due),
        "elapsed_nanos": nanos(s.elapsed),
        "remaining_nanos": nanos(s.remaining),
        "fraction": s.fraction,
        "overrun_nanos": nanos(s.overrun),
    })
}

#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_SlaClock_nStatus<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    s: jlong,
    n: jint,
    warning: jdouble,
) -> JString<'l> {
    run(&mut env, |env| {
        let st = clock(h)?.status_with(instant(s, n)?, warning).or_fail()?;
        json(env, &status_json(&st))
    })
}
