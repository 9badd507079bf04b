//! `cargo xtask map-geometry [DIR]`: the province map's geometry, made from the TopoJSON of the
//! 63 provinces (`data/geo/`) for what a map of about 600 pixels needs, written into DIR as
//! `ict-geo-<hash>.json` and announced in DIR's index.html (`<meta name="ict-index-geo"
//! data-href=… data-integrity=…>`; the app fetches it when the map first comes near the
//! viewport and checks it against that sha384). Trunk runs this after every build, like the file
//! module; `cargo xtask dist` puts the same file inline in the one-file build.
//!
//! Steps: read the TopoJSON (crate `topojson`), decode its quantised, delta-encoded arcs, match
//! the provinces' names to the editions' province ids, drop islands too small to see (never the
//! Hoàng Sa and Trường Sa archipelagos, nor anything a neighbour shares), project
//! (equirectangular, x scaled by the cosine of the middle latitude), simplify EACH ARC ONCE
//! (Ramer–Douglas–Peucker of crate `geo`, endpoints kept: a border shared by two provinces stays
//! the same line for both, so neighbours never open gaps), finer where the Red River Delta inset
//! magnifies it, quantise to an integer grid, delta-encode. Same input, same bytes.

use std::collections::BTreeMap;
use std::path::Path;

use geo::{Coord, LineString, Polygon, Simplify};
use serde::Serialize;
use topojson::{TopoJson, Value};
use unicode_normalization::UnicodeNormalization;

use crate::util::{
    announce, gzip_len, integrity, out_dir, remove_stale, root, sha384_hex, step, write,
};

/// The `<meta name>` announcing the geometry in index.html.
pub const META: &str = "ict-index-geo";
/// Id of the `<script type="application/json">` holding it in the one-file build.
pub const INLINE_ID: &str = "ict-index-geo";
/// Names of the written file: `ict-geo-<hash>.json`.
pub const PREFIX: &str = "ict-geo-";
/// The source, and the object in it holding the provinces.
const SOURCE: &str = "data/geo/vn-63-provinces.topo.json";
const OBJECT: &str = "diaphantinh_63_fixednames";
/// The format the app reads.
const FORMAT: &str = "ict-index-geo/1";

/// Grid units per degree of latitude: a 600-pixel map (≈ 36 px per degree) at twice the
/// pixel ratio and three times magnified in the inset is ≈ 220 device pixels per degree.
const GRID: f64 = 240.0;
/// Ramer–Douglas–Peucker tolerance in degrees: about 0.3 pixel of a 600-pixel map.
const TOLERANCE: f64 = 0.008;
/// Inside the Red River Delta inset (magnified about three times), a third of it.
const TOLERANCE_INSET: f64 = TOLERANCE / 3.0;
/// Islands smaller than this (square degrees, ≈ 1 pixel²) are dropped, a ninth of it inside
/// the inset; never the archipelagos, nor a polygon sharing a border with another.
const MIN_AREA: f64 = 0.0008;

/// Province ids (GSO codes) of the Red River Delta, shown enlarged in an inset.
const DELTA: [&str; 10] = ["01", "26", "27", "30", "31", "33", "34", "35", "36", "37"];
/// Where the inset goes, in degrees (west, south, east, north; east and north are the map's
/// edges): the sea east of the Gulf of Tonkin, where nothing of Viet Nam is drawn.
const INSET_TO: [f64; 4] = [109.9, 18.0, f64::INFINITY, f64::INFINITY];
/// Where the legend goes: west of the Central Highlands (neighbouring countries are not drawn).
const LEGEND: [f64; 4] = [102.25, 12.1, 105.75, 16.3];

/// The two archipelagos: id, province, which of its polygons (west, south, east, north bounds in
/// degrees that contain the polygon; Trường Sa reaches 12.05 °N in the north-east), and whether
/// the label goes below (true) or above the islands.
const ARCHIPELAGOS: [(&str, &str, [f64; 4], bool); 2] = [
    ("hoang-sa", "48", [110.0, -90.0, 180.0, 90.0], true),
    ("truong-sa", "56", [110.0, -90.0, 180.0, 13.0], false),
];
/// Distance between an archipelago and its label's centre (degrees).
const LABEL_GAP: f64 = 0.5;

