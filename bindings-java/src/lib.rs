//! `libhuying_java`: the native library behind the Java package `org.huying`.
//!
//! Thin by design, like the Python and WASM bindings: every entry point
//! converts its arguments, calls the core crate and converts the answer
//! back. No domain logic lives here.
//!
//! - Each Java class that owns native data (`Calendar`, `Catalog`,
//!   `CallPolicy`, `Call`, …) keeps a `long` handle: a `Box` made here and
//!   freed once by `Native.free` (see `handle.rs`).
//! - Every entry point catches panics and turns every error into a Java
//!   exception: a core error becomes the class of its family
//!   (`huying::ErrorKind`, see `errors.rs`), a panic `HuyingException` with
//!   code `internal`. Nothing reaches the JVM as a crash.
//! - Hot calendar paths take and return primitives (Unix day numbers);
//!   complex values (events, boards, reports) cross as JSON text in the
//!   core's serde form.

mod export;

mod calendar;
mod call;
mod catalog;
mod compliance;
mod convert;
mod errors;
mod handle;
mod sla;

use jni::EnvUnowned;
use jni::objects::{JClass, JString};
use jni::sys::{jint, jlong};

use crate::errors::{Fail, Throw};

/// `Native.version()`: the crate's version and the calendar data's.
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Native_version<'l>(
    mut env: EnvUnowned<'l>,
    _c: JClass<'l>,
) -> JString<'l> {
    env.with_env(|env| -> Result<_, Fail> {
        Ok(JString::from_str(
            env,
            format!(
                "{}\t{}",
                env!("CARGO_PKG_VERSION"),
                huying::calendar::DATA_VERSION
            ),
        )?)
    })
    .resolve::<Throw>()
}

/// `Native.free(kind, handle)`: frees a handle made by this library
/// (called once per handle, by `close()` or the cleaner).
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Native_free<'l>(
    mut env: EnvUnowned<'l>,
    _c: JClass<'l>,
    kind: jint,
    h: jlong,
) {
    env.with_env(|_| -> Result<_, Fail> {
        handle::free(kind, h);
        Ok(())
    })
    .resolve::<Throw>()
}

/// `Native.panicForTest()`: internal, for the test that proves a panic
/// becomes `HuyingException` with code `internal` and leaves the JVM
/// and the library usable. Always compiled; not part of the API.
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_huying_Native_panicForTest<'l>(
    mut env: EnvUnowned<'l>,
    _c: JClass<'l>,
) -> jint {
    env.with_env(|_| -> Result<jint, Fail> { test_panic() })
        .resolve::<Throw>()
}

/// `JNI_OnLoad`: run by the JVM when it loads the library. Installs the
/// library's panic hook (see [`errors::record_panics`]) and asks for JNI 1.8.
#[allow(unsafe_code, non_snake_case)] // exported by name for the JVM; no unsafe block inside
#[unsafe(no_mangle)]
pub extern "system" fn JNI_OnLoad(
    _vm: *mut jni::sys::JavaVM,
    _reserved: *mut std::ffi::c_void,
) -> jint {
    errors::record_panics();
    jni::sys::JNI_VERSION_1_8
}

#[allow(clippy::panic)] // the one deliberate panic, for the test above
fn test_panic() -> Result<jint, Fail> {
    panic!("a deliberate panic, for the test of panics across JNI")
}
