//! The province-set switch: the 34 units of 2025 derived from the 63, each set with its own
//! scenario, the address and saved scenarios carrying the set, imports into the 63 followed by
//! the units, answers keyed by the set.

mod common;

use common::{fresh, sought};
use ict_engine::address::{encode, read};
use ict_engine::io::import_csv;
use ict_engine::PUBLISHED_SET;
use ict_state::{Action, AppState, GoalForm};

fn run(s: AppState, actions: impl IntoIterator<Item = Action>) -> AppState {
    actions.into_iter().fold(s, |s, a| s.reduce(a))
}

fn units() -> Action {
    Action::SetProvinceSet("34".into())
}

fn id_value(s: &AppState, province: &str, indicator: &str) -> f64 {
    let m = s.model();
    m.baseline_value(
        m.indicator_index(indicator).expect("indicator"),
        m.province_index(province).expect("province"),
    )
}

#[test]
fn the_34_units_are_a_model_of_their_own_and_quang_ninh_keeps_its_values() {
    let s0 = fresh();
    assert_eq!(s0.set, PUBLISHED_SET);
    assert_eq!(s0.editions.set_ids(), vec!["63", "34"]);
    let s = s0.reduce(units());
    assert_eq!(s.set, "34");
    assert!(s.is_derived());
    assert_eq!(s.model().province_count(), 34);
    assert_eq!(s.model().province_set(), "34");
    // Quảng Ninh (22) was left alone by the merger: its unit has its id and every value.
    assert_eq!(s.province, "22");
    for (i, def) in s.model().indicators().iter().enumerate() {
        let p63 = s0.model().province_index("22").expect("22");
        let p34 = s.model().province_index("22").expect("22");
        assert_eq!(
            s.model().baseline_value(i, p34),
            s0.model()
                .baseline_value(s0.model().indicator_index(&def.id).expect("same ids"), p63),
            "{}",
            def.id
        );
    }
    // Its rank is among 34, its score recomputed over the units (not the published 0,7350).
    let root = s.model().root();
    let rank = s.current.rank(root, s.p());
    assert!((1..=34).contains(&rank), "{rank}");
    assert_ne!(s.current.score(root, s.p()), s0.current.score(root, s0.p()));
    // The source model of imports stays the 63.
    assert_eq!(s.source_model().province_count(), 63);
}

#[test]
fn switching_maps_the_province_to_its_unit_and_back() {
    // Vĩnh Phúc (26) went into Phú Thọ (25).
    let s = run(fresh(), [Action::SetProvince("26".into()), units()]);
    assert_eq!(s.province, "25");
    assert_eq!(
        s.model().provinces()[s.p()].name.get(false),
        "Phú Thọ",
        "the unit's name"
    );
    // Back in the 63: the unit's former province of the same code.
    let s = s.reduce(Action::SetProvinceSet("63".into()));
    assert_eq!(s.province, "25");
    // Ninh Bình (37) took over Hà Nam (35), Nam Định (36) and Ninh Bình (37).
    let s = run(s, [Action::SetProvince("35".into()), units()]);
    assert_eq!(s.province, "37");
    // An unknown set changes nothing.
    let t = s.reduce(Action::SetProvinceSet("12".into()));
    assert_eq!(t.set, "34");
    assert_eq!(t.province, "37");
}

#[test]
fn each_set_has_its_own_scenario_and_undo_restores_the_set() {
    let s = run(
        fresh(),
        [
            units(),
            Action::Type {
                indicator: "fixed-broadband-per-100".into(),
                text: "40".into(),
            },
        ],
    );
    let i = s
        .model()
        .indicator_index("fixed-broadband-per-100")
        .expect("indicator");
    assert_eq!(s.value(i), 40.0);
    assert!(s.is_edited(i));
    let back = s.reduce(Action::SetProvinceSet("63".into()));
    assert!(!back.is_edited(i), "the 63 keep their own scenario");
    assert!(back.scenario().is_empty());
    // Undo the edit while viewing the 63: the set and the edit's state come back as they were.
    let undone = back.reduce(Action::Undo);
    assert_eq!(undone.set, "34");
    assert!(!undone.is_edited(i));
    // Redo goes back to where undo was asked: the 63 in view, the units' edit back.
    let redone = undone.reduce(Action::Redo);
    assert_eq!(redone.set, "63");
    let units = redone.reduce(units());
    assert_eq!(units.value(i), 40.0);
}

