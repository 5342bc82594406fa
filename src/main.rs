// Talc instead of Rust's default wasm allocator (dlmalloc): 1.0 to 1.3 KB
// smaller gzipped (docs/PERFORMANCE.md, "Size"). Two sittings of the
// browser benchmarks, the two allocators in opposite orders, found no
// difference in speed beyond run-to-run noise.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    console_error_panic_hook::set_once();
    partner_access_studio::app::start();
}
