//! The app's second module (see `app::bridge`), loaded by the first once it has rendered.
//!
//! It is also the rank interval's helper thread (`app::draw_worker`): a Web Worker instantiates
//! this wasm without its glue and runs parts of the draws through the three functions below,
//! which call nothing outside the wasm.

use std::cell::RefCell;

fn main() {
    ict_index::run_more();
}

thread_local! {
    static INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    static OUTPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Room for a part's `len` bytes: where the worker writes them (valid until the next call).
#[no_mangle]
pub extern "C" fn ict_part_input(len: usize) -> *mut u8 {
    INPUT.with(|i| {
        let mut i = i.borrow_mut();
        i.clear();
        i.resize(len, 0);
        i.as_mut_ptr()
    })
}

/// Runs the part written at [`ict_part_input`]: the length of its tally's bytes (at
/// [`ict_part_output`]), or -1 when the part cannot be run.
#[no_mangle]
pub extern "C" fn ict_part_run() -> i32 {
    let input = INPUT.with(|i| std::mem::take(&mut *i.borrow_mut()));
    match ict_engine::interval_part::IntervalPart::run_bytes(&input) {
        Ok(out) => {
            let len = i32::try_from(out.len()).unwrap_or(-1);
            OUTPUT.with(|o| *o.borrow_mut() = out);
            len
        }
        Err(_) => -1,
    }
}

/// Where the last tally's bytes are.
#[no_mangle]
pub extern "C" fn ict_part_output() -> *const u8 {
    OUTPUT.with(|o| o.borrow().as_ptr())
}
