//! What the stage shows (presentation mode, the embedded layout): the key indicators and where
//! a host page's address starts the app.

mod common;

use common::fresh;
use ict_engine::numfmt::Lang;
use ict_state::{answers, Action, AppState, Start};

fn keys(s: &AppState, count: usize) -> Vec<String> {
    let levers = answers::lever_list(s);
    answers::key_indicators(s, &levers, count)
        .into_iter()
        .map(|i| s.model().indicators()[i].id.clone())
        .collect()
}

/// In the editor's order.
fn in_editor_order(s: &AppState, ids: &[String]) -> bool {
    let order = s.model().indicators_below(s.model().root());
    let pos: Vec<usize> = ids
        .iter()
        .map(|id| {
            let i = s.model().indicator_index(id).expect("indicator");
            order.iter().position(|&j| j == i).expect("in the tree")
        })
        .collect();
    pos.windows(2).all(|w| w[0] < w[1])
}

/// With nothing edited, the top levers (by gain at the best value), in the editor's order.
#[test]
fn the_key_indicators_are_the_top_levers_at_first() {
    let s = fresh();
    let levers = answers::lever_list(&s);
    let got = keys(&s, 6);
    assert_eq!(got.len(), 6);
    let mut top: Vec<String> = levers[..6]
        .iter()
        .map(|l| s.model().indicators()[l.indicator].id.clone())
        .collect();
    top.sort();
    let mut sorted = got.clone();
    sorted.sort();
    assert_eq!(sorted, top);
    assert!(in_editor_order(&s, &got));
}

/// A preset's indicators come first (those moving the index most), then levers; a slider that
/// moves keeps its place among them.
#[test]
fn the_key_indicators_follow_a_preset_and_stay_while_sliding() {
    let s = fresh().reduce(Action::Preset("ke-hoach-60".into()));
    let edited: Vec<String> = (0..s.model().indicators().len())
        .filter(|&i| s.is_edited(i))
        .map(|i| s.model().indicators()[i].id.clone())
        .collect();
    assert!(!edited.is_empty());
    let got = keys(&s, 6);
    assert_eq!(got.len(), 6);
    for id in edited.iter().take(6) {
        if edited.len() <= 6 {
            assert!(got.contains(id), "{id} in {got:?}");
        }
    }
    assert!(in_editor_order(&s, &got));
    // Never fewer than asked, never twice the same; fewer only if the edition has fewer.
    let all = s.model().indicators().len();
    let many = keys(&s, all + 5);
    assert_eq!(many.len(), all);
    // Sliding one of them up (one step at a time) keeps the same set.
    let first = got[0].clone();
    let i = s.model().indicator_index(&first).expect("indicator");
    let def = s.model().indicators()[i].clone();
    let mut t = s.clone();
    for k in 1..=5 {
        let v = (s.value(i) + k as f64 * (def.plausible[1] - def.plausible[0]) / 100.0)
            .min(def.valid[1]);
        t = t.reduce(Action::Slide {
            indicator: first.clone(),
            value: v,
        });
        assert_eq!(keys(&t, 6), got, "after step {k}");
    }
    // One undo step for the burst.
    assert_eq!(t.history.depth(), s.history.depth() + 1);
}

/// The host page's query: edition, province and language, each only if it fits.
#[test]
fn a_start_from_the_query_applies_what_fits() {
    let s = fresh().start_at(&Start {
        year: Some(2018),
        province: Some("48".into()),
        lang: Some(Lang::En),
    });
    assert_eq!(
        (s.year, s.province.as_str(), s.lang),
        (2018, "48", Lang::En)
    );
    assert_eq!(s.current, *s.baseline());
    // Unknown year or province: ignored, the rest applies.
    let s = fresh().start_at(&Start {
        year: Some(1999),
        province: Some("99".into()),
        lang: None,
    });
    assert_eq!((s.year, s.province.as_str()), (2019, "22"));
    let s = fresh().start_at(&Start {
        year: None,
        province: Some("01".into()),
        lang: None,
    });
    assert_eq!(s.province, "01");
    assert_eq!(
        s.current.score(s.model().root(), s.p()),
        s.baseline().score(s.model().root(), s.p())
    );
}

