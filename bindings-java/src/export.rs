//! What every JNI entry point runs its body with.
//!
//! Each entry point is a `pub extern "system" fn Java_org_huying_<Class>_<method>`
//! exported by name with `#[unsafe(no_mangle)]`, which the `unsafe_code` lint
//! counts: it is allowed on the entry points alone, whose bodies have no
//! unsafe block (the handles are read in `handle.rs`).

use jni::{Env, EnvUnowned};

use crate::errors::{Fail, Throw};

/// Runs an entry point's body with an `Env`: a [`Fail`] becomes its Java
/// exception and a panic `HuyingException("internal")` (see `errors.rs`).
pub(crate) fn run<'l, T: Default>(
    env: &mut EnvUnowned<'l>,
    f: impl FnOnce(&mut Env<'l>) -> Result<T, Fail>,
) -> T {
    env.with_env(f).resolve::<Throw>()
}

/// [`run`] for a body that needs no JNI call on success (the hot calendar
/// paths): the body runs under `catch_unwind` alone, and only a failure or
/// a panic goes through the `Env` to throw.
pub(crate) fn fast<'l, T: Default>(
    env: &mut EnvUnowned<'l>,
    f: impl FnOnce() -> Result<T, Fail>,
) -> T {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(Ok(v)) => v,
        Ok(Err(fail)) => run(env, |_| Err(fail)),
        Err(payload) => run(env, |_| std::panic::resume_unwind(payload)),
    }
}
