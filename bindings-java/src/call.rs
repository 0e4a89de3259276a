//! `org.huying.CallPolicy` and `Call` (the lifecycle of one township call).
//!
//! Events go in as JSON lines of the core's log form (`Event.java` builds
//! them); boards, reminders and verdicts come out as JSON, read in Java
//! into maps. A `Call` is changed only under its Java object's lock.

use jni::EnvUnowned;
use jni::objects::{JClass, JIntArray, JObject, JString};
use jni::sys::{jboolean, jdouble, jint, jlong};
use serde_json::json;

use huying::calendar::Calendar;
use huying::call::{Actor, Call, CallPolicy, Event};
use huying::catalog::{Catalog, SlaOverrides, Stage};

use crate::convert::{instant, json, jstring, limit, opt_jstring, policy, rfc, string};
use crate::errors::{Fail, OrFail};
use crate::export::run;
use crate::handle::{self, new};

fn pol<'a>(h: jlong) -> Result<&'a CallPolicy, Fail> {
    handle::get::<CallPolicy>(h)
}

fn stage(code: &str) -> Result<Stage, Fail> {
    code.parse::<Stage>()
        .map_err(|e| Fail::Arg(format!("{e}: expected dispatch, arrival or reply")))
}

/// `how` 0 the standard policy of a command centre (`unit`), 1 trust everyone.
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_CallPolicy_nNew<'l>(
    mut env: EnvUnowned<'l>,
    _c: JClass<'l>,
    how: jint,
    unit: JString<'l>,
) -> jlong {
    run(&mut env, |env| match how {
        0 => Ok(new(CallPolicy::new(string(env, &unit)?))),
        _ => Ok(new(CallPolicy::trust_everyone())),
    })
}

#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_CallPolicy_nFromCatalog<'l>(
    mut env: EnvUnowned<'l>,
    _c: JClass<'l>,
    cat: jlong,
    _keep: JObject<'l>,
    s: jlong,
    n: jint,
) -> jlong {
    run(&mut env, |_| {
        let c = handle::get::<Catalog>(cat)?;
        CallPolicy::from_catalog(c, &instant(s, n)?)
            .or_fail()
            .map(new)
    })
}

/// A changed copy of the policy: `what` names the change, `text`,
/// `number`, `flag`, `marks` and `other` (a list's handle) its argument.
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_CallPolicy_nWith<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    what: jint,
    a: JString<'l>,
    b: JString<'l>,
    number: jdouble,
    flag: jboolean,
    marks: JIntArray<'l>,
    other: jlong,
    _keep: JObject<'l>,
) -> jlong {
    run(&mut env, |env| {
        let p = pol(h)?.clone();
        let text = |env: &jni::Env<'_>, s: &JString<'_>| string(env, s);
        let next = match what {
            0 => p.with_list(handle::get::<Catalog>(other)?),
            1 => p.with_limit(stage(&text(env, &a)?)?, limit(&text(env, &b)?)?),
            2 => {
                // `b`: stage=limit pairs, comma-separated ("" drops the matter's own limits).
                let mut o = SlaOverrides::default();
                for pair in text(env, &b)?.split(',').filter(|x| !x.trim().is_empty()) {
                    let (st, l) = pair
                        .split_once('=')
                        .ok_or_else(|| Fail::Arg(format!("{pair:?}: expected stage=limit")))?;
                    o.set(stage(st.trim())?, limit(l.trim())?);
                }
                p.with_matter(text(env, &a)?, o)
            }
            3 => p.with_day_end(policy(&text(env, &a)?)?),
            4 => p.with_warning(number).or_fail()?,
            5 => {
                let len = marks.len(env)?;
                let mut buf = vec![0; len];
                marks.get_region(env, 0, &mut buf)?;
                let percents = buf
                    .iter()
                    .map(|&x| {
                        u8::try_from(x)
                            .map_err(|_| Fail::Arg(format!("reminder mark {x}: expected 1 to 99")))
                    })
                    .collect::<Result<Vec<u8>, Fail>>()?;
                p.with_reminders(&percents).or_fail()?
            }
            6 => p.with_breach_reminder(flag),
            7 => p.with_command_centre(text(env, &a)?),
            other => return Err(Fail::Arg(format!("unknown policy change {other}"))),
        };
        Ok(new(next))
    })
}

#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_CallPolicy_nInfo<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
) -> JString<'l> {
    run(&mut env, |env| {
        let p = pol(h)?;
        json(
            env,
            &json!({
                "trusts_everyone": p.trusts_everyone(),
                "checks_list": p.list().is_some(),
                "dispatch": p.limit(Stage::Dispatch).to_string(),
                "arrival": p.limit(Stage::Arrival).to_string(),
                "reply": p.limit(Stage::Reply).to_string(),
                "day_end": p.day_end().code(),
                "warning": p.warning(),
                "reminders": p.reminders(),
                "breach_reminder": p.breach_reminder(),
                "command_centre": p.command_centre().map(ToString::to_string),
            }),
        )
    })
}

#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_CallPolicy_nLimitFor<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    matter: JString<'l>,
    st: JString<'l>,
) -> JString<'l> {
    run(&mut env, |env| {
        let (m, s) = (string(env, &matter)?, stage(&string(env, &st)?)?);
        jstring(env, pol(h)?.limit_for(&m, s).to_string())
    })
}

