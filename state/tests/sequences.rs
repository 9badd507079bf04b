//! Random sequences of user actions through the reducer (fixed seed in `cargo test`; see
//! `common`): editions, provinces, typed values (valid, not a number, out of range, empty),
//! sliders, presets, reset, weights and methods, the others' trend, goal-seek on any
//! indicator, applying one value or the (edited) plan, valid and broken imports, saved
//! scenarios and scenario files, language, undo and redo, rank intervals arriving for the
//! current or an older state, files refused, the store failing, and notices dismissed by id
//! (one shown, one gone or replaced since, one never given). Half the sequences start with
//! every start-up notice (a corrupt store, imported data that no longer fit, a damaged
//! address). After every step:
//! - nothing panicked;
//! - the results shown equal a recomputation from the state;
//! - every answer shown as current equals a recomputation from the current state (the
//!   goal-seek answer always, the rank interval on a sample of steps);
//! - every derived answer cached under a key (as the app's memos do) equals a recomputation
//!   whenever that key comes back;
//! - an applied value lands on the indicator the answer names, and nothing else moves;
//! - undo after any step restores the previous state exactly (and redo returns);
//! - a second copy of the state that gets every action through its binary form (as the app's
//!   second module gets them from the first) agrees with the first after every step;
//! - the notices are in the order they came, none twice, one at most of each transient kind;
//!   a dismissal takes away exactly the notice of its id (nothing when it has gone), and no
//!   other action takes away a notice that is not transient.

mod common;

use std::cell::Cell;
use std::collections::BTreeMap;

use common::{config, editions, fresh};
use ict_engine::address::read;
use ict_engine::analysis::SingleSeek;
use ict_engine::io::{import_csv, ScenarioFile};
use ict_engine::wire;
use ict_engine::{Aggregation, Normalisation, Text};
use ict_state::{
    answers, Action, AnswerKey, AppState, GoalForm, KeyedInterval, LoadReport, Notice, NoticeId,
    Snapshot,
};
use proptest::prelude::*;
use proptest::test_runner::TestRunner;

/// What a step does, drawn at random; made into an [`Action`] against the current state.
#[derive(Debug, Clone)]
enum Op {
    Year(usize),
    /// The province set: the 34 units (true) or the 63.
    Set(bool),
    Province(usize),
    Type(usize, TypedText),
    Slide(usize, f64),
    Blur(usize),
    Preset,
    Reset,
    Weight(usize, u8),
    Norm(u8),
    Aggr(bool),
    Official,
    Trend(bool),
    Goal(u8, usize),
    Seek,
    EditPlan(usize, bool),
    ApplySingle,
    ApplyPlan,
    Import(usize, usize, f64, bool),
    Confirm,
    Cancel,
    Restore,
    Save(u32),
    /// A scenario file read (the current scenario, named by the number).
    AddFile(u32),
    Load(usize),
    Delete(usize),
    StepSaved(bool),
    Lang,
    Undo,
    Redo,
    /// The rank interval arrives for the current state.
    Interval,
    /// A rank interval arrives late, for the state of some steps ago.
    LateInterval,
    /// One of three files refused.
    FileRejected(u8),
    StoreFailed,
    /// Dismiss a notice: one shown now, or any id given in the sequence (often gone), or one
    /// never given.
    Dismiss(usize, Which),
}

#[derive(Debug, Clone)]
enum Which {
    Shown,
    Given,
    Never,
}

#[derive(Debug, Clone)]
enum TypedText {
    Share(f64),
    Comma(f64),
    NotANumber,
    Empty,
    OutOfRange,
}

