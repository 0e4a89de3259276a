//! Errors for Java: every failure of an entry point becomes a Java
//! exception, never a crash.
//!
//! A core error becomes the class of its family ([`huying::ErrorKind`]),
//! chosen by an exhaustive match: `CalendarNotCoveredException`,
//! `LimitParseException`, … all extending `HuyingException` (the same class
//! names as Python's `…Error` and JS's `name`s). The exception carries the
//! stable `code` and, as JSON the Java side reads once, where the error is
//! (source, line, column, field, row, the list's problems). A panic becomes
//! `HuyingException` with code `internal`; a misuse of the binding
//! (`IllegalArgumentException`, `IllegalStateException` for a closed
//! object) stays a plain Java exception.

use jni::errors::ErrorPolicy;
use jni::objects::{JObject, JThrowable, JValue};
use jni::strings::JNIString;
use jni::{Env, jni_sig, jni_str};
use serde_json::{Value, json};

use huying::ErrorKind;

/// Why an entry point failed.
#[derive(Debug)]
pub(crate) enum Fail {
    /// A core error: its code, message and where it is.
    Core {
        code: &'static str,
        message: String,
        details: Value,
    },
    /// A JNI call failed (most often: a Java exception is pending).
    Jni(jni::errors::Error),
    /// An argument the binding cannot use (an unknown language, a bad name).
    Arg(String),
    /// A handle used after `close()`.
    Closed,
}

impl From<jni::errors::Error> for Fail {
    fn from(e: jni::errors::Error) -> Fail {
        Fail::Jni(e)
    }
}

/// The Java class of a core code: its family's, by an exhaustive match, so
/// that a new family does not build until it has a class.
pub(crate) fn class_for_code(code: &str) -> &'static str {
    match ErrorKind::of_code(code) {
        ErrorKind::CalendarNotCovered => "CalendarNotCoveredException",
        ErrorKind::CalendarData => "CalendarDataException",
        ErrorKind::CalendarNotice => "CalendarNoticeException",
        ErrorKind::Schedule => "ScheduleException",
        ErrorKind::NoSchedule => "NoScheduleException",
        ErrorKind::OutOfRange => "OutOfRangeException",
        ErrorKind::LimitParse => "LimitParseException",
        ErrorKind::Clock => "ClockException",
        ErrorKind::CatalogValidation => "CatalogValidationException",
        ErrorKind::CatalogRead => "CatalogReadException",
        ErrorKind::CatalogUsage => "CatalogUsageException",
        ErrorKind::CatalogLookup => "CatalogLookupException",
        ErrorKind::NotAuthorized => "NotAuthorizedException",
        ErrorKind::CallPolicy => "CallPolicyException",
        ErrorKind::Transition => "TransitionException",
        ErrorKind::LogLine => "LogLineException",
        ErrorKind::LogRead => "LogReadException",
        ErrorKind::ReportConfig => "ReportConfigException",
        ErrorKind::Other => "HuyingException",
    }
}

/// A core error that can become a Java exception.
pub(crate) trait Coded: std::fmt::Display {
    /// The stable code.
    fn code(&self) -> &'static str;
    /// Where the error is, as a JSON object (empty when it does not say).
    fn details(&self) -> Value {
        json!({})
    }
}

impl Coded for huying::calendar::CalendarError {
    fn code(&self) -> &'static str {
        huying::calendar::CalendarError::code(self)
    }
    fn details(&self) -> Value {
        use huying::calendar::CalendarError as E;
        match self {
            E::NotCovered { year } => json!({ "year": year }),
            E::BadData {
                source_name,
                line,
                field,
                ..
            } => json!({ "file": source_name, "line": line, "field": field }),
            E::BadNotice {
                source_name,
                line,
                column,
                ..
            } => json!({ "file": source_name, "line": line, "column": column }),
            _ => json!({}),
        }
    }
}

impl Coded for huying::sla::LimitError {
    fn code(&self) -> &'static str {
        huying::sla::LimitError::code(self)
    }
}

