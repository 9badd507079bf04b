//! Drawing functions: (data, drawing area, theme) → pixels. No component, no DOM.

use ict_engine::numfmt::{format, format_signed};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::Theme;
use crate::app::i18n::Msg;
use crate::app::i18n_more::MoreMsg;

pub(super) type Res<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// One row of a baseline-vs-scenario bar chart.
#[derive(Clone, Debug, PartialEq)]
pub struct PairRow {
    pub label: String,
    pub base: f64,
    pub scenario: f64,
    /// How far below a pillar (0: a pillar, 1: a sub-pillar, …): indented by that much.
    pub level: usize,
}

/// Horizontal bars: baseline (grey) and scenario (blue) for every pillar and sub-pillar, 0–1.
pub fn pairs<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[PairRow],
    t: &Theme,
) -> Res<DB> {
    let (w, h) = clear(area, t)?;
    let label_w = t.px(175.0);
    let value_w = t.px(52.0);
    let top = t.px(22.0);
    let x0 = label_w;
    let x1 = (w - value_w).max(x0 + 10);
    let row_h = ((h - top) / rows.len().max(1) as i32).max(1);
    let xs = |v: f64| x0 + ((x1 - x0) as f64 * v.clamp(0.0, 1.0)) as i32;
    // legend
    area.draw(&Rectangle::new(
        [(x0, t.px(4.0)), (x0 + t.px(12.0), t.px(14.0))],
        t.base().filled(),
    ))?;
    area.draw(&Text::new(
        Msg::Baseline.text(t.lang),
        (x0 + t.px(16.0), t.px(3.0)),
        t.font(11.0, t.muted()),
    ))?;
    let lx = x0 + t.px(110.0);
    area.draw(&Rectangle::new(
        [(lx, t.px(4.0)), (lx + t.px(12.0), t.px(14.0))],
        t.accent().filled(),
    ))?;
    area.draw(&Text::new(
        Msg::Scenario.text(t.lang),
        (lx + t.px(16.0), t.px(3.0)),
        t.font(11.0, t.muted()),
    ))?;
    for g in 0..=4 {
        let x = xs(g as f64 / 4.0);
        area.draw(&PathElement::new(vec![(x, top), (x, h)], t.grid()))?;
    }
    for (i, r) in rows.iter().enumerate() {
        let y = top + i as i32 * row_h;
        let sub = r.level > 0;
        let indent = t.px(12.0 * r.level as f64);
        let size = if sub { 11.0 } else { 12.0 };
        let name = truncate(&r.label, if sub { 27 } else { 25 });
        area.draw(&Text::new(
            name,
            (indent + t.px(2.0), y + row_h / 2),
            t.font_at(size, t.ink(), HPos::Left, VPos::Center),
        ))?;
        let bar = (row_h as f64 * 0.36) as i32;
        area.draw(&Rectangle::new(
            [
                (x0, y + row_h / 2 - bar - 1),
                (xs(r.base), y + row_h / 2 - 1),
            ],
            t.base().filled(),
        ))?;
        area.draw(&Rectangle::new(
            [
                (x0, y + row_h / 2 + 1),
                (xs(r.scenario), y + row_h / 2 + bar + 1),
            ],
            t.accent().filled(),
        ))?;
        area.draw(&Text::new(
            format(r.scenario, 4, t.lang),
            (x1 + t.px(4.0), y + row_h / 2),
            t.font_at(11.0, t.ink(), HPos::Left, VPos::Center),
        ))?;
    }
    Ok(())
}

/// One province in the ranked bar chart.
#[derive(Clone, Debug, PartialEq)]
pub struct RankedBar {
    pub label: String,
    pub score: f64,
    pub base: f64,
    pub selected: bool,
}