fn op() -> impl Strategy<Value = Op> {
    let share = 0.0f64..=1.0;
    prop_oneof![
        2 => (0usize..4).prop_map(Op::Year),
        2 => any::<bool>().prop_map(Op::Set),
        3 => (0usize..80).prop_map(Op::Province),
        8 => (0usize..40, prop_oneof![
            4 => share.clone().prop_map(TypedText::Share),
            2 => share.clone().prop_map(TypedText::Comma),
            1 => Just(TypedText::NotANumber),
            1 => Just(TypedText::Empty),
            1 => Just(TypedText::OutOfRange),
        ]).prop_map(|(k, t)| Op::Type(k, t)),
        5 => (0usize..40, share.clone()).prop_map(|(k, f)| Op::Slide(k, f)),
        3 => (0usize..40).prop_map(Op::Blur),
        1 => Just(Op::Preset),
        1 => Just(Op::Reset),
        2 => (0usize..12, 0u8..5).prop_map(|(k, w)| Op::Weight(k, w)),
        1 => (0u8..4).prop_map(Op::Norm),
        1 => any::<bool>().prop_map(Op::Aggr),
        1 => Just(Op::Official),
        1 => any::<bool>().prop_map(Op::Trend),
        3 => (0u8..70, 0usize..40).prop_map(|(r, k)| Op::Goal(r, k)),
        3 => Just(Op::Seek),
        1 => (0usize..10, any::<bool>()).prop_map(|(k, ok)| Op::EditPlan(k, ok)),
        2 => Just(Op::ApplySingle),
        2 => Just(Op::ApplyPlan),
        2 => (0usize..80, 0usize..40, share.clone(), any::<bool>())
            .prop_map(|(p, i, f, ok)| Op::Import(p, i, f, ok)),
        2 => Just(Op::Confirm),
        1 => Just(Op::Cancel),
        1 => Just(Op::Restore),
        2 => (0u32..1000).prop_map(Op::Save),
        1 => (0u32..1000).prop_map(Op::AddFile),
        2 => (0usize..8).prop_map(Op::Load),
        1 => (0usize..8).prop_map(Op::Delete),
        1 => any::<bool>().prop_map(Op::StepSaved),
        1 => Just(Op::Lang),
        4 => Just(Op::Undo),
        2 => Just(Op::Redo),
        1 => Just(Op::Interval),
        1 => Just(Op::LateInterval),
        1 => (0u8..3).prop_map(Op::FileRejected),
        1 => Just(Op::StoreFailed),
        4 => (0usize..8, prop_oneof![
            2 => Just(Which::Shown),
            1 => Just(Which::Given),
            1 => Just(Which::Never),
        ]).prop_map(|(k, w)| Op::Dismiss(k, w)),
    ]
}

fn pick<T>(items: &[T], k: usize) -> Option<&T> {
    (!items.is_empty()).then(|| &items[k % items.len()])
}

