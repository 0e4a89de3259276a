//! `export!`: a JNI entry point, exported under its mangled Java name.

/// Declares a function the JVM finds by name (`Java_org_huying_<Class>_<method>`).
///
/// Exporting by name needs `#[unsafe(no_mangle)]`, which the `unsafe_code`
/// lint counts; it is allowed here, on the entry points alone. The bodies
/// have no unsafe block (the handles are read in `handle.rs`).
macro_rules! export {
    ($(#[$m:meta])* fn $name:ident $($rest:tt)*) => {
        $(#[$m])*
        #[allow(unsafe_code, non_snake_case)]
        #[unsafe(no_mangle)]
        pub extern "system" fn $name $($rest)*
    };
}

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
