//! Component tests: the app mounted in headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use gloo_timers::future::sleep;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;

use ict_engine::{Edition, Model};
use ict_index::app::state::Editions;
use ict_index::app::{App, AppProps};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Lets Yew's scheduler render.
async fn settle() {
    sleep(Duration::from_millis(30)).await;
}

/// Waits (up to 5 s, for a loaded machine) until `cond` holds; false if it never does.
async fn wait_for(cond: impl Fn() -> bool) -> bool {
    for _ in 0..250 {
        if cond() {
            return true;
        }
        sleep(Duration::from_millis(20)).await;
    }
    cond()
}

/// Mounts a fresh app (built-in editions) in its own element, with the given address fragment.
async fn mount(fragment: &str) -> Element {
    mount_with(fragment, AppProps::default()).await
}

thread_local! {
    /// The app the last test mounted (its first module, and its second if it joined).
    static MOUNTED: std::cell::RefCell<Option<(yew::AppHandle<App>, Option<ict_index::MoreHandle>)>> = const { std::cell::RefCell::new(None) };
}

/// Mounts a fresh app with `props` in its own element, with the given address fragment. The
/// previous test's app goes first: it would still write its scenario into the shared address
/// a moment after its last change, possibly just as this one reads it.
async fn mount_with(fragment: &str, props: AppProps) -> Element {
    if let Some((previous, more)) = MOUNTED.with(|m| m.borrow_mut().take()) {
        if let Some(more) = more {
            more.app.destroy();
        }
        previous.destroy();
        settle().await;
    }
    let window = gloo::utils::window();
    let path = window.location().pathname().unwrap_or_default();
    window
        .history()
        .unwrap()
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{fragment}")),
        )
        .unwrap();
    let doc = gloo::utils::document();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    let editions = props.editions.clone();
    let handle = yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    let mounted = wait_for(|| {
        root.query_selector("[data-testid=\"index-score\"]")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    assert!(mounted, "the app did not render");
    // The second module (the panels below the first screen), in this same wasm instance: it
    // says it is ready, and mounts when the first answers.
    let joined = Rc::new(std::cell::RefCell::new(None));
    {
        let joined = joined.clone();
        ict_index::start_more(editions, move |more| *joined.borrow_mut() = Some(more));
    }
    assert!(
        wait_for(|| joined.borrow().is_some()).await,
        "the second module did not join"
    );
    let more = joined.borrow_mut().take();
    // Every panel of the second module in place (a module destroyed before its first render
    // would still render later, into the next test's slots).
    let joined = wait_for(|| {
        root.query_selector("#ict-slot-method > *")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    assert!(joined, "the second module's panels did not render");
    MOUNTED.with(|m| *m.borrow_mut() = Some((handle, more)));
    root
}

fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .text_content()
        .unwrap_or_default()
}

fn lang_toggle(root: &Element) -> web_sys::HtmlElement {
    root.query_selector("[data-testid=\"lang-toggle\"]")
        .unwrap()
        .expect("the language toggle")
        .dyn_into()
        .unwrap()
}

async fn type_into(root: &Element, indicator: &str, value: &str) {
    let input: HtmlInputElement = root
        .query_selector(&format!("input[data-indicator=\"{indicator}\"]"))
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    input.set_value(value);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
    settle().await;
    // wait until the field shows what was typed (the render happened)
    wait_for(|| input.value() == value).await;
    settle().await;
}

#[wasm_bindgen_test]
async fn shows_the_published_score_and_rank() {
    let root = mount("").await;
    assert_eq!(text(&root, "[data-testid=\"index-score\"]"), "0,7350");
    assert_eq!(text(&root, "[data-testid=\"index-rank\"]"), "3/63");
    assert_eq!(text(&root, "[data-testid=\"score-htkt-xh\"]"), "0,5388");
    assert_eq!(text(&root, "[data-testid=\"score-ud-dvctt\"]"), "0,8600");
    // The ranking table joins after the first paint.
    let rows = || {
        root.query_selector_all("[data-testid=\"ranking-table\"] tbody tr")
            .map_or(0, |rows| rows.length())
    };
    assert!(wait_for(|| rows() > 0).await);
    assert_eq!(rows(), 63);
}

#[wasm_bindgen_test]
async fn an_edit_changes_the_score_and_bad_text_is_rejected() {
    let root = mount("").await;
    type_into(&root, "fixed-broadband-per-100", "40").await;
    assert!(wait_for(|| text(&root, "[data-testid=\"index-score\"]") != "0,7350").await);
    let edited = text(&root, "[data-testid=\"index-score\"]");
    assert_eq!(text(&root, "[data-testid=\"baseline-score\"]"), "0,7350");
    type_into(&root, "fixed-broadband-per-100", "bốn mươi").await;
    assert!(
        wait_for(|| root
            .query_selector("[data-testid=\"input-error\"]")
            .ok()
            .flatten()
            .is_some())
        .await
    );
    let alert = root
        .query_selector("[data-testid=\"input-error\"]")
        .unwrap()
        .expect("an error message");
    assert_eq!(alert.get_attribute("role").as_deref(), Some("alert"));
    assert!(alert
        .text_content()
        .unwrap_or_default()
        .contains("Không phải là số"));
    assert_eq!(
        text(&root, "[data-testid=\"index-score\"]"),
        edited,
        "the last valid value is kept"
    );
    type_into(&root, "fixed-broadband-per-100", "-5").await;
    assert!(
        wait_for(|| text(&root, "[data-testid=\"input-error\"]").contains("Ngoài khoảng hợp lệ"))
            .await
    );
}

#[wasm_bindgen_test]
async fn the_language_toggle_switches_format_and_lang() {
    let root = mount("").await;
    let button = lang_toggle(&root);
    let html_lang = || {
        gloo::utils::document()
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
    };
    button.click();
    assert!(wait_for(|| text(&root, "[data-testid=\"index-score\"]") == "0.7350").await);
    assert!(
        wait_for(|| html_lang().as_deref() == Some("en")).await,
        "<html lang> is {:?}",
        html_lang()
    );
    button.click();
    assert!(wait_for(|| text(&root, "[data-testid=\"index-score\"]") == "0,7350").await);
    assert!(wait_for(|| html_lang().as_deref() == Some("vi")).await);
}

#[wasm_bindgen_test]
async fn a_damaged_address_gives_the_baseline_and_a_message() {
    let root = mount("#v3.not-a-scenario").await;
    assert_eq!(text(&root, "[data-testid=\"index-score\"]"), "0,7350");
    assert!(text(&root, "[data-testid=\"notice\"]").contains("hỏng"));
    // An address in an earlier format is read by the second module; without it (not mounted
    // here), the page says it could not be read now, and to reload.
    let root = mount("#v1.not-a-scenario").await;
    assert_eq!(text(&root, "[data-testid=\"index-score\"]"), "0,7350");
    assert!(text(&root, "[data-testid=\"notice\"]").contains("tải lại trang"));
}

/// The engine's synthetic edition with a third level and a pillar of three sub-pillars (its
/// scores are worked out by hand in `engine/tests/errors_and_editions.rs`).
fn three_levels() -> Model {
    let edition = Edition::from_json(
        include_str!("../engine/tests/fixtures/synthetic-3level-edition.json"),
        include_str!("../engine/tests/fixtures/synthetic-3level-values.json"),
        "{}",
    )
    .expect("synthetic JSON");
    Model::new(edition).expect("three-level model")
}

#[wasm_bindgen_test]
async fn an_edition_with_three_levels_shows_every_node_and_indicator() {
    let model = three_levels();
    let editions = Editions::new(vec![model.clone()], Vec::new()).expect("editions");
    let root = mount_with(
        "",
        AppProps {
            editions: Some(Rc::new(editions)),
        },
    )
    .await;
    // The first province (the default one is not in this edition): index 1/3, last of 4.
    assert_eq!(
        text(&root, "[data-testid=\"province-select\"] option:checked"),
        "Tỉnh Một"
    );
    assert_eq!(text(&root, "[data-testid=\"index-score\"]"), "0,3333");
    assert_eq!(text(&root, "[data-testid=\"index-rank\"]"), "4/4");
    // Every node below the index has its score.
    for &n in &model.tree_order()[1..] {
        let id = &model.nodes()[n].id;
        root.query_selector(&format!("[data-testid=\"score-{id}\"]"))
            .unwrap()
            .unwrap_or_else(|| panic!("no score of {id}"));
    }
    for (id, score) in [
        ("P", "0,1667"),
        ("S1", "0,5000"),
        ("S2", "0,0000"),
        ("S3", "0,0000"),
        ("T1", "0,0000"),
        ("T2", "0,0000"),
        ("Q", "0,5000"),
        ("Q1", "1,0000"),
    ] {
        assert_eq!(
            text(&root, &format!("[data-testid=\"score-{id}\"]")),
            score,
            "{id}"
        );
    }
    // The editor lists every indicator once, in tree order, each inside its own groups.
    let listed = root
        .query_selector_all(".editor input[data-indicator]")
        .unwrap();
    let listed: Vec<String> = (0..listed.length())
        .map(|k| {
            listed
                .item(k)
                .unwrap()
                .dyn_into::<Element>()
                .unwrap()
                .get_attribute("data-indicator")
                .unwrap()
        })
        .collect();
    assert_eq!(listed, ["a1", "a2", "b1", "c1", "c2", "c3", "d1", "e1"]);
    for (path, indicator) in [
        (
            "[data-group=\"P\"] [data-group=\"S3\"] [data-group=\"T2\"]",
            "c2",
        ),
        ("[data-group=\"P\"] [data-group=\"S1\"]", "a1"),
        ("[data-group=\"Q\"] [data-group=\"Q1\"]", "e1"),
        ("[data-group=\"Q\"]", "d1"),
    ] {
        let selector = format!(".editor {path} input[data-indicator=\"{indicator}\"]");
        assert!(
            root.query_selector(&selector).unwrap().is_some(),
            "{selector}"
        );
    }
    // An edit at the third level: c2 (lower is better) from 5 to 1 makes T2 1, S3 0.5 and the
    // index 5/12.
    type_into(&root, "c2", "1").await;
    assert!(wait_for(|| text(&root, "[data-testid=\"index-score\"]") == "0,4167").await);
    assert_eq!(text(&root, "[data-testid=\"score-T2\"]"), "1,0000");
    assert_eq!(text(&root, "[data-testid=\"score-S3\"]"), "0,5000");
    assert_eq!(text(&root, "[data-testid=\"index-rank\"]"), "4/4");
}

#[wasm_bindgen_test]
async fn messages_take_their_numbers_and_years_from_the_data() {
    let root = mount("").await;
    let help = ".decision .interval .help";
    assert!(wait_for(|| root.query_selector(help).ok().flatten().is_some()).await);
    // The draw count of the Monte Carlo and the years of the two built-in editions.
    assert!(
        text(&root, help).contains("(10.000 lần mô phỏng)"),
        "{}",
        text(&root, help)
    );
    assert!(text(&root, help).starts_with(" — khoảng 5%–95%"));
    assert!(text(&root, ".decision label.check").contains("xu hướng 2018→2019 thêm"));
    let button = lang_toggle(&root);
    button.click();
    assert!(wait_for(|| text(&root, help).contains("(10,000 draws)")).await);
    assert!(text(&root, ".decision label.check").contains("their 2018→2019 trend"));
    assert!(text(&root, ".levers caption").contains("+10% of its plausible range"));
}

#[wasm_bindgen_test]
async fn without_its_geometry_the_map_says_so_and_the_rest_works() {
    let root = mount("").await;
    let find = |sel: &str| root.query_selector(sel).ok().flatten();
    assert!(wait_for(|| find("[data-testid=\"chart-map\"]").is_some()).await);
    let canvas = find("[data-testid=\"chart-map\"]").unwrap();
    // The text alternative names the archipelagos before any geometry is loaded.
    let label = canvas.get_attribute("aria-label").unwrap_or_default();
    assert!(label.contains("Quần đảo Hoàng Sa"), "{label}");
    assert!(label.contains("Quần đảo Trường Sa"), "{label}");
    assert!(label.contains("Đang chọn: Quảng Ninh"), "{label}");
    assert!(find("[data-testid=\"map-measure\"]").is_some());
    // This test page announces no geometry: once near the viewport, the load fails with a
    // message, and the rest of the app works on.
    canvas.scroll_into_view();
    assert!(wait_for(|| find("[data-testid=\"map-error\"]").is_some()).await);
    let error = find("[data-testid=\"map-error\"]").unwrap();
    assert_eq!(error.get_attribute("role").as_deref(), Some("alert"));
    assert!(text(&root, "[data-testid=\"map-error\"]").contains("Không tải được bản đồ"));
    let state = find("section.map").and_then(|s| s.get_attribute("data-geo"));
    assert_eq!(state.as_deref(), Some("failed"));
    type_into(&root, "fixed-broadband-per-100", "40").await;
    assert!(wait_for(|| text(&root, "[data-testid=\"index-score\"]") != "0,7350").await);
}

/// A second module that did not load in time is said in the page's language (the loader's own
/// "timed out" is not shown in a Vietnamese message); another failure names what failed.
#[wasm_bindgen_test]
fn a_second_module_that_timed_out_is_said_in_the_page_language() {
    use ict_index::app::bridge::part_unavailable;
    use ict_index::app::i18n::Lang;
    use ict_index::app::module_loader::TIMED_OUT;
    let vi = part_unavailable(Lang::Vi, TIMED_OUT.into());
    assert!(vi.contains("quá thời gian"), "{vi}");
    assert!(!vi.contains("timed out"), "{vi}");
    let en = part_unavailable(Lang::En, TIMED_OUT.into());
    assert!(
        en.contains("timed out") && en.starts_with("Could not load"),
        "{en}"
    );
    let other = part_unavailable(Lang::Vi, "ict-more-x_bg.wasm: HTTP 404".into());
    assert!(
        other.contains("HTTP 404") && other.starts_with("Không tải được"),
        "{other}"
    );
}