/// A point in degrees (lon, lat) or in projected units.
type Pt = (f64, f64);

/// The file the app reads.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct MapFile {
    pub format: &'static str,
    /// Grid coordinates: x = (lon − lon0) · kx, y = (lat0 − lat) · ky (y grows southwards).
    pub grid: Grid,
    /// The Red River Delta inset: the box `from` is drawn enlarged into the box `to` (grid
    /// units, [x0, y0, x1, y1]).
    pub inset: Inset,
    /// Where the legend goes (grid units, [x0, y0, x1, y1]).
    pub legend: [i32; 4],
    /// Each arc: its first point, then the difference to each next one: [x0, y0, dx1, dy1, …].
    pub arcs: Vec<Vec<i32>>,
    /// Province id → polygons → rings (the first the outline, the others holes) → arcs, as in
    /// TopoJSON: `k` is arc k, `!k` (−k − 1) arc k reversed.
    pub provinces: BTreeMap<String, Vec<Vec<Vec<i32>>>>,
    pub archipelagos: Vec<Archipelago>,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Grid {
    pub lon0: f64,
    pub lat0: f64,
    pub kx: f64,
    pub ky: f64,
    pub width: i32,
    pub height: i32,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Inset {
    pub from: [i32; 4],
    pub to: [i32; 4],
}

/// Hoàng Sa or Trường Sa: kept whatever the size of its islands, labelled on the map.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Archipelago {
    pub id: &'static str,
    pub province: String,
    /// Its polygons among the province's.
    pub polygons: Vec<usize>,
    /// The centre of its label (grid units).
    pub label: [i32; 2],
}

/// The built file and what the tests check it against.
#[cfg_attr(not(test), allow(dead_code))]
pub struct Built {
    pub file: MapFile,
    pub json: Vec<u8>,
    /// For each source arc, the output arc it became (None: dropped with its island, or joined
    /// with the other arcs of its ring).
    pub arc_map: Vec<Option<usize>>,
    /// For each source arc, the provinces using it.
    pub arc_users: Vec<Vec<String>>,
    /// Points in the source and kept in the output.
    pub source_points: usize,
    pub points: usize,
}

/// Lower case, without diacritics (đ → d), "TP"/"Thành phố"/"Tỉnh" and dashes dropped, the
/// source's short names expanded ("HCM", "Huế"): "TP Hồ Chí Minh" and "TP HCM" give the same.
pub fn fold_name(name: &str) -> String {
    let plain: String = name
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            '-' | '–' | '—' | '.' => ' ',
            c => c,
        })
        .collect::<String>()
        .to_lowercase();
    let words: Vec<&str> = plain.split_whitespace().collect();
    let words = match words.as_slice() {
        ["tp", rest @ ..] | ["thanh", "pho", rest @ ..] | ["tinh", rest @ ..] => rest,
        all => all,
    };
    match words.join(" ").as_str() {
        "hcm" => "ho chi minh".into(),
        "hue" => "thua thien hue".into(),
        other => other.into(),
    }
}

/// The province id of each name: every name matches one province and every province one name.
pub fn match_names(
    names: &[String],
    provinces: &[(String, String)],
) -> Result<Vec<String>, String> {
    let mut by_name: BTreeMap<String, &str> = BTreeMap::new();
    for (id, name) in provinces {
        if by_name.insert(fold_name(name), id).is_some() {
            return Err(format!("two provinces fold to the name of {name}"));
        }
    }
    let mut ids = Vec::with_capacity(names.len());
    for name in names {
        let id = by_name
            .get(&fold_name(name))
            .ok_or(format!("{SOURCE}: no province is named like {name:?}"))?;
        if ids.iter().any(|i| i == id) {
            return Err(format!("{SOURCE}: two shapes are province {id} ({name})"));
        }
        ids.push(id.to_string());
    }
    if let Some((id, name)) = provinces.iter().find(|(id, _)| !ids.contains(id)) {
        return Err(format!("{SOURCE}: no shape for province {id} ({name})"));
    }
    Ok(ids)
}