/// The action an op makes in state `s` (`None`: the op needs something the state lacks);
/// `given` holds every notice id seen in the sequence.
fn action(s: &AppState, op: &Op, late: &[AnswerKey], given: &[NoticeId]) -> Option<Action> {
    let model = s.model();
    let defs = model.indicators();
    let ind = |k: usize| pick(defs, k).map(|d| d.id.clone());
    Some(match op {
        Op::Year(k) => Action::SetYear(*pick(&s.editions.years(), *k)?),
        Op::Set(units) => Action::SetProvinceSet(if *units { "34" } else { "63" }.into()),
        Op::Province(k) => Action::SetProvince(pick(model.provinces(), *k)?.id.clone()),
        Op::Type(k, t) => {
            let d = pick(defs, *k)?;
            let v = |f: f64| d.valid[0] + f * (d.valid[1] - d.valid[0]).min(1000.0);
            let text = match t {
                TypedText::Share(f) => format!("{}", d.round(v(*f))),
                TypedText::Comma(f) => format!("{}", d.round(v(*f))).replace('.', ","),
                TypedText::NotANumber => "abc".into(),
                TypedText::Empty => String::new(),
                TypedText::OutOfRange => format!("{}", d.valid[1] + 1.0),
            };
            Action::Type {
                indicator: d.id.clone(),
                text,
            }
        }
        Op::Slide(k, f) => {
            let d = pick(defs, *k)?;
            Action::Slide {
                indicator: d.id.clone(),
                value: d.round(d.plausible[0] + f * (d.plausible[1] - d.plausible[0])),
            }
        }
        Op::Blur(k) => Action::Blur {
            indicator: ind(*k)?,
        },
        Op::Preset => Action::Preset(s.editions.presets.first()?.id.clone()),
        Op::Reset => Action::Reset,
        Op::Weight(k, w) => Action::SetWeight {
            id: pick(model.nodes(), *k)?.id.clone(),
            text: ["0", "1", "2,5", "x", ""][usize::from(*w) % 5].into(),
        },
        Op::Norm(n) => Action::SetNormalisation(match n {
            0 => None,
            1 => Some(Normalisation::MinMax),
            2 => Some(Normalisation::RatioToMax),
            _ => Some(Normalisation::Goalposts),
        }),
        Op::Aggr(g) => Action::SetAggregation(g.then_some(Aggregation::Geometric)),
        Op::Official => Action::OfficialMethod,
        Op::Trend(on) => Action::SetTrend(*on),
        Op::Goal(rank, k) => Action::SetGoalForm(GoalForm {
            rank: if *rank == 0 {
                "x".into()
            } else {
                rank.to_string()
            },
            score: String::new(),
            indicator: ind(*k),
        }),
        Op::Seek => s.seek(),
        Op::EditPlan(k, ok) => {
            let a = s.decision.answer.as_ref()?;
            let m = pick(&a.moves, *k)?;
            Action::EditPlan {
                indicator: m.indicator.clone(),
                text: if *ok { format!("{}", m.to) } else { "?".into() },
            }
        }
        Op::ApplySingle => Action::ApplySingle,
        Op::ApplyPlan => Action::ApplyPlan,
        Op::Import(p, i, f, ok) => {
            // Data files are of the 63 provinces, whatever the set in view.
            let model = s.source_model();
            let defs = model.indicators();
            let prov = pick(model.provinces(), *p)?;
            let d = pick(defs, *i)?;
            let value = if *ok {
                format!(
                    "{}",
                    d.round(d.plausible[0] + f * (d.plausible[1] - d.plausible[0]))
                )
            } else {
                "-1".into()
            };
            let csv = format!("province_id,{}\n{},{value}\n", d.id, prov.id);
            let result = import_csv(model, model.baseline(), csv.as_bytes())
                .map_err(|errs| errs.into_iter().map(|e| e.message).collect());
            Action::DataRead(s.year, result)
        }
        Op::Confirm => Action::ConfirmImport,
        Op::Cancel => Action::CancelImport,
        Op::Restore => Action::RestoreBuiltin,
        Op::Save(n) => Action::SaveCurrent {
            name: format!("s{n}"),
            id: ict_state::fresh_id(&s.saved, u64::from(*n)),
            created: "2026-11-30T00:00:00Z".into(),
        },
        Op::AddFile(n) => Action::AddScenarioFile {
            file: ScenarioFile::new(&format!("f{n}"), s.year, &s.province, s.scenario())
                .in_set(&s.set),
            id: ict_state::fresh_id(&s.saved, u64::from(*n)),
        },
        Op::Load(k) => Action::LoadSaved(pick(&s.saved, *k)?.id.clone()),
        Op::Delete(k) => Action::DeleteSaved(pick(&s.saved, *k)?.id.clone()),
        Op::StepSaved(next) => Action::StepSaved(if *next { 1 } else { -1 }),
        Op::Lang => Action::ToggleLang,
        Op::Undo => Action::Undo,
        Op::Redo => Action::Redo,
        Op::Interval => Action::IntervalDone(KeyedInterval {
            key: s.answer_key(),
            interval: answers::interval(s)?,
        }),
        Op::LateInterval => {
            // A state of some steps ago: the reducer must not keep its interval unless the key
            // is the current one.
            let key = late.first()?.clone();
            Action::IntervalDone(KeyedInterval {
                key,
                interval: answers::interval(s)?,
            })
        }
        Op::FileRejected(k) => Action::FileRejected(Text {
            vi: format!("tệp {k}"),
            en: format!("file {k}"),
        }),
        Op::StoreFailed => Action::StoreFailed,
        Op::Dismiss(k, which) => Action::Dismiss(match which {
            Which::Shown => {
                pick(&s.notices.iter().map(|(id, _)| id).collect::<Vec<_>>(), *k).copied()?
            }
            Which::Given => *pick(given, *k)?,
            Which::Never => NoticeId(1_000_000 + *k as u64),
        }),
    })
}