/// Vertical bars of every province's index, best first; the selected province highlighted,
/// with a marker at its baseline score.
pub fn ranked<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    bars: &[RankedBar],
    t: &Theme,
) -> Res<DB> {
    let (w, h) = clear(area, t)?;
    let left = t.px(34.0);
    let bottom = h - t.px(20.0);
    let top = t.px(8.0);
    let n = bars.len().max(1) as i32;
    let slot = ((w - left - t.px(4.0)) / n).max(1);
    let ys = |v: f64| bottom - ((bottom - top) as f64 * v.clamp(0.0, 1.0)) as i32;
    for g in 0..=4 {
        let v = g as f64 / 4.0;
        area.draw(&PathElement::new(vec![(left, ys(v)), (w, ys(v))], t.grid()))?;
        area.draw(&Text::new(
            format(v, 2, t.lang),
            (left - t.px(3.0), ys(v)),
            t.font_at(10.0, t.muted(), HPos::Right, VPos::Center),
        ))?;
    }
    for (i, b) in bars.iter().enumerate() {
        let x = left + i as i32 * slot;
        let color = if b.selected {
            t.highlight()
        } else {
            t.accent()
        };
        area.draw(&Rectangle::new(
            [(x + 1, ys(b.score)), (x + slot - 1, bottom)],
            color.filled(),
        ))?;
        if b.selected {
            area.draw(&PathElement::new(
                vec![
                    (x - t.px(3.0), ys(b.base)),
                    (x + slot + t.px(3.0), ys(b.base)),
                ],
                t.ink().stroke_width(t.px(2.0) as u32),
            ))?;
            let label = format!("{} {}", b.label, format(b.score, 4, t.lang));
            let lx = (x + slot / 2).min(w - t.px(120.0)).max(left);
            area.draw(&Text::new(
                label,
                (lx, ys(b.score) - t.px(4.0)),
                t.font_at(12.0, t.ink(), HPos::Left, VPos::Bottom),
            ))?;
        }
    }
    area.draw(&Text::new(
        "1",
        (left, bottom + t.px(3.0)),
        t.font(10.0, t.muted()),
    ))?;
    area.draw(&Text::new(
        n.to_string(),
        (left + (n - 1) * slot, bottom + t.px(3.0)),
        t.font(10.0, t.muted()),
    ))?;
    area.draw(&Text::new(
        MoreMsg::RankAxis.text(t.lang),
        (left + (n / 2) * slot, bottom + t.px(3.0)),
        t.font(10.0, t.muted()),
    ))?;
    Ok(())
}

/// One step of a waterfall: the change of the index due to one indicator.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub label: String,
    pub delta: f64,
}

/// Waterfall from the baseline index to the scenario index, one bar per changed indicator.
pub fn waterfall<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    start: f64,
    steps: &[Step],
    t: &Theme,
) -> Res<DB> {
    let (w, h) = clear(area, t)?;
    if steps.is_empty() {
        area.draw(&Text::new(
            MoreMsg::ChartNone.text(t.lang),
            (w / 2, h / 2),
            t.font_at(13.0, t.muted(), HPos::Center, VPos::Center),
        ))?;
        return Ok(());
    }
    let mut level = start;
    let mut lo = start;
    let mut hi = start;
    for s in steps {
        level += s.delta;
        lo = lo.min(level);
        hi = hi.max(level);
    }
    let pad = ((hi - lo) * 0.15).max(0.005);
    let (lo, hi) = (lo - pad, hi + pad);
    let label_w = t.px(190.0);
    let x1 = w - t.px(60.0);
    let xs = |v: f64| label_w + ((x1 - label_w) as f64 * (v - lo) / (hi - lo)) as i32;
    let rows = steps.len() as i32 + 2;
    let row_h = (h / rows).max(1);
    let draw_row =
        |i: i32, name: &str, from: f64, to: f64, color: RGBColor, value: String| -> Res<DB> {
            let y = i * row_h;
            area.draw(&Text::new(
                truncate(name, 28),
                (t.px(2.0), y + row_h / 2),
                t.font_at(11.0, t.ink(), HPos::Left, VPos::Center),
            ))?;
            let (a, b) = (xs(from.min(to)), xs(from.max(to)).max(xs(from.min(to)) + 1));
            area.draw(&Rectangle::new(
                [(a, y + row_h / 5), (b, y + row_h * 4 / 5)],
                color.filled(),
            ))?;
            area.draw(&Text::new(
                value,
                (b + t.px(4.0), y + row_h / 2),
                t.font_at(11.0, t.ink(), HPos::Left, VPos::Center),
            ))?;
            Ok(())
        };
    draw_row(
        0,
        &Msg::Baseline.text(t.lang),
        lo,
        start,
        t.base(),
        format(start, 4, t.lang),
    )?;
    let mut level = start;
    for (k, s) in steps.iter().enumerate() {
        let color = if s.delta >= 0.0 { t.up() } else { t.down() };
        draw_row(
            k as i32 + 1,
            &s.label,
            level,
            level + s.delta,
            color,
            format_signed(s.delta, 4, t.lang),
        )?;
        level += s.delta;
    }
    draw_row(
        rows - 1,
        &Msg::Scenario.text(t.lang),
        lo,
        level,
        t.accent(),
        format(level, 4, t.lang),
    )?;
    Ok(())
}