/// A ring's points (degrees) from its arcs.
fn ring_points(arcs: &[Vec<Pt>], ring: &[i32]) -> Vec<Pt> {
    let mut pts: Vec<Pt> = Vec::new();
    for &r in ring {
        let arc = &arcs[if r < 0 { !r } else { r } as usize];
        let skip = usize::from(!pts.is_empty());
        if r < 0 {
            pts.extend(arc.iter().rev().skip(skip));
        } else {
            pts.extend(arc.iter().skip(skip));
        }
    }
    pts
}

/// Bounds (west, south, east, north) of points.
fn bounds(pts: impl IntoIterator<Item = Pt>) -> [f64; 4] {
    pts.into_iter().fold(
        [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ],
        |b, (x, y)| [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)],
    )
}

fn overlaps(a: [f64; 4], b: [f64; 4]) -> bool {
    a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]
}

fn inside(a: [f64; 4], b: [f64; 4]) -> bool {
    a[0] >= b[0] && a[1] >= b[1] && a[2] <= b[2] && a[3] <= b[3]
}

/// Area of a ring in degrees² scaled by `cos` (shoelace).
fn area(pts: &[Pt], cos: f64) -> f64 {
    let twice: f64 = pts
        .windows(2)
        .map(|w| w[0].0 * w[1].1 - w[1].0 * w[0].1)
        .sum();
    (twice / 2.0).abs() * cos
}

/// The source: arcs in degrees, and each shape's name and polygons.
struct Source {
    arcs: Vec<Vec<Pt>>,
    shapes: Vec<(String, Vec<Vec<Vec<i32>>>)>,
}

fn read_source(path: &Path) -> Result<Source, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let topo = match text.parse::<TopoJson>() {
        Ok(TopoJson::Topology(t)) => t,
        Ok(_) => return Err(format!("{SOURCE}: not a Topology")),
        Err(e) => return Err(format!("{SOURCE}: {e}")),
    };
    let (scale, translate) = topo
        .transform
        .as_ref()
        .map(|t| (t.scale, t.translate))
        .unwrap_or(([1.0, 1.0], [0.0, 0.0]));
    // Quantised and delta-encoded (with a transform), else absolute.
    let quantised = topo.transform.is_some();
    let arcs: Vec<Vec<Pt>> = topo
        .arcs
        .iter()
        .map(|arc| {
            let (mut x, mut y) = (0.0, 0.0);
            arc.iter()
                .map(|p| {
                    if quantised {
                        x += p[0];
                        y += p[1];
                    } else {
                        (x, y) = (p[0], p[1]);
                    }
                    (x * scale[0] + translate[0], y * scale[1] + translate[1])
                })
                .collect()
        })
        .collect();
    let object = topo
        .objects
        .iter()
        .find(|o| o.name == OBJECT)
        .ok_or(format!("{SOURCE}: no object {OBJECT}"))?;
    let Value::GeometryCollection(geometries) = &object.geometry.value else {
        return Err(format!("{SOURCE}: {OBJECT} is not a GeometryCollection"));
    };
    let mut shapes = Vec::new();
    for g in geometries {
        let name = g
            .properties
            .as_ref()
            .and_then(|p| p.get("ten_tinh"))
            .and_then(|n| n.as_str())
            .ok_or(format!("{SOURCE}: a shape has no ten_tinh"))?;
        let polygons = match &g.value {
            Value::Polygon(p) => vec![p.clone()],
            Value::MultiPolygon(m) => m.clone(),
            _ => return Err(format!("{SOURCE}: {name} is not a polygon")),
        };
        shapes.push((name.to_string(), polygons));
    }
    Ok(Source { arcs, shapes })
}

/// An arc simplified once (endpoints kept); a closed arc (an island) simplified as a ring,
/// keeping at least three distinct points.
fn simplify(arc: &[Pt], tolerance: f64) -> Vec<Pt> {
    let line: LineString<f64> = arc.iter().map(|&(x, y)| Coord { x, y }).collect();
    let out = if arc.len() > 3 && arc.first() == arc.last() {
        Polygon::new(line, vec![])
            .simplify(tolerance)
            .exterior()
            .clone()
    } else {
        line.simplify(tolerance)
    };
    out.coords().map(|c| (c.x, c.y)).collect()
}