/// The state at start-up with every problem found: a corrupt store, imported data that no
/// longer fit (an unknown province), a damaged address.
fn troubled() -> AppState {
    AppState::new(
        editions(),
        read("#v1.@@@"),
        false,
        LoadReport {
            corrupt: true,
            ..LoadReport::default()
        },
        BTreeMap::from([(2019, vec![("99".into(), "x".into(), 1.0)])]),
    )
}

/// The notices as shown: ids and notices, oldest first.
fn shown(s: &AppState) -> Vec<(NoticeId, Notice)> {
    s.notices.iter().map(|(id, n)| (id, n.clone())).collect()
}

/// The notices of `next` after `a` in state `s`: in the order they came (ids rise), none twice,
/// one at most of each transient kind; a dismissal takes away exactly its id's notice, and no
/// other action takes away a notice that is not transient.
fn notices_hold(s: &AppState, a: &Action, next: &AppState) -> Result<(), TestCaseError> {
    let after = shown(next);
    prop_assert!(after.windows(2).all(|w| w[0].0 < w[1].0), "order {after:?}");
    for (k, (_, n)) in after.iter().enumerate() {
        prop_assert!(
            !after[k + 1..].iter().any(|(_, m)| m == n),
            "twice {after:?}"
        );
        if n.is_transient() {
            let kind = std::mem::discriminant(n);
            prop_assert_eq!(
                after
                    .iter()
                    .filter(|(_, m)| std::mem::discriminant(m) == kind)
                    .count(),
                1
            );
        }
    }
    // Undo or redo with nothing to do says so last, under an id not given before: news again.
    let nothing = match a {
        Action::Undo if !s.history.can_undo() => Some(Notice::NothingToUndo),
        Action::Redo if !s.history.can_redo() => Some(Notice::NothingToRedo),
        _ => None,
    };
    if let Some(n) = nothing {
        let (id, last) = after.last().expect("a notice");
        prop_assert_eq!(last, &n);
        prop_assert!(s.notices.iter().all(|(i, _)| i < *id));
    }
    let before = shown(s);
    if let Action::Dismiss(id) = a {
        let mut expected = before;
        expected.retain(|(i, _)| i != id);
        prop_assert_eq!(after, expected);
    } else {
        for kept in before.iter().filter(|(_, n)| !n.is_transient()) {
            prop_assert!(after.contains(kept), "{kept:?} lost after {a:?}");
        }
    }
    Ok(())
}

/// Everything derived from the state that the app caches under the state's key.
#[derive(Debug, PartialEq)]
struct Derived {
    levers: Vec<ict_engine::analysis::Lever>,
    trend: Option<u32>,
    method: Option<Vec<(String, u32, u32)>>,
    waterfall: (f64, Vec<(Option<String>, f64)>),
}

fn derived(s: &AppState) -> Derived {
    Derived {
        levers: answers::lever_list(s),
        trend: answers::rank_under_trend(s),
        method: answers::method_moves(s),
        waterfall: answers::waterfall(s),
    }
}

/// The results the state shows, recomputed.
fn results_hold(s: &AppState) -> bool {
    let scenario = s.scenario();
    let fresh = if scenario.is_empty() {
        (**s.baseline()).clone()
    } else {
        s.model()
            .evaluate(&scenario)
            .expect("a reducer's scenario evaluates")
    };
    *s.current == fresh
}

