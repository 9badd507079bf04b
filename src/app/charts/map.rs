//! The choropleth map of the provinces: the geometry as the app holds it, where the map, the Red
//! River Delta inset and the legend go on a canvas (`Layout`), which province a point is on
//! (`hit`), the colour scales and the drawing. Pure functions of (data, size, theme): no DOM.

use std::rc::Rc;

use ict_engine::numfmt::format;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::draw::{clear, Res};
use super::Theme;
use crate::app::i18n_more::MoreMsg;

/// A point in grid units (or on the canvas).
pub type Pt = (f64, f64);

/// One province's shape.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub id: String,
    /// Polygons → rings (the first the outline, the others holes) → points (grid units).
    pub polygons: Vec<Vec<Vec<Pt>>>,
    /// [x0, y0, x1, y1] of all its points.
    pub bounds: [f64; 4],
}

impl Shape {
    pub fn new(id: String, polygons: Vec<Vec<Vec<Pt>>>) -> Self {
        let bounds = polygons.iter().flatten().flatten().fold(
            [
                f64::INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NEG_INFINITY,
            ],
            |b, &(x, y)| [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)],
        );
        Shape {
            id,
            polygons,
            bounds,
        }
    }
}

/// Hoàng Sa or Trường Sa: islands of a province, labelled on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct Archipelago {
    /// `hoang-sa` or `truong-sa`.
    pub id: String,
    /// Index of its province in [`MapGeometry::shapes`].
    pub province: usize,
    /// Its polygons among the province's.
    pub polygons: Vec<usize>,
    /// The centre of its label (grid units).
    pub label: Pt,
}

/// The map's geometry in grid units (x east, y south), as `cargo xtask map-geometry` made it.
#[derive(Debug, Clone, PartialEq)]
pub struct MapGeometry {
    pub width: f64,
    pub height: f64,
    pub shapes: Vec<Shape>,
    /// Lines between two provinces (each once).
    pub borders: Vec<Vec<Pt>>,
    /// The two shapes on either side of each border.
    pub border_sides: Vec<(usize, usize)>,
    /// The Red River Delta: `inset_from` is drawn enlarged into `inset_to` ([x0, y0, x1, y1]).
    pub inset_from: [f64; 4],
    pub inset_to: [f64; 4],
    /// Where the legend goes.
    pub legend: [f64; 4],
    pub archipelagos: Vec<Archipelago>,
}

impl MapGeometry {
    /// The shape of province `id`.
    pub fn index(&self, id: &str) -> Option<usize> {
        self.shapes.iter().position(|s| s.id == id)
    }
}

/// The loaded geometry, compared by identity (it never changes once loaded).
#[derive(Debug, Clone)]
pub struct GeoRef(pub Rc<MapGeometry>);

impl PartialEq for GeoRef {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.0, &o.0)
    }
}

/// What colours the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// The scenario's index score (sequential scale).
    Score,
    /// The change in rank against the baseline (diverging: up, none, down).
    Change,
}

impl Measure {
    /// The value of the `map-measure` select.
    pub fn id(self) -> &'static str {
        match self {
            Measure::Score => "score",
            Measure::Change => "change",
        }
    }
    pub fn from_id(id: &str) -> Option<Self> {
        [Measure::Score, Measure::Change]
            .into_iter()
            .find(|m| m.id() == id)
    }
}

/// A province's figures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell {
    pub score: f64,
    pub rank: u32,
    pub base_rank: u32,
}

/// What the map shows.
#[derive(Debug, Clone, PartialEq)]
pub struct MapData {
    /// None until loaded.
    pub geo: Option<GeoRef>,
    /// Shown in its place until then (loading, or why it failed).
    pub message: String,
    pub measure: Measure,
    /// One per shape of the geometry (None: the edition has no such province).
    pub cells: Vec<Option<Cell>>,
    /// The scores the sequential scale spans.
    pub domain: (f64, f64),
    /// The selected province's shape (with the shapes of its group).
    pub selected: Option<usize>,
    /// Per shape, the unit it belongs to: shapes of one unit (the former provinces of a unit
    /// of 2025) are filled alike, with no border between them. Empty: each shape its own.
    pub groups: Vec<usize>,
}

