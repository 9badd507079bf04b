//! The province map's geometry (built by `cargo xtask map-geometry` from `data/geo/`), loaded the
//! first time the map comes near the viewport, so that it weighs nothing on the first download.
//!
//! Where it comes from:
//! - hosted build: `<meta name="ict-index-geo" data-href data-integrity>` in index.html; fetched
//!   with the `integrity` option (checked against its sha384; this origin's file, as the
//!   Content-Security-Policy demands);
//! - one-file build: inline, `<script type="application/json" id="ict-index-geo">`.
//!
//! Any failure (missing, refused, damaged, too slow) becomes a bilingual message; the rest of the
//! app works on. Once loaded, the geometry is kept for the page's life.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use ict_engine::Text;
use js_sys::Promise;
use serde::Deserialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::charts::map::{Archipelago, MapGeometry, Shape};
use crate::app::i18n_more::MoreMsg;

/// The meta element announcing the geometry in the hosted build.
const META: &str = "meta[name=\"ict-index-geo\"]";
/// The data block holding it in the one-file build.
const INLINE: &str = "ict-index-geo";
/// The format this app reads.
const FORMAT: &str = "ict-index-geo/1";
/// How long the download may take before it is given up (ms).
const TIMEOUT_MS: i32 = 30_000;

thread_local! {
    static LOADED: RefCell<Option<Rc<MapGeometry>>> = const { RefCell::new(None) };
}

/// The file as `cargo xtask map-geometry` writes it (see `xtask/src/geo.rs`).
#[derive(Deserialize)]
struct File {
    format: String,
    grid: Grid,
    inset: Inset,
    legend: [i32; 4],
    arcs: Vec<Vec<i32>>,
    provinces: BTreeMap<String, Vec<Vec<Vec<i32>>>>,
    archipelagos: Vec<ArchipelagoFile>,
}

#[derive(Deserialize)]
struct Grid {
    width: i32,
    height: i32,
}

#[derive(Deserialize)]
struct Inset {
    from: [i32; 4],
    to: [i32; 4],
}

#[derive(Deserialize)]
struct ArchipelagoFile {
    id: String,
    province: String,
    polygons: Vec<usize>,
    label: [i32; 2],
}

fn unavailable(detail: &str) -> Text {
    MoreMsg::MapUnavailable {
        detail: detail.to_string(),
    }
    .both()
}

fn boxed(b: [i32; 4]) -> [f64; 4] {
    b.map(f64::from)
}