thread_local! {
    static STEPS: Cell<usize> = const { Cell::new(0) };
    static INTERVALS_CHECKED: Cell<usize> = const { Cell::new(0) };
    /// Dismissals that took a notice away, and those whose id had gone (or never was).
    static DISMISSED: Cell<usize> = const { Cell::new(0) };
    static STALE: Cell<usize> = const { Cell::new(0) };
}

/// Everything the app shows or keeps of the state is the same in `a` and `b` (their data
/// compared by generation: each copy makes its own models of an import).
fn agrees(a: &AppState, b: &AppState) -> bool {
    (a.lang, &a.set, a.year, &a.province, &a.scenarios)
        == (b.lang, &b.set, b.year, &b.province, &b.scenarios)
        && (&a.drafts, &a.errors, &a.current, &a.notices, a.from_address)
            == (&b.drafts, &b.errors, &b.current, &b.notices, b.from_address)
        && (a.present, a.help, a.expanded) == (b.present, b.help, b.expanded)
        && (&a.saved, &a.compare, &a.shown_saved) == (&b.saved, &b.compare, &b.shown_saved)
        && (&a.imported, &a.pending_import, &a.import_errors)
            == (&b.imported, &b.pending_import, &b.import_errors)
        && a.decision == b.decision
        && a.store_read == b.store_read
        && a.editions.generations == b.editions.generations
        && (
            a.history.depth(),
            a.history.can_undo(),
            a.history.can_redo(),
        ) == (
            b.history.depth(),
            b.history.can_undo(),
            b.history.can_redo(),
        )
}

