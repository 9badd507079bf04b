//! The reducer, action by action: the three sequences that once showed a wrong number or
//! stopped the page, keyed answers, undo and redo.

mod common;

use common::{fresh, sought};
use ict_engine::analysis::SingleSeek;
use ict_state::{answers, Action, AppState, GoalForm, Notice};

fn run(s: AppState, actions: impl IntoIterator<Item = Action>) -> AppState {
    actions.into_iter().fold(s, |s, a| s.reduce(a))
}

fn form(rank: &str, indicator: &str) -> Action {
    Action::SetGoalForm(GoalForm {
        rank: rank.into(),
        score: String::new(),
        indicator: Some(indicator.into()),
    })
}

fn value_of(s: &AppState, id: &str) -> f64 {
    s.value(s.model().indicator_index(id).expect("indicator"))
}

/// 2018, goal-seek on the 2018-only indicator, then 2019: the old answer is not shown (it
/// would index an indicator 2019 does not have) and the form falls back to a 2019 indicator.
#[test]
fn an_answer_for_another_edition_is_not_shown() {
    let s = sought(run(
        fresh(),
        [
            Action::SetYear(2018),
            form("2", "universities-teaching-it-pct"),
        ],
    ));
    let a = s.current_answer().expect("an answer for 2018");
    assert_eq!(a.indicator, "universities-teaching-it-pct");
    let s = s.reduce(Action::SetYear(2019));
    assert!(s.current_answer().is_none());
    assert!(s.stale_answer());
    let first = s.model().indicators()[0].id.clone();
    assert_eq!(s.goal_indicator(), Some(first));
    // Nothing to apply, and applying does nothing.
    let before = s.scenario();
    let s = s.reduce(Action::ApplySingle).reduce(Action::ApplyPlan);
    assert_eq!(s.scenario(), before);
    // Back in 2018 with the same question and data, the answer holds again.
    let s = s.reduce(Action::SetYear(2018));
    assert!(s.current_answer().is_some());
}

/// Goal rank 2 with one indicator (IT staff in the report; here the first indicator that
/// reaches it alone, found by search), then the select moves to literacy: "apply" must not put
/// that value into literacy. The answer is for another question, so it is not current; applying
/// lands on the answer's own indicator.
#[test]
fn an_answer_applies_to_its_own_indicator_only() {
    let start = fresh();
    let ids: Vec<String> = start
        .model()
        .indicators()
        .iter()
        .map(|d| d.id.clone())
        .collect();
    let (s, indicator, value) = ids
        .iter()
        .filter(|id| id.as_str() != "adult-literacy-pct")
        .find_map(|id| {
            let s = sought(run(start.clone(), [form("2", id)]));
            match s.current_answer()?.single {
                SingleSeek::Reached { value, .. } => Some((s.clone(), id.clone(), value)),
                _ => None,
            }
        })
        .expect("some indicator reaches rank 2 alone");
    assert_eq!(
        s.current_answer().map(|a| a.indicator.as_str()),
        Some(indicator.as_str())
    );
    let literacy = value_of(&s, "adult-literacy-pct");
    let s2 = run(
        s.clone(),
        [form("2", "adult-literacy-pct"), Action::ApplySingle],
    );
    assert!(s2.current_answer().is_none());
    assert_eq!(value_of(&s2, "adult-literacy-pct"), literacy);
    assert_eq!(s2.scenario(), s.scenario());
    // Applied where it belongs, as one undoable step.
    let s3 = s.reduce(Action::ApplySingle);
    assert_eq!(value_of(&s3, &indicator), value);
    assert_eq!(s3.notices.last(), Some(&Notice::Applied));
    let s4 = s3.reduce(Action::Undo);
    assert_eq!(s4.snapshot(), s.snapshot());
}

