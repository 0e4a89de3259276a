//! A small builder for plain JS objects (faster than serde for flat records,
//! and able to hold `Date`s).

use wasm_bindgen::JsValue;

/// A plain object being filled.
pub(crate) struct Obj(js_sys::Object);

impl Obj {
    pub(crate) fn new() -> Obj {
        Obj(js_sys::Object::new())
    }

    /// Sets a property. Setting a property on a plain fresh object cannot fail.
    pub(crate) fn val(self, key: &str, v: &JsValue) -> Obj {
        let _ = js_sys::Reflect::set(&self.0, &JsValue::from_str(key), v);
        self
    }

    pub(crate) fn str(self, key: &str, v: &str) -> Obj {
        self.val(key, &JsValue::from_str(v))
    }

    pub(crate) fn opt_str(self, key: &str, v: Option<&str>) -> Obj {
        match v {
            Some(s) => self.str(key, s),
            None => self.val(key, &JsValue::NULL),
        }
    }

    pub(crate) fn num(self, key: &str, v: f64) -> Obj {
        self.val(key, &JsValue::from_f64(v))
    }

    pub(crate) fn bool(self, key: &str, v: bool) -> Obj {
        self.val(key, &JsValue::from_bool(v))
    }
}

impl From<Obj> for JsValue {
    fn from(o: Obj) -> JsValue {
        o.0.into()
    }
}

/// A JS array of values.
pub(crate) fn array<I: IntoIterator<Item = JsValue>>(items: I) -> js_sys::Array {
    items.into_iter().collect()
}