fn run_sequence(start_troubled: bool, ops: &[Op]) -> Result<(), TestCaseError> {
    let start = || if start_troubled { troubled() } else { fresh() };
    let mut s = start();
    let mut replica = start();
    let mut cache: Vec<(AnswerKey, Derived)> = Vec::new();
    let mut keys: Vec<AnswerKey> = Vec::new();
    let mut given: Vec<NoticeId> = s.notices.iter().map(|(id, _)| id).collect();
    let mut burst_start: Option<Snapshot> = None;
    for (n, op) in ops.iter().enumerate() {
        let Some(a) = action(&s, op, &keys, &given) else {
            continue;
        };
        let next = s.reduce(a.clone());
        STEPS.with(|c| c.set(c.get() + 1));
        let bytes = wire::to_bytes(&a).expect("binary form");
        prop_assert_eq!(&wire::from_bytes::<Action>(&bytes).expect("read back"), &a);
        replica = replica.reduce(wire::from_bytes(&bytes).expect("read back"));
        prop_assert!(agrees(&next, &replica), "the copy differs after {a:?}");
        prop_assert!(results_hold(&next), "results after {a:?}");
        notices_hold(&s, &a, &next)?;
        if let Action::Dismiss(id) = a {
            let counter = if s.notices.get(id).is_some() {
                &DISMISSED
            } else {
                &STALE
            };
            counter.with(|c| c.set(c.get() + 1));
        }
        for (id, _) in next.notices.iter() {
            if !given.contains(&id) {
                given.push(id);
            }
        }
        // The goal-seek answer shown as current is the one the current state gives.
        if let Some(shown) = next.current_answer() {
            let again = answers::seek(&next).expect("a shown answer can be sought");
            prop_assert_eq!(&shown.key, &again.key);
            prop_assert_eq!(&shown.indicator, &again.indicator);
            prop_assert_eq!(&shown.single, &again.single);
            prop_assert_eq!(&shown.moves, &again.moves);
            prop_assert_eq!(
                (shown.reached, shown.score, shown.rank),
                (again.reached, again.score, again.rank)
            );
        }
        // The interval shown as current (on a sample of steps: ≈ 50 ms each).
        if let Some(iv) = next.current_interval() {
            if n % 7 == 0 {
                prop_assert_eq!(Some(iv.clone()), answers::interval(&next));
                INTERVALS_CHECKED.with(|c| c.set(c.get() + 1));
            }
        }
        // Derived answers cached under a key are the same whenever the key comes back.
        let key = next.answer_key();
        let now = derived(&next);
        match cache.iter().find(|(k, _)| *k == key) {
            Some((_, cached)) => prop_assert_eq!(cached, &now, "cache under {:?}", key),
            None => {
                if cache.len() > 48 {
                    cache.remove(0);
                }
                cache.push((key.clone(), now));
            }
        }
        if keys.first() != Some(&key) {
            keys.insert(0, key);
            keys.truncate(6);
        }
        // Applied values land on the indicator the answer names, and nothing else moves.
        if let (Action::ApplySingle, Some(ans)) = (&a, s.current_answer()) {
            if let SingleSeek::Reached { value, .. } = ans.single {
                let mut expected = s.scenario();
                let i = s
                    .model()
                    .indicator_index(&ans.indicator)
                    .expect("its indicator");
                if value == s.model().baseline_value(i, s.p()) {
                    expected.unset(&s.province, &ans.indicator);
                } else {
                    expected.set(&s.province, &ans.indicator, value);
                }
                prop_assert_eq!(next.scenario(), expected);
            }
        }
        if let (Action::ApplySingle | Action::ApplyPlan, None) = (&a, s.current_answer()) {
            prop_assert_eq!(
                next.scenario(),
                s.scenario(),
                "applied without a current answer"
            );
        }
        if let (Action::ApplyPlan, Some(ans)) = (&a, s.current_answer()) {
            if next.scenario() != s.scenario() {
                for m in &ans.moves {
                    let i = next
                        .model()
                        .indicator_index(&m.indicator)
                        .expect("its indicator");
                    let want = ans
                        .edits
                        .get(&m.indicator)
                        .and_then(|t| ict_engine::numfmt::parse(t).ok())
                        .unwrap_or(m.to);
                    prop_assert_eq!(next.value(i), want);
                }
            }
        }
        // Undo restores the state before the step exactly; redo returns.
        if !matches!(a, Action::Undo | Action::Redo) {
            if next.history.depth() == s.history.depth() + 1 {
                burst_start = Some(s.snapshot());
                let undone = next.reduce(Action::Undo);
                prop_assert!(undone.snapshot() == s.snapshot(), "undo after {a:?}");
                prop_assert!(results_hold(&undone));
                prop_assert!(undone.reduce(Action::Redo).snapshot() == next.snapshot());
            } else if next.snapshot() != s.snapshot()
                && matches!(
                    a,
                    Action::Type { .. } | Action::Slide { .. } | Action::SetWeight { .. }
                )
            {
                // An edit joining its field's step: undo goes back to before the first.
                let start = burst_start.as_ref().expect("a step began the edit");
                prop_assert!(next.reduce(Action::Undo).snapshot() == *start);
            }
        }
        s = next;
    }
    Ok(())
}

/// Thousands of sequences natively; the counts are printed (`--nocapture`).
#[test]
fn random_action_sequences_keep_every_answer_true() {
    let mut runner = TestRunner::new(config(600));
    let sequences = (any::<bool>(), proptest::collection::vec(op(), 1..40));
    let result = runner.run(&sequences, |(troubled, ops)| run_sequence(troubled, &ops));
    let (steps, intervals) = (STEPS.with(Cell::get), INTERVALS_CHECKED.with(Cell::get));
    let (dismissed, stale) = (DISMISSED.with(Cell::get), STALE.with(Cell::get));
    eprintln!(
        "action sequences: {steps} steps (intervals recomputed {intervals} times; notices \
         dismissed {dismissed}, stale ids {stale})"
    );
    if let Err(e) = result {
        panic!("{e}");
    }
    assert!(steps > 5_000, "{steps} steps");
    assert!(
        dismissed > 100 && stale > 100,
        "{dismissed} dismissed, {stale} stale"
    );
}
