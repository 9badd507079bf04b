//! The app's second module (see `app::bridge`), loaded by the first once it has rendered.
fn main() {
    ict_index::run_more();
}