/// Reads the file: arcs decoded (delta → absolute), each ring resolved to its points. Every
/// index is checked: a damaged file is an error, never a panic.
pub fn parse(text: &str) -> Result<MapGeometry, String> {
    let file: File = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if file.format != FORMAT {
        return Err(format!("{} ≠ {FORMAT}", file.format));
    }
    let arcs: Vec<Vec<(f64, f64)>> = file
        .arcs
        .iter()
        .map(|a| {
            let (mut x, mut y) = (0.0, 0.0);
            a.chunks_exact(2)
                .map(|d| {
                    x += f64::from(d[0]);
                    y += f64::from(d[1]);
                    (x, y)
                })
                .collect()
        })
        .collect();
    let ring = |refs: &[i32]| -> Result<Vec<(f64, f64)>, String> {
        let mut pts: Vec<(f64, f64)> = Vec::new();
        for &r in refs {
            let k = if r < 0 { !r } else { r } as usize;
            let arc = arcs.get(k).ok_or(format!("no arc {k}"))?;
            let skip = usize::from(!pts.is_empty());
            if r < 0 {
                pts.extend(arc.iter().rev().skip(skip));
            } else {
                pts.extend(arc.iter().skip(skip));
            }
        }
        Ok(pts)
    };
    let mut shapes = Vec::with_capacity(file.provinces.len());
    let mut users = vec![0u8; arcs.len()];
    // The first two shapes that use each arc.
    let mut sides: Vec<Vec<usize>> = vec![Vec::new(); arcs.len()];
    for (id, polygons) in &file.provinces {
        let mut rings = Vec::with_capacity(polygons.len());
        for polygon in polygons {
            // A polygon is drawn from its outline (its first ring).
            if polygon.is_empty() {
                return Err(format!("{id}: a polygon with no ring"));
            }
            let mut resolved = Vec::with_capacity(polygon.len());
            for refs in polygon {
                resolved.push(ring(refs)?);
                for &r in refs {
                    let k = if r < 0 { !r } else { r } as usize;
                    users[k] = users[k].saturating_add(1);
                    if sides[k].len() < 2 {
                        sides[k].push(shapes.len());
                    }
                }
            }
            rings.push(resolved);
        }
        shapes.push(Shape::new(id.clone(), rings));
    }
    let mut archipelagos = Vec::new();
    for a in &file.archipelagos {
        let province = shapes
            .iter()
            .position(|s| s.id == a.province)
            .ok_or(format!("no province {}", a.province))?;
        if a.polygons
            .iter()
            .any(|&k| k >= shapes[province].polygons.len())
        {
            return Err(format!("{}: no such polygon", a.id));
        }
        archipelagos.push(Archipelago {
            id: a.id.clone(),
            province,
            polygons: a.polygons.clone(),
            label: (f64::from(a.label[0]), f64::from(a.label[1])),
        });
    }
    // The borders between provinces: arcs used twice (a coast or an island's shore, once).
    let (borders, border_sides) = arcs
        .iter()
        .zip(&users)
        .zip(&sides)
        .filter(|((_, &n), _)| n > 1)
        .map(|((a, _), s)| (a.clone(), (s[0], s[s.len() - 1])))
        .unzip();
    Ok(MapGeometry {
        width: f64::from(file.grid.width),
        height: f64::from(file.grid.height),
        shapes,
        borders,
        border_sides,
        inset_from: boxed(file.inset.from),
        inset_to: boxed(file.inset.to),
        legend: boxed(file.legend),
        archipelagos,
    })
}

/// A promise that rejects after `ms` milliseconds.
fn deadline(ms: i32) -> Promise {
    Promise::new(&mut |_, reject| {
        let _ = gloo::utils::window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&reject, ms);
    })
}

/// The file's text: from the page (one-file build), else fetched and checked.
async fn text() -> Result<String, Text> {
    let doc = gloo::utils::document();
    if let Some(block) = doc.get_element_by_id(INLINE) {
        return Ok(block.text_content().unwrap_or_default());
    }
    let meta = doc
        .query_selector(META)
        .ok()
        .flatten()
        .ok_or_else(|| unavailable("meta ict-index-geo"))?;
    let url = meta
        .get_attribute("data-href")
        .ok_or_else(|| unavailable("data-href"))?;
    let init = web_sys::RequestInit::new();
    if let Some(sri) = meta.get_attribute("data-integrity") {
        init.set_integrity(&sri);
    }
    let fetched = gloo::utils::window().fetch_with_str_and_init(&url, &init);
    let raced = Promise::race(&js_sys::Array::of2(&fetched, &deadline(TIMEOUT_MS)));
    let response: web_sys::Response = JsFuture::from(raced)
        .await
        .map_err(|e| {
            if e.is_undefined() {
                MoreMsg::MapTimedOut.both()
            } else {
                unavailable(&url)
            }
        })?
        .dyn_into()
        .map_err(|_| unavailable(&url))?;
    if !response.ok() {
        return Err(unavailable(&format!("{url}: HTTP {}", response.status())));
    }
    let body = response.text().map_err(|_| unavailable(&url))?;
    let raced = Promise::race(&js_sys::Array::of2(&body, &deadline(TIMEOUT_MS)));
    JsFuture::from(raced)
        .await
        .ok()
        .as_ref()
        .and_then(JsValue::as_string)
        .ok_or_else(|| unavailable(&url))
}

/// The geometry, loaded once; a failed load is tried again on the next call.
pub async fn load() -> Result<Rc<MapGeometry>, Text> {
    if let Some(g) = LOADED.with(|l| l.borrow().clone()) {
        return Ok(g);
    }
    let text = text().await?;
    let geometry = Rc::new(parse(&text).map_err(|e| unavailable(&e))?);
    LOADED.with(|l| *l.borrow_mut() = Some(geometry.clone()));
    Ok(geometry)
}