impl MapData {
    /// The unit of shape `i`.
    fn group(&self, i: usize) -> usize {
        self.groups.get(i).copied().unwrap_or(i)
    }
    /// The shapes drawn as the selected unit.
    fn selected_shapes(&self) -> Vec<usize> {
        let Some(sel) = self.selected else {
            return Vec::new();
        };
        let g = self.group(sel);
        (0..self.cells.len().max(sel + 1))
            .filter(|&i| i == sel || (!self.groups.is_empty() && self.group(i) == g))
            .collect()
    }
    /// Whether border `k` runs inside one unit (then it is not drawn as a border).
    fn inner(&self, geo: &MapGeometry, k: usize) -> Option<usize> {
        let &(a, b) = geo.border_sides.get(k)?;
        (a != b && self.group(a) == self.group(b)).then_some(a)
    }
}

/// Where the map goes on a canvas of a given size: grid → canvas for the map, and for the
/// Red River Delta drawn enlarged in its inset.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    k: f64,
    ox: f64,
    oy: f64,
    /// Magnification of the inset.
    ik: f64,
    from: [f64; 4],
    to: [f64; 4],
}

impl Layout {
    /// The whole map, as large as fits in `w` × `h` with a small margin, centred.
    pub fn fit(geo: &MapGeometry, w: f64, h: f64) -> Self {
        let m = w.min(h) * 0.02;
        let k = ((w - 2.0 * m) / geo.width)
            .min((h - 2.0 * m) / geo.height)
            .max(1e-6);
        let [fx0, fy0, fx1, fy1] = geo.inset_from;
        let [tx0, ty0, tx1, ty1] = geo.inset_to;
        let ik = ((tx1 - tx0) / (fx1 - fx0).max(1.0)).min((ty1 - ty0) / (fy1 - fy0).max(1.0));
        Layout {
            k,
            ox: (w - geo.width * k) / 2.0,
            oy: (h - geo.height * k) / 2.0,
            ik,
            from: geo.inset_from,
            to: [tx0, ty0, tx0 + (fx1 - fx0) * ik, ty0 + (fy1 - fy0) * ik],
        }
    }
    /// Grid → canvas.
    pub fn main(&self, (x, y): Pt) -> Pt {
        (self.ox + x * self.k, self.oy + y * self.k)
    }
    /// Grid → canvas, enlarged in the inset.
    pub fn inset(&self, (x, y): Pt) -> Pt {
        self.main((
            self.to[0] + (x - self.from[0]) * self.ik,
            self.to[1] + (y - self.from[1]) * self.ik,
        ))
    }
    /// The inset's box on the canvas [x0, y0, x1, y1].
    pub fn inset_box(&self) -> [f64; 4] {
        self.boxed(self.to)
    }
    /// A box of the grid on the canvas.
    fn boxed(&self, b: [f64; 4]) -> [f64; 4] {
        let (x0, y0) = self.main((b[0], b[1]));
        let (x1, y1) = self.main((b[2], b[3]));
        [x0, y0, x1, y1]
    }
    /// Canvas → the grid point drawn there (through the inset where it covers the map).
    pub fn locate(&self, (x, y): Pt) -> Pt {
        let g = ((x - self.ox) / self.k, (y - self.oy) / self.k);
        if within(g, self.to) {
            (
                self.from[0] + (g.0 - self.to[0]) / self.ik,
                self.from[1] + (g.1 - self.to[1]) / self.ik,
            )
        } else {
            g
        }
    }
    /// Canvas units per grid unit at `p` (larger in the inset).
    fn scale_at(&self, p: Pt) -> f64 {
        let g = ((p.0 - self.ox) / self.k, (p.1 - self.oy) / self.k);
        if within(g, self.to) {
            self.k * self.ik
        } else {
            self.k
        }
    }
}

fn within(p: Pt, b: [f64; 4]) -> bool {
    p.0 >= b[0] && p.0 <= b[2] && p.1 >= b[1] && p.1 <= b[3]
}

fn overlaps(a: [f64; 4], b: [f64; 4]) -> bool {
    a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]
}

