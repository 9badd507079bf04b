//! What the stage's sliders need beyond the state: the step of their arrow keys.

/// The arrow keys' step for an indicator: 1, 2 or 5 times a power of ten, at most 1 % of its
/// plausible range, and at least one unit of its last decimal (a range that is empty or not a
/// number gives that unit).
pub fn key_step(plausible: [f64; 2], decimals: u8) -> f64 {
    let least = 10f64.powi(-i32::from(decimals));
    let raw = (plausible[1] - plausible[0]).abs() / 100.0;
    if !(raw.is_finite() && raw > least) {
        return least;
    }
    let power = 10f64.powf(raw.log10().floor());
    let nice = [5.0, 2.0, 1.0]
        .into_iter()
        .map(|m| m * power)
        .find(|&s| s <= raw)
        .unwrap_or(power);
    nice.max(least)
}

/// `v` on the grid of `decimals`.
pub fn on_grid(v: f64, decimals: u8) -> f64 {
    let scale = 10f64.powi(i32::from(decimals));
    (v * scale).round() / scale
}
