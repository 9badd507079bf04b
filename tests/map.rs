//! The province map in headless Chromium (wasm-bindgen-test): the geometry file is read and
//! checked; without a geometry the map panel says so and the rest of the app works on.
#![cfg(target_arch = "wasm32")]

use gloo_timers::future::sleep;
use std::time::Duration;

use ict_index::app::geo::parse;
use ict_index::app::App;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

/// Waits (up to 5 s) until `cond` holds; false if it never does.
async fn wait_for(cond: impl Fn() -> bool) -> bool {
    for _ in 0..250 {
        if cond() {
            return true;
        }
        sleep(Duration::from_millis(20)).await;
    }
    cond()
}

/// Two provinces sharing one border (arc 0), each closed by its own arc; Hoàng Sa an island of
/// Đà Nẵng.
const FILE: &str = r#"{"format":"ict-index-geo/1",
  "grid":{"lon0":102.0,"lat0":23.4,"kx":231.6,"ky":240.0,"width":100,"height":100},
  "inset":{"from":[0,0,10,10],"to":[50,0,90,40]},"legend":[0,60,30,90],
  "arcs":[[10,0,0,10],[10,10,-10,0,0,-10,10,0],[10,0,10,0,0,10,-10,0],[80,80,1,0,-1,1,0,-1]],
  "provinces":{"01":[[[0,1]]],"48":[[[2,-1]],[[3]]]},
  "archipelagos":[{"id":"hoang-sa","province":"48","polygons":[1],"label":[80,85]}]}"#;

#[wasm_bindgen_test]
fn the_geometry_file_is_read_and_checked() {
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
async fn without_its_geometry_the_map_says_so_and_the_rest_works() {
    let doc = gloo::utils::document();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    let find = |sel: &str| -> Option<Element> { root.query_selector(sel).ok().flatten() };
    assert!(wait_for(|| find("[data-testid=\"chart-map\"]").is_some()).await);
    let canvas = find("[data-testid=\"chart-map\"]").unwrap();
    // The text alternative names the archipelagos before any geometry is loaded.
    let label = canvas.get_attribute("aria-label").unwrap_or_default();
    assert!(label.contains("Quần đảo Hoàng Sa"), "{label}");
    assert!(label.contains("Quần đảo Trường Sa"), "{label}");
    assert!(label.contains("Đang chọn: Quảng Ninh"), "{label}");
    assert!(find("[data-testid=\"map-measure\"]").is_some());
    // This test page announces no geometry: once near the viewport, the load fails with a message.
    canvas.scroll_into_view();
    assert!(wait_for(|| find("[data-testid=\"map-error\"]").is_some()).await);
    let error = find("[data-testid=\"map-error\"]").unwrap();
    assert_eq!(error.get_attribute("role").as_deref(), Some("alert"));
    assert!(error
        .text_content()
        .unwrap_or_default()
        .contains("Không tải được bản đồ"));
    assert_eq!(
        find("section.map")
            .and_then(|s| s.get_attribute("data-geo"))
            .as_deref(),
        Some("failed")
    );
    assert_eq!(
        find("[data-testid=\"index-score\"]")
            .and_then(|e| e.text_content())
            .as_deref(),
        Some("0,7350")
    );
}