/// Even–odd: inside the outline and in no hole.
fn contains(rings: &[Vec<Pt>], p: Pt) -> bool {
    let mut inside = false;
    for ring in rings {
        for (i, &a) in ring.iter().enumerate() {
            let b = ring[(i + 1) % ring.len()];
            if (a.1 > p.1) != (b.1 > p.1) && p.0 < (b.0 - a.0) * (p.1 - a.1) / (b.1 - a.1) + a.0 {
                inside = !inside;
            }
        }
    }
    inside
}

/// How near (canvas units) a tap must be to an island of an archipelago to select its province.
pub const ISLAND_REACH: f64 = 6.0;

/// The province (index of its shape) drawn at canvas point `p` of a map laid out by `layout`,
/// the enlarged inset included; an island of Hoàng Sa or Trường Sa counts within
/// [`ISLAND_REACH`] of its centre.
pub fn hit(geo: &MapGeometry, layout: &Layout, p: Pt) -> Option<usize> {
    let g = layout.locate(p);
    let found = geo
        .shapes
        .iter()
        .position(|s| within(g, s.bounds) && s.polygons.iter().any(|rings| contains(rings, g)));
    found.or_else(|| {
        let reach = ISLAND_REACH / layout.scale_at(p);
        geo.archipelagos
            .iter()
            .find(|a| {
                a.polygons.iter().any(|&k| {
                    let c = centre(&geo.shapes[a.province].polygons[k][0]);
                    (c.0 - g.0).hypot(c.1 - g.1) <= reach
                })
            })
            .map(|a| a.province)
    })
}