/// One point of the history chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub label: String,
    pub score: f64,
    pub rank: u32,
}

/// Index score over editions and the scenario, with the rank written at each point.
pub fn history<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    points: &[Point],
    t: &Theme,
) -> Res<DB> {
    let (w, h) = clear(area, t)?;
    let (left, right, top, bottom) = (t.px(40.0), w - t.px(30.0), t.px(24.0), h - t.px(24.0));
    let lo = points.iter().map(|p| p.score).fold(f64::INFINITY, f64::min);
    let hi = points
        .iter()
        .map(|p| p.score)
        .fold(f64::NEG_INFINITY, f64::max);
    let pad = ((hi - lo) * 0.25).max(0.02);
    let (lo, hi) = ((lo - pad).max(0.0), (hi + pad).min(1.0));
    let ys = |v: f64| bottom - ((bottom - top) as f64 * (v - lo) / (hi - lo).max(1e-9)) as i32;
    let n = points.len().max(2) as i32;
    let xs = |i: usize| left + (right - left) * i as i32 / (n - 1);
    for g in 0..=3 {
        let v = lo + (hi - lo) * g as f64 / 3.0;
        area.draw(&PathElement::new(
            vec![(left, ys(v)), (right, ys(v))],
            t.grid(),
        ))?;
        area.draw(&Text::new(
            format(v, 2, t.lang),
            (left - t.px(4.0), ys(v)),
            t.font_at(10.0, t.muted(), HPos::Right, VPos::Center),
        ))?;
    }
    let line: Vec<(i32, i32)> = points
        .iter()
        .enumerate()
        .map(|(i, p)| (xs(i), ys(p.score)))
        .collect();
    area.draw(&PathElement::new(
        line.clone(),
        t.accent().stroke_width(t.px(2.5) as u32),
    ))?;
    for (i, p) in points.iter().enumerate() {
        let (x, y) = line[i];
        area.draw(&Circle::new((x, y), t.px(4.5), t.accent().filled()))?;
        let anchor = if i == 0 {
            HPos::Left
        } else if i + 1 == points.len() {
            HPos::Right
        } else {
            HPos::Center
        };
        let rank = MoreMsg::RankWord.text(t.lang);
        area.draw(&Text::new(
            format!("{} ({rank} {})", format(p.score, 4, t.lang), p.rank),
            (x, y - t.px(7.0)),
            t.font_at(11.0, t.ink(), anchor, VPos::Bottom),
        ))?;
        area.draw(&Text::new(
            p.label.clone(),
            (x, bottom + t.px(5.0)),
            t.font_at(11.0, t.muted(), anchor, VPos::Top),
        ))?;
    }
    Ok(())
}

/// One horizontal bar: a label and a value.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
}

/// Horizontal bars, longest = largest value; values printed signed (gains) or plain.
pub fn bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    bars: &[Bar],
    signed: bool,
    t: &Theme,
) -> Res<DB> {
    let (w, h) = clear(area, t)?;
    let label_w = t.px(200.0);
    let x1 = w - t.px(60.0);
    let max = bars
        .iter()
        .map(|b| b.value)
        .fold(0.0f64, f64::max)
        .max(1e-6);
    let row_h = (h / bars.len().max(1) as i32).max(1);
    let color = if signed { t.up() } else { t.accent() };
    for (i, b) in bars.iter().enumerate() {
        let y = i as i32 * row_h;
        area.draw(&Text::new(
            truncate(&b.label, 30),
            (t.px(2.0), y + row_h / 2),
            t.font_at(11.0, t.ink(), HPos::Left, VPos::Center),
        ))?;
        let x = label_w + ((x1 - label_w) as f64 * (b.value.max(0.0) / max)) as i32;
        area.draw(&Rectangle::new(
            [
                (label_w, y + row_h / 5),
                (x.max(label_w + 1), y + row_h * 4 / 5),
            ],
            color.filled(),
        ))?;
        let value = if signed {
            format_signed(b.value, 4, t.lang)
        } else {
            format(b.value, 4, t.lang)
        };
        area.draw(&Text::new(
            value,
            (x + t.px(4.0), y + row_h / 2),
            t.font_at(11.0, t.ink(), HPos::Left, VPos::Center),
        ))?;
    }
    Ok(())
}

/// Fills the area with the background; its size in device pixels.
pub(super) fn clear<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    t: &Theme,
) -> Result<(i32, i32), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&t.bg())?;
    let (w, h) = area.dim_in_pixel();
    Ok((w as i32, h as i32))
}

/// Shortens a label to `max` characters (by chars, so diacritics are never split).
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}