fn event(line: &str) -> Result<Event, Fail> {
    Event::from_json_line(line).or_fail()
}

/// The events of JSON lines (a blank line is skipped).
fn events(text: &str) -> Result<Vec<Event>, Fail> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(event)
        .collect()
}

/// `how` 0 raise from one event, 1 from events (JSON lines), 2 replay a log.
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Call_nNew<'l>(
    mut env: EnvUnowned<'l>,
    _c: JClass<'l>,
    how: jint,
    cal: jlong,
    _kc: JObject<'l>,
    p: jlong,
    _kp: JObject<'l>,
    text: JString<'l>,
) -> jlong {
    run(&mut env, |env| {
        let (c, p) = (handle::get::<Calendar>(cal)?, pol(p)?);
        let text = string(env, &text)?;
        let call = match how {
            0 => Call::raise(c, p, &event(text.trim())?),
            1 => Call::from_events(c, p, events(&text)?),
            _ => Call::replay(c, p, &text),
        };
        call.or_fail().map(new)
    })
}

fn call_ref<'a>(h: jlong) -> Result<&'a Call, Fail> {
    handle::get::<Call>(h)
}

#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Call_nApply<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    line: JString<'l>,
) {
    run(&mut env, |env| {
        let e = event(string(env, &line)?.trim())?;
        handle::get_mut::<Call>(h)?.apply(&e).or_fail()
    })
}

/// `what` 0 the board at `now`, 1 the next wake-up, 2 poll the reminders.
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Call_nAt<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    what: jint,
    s: jlong,
    n: jint,
) -> JString<'l> {
    run(&mut env, |env| {
        let now = instant(s, n)?;
        match what {
            0 => {
                let b = call_ref(h)?.at(now).or_fail()?;
                json(env, &b)
            }
            1 => {
                let w = call_ref(h)?.next_wakeup(now).or_fail()?;
                opt_jstring(env, w.map(rfc))
            }
            _ => {
                let r = handle::get_mut::<Call>(h)?.poll_reminders(now).or_fail()?;
                json(env, &r)
            }
        }
    })
}

/// Gives the call another calendar (a year added) and counts the clocks
/// that waited for it.
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Call_nSetCalendar<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    cal: jlong,
    _keep: JObject<'l>,
) {
    run(&mut env, |_env| {
        let c = handle::get::<Calendar>(cal)?.clone();
        handle::get_mut::<Call>(h)?.set_calendar(&c);
        Ok(())
    })
}

#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Call_nInfo<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
) -> JString<'l> {
    run(&mut env, |env| {
        let c = call_ref(h)?;
        let verdicts: Vec<_> = c.verdicts().collect();
        let v = json!({
            "id": c.id().to_string(),
            "township": c.township().to_string(),
            "matter": c.matter().to_string(),
            "channel": c.channel().code(),
            "raised_at": rfc(c.raised_at()),
            "state": serde_json::to_value(c.state()).map_err(|e| Fail::Arg(e.to_string()))?,
            "kind": c.kind().code(),
            "open": c.is_open(),
            "alarm": c.alarm(),
            "department": c.department().map(ToString::to_string),
            "supporting": c.supporting().iter().map(ToString::to_string).collect::<Vec<_>>(),
            "command_centre": c.command_centre().map(ToString::to_string),
            "pending_extension": serde_json::to_value(c.pending_extension()).map_err(|e| Fail::Arg(e.to_string()))?,
            "last_event_at": rfc(c.last_event_at()),
            "event_count": c.event_count(),
            "pending_calendar": c.pending_calendar(),
            "verdicts": serde_json::to_value(&verdicts).map_err(|e| Fail::Arg(e.to_string()))?,
            "dispatch": c.limit_of(Stage::Dispatch).to_string(),
            "arrival": c.limit_of(Stage::Arrival).to_string(),
            "reply": c.limit_of(Stage::Reply).to_string(),
        });
        json(env, &v)
    })
}

#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Call_nResponsibleUnit<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    cat: jlong,
    _keep: JObject<'l>,
    s: jlong,
    n: jint,
) -> JString<'l> {
    run(&mut env, |env| {
        let c = handle::get::<Catalog>(cat)?;
        let u = call_ref(h)?
            .responsible_unit(c, &instant(s, n)?)
            .or_fail()?;
        jstring(env, u.as_str())
    })
}

/// The `dispatched` event to `department` by the command centre `actor`
/// at an instant, naming the list's supporting units (`cat` 0: no list).
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Call_nDispatchEvent<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    s: jlong,
    n: jint,
    actor: JString<'l>,
    department: JString<'l>,
    cat: jlong,
    _keep: JObject<'l>,
) -> JString<'l> {
    run(&mut env, |env| {
        let list = if cat == 0 {
            None
        } else {
            Some(handle::get::<Catalog>(cat)?)
        };
        let (a, d) = (string(env, &actor)?, string(env, &department)?);
        let e = call_ref(h)?
            .dispatch_event(instant(s, n)?, Actor::command_centre(a), &d, list)
            .or_fail()?;
        jstring(env, e.to_json_line())
    })
}
