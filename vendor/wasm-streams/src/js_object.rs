//! Underlying sources and sinks as plain JS objects whose methods are
//! closures.
//!
//! This is the change of this copy's code from wasm-streams 0.5.0 (see
//! `PATCHED.md`). Upstream exports `IntoUnderlyingSource`,
//! `IntoUnderlyingByteSource` and `IntoUnderlyingSink` as `#[wasm_bindgen]`
//! classes. A module's exports are roots that no dead-code elimination may
//! remove, so every binary that links this crate carries the three classes,
//! their futures and their JS glue, whether it ever turns a Rust stream or
//! sink into a JS one or not. Closures exist only once `from_stream`,
//! `from_async_read` or `from_sink` runs, so a binary that never calls
//! them does not carry them.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

/// Every method takes one argument and returns a value (a promise, or
/// `undefined`): one closure type for all of them keeps one copy of
/// wasm-bindgen's closure glue.
type Method = dyn FnMut(JsValue) -> JsValue;

/// A JS object built from named values and methods.
pub(crate) struct JsObject(Object);

impl JsObject {
    pub(crate) fn new() -> Self {
        JsObject(Object::new())
    }

    pub(crate) fn value(self, name: &str, value: &JsValue) -> Self {
        // Setting a property of a fresh plain object cannot fail.
        Reflect::set(&self.0, &JsValue::from_str(name), value).unwrap_throw();
        self
    }

    /// The object's JS function owns the closure: the closure is dropped
    /// when the garbage collector takes the function (with the object and
    /// the stream that holds it), as the exported class was.
    pub(crate) fn method(
        self,
        name: &str,
        method: impl FnMut(JsValue) -> JsValue + 'static,
    ) -> Self {
        let function = Closure::<Method>::new(method).into_js_value();
        self.value(name, &function)
    }

    pub(crate) fn into_object(self) -> Object {
        self.0
    }
}

/// An underlying source shared by its object's methods until `cancel`
/// takes it out, which drops it as freeing the exported class did
/// upstream. The stream calls no method after `cancel`; one that did would
/// throw, as a call on a freed class does.
pub(crate) struct Cancellable<T>(Rc<RefCell<Option<T>>>);

impl<T> Cancellable<T> {
    pub(crate) fn new(source: T) -> Self {
        Cancellable(Rc::new(RefCell::new(Some(source))))
    }

    pub(crate) fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        f(self
            .0
            .borrow_mut()
            .as_mut()
            .expect_throw("stream already cancelled"))
    }

    pub(crate) fn take(&self) -> T {
        self.0
            .borrow_mut()
            .take()
            .expect_throw("stream already cancelled")
    }
}

impl<T> Clone for Cancellable<T> {
    fn clone(&self) -> Self {
        Cancellable(self.0.clone())
    }
}