/// Method changes in 2019, 2018 and back: the key of every derived answer differs between
/// the editions, so a cache keyed by it cannot show 2018's ranks in 2019.
#[test]
fn derived_answers_follow_the_edition() {
    use ict_engine::Normalisation::RatioToMax;
    let a = run(fresh(), [Action::SetNormalisation(Some(RatioToMax))]);
    let b = run(
        a.clone(),
        [
            Action::SetYear(2018),
            Action::SetNormalisation(Some(RatioToMax)),
        ],
    );
    let c = b.reduce(Action::SetYear(2019));
    assert_ne!(a.answer_key(), b.answer_key());
    assert_eq!(a.answer_key(), c.answer_key());
    assert_eq!(answers::method_moves(&c), answers::method_moves(&a));
    // Quảng Ninh keeps its 2019 default rank (3rd) in the table's first column.
    let moves = answers::method_moves(&c).expect("a method other than the default");
    if let Some((_, official, _)) = moves.iter().find(|m| m.0 == "22") {
        assert_eq!(*official, 3);
    }
    assert_ne!(answers::method_moves(&b), answers::method_moves(&a));
}

/// Edits of one field are one step; a plan is one step; undo and redo go back and forth
/// exactly.
#[test]
fn undo_and_redo_steps() {
    let s0 = fresh();
    let typed = run(
        s0.clone(),
        ["9", "90", "90,5"].map(|t| Action::Type {
            indicator: "households-with-computer-pct".into(),
            text: t.into(),
        }),
    );
    assert_eq!(value_of(&typed, "households-with-computer-pct"), 90.5);
    let s1 = typed.reduce(Action::Blur {
        indicator: "households-with-computer-pct".into(),
    });
    let s2 = s1.reduce(Action::Slide {
        indicator: "fixed-broadband-per-100".into(),
        value: 40.0,
    });
    assert_eq!(s2.history.depth(), 2);
    let back = s2.reduce(Action::Undo);
    assert_eq!(back.snapshot(), s1.snapshot());
    assert_eq!(back.current, s1.current);
    let back2 = back.reduce(Action::Undo);
    assert_eq!(back2.snapshot(), s0.snapshot());
    assert_eq!(back2.current, s0.current);
    let again = back2.reduce(Action::Redo).reduce(Action::Redo);
    assert_eq!(again.snapshot(), s2.snapshot());
    assert_eq!(again.current, s2.current);
    // Nothing more to redo, said so.
    assert_eq!(
        again.reduce(Action::Redo).notices.last(),
        Some(&Notice::NothingToRedo)
    );
    // A plan is one step.
    let p = sought(run(s2.clone(), [form("1", "it-staff-pct")]));
    let plan = p.current_answer().expect("plan");
    assert!(plan.reached && plan.moves.len() > 1, "{plan:?}");
    let moves = plan.moves.clone();
    let applied = p.reduce(Action::ApplyPlan);
    for m in &moves {
        assert_eq!(value_of(&applied, &m.indicator), m.to);
    }
    assert_eq!(applied.history.depth(), p.history.depth() + 1);
    assert_eq!(applied.reduce(Action::Undo).snapshot(), p.snapshot());
}

/// An edited plan value that is not a number applies nothing and says so.
#[test]
fn a_bad_plan_edit_applies_nothing() {
    let p = sought(run(fresh(), [form("1", "it-staff-pct")]));
    let first = p.current_answer().expect("plan").moves[0].indicator.clone();
    let edited = p.reduce(Action::EditPlan {
        indicator: first,
        text: "abc".into(),
    });
    let after = edited.reduce(Action::ApplyPlan);
    assert_eq!(after.scenario(), p.scenario());
    assert!(after.decision.answer.as_ref().is_some_and(|a| a.edit_error));
}

/// The rank interval is kept only for the state it was computed for.
#[test]
fn an_interval_for_another_state_is_dropped() {
    let s = fresh();
    let iv = answers::interval(&s).expect("interval");
    let old_key = s.answer_key();
    let moved = s.reduce(Action::SetProvince("48".into()));
    let kept = moved.reduce(Action::IntervalDone(ict_state::KeyedInterval {
        key: old_key.clone(),
        interval: iv.clone(),
    }));
    assert!(kept.current_interval().is_none());
    let here = s.reduce(Action::IntervalDone(ict_state::KeyedInterval {
        key: old_key,
        interval: iv.clone(),
    }));
    assert_eq!(here.current_interval(), Some(&iv));
    // The trend switch is part of the key.
    assert!(here
        .reduce(Action::SetTrend(true))
        .current_interval()
        .is_none());
}