#[test]
fn a_34_unit_scenario_round_trips_through_the_address() {
    let s = run(
        fresh(),
        [
            Action::SetProvince("17".into()),
            units(),
            Action::Type {
                indicator: "fixed-broadband-per-100".into(),
                text: "35,5".into(),
            },
        ],
    );
    assert_eq!(s.province, "25");
    let text = encode(&s.url_state());
    assert!(text.starts_with("v3."), "{text}");
    let restored = AppState::new(
        s.editions.clone(),
        read(&text),
        false,
        Default::default(),
        Default::default(),
    );
    assert_eq!(restored.set, "34");
    assert_eq!(restored.province, "25");
    assert_eq!(restored.scenario(), s.scenario());
    assert_eq!(restored.current, s.current);
    assert!(restored.notices.is_empty());
    assert!(restored.from_address);
    // As a version before v3 wrote it (v2 for the 34), the same.
    let legacy = ict_engine::address::encode_legacy(&s.url_state());
    assert!(legacy.starts_with("v2."), "{legacy}");
    assert_eq!(read(&legacy), read(&text));
}

#[test]
fn saved_scenarios_carry_their_set() {
    let s = run(
        fresh(),
        [
            units(),
            Action::Preset("ke-hoach-60".into()),
            Action::SaveCurrent {
                name: "34".into(),
                id: "a".into(),
                created: "2026-12-01T00:00:00Z".into(),
            },
            Action::SetProvinceSet("63".into()),
            Action::Reset,
        ],
    );
    let saved = &s.saved[0].file;
    assert_eq!(saved.provinces, "34");
    assert_eq!(saved.schema(), "ict-index-scenario/2");
    assert_eq!(s.set, "63");
    let s = s.reduce(Action::LoadSaved("a".into()));
    assert_eq!(s.set, "34");
    assert_eq!(s.scenario(), saved.scenario);
    // The store written by the app reads back, the 34-unit entry included.
    let text = ict_state::store_json(&s.saved).expect("json");
    let models = s.editions.all_models();
    let report = ict_state::parse_store(Some(&text), &models);
    assert_eq!(report.unreadable, 0);
    assert_eq!(report.saved, s.saved);
}

#[test]
fn imports_go_into_the_63_and_the_units_follow() {
    let s = run(fresh(), [units()]);
    let before = id_value(&s, "25", "households-with-computer-pct");
    let key = s.answer_key();
    // Vĩnh Phúc (26) at the top of the range: Phú Thọ's (25) mean moves.
    let source = s.source_model().clone();
    let csv = "province_id,households-with-computer-pct\n26,95\n";
    let preview = import_csv(&source, source.baseline(), csv.as_bytes());
    let s = run(
        s,
        [
            Action::DataRead(
                2019,
                preview.map_err(|e| e.into_iter().map(|e| e.message).collect()),
            ),
            Action::ConfirmImport,
        ],
    );
    assert!(s.imported.contains_key(&2019));
    assert_eq!(s.set, "34");
    let after = id_value(&s, "25", "households-with-computer-pct");
    assert!(after > before, "{before} → {after}");
    assert_ne!(
        s.answer_key(),
        key,
        "an import changes the key of the units' answers too"
    );
    // Restoring the built-in data brings the units' values back.
    let s = s.reduce(Action::RestoreBuiltin);
    assert_eq!(id_value(&s, "25", "households-with-computer-pct"), before);
}

#[test]
fn a_goal_seek_answer_belongs_to_its_set() {
    // Phú Thọ (25) among the 34, one place up.
    let s = run(fresh(), [units(), Action::SetProvince("25".into())]);
    let rank = s.current.rank(s.model().root(), s.p());
    assert!(rank > 1, "{rank}");
    let s = sought(run(
        s,
        [Action::SetGoalForm(GoalForm {
            rank: (rank - 1).to_string(),
            score: String::new(),
            indicator: Some("fixed-broadband-per-100".into()),
        })],
    ));
    let a = s.current_answer().expect("an answer among the 34").clone();
    assert_eq!(a.key.set, "34");
    assert!(a.reached, "one place up is within reach");
    let other = s.reduce(Action::SetProvinceSet("63".into()));
    assert!(other.current_answer().is_none());
    assert!(other.stale_answer());
    // Applied among the 34: the plan's values land on the unit, in the units' scenario only.
    let applied = s.reduce(Action::ApplyPlan);
    for m in &a.moves {
        let i = applied
            .model()
            .indicator_index(&m.indicator)
            .expect("indicator");
        assert_eq!(applied.value(i), m.to);
    }
    assert!(applied.current.rank(applied.model().root(), applied.p()) < rank);
    assert!(!applied
        .scenarios
        .contains_key(&(PUBLISHED_SET.to_string(), 2019)));
}