fn centre(ring: &[Pt]) -> Pt {
    let b = Shape::new(String::new(), vec![vec![ring.to_vec()]]).bounds;
    ((b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0)
}

/// Sequential scale (low → high): light to dark blue on white, dim to bright on black.
const SEQUENTIAL_LIGHT: [(u8, u8, u8); 5] = [
    (255, 255, 204),
    (161, 218, 180),
    (65, 182, 196),
    (44, 127, 184),
    (37, 52, 148),
];
const SEQUENTIAL_DARK: [(u8, u8, u8); 5] = [
    (38, 54, 76),
    (33, 113, 181),
    (65, 182, 196),
    (161, 218, 180),
    (255, 255, 204),
];

/// The colour of `t` ∈ [0, 1] on the sequential scale.
pub fn score_colour(t: f64, dark: bool) -> RGBColor {
    let stops = if dark {
        &SEQUENTIAL_DARK
    } else {
        &SEQUENTIAL_LIGHT
    };
    let x = t.clamp(0.0, 1.0) * (stops.len() - 1) as f64;
    let i = (x.floor() as usize).min(stops.len() - 2);
    let f = x - i as f64;
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * f).round() as u8;
    let (a, b) = (stops[i], stops[i + 1]);
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// From this many places on, a move counts as large.
pub const MANY: u32 = 5;

/// The class of a rank change: 0 up by [`MANY`] or more, 1 up, 2 unchanged, 3 down, 4 down by
/// [`MANY`] or more.
pub fn move_class(base_rank: u32, rank: u32) -> usize {
    match (rank < base_rank, rank.abs_diff(base_rank)) {
        (_, 0) => 2,
        (true, d) if d >= MANY => 0,
        (true, _) => 1,
        (false, d) if d < MANY => 3,
        _ => 4,
    }
}

/// Diverging scale of the five classes (blue up, red down: apart for colour-blind eyes too).
pub fn move_colour(class: usize, dark: bool) -> RGBColor {
    let light = [
        (33, 102, 172),
        (146, 197, 222),
        (232, 232, 232),
        (244, 165, 130),
        (178, 24, 43),
    ];
    let night = [
        (110, 180, 230),
        (40, 90, 130),
        (58, 58, 58),
        (130, 60, 45),
        (244, 135, 107),
    ];
    let (r, g, b) = if dark { night } else { light }[class.min(4)];
    RGBColor(r, g, b)
}

/// The colour of a province's cell.
fn fill(d: &MapData, i: usize, t: &Theme) -> RGBColor {
    match (d.cells.get(i).copied().flatten(), d.measure) {
        (None, _) => t.grid(),
        (Some(c), Measure::Score) => {
            let (lo, hi) = d.domain;
            score_colour((c.score - lo) / (hi - lo).max(1e-9), t.dark)
        }
        (Some(c), Measure::Change) => move_colour(move_class(c.base_rank, c.rank), t.dark),
    }
}

/// Coasts and the outline of islands drawn as dots.
fn coast(t: &Theme) -> RGBColor {
    if t.dark {
        RGBColor(120, 120, 120)
    } else {
        RGBColor(150, 160, 172)
    }
}

type Dev = (i32, i32);

/// Smallest and largest of device coordinates.
fn span(v: impl Iterator<Item = i32>) -> (i32, i32) {
    v.fold((i32::MAX, i32::MIN), |(a, b), x| (a.min(x), b.max(x)))
}

fn device(pts: impl IntoIterator<Item = Pt>) -> Vec<Dev> {
    let mut out: Vec<Dev> = Vec::new();
    for (x, y) in pts {
        let p = (x.round() as i32, y.round() as i32);
        if out.last() != Some(&p) {
            out.push(p);
        }
    }
    out
}

/// A ring clipped to a box (Sutherland–Hodgman; a concave ring may gain edges along the box,
/// which only the fill uses).
fn clip_ring(ring: &[Pt], b: [f64; 4]) -> Vec<Pt> {
    let mut out = ring.to_vec();
    for edge in 0..4 {
        let input = std::mem::take(&mut out);
        let Some(&last) = input.last() else { break };
        let inside = |p: Pt| match edge {
            0 => p.0 >= b[0],
            1 => p.1 >= b[1],
            2 => p.0 <= b[2],
            _ => p.1 <= b[3],
        };
        let cross = |a: Pt, c: Pt| -> Pt {
            if edge % 2 == 0 {
                let x = b[edge];
                (x, a.1 + (c.1 - a.1) * (x - a.0) / (c.0 - a.0))
            } else {
                let y = b[edge];
                (a.0 + (c.0 - a.0) * (y - a.1) / (c.1 - a.1), y)
            }
        };
        let mut prev = last;
        for &cur in &input {
            match (inside(prev), inside(cur)) {
                (true, true) => out.push(cur),
                (true, false) => out.push(cross(prev, cur)),
                (false, true) => {
                    out.push(cross(prev, cur));
                    out.push(cur);
                }
                (false, false) => {}
            }
            prev = cur;
        }
    }
    out
}

/// The part of segment a–c inside a box (Liang–Barsky).
fn clip_segment(a: Pt, c: Pt, b: [f64; 4]) -> Option<(Pt, Pt)> {
    let (dx, dy) = (c.0 - a.0, c.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.0 - b[0]),
        (dx, b[2] - a.0),
        (-dy, a.1 - b[1]),
        (dy, b[3] - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    (t0 <= t1).then_some((
        (a.0 + t0 * dx, a.1 + t0 * dy),
        (a.0 + t1 * dx, a.1 + t1 * dy),
    ))
}

/// The runs of a line inside a box.
fn clip_line(pts: &[Pt], b: [f64; 4]) -> Vec<Vec<Pt>> {
    let mut runs = Vec::new();
    let mut run: Vec<Pt> = Vec::new();
    for w in pts.windows(2) {
        match clip_segment(w[0], w[1], b) {
            Some((p, q)) => {
                if run.last() != Some(&p) {
                    if run.len() > 1 {
                        runs.push(std::mem::take(&mut run));
                    }
                    run = vec![p];
                }
                run.push(q);
            }
            None => {
                if run.len() > 1 {
                    runs.push(std::mem::take(&mut run));
                }
                run.clear();
            }
        }
    }
    if run.len() > 1 {
        runs.push(run);
    }
    runs
}

/// One view of the geometry: the whole map, or the inset (its source box, clipped).
struct View<'a> {
    layout: &'a Layout,
    /// None: the whole map; Some(box): the inset, showing this box of the grid.
    clip: Option<[f64; 4]>,
}

impl View<'_> {
    fn project(&self, p: Pt) -> Pt {
        if self.clip.is_some() {
            self.layout.inset(p)
        } else {
            self.layout.main(p)
        }
    }
    /// A ring on the canvas (clipped in the inset).
    fn ring(&self, ring: &[Pt]) -> Vec<Dev> {
        match self.clip {
            Some(b) => device(clip_ring(ring, b).into_iter().map(|p| self.project(p))),
            None => device(ring.iter().map(|&p| self.project(p))),
        }
    }
    /// A line on the canvas, as runs (clipped in the inset).
    fn line(&self, pts: &[Pt]) -> Vec<Vec<Dev>> {
        match self.clip {
            Some(b) => clip_line(pts, b)
                .into_iter()
                .map(|run| device(run.into_iter().map(|p| self.project(p))))
                .collect(),
            None => vec![device(pts.iter().map(|&p| self.project(p)))],
        }
    }
    fn shows(&self, bounds: [f64; 4]) -> bool {
        self.clip.is_none_or(|b| overlaps(bounds, b))
    }
}