impl Coded for huying::sla::ClockError {
    fn code(&self) -> &'static str {
        huying::sla::ClockError::code(self)
    }
    fn details(&self) -> Value {
        match self {
            huying::sla::ClockError::Calendar(e) => e.details(),
            _ => json!({}),
        }
    }
}

/// A problem of a list in its JSON form for Java (`Problem.java`).
pub(crate) fn problem_json(p: &huying::catalog::Problem) -> Value {
    json!({
        "code": p.code.code(),
        "file": p.file,
        "row": p.row,
        "field": p.field,
        "message_en": p.message_en,
        "message_zh": p.message_zh,
    })
}

impl Coded for huying::catalog::CatalogError {
    fn code(&self) -> &'static str {
        huying::catalog::CatalogError::code(self)
    }
    fn details(&self) -> Value {
        let problems: Vec<Value> = self.problems().iter().map(problem_json).collect();
        match self.problems().first() {
            Some(p) => json!({
                "file": p.file, "row": p.row, "field": p.field, "problems": problems,
            }),
            None => json!({ "problems": problems }),
        }
    }
}

impl Coded for huying::call::CallError {
    fn code(&self) -> &'static str {
        huying::call::CallError::code(self)
    }
    fn details(&self) -> Value {
        use huying::call::CallError as E;
        match self {
            E::AtLine { line, source } => {
                let mut d = source.details();
                if let Value::Object(m) = &mut d {
                    m.insert("line".into(), json!(line));
                }
                d
            }
            E::BadEvent { line, .. } => json!({ "line": line }),
            E::DuplicateEvent { line, id, first } => {
                json!({ "line": line, "id": id.to_string(), "first": first })
            }
            E::Catalog(e) => e.details(),
            E::Clock(e) => e.details(),
            _ => json!({}),
        }
    }
}

impl Coded for huying::compliance::LogError {
    fn code(&self) -> &'static str {
        huying::compliance::LogError::code(self)
    }
    fn details(&self) -> Value {
        match self {
            huying::compliance::LogError::BadLine(b) => {
                json!({ "line": b.line, "call": b.call, "kind": b.kind.code() })
            }
            _ => json!({}),
        }
    }
}

impl Coded for huying::Error {
    fn code(&self) -> &'static str {
        huying::Error::code(self)
    }
    fn details(&self) -> Value {
        match self {
            huying::Error::Calendar(e) => e.details(),
            huying::Error::Limit(e) => e.details(),
            huying::Error::Clock(e) => e.details(),
            huying::Error::Catalog(e) => e.details(),
            huying::Error::Call(e) => e.details(),
            huying::Error::Compliance(e) => e.details(),
            _ => json!({}),
        }
    }
}

/// A core error as a [`Fail`].
pub(crate) fn core<E: Coded>(e: E) -> Fail {
    Fail::Core {
        code: e.code(),
        message: e.to_string(),
        details: e.details(),
    }
}

/// `Result<T, E>` → `Result<T, Fail>` for core errors.
pub(crate) trait OrFail<T> {
    /// The core error as a [`Fail`].
    fn or_fail(self) -> Result<T, Fail>;
}

impl<T, E: Coded> OrFail<T> for Result<T, E> {
    fn or_fail(self) -> Result<T, Fail> {
        self.map_err(core)
    }
}

/// Throws `org.huying.<class>(code, message, details)`.
fn throw_huying(
    env: &mut Env<'_>,
    class: &str,
    code: &str,
    message: &str,
    details: &str,
) -> jni::errors::Result<()> {
    let cls = env.find_class(JNIString::from(format!("org/huying/{class}")))?;
    let (c, m, d) = (
        env.new_string(code)?,
        env.new_string(message)?,
        env.new_string(details)?,
    );
    let obj: JObject = env.new_object(
        &cls,
        jni_sig!("(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;)V"),
        &[JValue::from(&c), JValue::from(&m), JValue::from(&d)],
    )?;
    let t = env.cast_local::<JThrowable>(obj)?;
    match env.throw(t) {
        Ok(()) | Err(jni::errors::Error::JavaException) => Ok(()),
        Err(e) => Err(e),
    }
}

