//! `org.huying.Catalog` (the responsibility list, 清单) and the import of
//! the list as officials keep it (`Catalog.importList`).
//!
//! Units, matters, resolutions and admissions cross as JSON in the core's
//! canonical form (what `Catalog.toJson()` writes) and come out in Java as
//! maps, as in Python, so that they stay in step with the core's model.

use chrono::{DateTime, FixedOffset};
use jni::EnvUnowned;
use jni::objects::{JByteArray, JClass, JObject, JString};
use jni::sys::{jbyteArray, jint, jlong};
use serde_json::{Value, json};

use huying::Lang;
use huying::catalog::{
    Breach, Catalog, DutyKind, Edition, ImportOptions, TabularFiles, Task, UnitSource,
};

use crate::convert::{date, instant, json, jstring, lang, opt_instant, opt_string, rfc, string};
use crate::errors::{Fail, OrFail, problem_json};
use crate::export::run;
use crate::handle::{self, new};

fn catalog<'a>(h: jlong) -> Result<&'a Catalog, Fail> {
    handle::get::<Catalog>(h)
}

fn to_value<T: serde::Serialize + ?Sized>(v: &T) -> Result<Value, Fail> {
    serde_json::to_value(v).map_err(|e| Fail::Arg(e.to_string()))
}

#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Catalog_nSample<'l>(
    mut env: EnvUnowned<'l>,
    _c: JClass<'l>,
) -> jlong {
    run(&mut env, |_| Ok(new(Catalog::sample())))
}

#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Catalog_nLoad<'l>(
    mut env: EnvUnowned<'l>,
    _c: JClass<'l>,
    path: JString<'l>,
) -> jlong {
    run(&mut env, |env| {
        Catalog::load(string(env, &path)?).or_fail().map(new)
    })
}

#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Catalog_nFromJson<'l>(
    mut env: EnvUnowned<'l>,
    _c: JClass<'l>,
    text: JString<'l>,
    file: JString<'l>,
) -> jlong {
    run(&mut env, |env| {
        let (t, f) = (string(env, &text)?, string(env, &file)?);
        Catalog::from_json(&f, &t).or_fail().map(new)
    })
}

/// `tsv` false: CSV tables; true: TSV.
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Catalog_nFromTables<'l>(
    mut env: EnvUnowned<'l>,
    _c: JClass<'l>,
    tsv: jni::sys::jboolean,
    list: JString<'l>,
    units: JString<'l>,
    matters: JString<'l>,
    revisions: JString<'l>,
) -> jlong {
    run(&mut env, |env| {
        let (l, u, m) = (
            string(env, &list)?,
            string(env, &units)?,
            string(env, &matters)?,
        );
        let r = opt_string(env, &revisions)?;
        let c = if tsv {
            Catalog::from_tsv(&TabularFiles::tsv(&l, &u, &m, r.as_deref()))
        } else {
            Catalog::from_csv(&TabularFiles::csv(&l, &u, &m, r.as_deref()))
        };
        c.or_fail().map(new)
    })
}

#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Catalog_nFromXlsx<'l>(
    mut env: EnvUnowned<'l>,
    _c: JClass<'l>,
    bytes: JByteArray<'l>,
    file: JString<'l>,
) -> jlong {
    run(&mut env, |env| {
        let data = env.convert_byte_array(&bytes)?;
        let f = string(env, &file)?;
        Catalog::from_xlsx(&f, &data).or_fail().map(new)
    })
}

/// The officials' sheet read: `bytes` (with `file` its name) or the file
/// at `path`; units from the workbook (`units_mode` 0), a list (1,
/// `units_catalog`) or a units file (2, `units_path`). Returns JSON: the
/// list's handle and the import report.
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Catalog_nImport<'l>(
    mut env: EnvUnowned<'l>,
    _c: JClass<'l>,
    file: JString<'l>,
    bytes: JByteArray<'l>,
    path: JString<'l>,
    effective: jlong,
    reference: JString<'l>,
    units_mode: jint,
    units_catalog: jlong,
    _keep: JObject<'l>,
    units_path: JString<'l>,
) -> JString<'l> {
    run(&mut env, |env| {
        let units = match units_mode {
            0 => UnitSource::Workbook,
            1 => UnitSource::Catalog(catalog(units_catalog)?.clone()),
            2 => UnitSource::read(string(env, &units_path)?).or_fail()?,
            other => return Err(Fail::Arg(format!("unknown units source {other}"))),
        };
        let mut options = ImportOptions::new(date(effective)?).units(units);
        if let Some(r) = opt_string(env, &reference)? {
            options = options.reference(r);
        }
        let imported = match opt_string(env, &path)? {
            Some(p) => Catalog::import_sheet_file(p, &options),
            None => {
                let data = env.convert_byte_array(&bytes)?;
                Catalog::import_sheet(&string(env, &file)?, &data, &options)
            }
        }
        .or_fail()?;
        let r = &imported.report;
        let warnings: Vec<Value> = r.warnings.iter().map(problem_json).collect();
        let out = json!({
            "file": r.file,
            "header_row": r.header_row,
            "rows_read": r.rows_read,
            "warnings": warnings,
            "guesses": to_value(&r.guesses)?,
            "text_zh": r.to_text(Lang::Zh),
            "text_en": r.to_text(Lang::En),
            "handle": new(imported.catalog),
        });
        json(env, &out)
    })
}

#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Catalog_nToXlsx<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
) -> jbyteArray {
    run(&mut env, |env| {
        let bytes = catalog(h)?.to_xlsx().or_fail()?;
        Ok(env.byte_array_from_slice(&bytes)?.into_raw())
    })
}