/// Draws the provinces, borders, coasts and the selected province's outline in one view.
fn draw_view<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    geo: &MapGeometry,
    d: &MapData,
    view: &View,
    t: &Theme,
) -> Res<DB> {
    // Fills; an island too small to see as a shape is a dot with an outline.
    let dot = t.px(1.6);
    for (i, s) in geo.shapes.iter().enumerate() {
        if !view.shows(s.bounds) {
            continue;
        }
        let colour = fill(d, i, t);
        for polygon in &s.polygons {
            let pts = view.ring(&polygon[0]);
            let (x0, x1) = span(pts.iter().map(|p| p.0));
            let (y0, y1) = span(pts.iter().map(|p| p.1));
            let tiny = pts.len() < 3 || (x1 - x0 < 2 * dot && y1 - y0 < 2 * dot);
            if !tiny {
                area.draw(&Polygon::new(pts, colour.filled()))?;
            } else if view.clip.is_none() && !pts.is_empty() {
                let c = ((x0 + x1) / 2, (y0 + y1) / 2);
                area.draw(&Circle::new(c, dot, colour.filled()))?;
                area.draw(&Circle::new(c, dot, coast(t).stroke_width(1)))?;
            }
        }
    }
    // Coasts, thin; then the borders between provinces in the background colour, over the
    // edges where two fills meet (so that no seam of anti-aliasing shows).
    let thin = (t.px(0.6)).max(1) as u32;
    for s in geo.shapes.iter().filter(|s| view.shows(s.bounds)) {
        for ring in s.polygons.iter().flatten() {
            let mut closed = ring.clone();
            closed.extend(ring.first());
            for run in view.line(&closed) {
                if run.len() > 2 {
                    area.draw(&PathElement::new(run, coast(t).stroke_width(thin)))?;
                }
            }
        }
    }
    // A border inside a unit is painted over in the unit's colour.
    let border = t.px(0.9).max(1) as u32;
    for (k, b) in geo.borders.iter().enumerate() {
        let (colour, width) = match d.inner(geo, k) {
            Some(side) => (fill(d, side, t), border + 1),
            None => (t.bg(), border),
        };
        for run in view.line(b) {
            area.draw(&PathElement::new(run, colour.stroke_width(width)))?;
        }
    }
    // The selected province: a dark line on a light halo, around its outline and its larger
    // islands (a ring around every islet would hide them); for a unit, around its former
    // provinces, the borders between them painted over again.
    let selected = d.selected_shapes();
    for s in selected.iter().filter_map(|&i| geo.shapes.get(i)) {
        let runs: Vec<Vec<Dev>> = s
            .polygons
            .iter()
            .filter(|_| view.shows(s.bounds))
            .flat_map(|polygon| {
                let mut closed = polygon[0].clone();
                closed.extend(polygon[0].first());
                view.line(&closed)
            })
            .filter(|run| {
                let (x0, x1) = span(run.iter().map(|p| p.0));
                let (y0, y1) = span(run.iter().map(|p| p.1));
                x1 - x0 >= t.px(8.0) || y1 - y0 >= t.px(8.0)
            })
            .collect();
        for (colour, width) in [(t.bg(), t.px(4.0)), (t.ink(), t.px(2.0))] {
            for run in &runs {
                area.draw(&PathElement::new(
                    run.clone(),
                    colour.stroke_width(width.max(1) as u32),
                ))?;
            }
        }
    }
    if selected.len() > 1 {
        for (k, b) in geo.borders.iter().enumerate() {
            if let Some(side) = d.inner(geo, k).filter(|s| selected.contains(s)) {
                for run in view.line(b) {
                    let width = t.px(4.0).max(1) as u32;
                    area.draw(&PathElement::new(run, fill(d, side, t).stroke_width(width)))?;
                }
            }
        }
    }
    Ok(())
}