/// Throws the Java exception for a failure.
pub(crate) fn throw(env: &mut Env<'_>, fail: Fail) -> jni::errors::Result<()> {
    let done = match fail {
        Fail::Core {
            code,
            message,
            details,
        } => throw_huying(
            env,
            class_for_code(code),
            code,
            &message,
            &details.to_string(),
        ),
        Fail::Jni(e) => throw_huying(
            env,
            "HuyingException",
            "internal",
            &format!("internal error in the JNI layer: {e}"),
            "{}",
        ),
        Fail::Arg(m) => env.throw_new(
            jni_str!("java/lang/IllegalArgumentException"),
            JNIString::from(m),
        ),
        Fail::Closed => env.throw_new(
            jni_str!("java/lang/IllegalStateException"),
            jni_str!("this Huying object was closed"),
        ),
    };
    match done {
        Err(jni::errors::Error::JavaException) => Ok(()),
        other => other,
    }
}

thread_local! {
    /// Where and why the last panic on this thread happened, for its exception.
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Installs the library's panic hook: instead of printing to the process's
/// standard error (the JVM's, where a Java platform does not look), a
/// panic's place and message go into the `HuyingException("internal")`
/// that reports it. With `HUYING_PANIC_STDERR` set, it prints as well.
/// (The hook is this library's own: a cdylib has its own copy of std.)
pub(crate) fn record_panics() {
    let print = std::env::var_os("HUYING_PANIC_STDERR").is_some();
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let text = info.to_string();
        LAST_PANIC.with(|l| {
            if let Ok(mut l) = l.try_borrow_mut() {
                *l = Some(text);
            }
        });
        if print {
            default(info);
        }
    }));
}

/// The text of a panic's payload.
fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&'static str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_string()
    }
}

/// Throws `HuyingException` with code `internal` for a panic.
pub(crate) fn throw_panic(
    env: &mut Env<'_>,
    payload: &(dyn std::any::Any + Send),
) -> jni::errors::Result<()> {
    if env.exception_check() {
        env.exception_clear();
    }
    let recorded = LAST_PANIC.with(|l| l.try_borrow_mut().ok().and_then(|mut l| l.take()));
    let text = recorded.unwrap_or_else(|| panic_text(payload));
    let done = throw_huying(
        env,
        "HuyingException",
        "internal",
        &format!("internal error (a bug in Huying; please report it): {text}"),
        "{}",
    );
    match done {
        Err(jni::errors::Error::JavaException) => Ok(()),
        other => other,
    }
}

/// The error policy of every entry point: a [`Fail`] becomes its Java
/// exception, a panic `HuyingException("internal")`; the method then
/// returns a default value, which Java never sees (the exception is thrown).
#[derive(Debug, Default)]
pub(crate) struct Throw;

impl<T: Default> ErrorPolicy<T, Fail> for Throw {
    type Captures<'unowned_env_local: 'native_method, 'native_method> = ();

    fn on_error<'unowned_env_local: 'native_method, 'native_method>(
        env: &mut Env<'unowned_env_local>,
        _cap: &mut Self::Captures<'unowned_env_local, 'native_method>,
        err: Fail,
    ) -> jni::errors::Result<T> {
        // A Java exception already pending (thrown by a JNI call) goes through.
        if !env.exception_check() {
            throw(env, err)?;
        }
        Ok(T::default())
    }

    fn on_panic<'unowned_env_local: 'native_method, 'native_method>(
        env: &mut Env<'unowned_env_local>,
        _cap: &mut Self::Captures<'unowned_env_local, 'native_method>,
        payload: Box<dyn std::any::Any + Send + 'static>,
    ) -> jni::errors::Result<T> {
        let thrown = throw_panic(env, payload.as_ref());
        // A payload whose drop panics is forgotten rather than unwound here.
        if let Err(again) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(payload)))
        {
            std::mem::forget(again);
        }
        thrown.map(|()| T::default())
    }
}