/// Rounds to the grid, dropping repeated points; a closed arc keeps three distinct points
/// (however small: an island is never lost to rounding).
fn quantise(pts: &[Pt]) -> Vec<(i32, i32)> {
    let mut out: Vec<(i32, i32)> = Vec::with_capacity(pts.len());
    for &(x, y) in pts {
        let q = (x.round() as i32, y.round() as i32);
        if out.last() != Some(&q) {
            out.push(q);
        }
    }
    let closed = pts.len() > 3 && pts.first() == pts.last();
    let mut distinct = out.clone();
    distinct.sort_unstable();
    distinct.dedup();
    if closed && distinct.len() < 3 {
        // Fewer than three distinct grid points: the smallest triangle at its place.
        let (x, y) = out[0];
        out = vec![(x, y), (x + 1, y), (x, y + 1), (x, y)];
    } else if out.len() == 1 {
        out.push(out[0]);
    }
    out
}

/// Builds the map file from the TopoJSON and the provinces (id, Vietnamese name).
pub fn build_from(path: &Path, provinces: &[(String, String)]) -> Result<Built, String> {
    let src = read_source(path)?;
    let names: Vec<String> = src.shapes.iter().map(|(n, _)| n.clone()).collect();
    let ids = match_names(&names, provinces)?;
    let source_points = src.arcs.iter().map(Vec::len).sum();

    // Who uses each arc.
    let mut arc_users: Vec<Vec<String>> = vec![Vec::new(); src.arcs.len()];
    for ((_, polygons), id) in src.shapes.iter().zip(&ids) {
        for &r in polygons.iter().flatten().flatten() {
            let users = &mut arc_users[if r < 0 { !r } else { r } as usize];
            users.push(id.clone());
        }
    }
    let cos = {
        let b = bounds(src.arcs.iter().flatten().copied());
        ((b[1] + b[3]) / 2.0).to_radians().cos()
    };

    // The inset's source: the Red River Delta provinces' largest polygons, with a margin.
    let mut delta_box = [
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    ];
    for ((_, polygons), id) in src.shapes.iter().zip(&ids) {
        if !DELTA.contains(&id.as_str()) {
            continue;
        }
        let largest = polygons
            .iter()
            .map(|p| ring_points(&src.arcs, &p[0]))
            .max_by(|a, b| area(a, cos).total_cmp(&area(b, cos)))
            .unwrap_or_default();
        let b = bounds(largest);
        delta_box = [
            delta_box[0].min(b[0] - 0.04),
            delta_box[1].min(b[1] - 0.04),
            delta_box[2].max(b[2] + 0.04),
            delta_box[3].max(b[3] + 0.04),
        ];
    }

    // Which polygons are kept, and which belong to an archipelago.
    let mut kept: Vec<Vec<Vec<Vec<i32>>>> = Vec::new();
    let mut archipelagos: Vec<(usize, Vec<usize>, [f64; 4])> = vec![
        (
            0,
            Vec::new(),
            [
                f64::INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NEG_INFINITY
            ]
        );
        ARCHIPELAGOS.len()
    ];
    for (s, ((_, polygons), id)) in src.shapes.iter().zip(&ids).enumerate() {
        let mut out = Vec::new();
        for polygon in polygons {
            let outline = ring_points(&src.arcs, &polygon[0]);
            let b = bounds(outline.iter().copied());
            let group = ARCHIPELAGOS
                .iter()
                .position(|(_, province, within, _)| *province == id && inside(b, *within));
            let shared = polygon
                .iter()
                .flatten()
                .any(|&r| arc_users[if r < 0 { !r } else { r } as usize].len() > 1);
            let min = if overlaps(b, delta_box) {
                MIN_AREA / 9.0
            } else {
                MIN_AREA
            };
            if group.is_none() && !shared && area(&outline, cos) < min {
                continue;
            }
            // Holes too small to see (the lagoons of atolls) go; the outline stays.
            let mut rings = vec![polygon[0].clone()];
            rings.extend(
                polygon[1..]
                    .iter()
                    .filter(|r| area(&ring_points(&src.arcs, r), cos) >= min)
                    .cloned(),
            );
            if let Some(g) = group {
                let a = &mut archipelagos[g];
                a.0 = s;
                a.1.push(out.len());
                a.2 = [
                    a.2[0].min(b[0]),
                    a.2[1].min(b[1]),
                    a.2[2].max(b[2]),
                    a.2[3].max(b[3]),
                ];
            }
            out.push(rings);
        }
        kept.push(out);
    }
    for (a, (name, ..)) in archipelagos.iter().zip(ARCHIPELAGOS) {
        if a.1.is_empty() {
            return Err(format!("{SOURCE}: the {name} archipelago is missing"));
        }
    }
    // A ring of several arcs that nothing else uses (a small island cut at a node) becomes one
    // closed arc: simplified as a ring, it keeps its three points.
    let mut all_arcs = src.arcs.clone();
    for ring in kept.iter_mut().flatten().flatten() {
        let own = ring
            .iter()
            .all(|&r| arc_users[if r < 0 { !r } else { r } as usize].len() == 1);
        if ring.len() > 1 && own {
            all_arcs.push(ring_points(&src.arcs, ring));
            *ring = vec![all_arcs.len() as i32 - 1];
        }
    }

    // The arcs still used, numbered in the order of the source; the grid's origin at the
    // north-west corner of what is kept.
    let mut arc_map: Vec<Option<usize>> = vec![None; all_arcs.len()];
    for &r in kept.iter().flatten().flatten().flatten() {
        arc_map[if r < 0 { !r } else { r } as usize] = Some(0);
    }
    let mut next = 0;
    for m in arc_map.iter_mut().flatten() {
        *m = next;
        next += 1;
    }
    let used = all_arcs
        .iter()
        .zip(&arc_map)
        .filter(|(_, m)| m.is_some())
        .map(|(a, _)| a);
    let extent = bounds(used.clone().flatten().copied());
    let (lon0, lat0) = (extent[0], extent[3]);
    let (kx, ky) = (GRID * cos, GRID);
    let project = |(lon, lat): Pt| ((lon - lon0) * kx, (lat0 - lat) * ky);

    let mut arcs = Vec::with_capacity(next);
    let mut points = 0;
    for arc in used {
        let b = bounds(arc.iter().copied());
        let tolerance = if overlaps(b, delta_box) {
            TOLERANCE_INSET
        } else {
            TOLERANCE
        };
        let projected: Vec<Pt> = arc.iter().map(|&p| project(p)).collect();
        let q = quantise(&simplify(&projected, tolerance * GRID));
        points += q.len();
        let mut flat = vec![q[0].0, q[0].1];
        for w in q.windows(2) {
            flat.extend([w[1].0 - w[0].0, w[1].1 - w[0].1]);
        }
        arcs.push(flat);
    }

    let renumber = |r: i32| -> i32 {
        let m = arc_map[if r < 0 { !r } else { r } as usize].unwrap_or(0) as i32;
        if r < 0 {
            !m
        } else {
            m
        }
    };
    let mut out_provinces = BTreeMap::new();
    for (polygons, id) in kept.iter().zip(&ids) {
        let polygons: Vec<Vec<Vec<i32>>> = polygons
            .iter()
            .map(|p| {
                p.iter()
                    .map(|r| r.iter().map(|&a| renumber(a)).collect())
                    .collect()
            })
            .collect();
        out_provinces.insert(id.clone(), polygons);
    }
    let grid_box = |b: [f64; 4]| -> [i32; 4] {
        let (x0, y0) = project((b[0], b[3]));
        let (x1, y1) = project((b[2], b[1]));
        [x0, y0, x1, y1].map(|v| v.round() as i32)
    };
    let width = ((extent[2] - lon0) * kx).ceil() as i32;
    let height = ((lat0 - extent[1]) * ky).ceil() as i32;
    let from = grid_box(delta_box);
    // The inset keeps the delta's proportions, as large as fits in the corner.
    let to = {
        let space = grid_box([INSET_TO[0], INSET_TO[1], extent[2], extent[3]]);
        let (fw, fh) = (f64::from(from[2] - from[0]), f64::from(from[3] - from[1]));
        let (sw, sh) = (
            f64::from(space[2] - space[0]),
            f64::from(space[3] - space[1]),
        );
        let k = (sw / fw).min(sh / fh);
        let (w, h) = ((fw * k).floor() as i32, (fh * k).floor() as i32);
        [space[2] - w, space[1], space[2], space[1] + h]
    };
    let archipelagos = archipelagos
        .into_iter()
        .zip(ARCHIPELAGOS)
        .map(|((_, polygons, b), (id, province, _, below))| {
            let lat = if below {
                b[1] - LABEL_GAP
            } else {
                b[3] + LABEL_GAP
            };
            let (x, y) = project(((b[0] + b[2]) / 2.0, lat));
            Archipelago {
                id,
                province: province.to_string(),
                polygons,
                label: [x.round() as i32, y.round() as i32],
            }
        })
        .collect();
    let file = MapFile {
        format: FORMAT,
        grid: Grid {
            lon0,
            lat0,
            kx,
            ky,
            width,
            height,
        },
        inset: Inset { from, to },
        legend: grid_box(LEGEND),
        arcs,
        provinces: out_provinces,
        archipelagos,
    };
    let json = serde_json::to_vec(&file).map_err(|e| e.to_string())?;
    arc_map.truncate(src.arcs.len());
    Ok(Built {
        file,
        json,
        arc_map,
        arc_users,
        source_points,
        points,
    })
}