/// The choropleth: every province coloured by the measure, the Red River Delta enlarged in an
/// inset, the archipelagos labelled, the selected province outlined, a legend.
pub fn map<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, d: &MapData, t: &Theme) -> Res<DB> {
    let (w, h) = clear(area, t)?;
    let Some(geo) = d.geo.as_ref().map(|g| &*g.0) else {
        area.draw(&Text::new(
            d.message.clone(),
            (w / 2, h / 2),
            t.font_at(13.0, t.muted(), HPos::Center, VPos::Center),
        ))?;
        return Ok(());
    };
    let layout = Layout::fit(geo, f64::from(w), f64::from(h));
    draw_view(
        area,
        geo,
        d,
        &View {
            layout: &layout,
            clip: None,
        },
        t,
    )?;

    // The inset: its source marked on the map, then the delta enlarged in its box.
    let mark = layout.boxed(geo.inset_from).map(|v| v.round() as i32);
    area.draw(&Rectangle::new(
        [(mark[0], mark[1]), (mark[2], mark[3])],
        t.muted().stroke_width(1),
    ))?;
    let b = layout.inset_box().map(|v| v.round() as i32);
    area.draw(&Rectangle::new(
        [(b[0], b[1]), (b[2], b[3])],
        t.bg().filled(),
    ))?;
    draw_view(
        area,
        geo,
        d,
        &View {
            layout: &layout,
            clip: Some(geo.inset_from),
        },
        t,
    )?;
    area.draw(&Rectangle::new(
        [(b[0], b[1]), (b[2], b[3])],
        t.muted().stroke_width(1),
    ))?;
    area.draw(&Text::new(
        MoreMsg::MapInset.text(t.lang),
        (b[2], b[3] + t.px(3.0)),
        t.font_at(11.0, t.muted(), HPos::Right, VPos::Top),
    ))?;

    // The archipelagos' names.
    for a in &geo.archipelagos {
        let name = match a.id.as_str() {
            "hoang-sa" => MoreMsg::HoangSa,
            _ => MoreMsg::TruongSa,
        };
        let (x, y) = layout.main(a.label);
        area.draw(&Text::new(
            name.text(t.lang),
            (x.round() as i32, y.round() as i32),
            t.font_at(11.0, t.ink(), HPos::Center, VPos::Center),
        ))?;
    }
    legend(area, d, layout.boxed(geo.legend), t)
}