/// The rest of the app opens and closes below the stage; no undo step.
#[test]
fn the_rest_of_the_app_opens_and_closes() {
    let s = fresh();
    assert!(!s.expanded);
    let open = s.reduce(Action::ToggleExpanded);
    assert!(open.expanded);
    assert_eq!(open.history.depth(), 0);
    assert!(!open.reduce(Action::ToggleExpanded).expanded);
}

/// The arrow keys' step: a round 1, 2 or 5 × 10ⁿ of at most 1 % of the plausible range, never
/// finer than the indicator's last decimal.
#[test]
fn the_arrow_step_is_a_round_share_of_the_plausible_range() {
    use ict_state::stage::{key_step, on_grid};
    assert_eq!(key_step([0.0, 100.0], 1), 1.0);
    assert_eq!(key_step([0.0, 40.0], 1), 0.2);
    assert_eq!(key_step([0.0, 3000.0], 0), 20.0);
    assert_eq!(key_step([10.0, 60.0], 2), 0.5);
    // Never finer than the last decimal, also for a range that is empty or not a number.
    assert_eq!(key_step([0.0, 1.0], 2), 0.01);
    assert_eq!(key_step([0.0, 5.0], 0), 1.0);
    assert_eq!(key_step([5.0, 5.0], 1), 0.1);
    assert_eq!(key_step([0.0, f64::NAN], 1), 0.1);
    assert_eq!(key_step([0.0, f64::INFINITY], 0), 1.0);
    // For every indicator of the edition: within 1 % of the range (or the last decimal).
    let s = fresh();
    for d in s.model().indicators() {
        let step = key_step(d.plausible, d.decimals);
        let unit = 10f64.powi(-i32::from(d.decimals));
        assert!(step >= unit - 1e-12, "{}: {step}", d.id);
        assert!(
            step <= ((d.plausible[1] - d.plausible[0]) / 100.0).max(unit) + 1e-12,
            "{}: {step}",
            d.id
        );
    }
    assert_eq!(on_grid(12.345, 1), 12.3);
    assert_eq!(on_grid(0.1 + 0.2, 1), 0.3);
}

/// A slider's range widens to its value inside the valid range, and an arrow key moves it one
/// step on the grid, never out of that range.
#[test]
fn slider_range_and_arrow_keys() {
    use ict_state::stage::{key_next, slider_range};
    let (plausible, valid) = ([0.0, 40.0], [0.0, 100.0]);
    assert_eq!(slider_range(plausible, valid, 20.0), (0.0, 40.0));
    assert_eq!(slider_range(plausible, valid, 55.0), (0.0, 55.0));
    assert_eq!(slider_range(plausible, valid, 150.0), (0.0, 100.0));
    // Step 0.2 (1 % of 40, on 1-2-5), two decimals.
    assert_eq!(key_next(14.5, 1.0, plausible, valid, 2), 14.7);
    assert_eq!(key_next(14.5, -1.0, plausible, valid, 2), 14.3);
    assert_eq!(key_next(0.1, -1.0, plausible, valid, 2), 0.0);
    assert_eq!(key_next(40.0, 1.0, plausible, valid, 2), 40.0);
    // A value beyond the plausible range moves from where it is.
    assert_eq!(key_next(55.0, -1.0, plausible, valid, 2), 54.8);
    use ict_state::stage::arrow_sign;
    assert_eq!(arrow_sign("ArrowUp", false), Some(1.0));
    assert_eq!(arrow_sign("ArrowLeft", false), Some(-1.0));
    assert_eq!(arrow_sign("ArrowLeft", true), None);
    assert_eq!(arrow_sign("Home", false), None);
}