fn edition_json(e: &Edition<'_>) -> Value {
    json!({
        "id": e.id(),
        "reference": e.reference(),
        "title_zh": e.title_zh(),
        "effective": e.effective().to_string(),
        "start": rfc(e.start()),
        "matters": e.len(),
        "township_primary": e.township_primary_count(),
    })
}

fn edition_at(c: &Catalog, at: Option<DateTime<FixedOffset>>) -> Result<Edition<'_>, Fail> {
    match at {
        Some(t) => c.as_of(&t).or_fail(),
        None => Ok(c.latest()),
    }
}

/// A question about the list answered as JSON: `what` names it, `a`/`b`
/// are its string arguments and `s`/`n` its instant (`Long.MIN_VALUE`: the latest edition).
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Catalog_nQuery<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    what: jint,
    a: JString<'l>,
    _b: JString<'l>,
    s: jlong,
    n: jint,
) -> JString<'l> {
    run(&mut env, |env| {
        let c = catalog(h)?;
        let a = opt_string(env, &a)?;
        let arg = |x: &Option<String>| {
            x.clone()
                .ok_or_else(|| Fail::Arg("a string argument is null".into()))
        };
        let at = opt_instant(s, n)?;
        let v: Value = match what {
            0 => to_value(c.data())?,
            1 => to_value(&c.data().units)?,
            2 => to_value(&c.unit(&arg(&a)?))?,
            3 => to_value(&c.townships().collect::<Vec<_>>())?,
            4 => Value::from(c.editions().map(|e| edition_json(&e)).collect::<Vec<_>>()),
            5 => edition_json(&edition_at(c, at)?),
            6 => to_value(&edition_at(c, at)?.matters().collect::<Vec<_>>())?,
            7 => to_value(&edition_at(c, at)?.matter(&arg(&a)?))?,
            8 => to_value(&edition_at(c, at)?.search(&arg(&a)?))?,
            9 => {
                let entries = c.history(&arg(&a)?).or_fail()?;
                let mut out = Vec::with_capacity(entries.len());
                for h in entries {
                    out.push(json!({
                        "edition": h.edition.id(),
                        "event": h.event.name(Lang::En),
                        "matter": to_value(h.matter)?,
                    }));
                }
                Value::from(out)
            }
            10 => {
                let d = c.to_delimited(if arg(&a)? == "\t" { b'\t' } else { b',' });
                json!({ "list": d.list, "units": d.units, "matters": d.matters, "revisions": d.revisions })
            }
            11 => Value::from(edition_at(c, at)?.matrix_csv(lang(&arg(&a)?)?)),
            13 => Value::from(c.to_json()),
            14 => edition_json(&c.edition(&arg(&a)?).or_fail()?),
            other => return Err(Fail::Arg(format!("unknown catalog query {other}"))),
        };
        json(env, &v)
    })
}

#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Catalog_nDiff<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    from: JString<'l>,
    to: JString<'l>,
    l: JString<'l>,
) -> JString<'l> {
    run(&mut env, |env| {
        let (f, t, l) = (
            string(env, &from)?,
            string(env, &to)?,
            lang(&string(env, &l)?)?,
        );
        let text = catalog(h)?.diff(&f, &t).or_fail()?.summary(l);
        jstring(env, text)
    })
}

/// Who answers for a matter in a township at an instant.
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Catalog_nResolve<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    matter: JString<'l>,
    township: JString<'l>,
    s: jlong,
    n: jint,
) -> JString<'l> {
    run(&mut env, |env| {
        let (m, t) = (string(env, &matter)?, string(env, &township)?);
        let r = catalog(h)?.resolve(&m, &t, &instant(s, n)?).or_fail()?;
        let mut supporting = Vec::new();
        for (unit, duty) in r.supporting() {
            supporting.push(json!({ "unit": to_value(unit)?, "duty": to_value(duty)? }));
        }
        json(
            env,
            &json!({
                "edition": r.edition.id(),
                "matter": to_value(r.matter)?,
                "township": to_value(r.township)?,
                "primary": to_value(r.primary)?,
                "department": to_value(&r.department)?,
                "supporting": supporting,
            }),
        )
    })
}

/// Who answers for a missed stage or duty.
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Catalog_nAccountable<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    matter: JString<'l>,
    township: JString<'l>,
    breach: JString<'l>,
    s: jlong,
    n: jint,
) -> JString<'l> {
    run(&mut env, |env| {
        let (m, t) = (string(env, &matter)?, string(env, &township)?);
        let b = string(env, &breach)?.parse::<Breach>().map_err(Fail::Arg)?;
        let a = catalog(h)?
            .accountable(&m, &t, b, &instant(s, n)?)
            .or_fail()?;
        json(
            env,
            &json!({
                "breach": a.breach.to_string(),
                "units": to_value(&a.units)?,
                "department": to_value(&a.department)?,
                "edition": a.edition.id(),
                "explain_zh": a.explain(Lang::Zh),
                "explain_en": a.explain(Lang::En),
            }),
        )
    })
}

/// Whether a county unit may hand a duty down to a township.
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Catalog_nAdmit<'l>(
    mut env: EnvUnowned<'l>,
    _this: JObject<'l>,
    h: jlong,
    from: JString<'l>,
    township: JString<'l>,
    duty: JString<'l>,
    matter: JString<'l>,
    s: jlong,
    n: jint,
) -> JString<'l> {
    run(&mut env, |env| {
        let (f, t) = (string(env, &from)?, string(env, &township)?);
        let duty = string(env, &duty)?.parse::<DutyKind>().map_err(Fail::Arg)?;
        let m = opt_string(env, &matter)?;
        let task = Task {
            from: &f,
            township: &t,
            matter: m.as_deref(),
            duty,
        };
        let a = catalog(h)?.admit(&task, &instant(s, n)?).or_fail()?;
        json(env, &a)
    })
}