/// The legend in its box: the sequential scale with its ends, or the five classes of change.
fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    d: &MapData,
    b: [f64; 4],
    t: &Theme,
) -> Res<DB> {
    let (x, mut y) = (b[0].round() as i32, b[1].round() as i32);
    let title = match d.measure {
        Measure::Score => MoreMsg::MapLegendScore,
        Measure::Change => MoreMsg::MapLegendChange,
    };
    area.draw(&Text::new(
        title.text(t.lang),
        (x, y),
        t.font(11.0, t.ink()),
    ))?;
    y += t.px(17.0);
    let sw = t.px(14.0);
    let row = t.px(17.0);
    let label = |s: String, y: i32| {
        Text::new(
            s,
            (x + sw + t.px(5.0), y + sw / 2),
            t.font_at(11.0, t.ink(), HPos::Left, VPos::Center),
        )
    };
    match d.measure {
        Measure::Score => {
            // A bar from high (top) to low, the ends and the middle labelled.
            let height = t.px(90.0);
            for k in 0..height {
                let c = score_colour(1.0 - f64::from(k) / f64::from(height - 1).max(1.0), t.dark);
                area.draw(&Rectangle::new(
                    [(x, y + k), (x + sw, y + k + 1)],
                    c.filled(),
                ))?;
            }
            area.draw(&Rectangle::new(
                [(x, y), (x + sw, y + height)],
                coast(t).stroke_width(1),
            ))?;
            let (lo, hi) = d.domain;
            for (v, at) in [(hi, 0), ((lo + hi) / 2.0, height / 2), (lo, height)] {
                area.draw(&Text::new(
                    format(v, 2, t.lang),
                    (x + sw + t.px(5.0), y + at),
                    t.font_at(11.0, t.ink(), HPos::Left, VPos::Center),
                ))?;
            }
            y += height + t.px(8.0);
        }
        Measure::Change => {
            for class in 0..5 {
                area.draw(&Rectangle::new(
                    [(x, y), (x + sw, y + sw)],
                    move_colour(class, t.dark).filled(),
                ))?;
                area.draw(&Rectangle::new(
                    [(x, y), (x + sw, y + sw)],
                    coast(t).stroke_width(1),
                ))?;
                area.draw(&label(
                    MoreMsg::MapMove { class }.text(t.lang).into_owned(),
                    y,
                ))?;
                y += row;
            }
        }
    }
    if d.cells.iter().any(Option::is_none) {
        area.draw(&Rectangle::new(
            [(x, y), (x + sw, y + sw)],
            t.grid().filled(),
        ))?;
        area.draw(&label(MoreMsg::MapNoData.text(t.lang).into_owned(), y))?;
    }
    Ok(())
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn square(x: f64, y: f64, side: f64) -> Vec<Vec<Pt>> {
        vec![vec![
            (x, y),
            (x + side, y),
            (x + side, y + side),
            (x, y + side),
        ]]
    }

    /// Two provinces side by side at the top left, a small one inside the inset's source, an
    /// island group far south-east; the inset (×4) at the top right.
    fn geometry() -> MapGeometry {
        MapGeometry {
            width: 1000.0,
            height: 1000.0,
            shapes: vec![
                Shape::new("01".into(), vec![square(0.0, 0.0, 100.0)]),
                Shape::new("02".into(), vec![square(100.0, 0.0, 100.0)]),
                Shape::new("03".into(), vec![square(110.0, 110.0, 20.0)]),
                Shape::new(
                    "48".into(),
                    vec![square(300.0, 300.0, 50.0), square(800.0, 800.0, 0.5)],
                ),
            ],
            borders: vec![vec![(100.0, 0.0), (100.0, 100.0)]],
            border_sides: vec![(0, 1)],
            inset_from: [100.0, 100.0, 200.0, 200.0],
            inset_to: [600.0, 0.0, 1000.0, 400.0],
            legend: [0.0, 600.0, 200.0, 800.0],
            archipelagos: vec![Archipelago {
                id: "hoang-sa".into(),
                province: 3,
                polygons: vec![1],
                label: (800.0, 850.0),
            }],
        }
    }

    #[wasm_bindgen_test]
    fn a_point_finds_its_province_on_the_map_and_in_the_inset() {
        let geo = geometry();
        // A canvas of 500 × 500: half a pixel per grid unit, after a margin of 10.
        let layout = Layout::fit(&geo, 500.0, 500.0);
        let at = |x: f64, y: f64| hit(&geo, &layout, layout.main((x, y)));
        assert_eq!(at(50.0, 50.0), Some(0));
        assert_eq!(at(150.0, 50.0), Some(1));
        assert_eq!(at(325.0, 325.0), Some(3));
        assert_eq!(at(500.0, 500.0), None, "the sea");
        // In the inset, the small province is four times larger: its centre (120, 120) is drawn
        // at 600 + 20·4, 0 + 20·4.
        assert_eq!(hit(&geo, &layout, layout.inset((120.0, 120.0))), Some(2));
        assert_eq!(layout.inset((120.0, 120.0)), layout.main((680.0, 80.0)));
        assert_eq!(hit(&geo, &layout, layout.main((680.0, 80.0))), Some(2));
        assert_eq!(hit(&geo, &layout, layout.inset((150.0, 150.0))), None);
        // A tiny island is found within a few pixels of it.
        let island = layout.main((800.25, 800.25));
        assert_eq!(hit(&geo, &layout, (island.0 + 4.0, island.1)), Some(3));
        assert_eq!(hit(&geo, &layout, (island.0 + 20.0, island.1)), None);
    }

    /// Two provinces sharing one border (arc 0), each closed by its own arc; Hoàng Sa an island
    /// of Đà Nẵng.
    const FILE: &str = r#"{"format":"ict-index-geo/1",
      "grid":{"lon0":102.0,"lat0":23.4,"kx":231.6,"ky":240.0,"width":100,"height":100},
      "inset":{"from":[0,0,10,10],"to":[50,0,90,40]},"legend":[0,60,30,90],
      "arcs":[[10,0,0,10],[10,10,-10,0,0,-10,10,0],[10,0,10,0,0,10,-10,0],[80,80,1,0,-1,1,0,-1]],
      "provinces":{"01":[[[0,1]]],"48":[[[2,-1]],[[3]]]},
      "archipelagos":[{"id":"hoang-sa","province":"48","polygons":[1],"label":[80,85]}]}"#;

    #[wasm_bindgen_test]
    fn the_geometry_file_is_read_and_checked() {
        use crate::app::geo::parse;
        let g = parse(FILE).expect("a valid file");
        assert_eq!(g.shapes.len(), 2);
        assert_eq!(g.index("48"), Some(1));
        // Arc 0 reversed closes Đà Nẵng's ring where Hà Nội's began: one shared border.
        assert_eq!(g.shapes[1].polygons[0][0].first(), Some(&(10.0, 0.0)));
        assert_eq!(g.shapes[1].polygons[0][0].last(), Some(&(10.0, 0.0)));
        assert_eq!(g.borders, vec![vec![(10.0, 0.0), (10.0, 10.0)]]);
        assert_eq!(g.archipelagos[0].province, 1);
        assert_eq!(g.shapes[1].bounds, [10.0, 0.0, 81.0, 81.0]);
        // A damaged or foreign file is an error, not a panic.
        assert!(parse(&FILE.replace("[[[0,1]]]", "[[[0,9]]]")).is_err());
        assert!(parse(&FILE.replace("\"polygons\":[1]", "\"polygons\":[7]")).is_err());
        assert!(parse(&FILE.replace("ict-index-geo/1", "ict-index-geo/2")).is_err());
        assert!(parse("{}").is_err());
    }

    #[wasm_bindgen_test]
    fn clipping_keeps_what_is_inside() {
        let clipped = clip_ring(&square(0.0, 0.0, 10.0)[0], [5.0, -5.0, 20.0, 20.0]);
        let b = Shape::new(String::new(), vec![vec![clipped]]).bounds;
        assert_eq!(b, [5.0, 0.0, 10.0, 10.0]);
        let runs = clip_line(
            &[(0.0, 5.0), (10.0, 5.0), (10.0, 15.0)],
            [5.0, 0.0, 20.0, 10.0],
        );
        assert_eq!(runs, vec![vec![(5.0, 5.0), (10.0, 5.0), (10.0, 10.0)]]);
    }

    #[wasm_bindgen_test]
    fn colour_scales() {
        assert_eq!(score_colour(0.0, false), RGBColor(255, 255, 204));
        assert_eq!(score_colour(1.0, false), RGBColor(37, 52, 148));
        assert_eq!(score_colour(2.0, false), score_colour(1.0, false));
        assert_eq!(move_class(10, 3), 0);
        assert_eq!(move_class(4, 3), 1);
        assert_eq!(move_class(3, 3), 2);
        assert_eq!(move_class(3, 4), 3);
        assert_eq!(move_class(3, 9), 4);
        assert_eq!(Measure::from_id("change"), Some(Measure::Change));
        assert_eq!(Measure::from_id("score"), Some(Measure::Score));
    }
}
