//! What the browser benchmarks (`bench/browser.mjs`) read from the page:
//! `performance.measure` entries around the load and the save, and the size
//! of the last save. Kept out of the shell and storage, which only call it.

/// Records the time from its start to its drop as a `performance.measure`
/// entry named `name`, which the browser benchmarks read (and devtools
/// show). A guard rather than a closure: no copy of the timed code per use.
pub struct Measure(&'static str);

impl Measure {
    pub fn start(name: &'static str) -> Measure {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark(name);
        }
        Measure(name)
    }
}

impl Drop for Measure {
    fn drop(&mut self) {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.measure_with_start_mark(self.0, self.0);
            p.clear_marks_with_mark_name(self.0);
        }
    }
}

/// The characters the last save wrote, for the browser benchmark's
/// reference (a raw `setItem` of as many characters).
pub fn record_save_size(bytes: usize) {
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(&w, &"__lastSaveBytes".into(), &(bytes as f64).into());
    }
}