/// The app's sliced run of the rank interval: made from a state, it owns its inputs, so the
/// state moving on meanwhile changes nothing in it; its answer is exactly the one computed at
/// once for that state (and not the new state's).
#[test]
fn an_interval_job_answers_for_the_state_it_was_made_from() {
    let s = fresh();
    let whole = answers::interval(&s).expect("interval");
    let mut job = answers::interval_job(&s).expect("job");
    assert_eq!(job.progress(), (0, answers::DRAWS));
    assert!(job.step(123).is_none());
    // The state moves on (another province) while the job runs.
    let moved = s.reduce(Action::SetProvince("48".into()));
    let mut steps = 1;
    let got = loop {
        steps += 1;
        if let Some(iv) = job.step(1000) {
            break iv;
        }
    };
    assert_eq!(got, whole);
    assert_eq!(steps, 1 + (answers::DRAWS - 123).div_ceil(1000));
    assert_eq!(job.progress(), (answers::DRAWS, answers::DRAWS));
    assert_ne!(answers::interval(&moved).expect("interval").point, 0);
    assert_ne!(answers::interval(&moved), Some(got));
}

/// The job split as the app splits it with its worker: the first half here, the second half
/// run from the bytes of the job's part (what the worker gets); the joined answer is exactly the
/// one computed at once, for an edited scenario under another method of normalisation too.
#[test]
fn an_interval_job_split_with_another_thread_answers_the_same() {
    let edited = run(
        fresh(),
        [
            Action::Type {
                indicator: "fixed-broadband-per-100".into(),
                text: "40".into(),
            },
            Action::SetProvince("38".into()),
        ],
    );
    let other_method = edited.reduce(Action::SetNormalisation(Some(
        ict_engine::Normalisation::RatioToMax,
    )));
    let trend = edited.reduce(Action::SetTrend(true));
    assert!(trend.decision.trend);
    for s in [fresh(), edited, other_method, trend] {
        let whole = answers::interval(&s).expect("interval");
        let mut job = answers::interval_job(&s).expect("job");
        let half = answers::DRAWS / 2;
        let bytes = job.part(half, answers::DRAWS - half).to_bytes().unwrap();
        assert!(job.step(half).is_none());
        let head = job.tally();
        let tail = ict_engine::wire::from_bytes(
            &ict_engine::interval_part::IntervalPart::run_bytes(&bytes).unwrap(),
        )
        .unwrap();
        assert_eq!(job.finish(&[&head, &tail]), Some(whole.clone()));
        // The job may go on drawing meanwhile (the worker being late): the answer stays the
        // same, from either side.
        assert!(job.step(1000).is_none());
        assert_eq!(job.finish(&[&head, &tail]), Some(whole.clone()));
        assert_eq!(job.finish(&[&job.tally(), &tail]), None);
    }
}

/// A goal-seek answer computed for another state (it arrived after an edit) is not kept; one
/// for the current state is, and `None` clears it.
#[test]
fn a_sought_answer_is_kept_only_for_its_state() {
    let s = run(fresh(), [form("2", "it-staff-pct")]);
    let answer = s.seek();
    let edited = s.reduce(Action::Type {
        indicator: "fixed-broadband-per-100".into(),
        text: "30".into(),
    });
    let late = edited.reduce(answer.clone());
    assert!(
        late.decision.answer.is_none(),
        "an answer for the state before the edit"
    );
    let now = s.reduce(answer);
    assert!(now.current_answer().is_some());
    assert!(now.reduce(Action::Seek(None)).decision.answer.is_none());
}

/// A typed number with more significant digits than any indicator's precision is refused with
/// its own reason, and the value stays as it was.
#[test]
fn too_many_digits_are_refused() {
    let s = fresh();
    let before = s.scenario();
    let s = s.reduce(Action::Type {
        indicator: "fixed-broadband-per-100".into(),
        text: "14,1234567890123456".into(),
    });
    assert_eq!(
        s.errors.get("fixed-broadband-per-100"),
        Some(&ict_state::FieldError::TooManyDigits)
    );
    assert_eq!(s.scenario(), before);
    let s = s.reduce(Action::Type {
        indicator: "fixed-broadband-per-100".into(),
        text: "14,123456789012".into(),
    });
    assert!(s.errors.is_empty());
}
