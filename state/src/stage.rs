//! What an indicator's slider needs beyond the state (the editor's and the stage's): its range
//! and the step of its arrow keys.

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

/// A slider's range for `value`: the plausible range widened to the value, inside the valid one.
pub fn slider_range(plausible: [f64; 2], valid: [f64; 2], value: f64) -> (f64, f64) {
    (
        plausible[0].min(value).max(valid[0]),
        plausible[1].max(value).min(valid[1]),
    )
}

/// Where an arrow key moves a slider at `value` (`sign` 1 for right / up, −1 for left / down):
/// one [`key_step`], on the grid of the indicator's decimals, inside [`slider_range`].
pub fn key_next(value: f64, sign: f64, plausible: [f64; 2], valid: [f64; 2], decimals: u8) -> f64 {
    let (lo, hi) = slider_range(plausible, valid, value);
    on_grid(value + sign * key_step(plausible, decimals), decimals).clamp(lo, hi)
}

/// The direction an arrow key moves a slider (1 for right / up, −1 for left / down); `None` for
/// another key, or with Ctrl, Alt or Meta (`modified`), which belong to the browser.
pub fn arrow_sign(key: &str, modified: bool) -> Option<f64> {
    match key {
        _ if modified => None,
        "ArrowRight" | "ArrowUp" => Some(1.0),
        "ArrowLeft" | "ArrowDown" => Some(-1.0),
        _ => None,
    }
}