/// The 63 provinces of the editions (`data/2019/edition.json`): (id, Vietnamese name).
pub fn provinces() -> Result<Vec<(String, String)>, String> {
    let edition = ict_engine::builtin::edition(2019).map_err(|e| e.to_string())?;
    Ok(edition
        .meta
        .provinces
        .iter()
        .map(|p| (p.id.clone(), p.name.vi.clone()))
        .collect())
}

/// The map file built from the repository's TopoJSON.
pub fn build() -> Result<Built, String> {
    build_from(&root().join(SOURCE), &provinces()?)
}

/// Writes the geometry into `dir` and announces it in `dir/index.html`.
pub fn install(dir: &Path) -> Result<(), String> {
    let built = build()?;
    let name = format!("{PREFIX}{}.json", &sha384_hex(&built.json)[..16]);
    write(&dir.join(&name), &built.json)?;
    remove_stale(dir, PREFIX, &[&name])?;
    let meta = format!(
        "<meta name=\"{META}\" data-href=\"./{name}\" data-integrity=\"{}\" />",
        integrity(&built.json)
    );
    announce(dir, META, &meta)?;
    eprintln!(
        "xtask: map geometry {name}: {} B, {} B gzip, {} of {} points",
        built.json.len(),
        gzip_len(&built.json),
        built.points,
        built.source_points
    );
    Ok(())
}

