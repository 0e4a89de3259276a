//! `org.huying.ComplianceReport`: compliance statistics over many calls'
//! event logs, read from a file (streamed in Rust) or from Java lines
//! (streamed in chunks through `LineSource.next()`), and the log generator.

use std::fs::File;
use std::io::{BufReader, Read};

use jni::objects::{JByteArray, JClass, JObject, JString};
use jni::sys::{jint, jlong};
use jni::{Env, EnvUnowned, jni_sig, jni_str};
use serde_json::{Value, json};

use huying::calendar::Calendar;
use huying::call::CallPolicy;
use huying::catalog::Catalog;
use huying::compliance::generate::{Generator, GeneratorConfig};
use huying::compliance::{Cell, Dimension, LogFormat, OnError, Replay, Report, ReportConfig};

use crate::convert::{date, jstring, lang, opt_instant, opt_string, string};
use crate::errors::{Fail, OrFail};
use crate::export::run;
use crate::handle::{self, new};

/// The bytes of a `LineSource`: each `next()` gives a chunk of whole lines
/// as UTF-8, null at the end. A Java exception in `next()` stays pending and
/// ends the read.
struct Chunks<'a, 'l> {
    env: &'a mut Env<'l>,
    source: &'a JObject<'l>,
    buf: Vec<u8>,
    pos: usize,
}

impl Chunks<'_, '_> {
    fn next_chunk(&mut self) -> Result<bool, jni::errors::Error> {
        let v = self
            .env
            .call_method(self.source, jni_str!("next"), jni_sig!("()[B"), &[])?
            .l()?;
        if v.is_null() {
            return Ok(false);
        }
        let arr = self.env.cast_local::<JByteArray>(v)?;
        self.buf = self.env.convert_byte_array(&arr)?;
        self.env.delete_local_ref(arr);
        self.pos = 0;
        Ok(true)
    }
}

impl Read for Chunks<'_, '_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.pos >= self.buf.len() {
            match self.next_chunk() {
                Ok(true) => {}
                Ok(false) => return Ok(0),
                Err(e) => return Err(std::io::Error::other(e.to_string())),
            }
        }
        let rest = self.buf.get(self.pos..).unwrap_or_default();
        let n = rest.len().min(out.len());
        if let (Some(dst), Some(src)) = (out.get_mut(..n), rest.get(..n)) {
            dst.copy_from_slice(src);
        }
        self.pos += n;
        Ok(n)
    }
}

fn dimensions(by: &str) -> Result<Vec<Dimension>, Fail> {
    by.split(',')
        .filter(|d| !d.trim().is_empty())
        .map(|d| d.trim().parse::<Dimension>().map_err(Fail::Arg))
        .collect()
}

/// A report over a log file (`path`) or a `LineSource` (`lines`).
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_ComplianceReport_nRun<'l>(
    mut env: EnvUnowned<'l>,
    _c: JClass<'l>,
    path: JString<'l>,
    lines: JObject<'l>,
    cat: jlong,
    _kc: JObject<'l>,
    by: JString<'l>,
    s: jlong,
    n: jint,
    cal: jlong,
    _kcal: JObject<'l>,
    pol: jlong,
    _kp: JObject<'l>,
    on_error: JString<'l>,
) -> jlong {
    run(&mut env, |env| {
        let owned;
        let c = if cal == 0 {
            owned = Calendar::china();
            &owned
        } else {
            handle::get::<Calendar>(cal)?
        };
        let list = if cat == 0 {
            None
        } else {
            Some(handle::get::<Catalog>(cat)?)
        };
        let config = ReportConfig::new(opt_instant(s, n)?).by(&dimensions(&string(env, &by)?)?);
        let mode = string(env, &on_error)?
            .parse::<OnError>()
            .map_err(Fail::Arg)?;
        let mut replay = Replay::new(c, list, config).or_fail()?.on_error(mode);
        if pol != 0 {
            replay = replay.with_policy(handle::get::<CallPolicy>(pol)?.clone());
        }
        match opt_string(env, &path)? {
            Some(p) => {
                let file = File::open(&p).map_err(|e| Fail::Core {
                    code: "compliance.io",
                    message: format!("reading the log failed: {p}: {e}"),
                    details: json!({ "file": p }),
                })?;
                replay
                    .read(BufReader::new(file), LogFormat::from_path(&p))
                    .or_fail()?;
            }
            None => {
                let chunks = Chunks {
                    env,
                    source: &lines,
                    buf: Vec::new(),
                    pos: 0,
                };
                replay
                    .read_json_lines(BufReader::with_capacity(1 << 16, chunks))
                    .or_fail()?;
            }
        }
        Ok(new(replay.finish()))
    })
}

fn cell(c: &Cell) -> Value {
    match c {
        Cell::Text(t) => Value::from(t.as_str()),
        Cell::Int(n) => json!(n),
        Cell::Rate(r) => json!(r),
        Cell::Empty => Value::Null,
    }
}

/// `what` 0 JSON, 1 text, 2 CSV, 3 the ranking's CSV, 4 the table's rows as JSON.
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_ComplianceReport_nRender<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    what: jint,
    l: JString<'l>,
) -> JString<'l> {
    run(&mut env, |env| {
        let r = handle::get::<Report>(h)?;
        let l = lang(&string(env, &l)?)?;
        let text = match what {
            0 => r.to_json(),
            1 => r.to_text(l),
            2 => r.to_csv(l),
            3 => r.ranking_csv(l),
            _ => {
                let t = r.table(l);
                let rows: Vec<Vec<Value>> = t
                    .rows
                    .iter()
                    .map(|row| row.iter().map(cell).collect())
                    .collect();
                serde_json::to_string(&json!({ "columns": t.columns, "rows": rows }))
                    .map_err(|e| Fail::Arg(e.to_string()))?
            }
        };
        jstring(env, text)
    })
}

/// A deterministic, realistic log (JSON lines, or CSV when `csv`).
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_ComplianceReport_nGenerate<'l>(
    mut env: EnvUnowned<'l>,
    _c: JClass<'l>,
    cat: jlong,
    _kc: JObject<'l>,
    cal: jlong,
    _kcal: JObject<'l>,
    calls: jlong,
    days: jint,
    start: jlong,
    seed: jlong,
    csv: jni::sys::jboolean,
) -> JString<'l> {
    run(&mut env, |env| {
        let list = if cat == 0 {
            Catalog::sample()
        } else {
            handle::get::<Catalog>(cat)?.clone()
        };
        let c = if cal == 0 {
            Calendar::china()
        } else {
            handle::get::<Calendar>(cal)?.clone()
        };
        let defaults = GeneratorConfig::default();
        let config = GeneratorConfig {
            seed: u64::from_ne_bytes(seed.to_ne_bytes()),
            calls: u64::try_from(calls)
                .map_err(|_| Fail::Arg(format!("calls {calls}: expected 0 or more")))?,
            from: date(start)?,
            days: u32::try_from(days)
                .map_err(|_| Fail::Arg(format!("days {days}: expected 0 or more")))?,
            ..defaults
        };
        let g = Generator::new(&list, &c, config).or_fail()?;
        let mut out = Vec::new();
        if csv {
            g.write_csv(&mut out).or_fail()?;
        } else {
            g.write_json_lines(&mut out).or_fail()?;
        }
        let text = String::from_utf8(out).map_err(|e| Fail::Arg(e.to_string()))?;
        jstring(env, text)
    })
}
