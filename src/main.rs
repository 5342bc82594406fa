// Talc instead of Rust's default wasm allocator (dlmalloc): 1.0 to 1.3 KB
// smaller gzipped (README, "Benchmarks and budgets"). Two sittings of the
// browser benchmarks, the two allocators in opposite orders, found no
// difference in speed beyond run-to-run noise.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(partner_access_studio::app::App);
    // index.html shows a loading line while the wasm is fetched and
    // compiled; the app is in place now.
    if let Some(booting) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("booting"))
    {
        booting.remove();
    }
}