/// `cargo xtask map-geometry [DIR]`: DIR, else Trunk's staging folder, else `dist/`.
pub fn run_map_geometry(args: &[String]) -> Result<(), String> {
    step("map geometry", || install(&out_dir(args)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn built() -> &'static Built {
        static BUILT: OnceLock<Built> = OnceLock::new();
        BUILT.get_or_init(|| build().expect("the map geometry builds"))
    }

    /// The points of an output arc, in grid units.
    fn decode(arc: &[i32]) -> Vec<(i32, i32)> {
        let mut pts = vec![(arc[0], arc[1])];
        for d in arc[2..].chunks(2) {
            let (x, y) = *pts.last().unwrap();
            pts.push((x + d[0], y + d[1]));
        }
        pts
    }

    #[test]
    fn names_fold_alike() {
        assert_eq!(fold_name("TP HCM"), fold_name("TP Hồ Chí Minh"));
        assert_eq!(fold_name("TP Huế"), fold_name("Thừa Thiên Huế"));
        assert_eq!(fold_name("Hoà Bình"), fold_name("Hòa Bình"));
        assert_eq!(fold_name("Khánh Hoà"), "khanh hoa");
        assert_eq!(fold_name("TP Đà Nẵng"), "da nang");
        assert_eq!(fold_name("Bà Rịa - Vũng Tàu"), "ba ria vung tau");
        assert_ne!(fold_name("Hà Nam"), fold_name("Hà Nội"));
    }

    #[test]
    fn every_province_of_the_edition_has_one_shape() {
        let provinces = provinces().unwrap();
        assert_eq!(provinces.len(), 63);
        let b = built();
        let ids: Vec<&String> = b.file.provinces.keys().collect();
        assert_eq!(ids.len(), 63);
        for (id, name) in &provinces {
            let polygons = &b.file.provinces[id];
            assert!(!polygons.is_empty(), "{id} {name} has no polygon");
        }
        // A shape named like no province, or two shapes for one, is refused.
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let two = [
            ("01".into(), "Hà Nội".into()),
            ("79".into(), "TP Hồ Chí Minh".into()),
        ];
        assert!(match_names(&names(&["TP Hà Nội", "TP HCM"]), &two).is_ok());
        assert!(match_names(&names(&["TP Hà Nội", "Hà Nội"]), &two).is_err());
        assert!(match_names(&names(&["TP Hà Nội", "Sài Gòn"]), &two).is_err());
        assert!(match_names(&names(&["TP Hà Nội"]), &two).is_err());
    }

    #[test]
    fn the_archipelagos_are_kept_and_labelled() {
        let f = &built().file;
        let a: Vec<(&str, &str, usize)> = f
            .archipelagos
            .iter()
            .map(|a| (a.id, a.province.as_str(), a.polygons.len()))
            .collect();
        assert_eq!(a[0].0, "hoang-sa");
        assert_eq!(a[0].1, "48", "Hoàng Sa belongs to Đà Nẵng");
        assert_eq!(a[1].0, "truong-sa");
        assert_eq!(a[1].1, "56", "Trường Sa belongs to Khánh Hòa");
        // Every island of the source east of 110 °E is kept, however small.
        assert_eq!(a[0].2, 22);
        assert_eq!(a[1].2, 304);
        for arch in &f.archipelagos {
            let polygons = &f.provinces[&arch.province];
            for &k in &arch.polygons {
                for ring in &polygons[k] {
                    let pts: Vec<(i32, i32)> = ring
                        .iter()
                        .flat_map(|&r| decode(&f.arcs[if r < 0 { !r } else { r } as usize]))
                        .collect();
                    let mut distinct = pts.clone();
                    distinct.sort();
                    distinct.dedup();
                    assert!(
                        distinct.len() >= 3,
                        "{}: an island of fewer than 3 points: {ring:?} {pts:?}",
                        arch.id
                    );
                }
            }
            let [x, y] = arch.label;
            assert!(x > 0 && x < f.grid.width && y > 0 && y < f.grid.height);
        }
    }

    #[test]
    fn shared_borders_stay_shared_and_rings_close() {
        let b = built();
        let f = &b.file;
        let uses = |id: &str, arc: usize| {
            f.provinces[id]
                .iter()
                .flatten()
                .flatten()
                .any(|&r| (if r < 0 { !r } else { r }) as usize == arc)
        };
        let mut shared = 0;
        for (users, m) in b.arc_users.iter().zip(&b.arc_map) {
            if users.len() == 2 && users[0] != users[1] {
                let arc = m.expect("a shared arc is never dropped");
                assert!(
                    uses(&users[0], arc) && uses(&users[1], arc),
                    "arc {arc}: {users:?}"
                );
                shared += 1;
            }
        }
        assert_eq!(shared, 138);
        // Each ring's arcs join end to start and come back to where they began: no gap.
        for (id, polygons) in &f.provinces {
            for ring in polygons.iter().flatten() {
                let pts: Vec<Vec<(i32, i32)>> = ring
                    .iter()
                    .map(|&r| {
                        let mut p = decode(&f.arcs[if r < 0 { !r } else { r } as usize]);
                        if r < 0 {
                            p.reverse();
                        }
                        p
                    })
                    .collect();
                for k in 0..pts.len() {
                    let next = &pts[(k + 1) % pts.len()];
                    assert_eq!(pts[k].last(), next.first(), "{id}: ring {ring:?} is open");
                }
            }
        }
    }

    #[test]
    fn small_and_deterministic() {
        let b = built();
        let gz = gzip_len(&b.json);
        assert!(gz <= 40 * 1024, "{gz} B gzip");
        let again = build().unwrap();
        assert_eq!(again.json, b.json, "the same input gives the same bytes");
        // The inset shows the delta enlarged in the sea, inside the map.
        let [x0, y0, x1, y1] = b.file.inset.to;
        let [f0, g0, f1, g1] = b.file.inset.from;
        assert!(x1 - x0 > 2 * (f1 - f0) && y1 - y0 > 2 * (g1 - g0));
        assert!(x0 > f1 && y1 <= b.file.grid.height && x1 <= b.file.grid.width);
    }
}
