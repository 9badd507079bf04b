//! Decision aids: which levers matter, what it takes to reach a rank, how sure the rank is, and
//! what happens if the other provinces keep improving.

use std::rc::Rc;

use ict_engine::analysis::{
    levers, rank_interval, seek_plan, seek_single, trend_values, Goal, Plan, RankInterval,
    SingleSeek, NOISE_SHARE, PERCENTILES, STEP_SHARE,
};
use ict_engine::numfmt::{format, format_signed, parse};
use ict_engine::Model;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::app::charts::canvas::{Chart, DrawFn};
use crate::app::charts::draw::{self, Bar};
use crate::app::charts::Theme;
use crate::app::i18n::Msg;
use crate::app::state::Action;
use crate::app::AppContext;

/// Monte Carlo draws for the rank interval (fixed seed: the same inputs give the same answer).
const DRAWS: usize = 10_000;
const SEED: u64 = 2019;
/// How many levers the chart shows.
const CHART_LEVERS: usize = 10;

// The signature is fixed by `DrawFn<Vec<_>>`.
#[allow(clippy::ptr_arg)]
fn draw_levers(a: &DrawingArea<CanvasBackend, Shift>, d: &Vec<Bar>, t: &Theme) {
    let _ = draw::bars(a, d, true, t);
}

/// The values the others have: the edition's data, or one more year at their trend.
fn world(
    model: &Model,
    older: Option<&Model>,
    trend: bool,
    scenario_values: &[f64],
    p: usize,
) -> Vec<f64> {
    let Some(older) = older.filter(|_| trend) else {
        return scenario_values.to_vec();
    };
    let mut v = trend_values(model, older);
    let np = model.province_count();
    for i in 0..model.indicators().len() {
        v[i * np + p] = scenario_values[i * np + p];
    }
    v
}

#[component(DecisionPanel)]
pub fn decision_panel() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by the app");
    let lang = state.lang;
    let en = lang.is_en();
    let model = state.model().clone();
    let p = state.p();
    let scenario = state.scenario();
    let trend = use_state(|| false);
    let older: Option<Rc<Model>> = state
        .editions
        .models
        .iter()
        .find(|m| m.year() < state.year)
        .cloned();
    let goal_rank = use_state(|| String::from("2"));
    let goal_score = use_state(String::new);
    let single_ind = use_state(|| 0usize);
    let answer = use_state(|| None::<(Option<SingleSeek>, Plan)>);
    let interval = use_state(|| None::<RankInterval>);

    // Values and parameters of the scenario, and the others' world.
    let key = (
        scenario.clone(),
        p,
        state.year,
        *trend,
        Rc::as_ptr(&model) as usize,
        older.as_ref().map(|o| Rc::as_ptr(o) as usize),
    );
    let inputs = {
        let (model, older) = (model.clone(), older.clone());
        use_memo(key.clone(), move |(scenario, p, _, trend, ..)| {
            let values = model.apply(scenario).ok()?;
            let params = model.params(&scenario.settings).ok()?;
            let values = world(&model, older.as_deref(), *trend, &values, *p);
            Some((values, params))
        })
    };
    // An answer belongs to the province, edition and values it was sought for: any change
    // clears it (a plan for another province must never be applied to this one).
    {
        let answer = answer.clone();
        use_effect_with(key.clone(), move |_| answer.set(None));
    }
    // Levers (≈ 0.1 ms for every indicator) are computed with the render, so that their chart is
    // redrawn in the same frame as the others.
    let lever_list = {
        let (model, inputs) = (model.clone(), inputs.clone());
        use_memo(key.clone(), move |(_, p, ..)| match &*inputs {
            Some((values, params)) => levers(&model, params, values, *p),
            None => Vec::new(),
        })
    };
    // The rank interval is computed a moment after the last edit, so typing never waits for it.
    {
        let (model, inputs, interval) = (model.clone(), inputs.clone(), interval.clone());
        use_effect_with(key.clone(), move |(_, p, ..)| {
            interval.set(None);
            let p = *p;
            let timer = gloo::timers::callback::Timeout::new(150, move || {
                if let Some((values, params)) = &*inputs {
                    interval.set(Some(rank_interval(
                        &model, params, values, p, None, DRAWS, SEED,
                    )));
                }
            });
            move || drop(timer)
        });
    }
    // Rank under each assumption about the others.
    let rank_frozen = state.current.rank(model.root(), p);
    // Computed once per scenario, not on every render of the panel.
    let rank_trend = {
        let (model, older) = (model.clone(), older.clone());
        *use_memo(key.clone(), move |(scenario, p, ..)| {
            let o = older.as_deref()?;
            let values = model.apply(scenario).ok()?;
            let params = model.params(&scenario.settings).ok()?;
            let v = world(&model, Some(o), true, &values, *p);
            Some(ict_engine::analysis::index_of(&model, &params, &v, *p).1)
        })
    };

    let on_trend = {
        let trend = trend.clone();
        Callback::from(move |e: Event| {
            trend.set(e.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };
    let on_goal_rank = {
        let g = goal_rank.clone();
        Callback::from(move |e: InputEvent| {
            g.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_goal_score = {
        let g = goal_score.clone();
        Callback::from(move |e: InputEvent| {
            g.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_single = {
        let s = single_ind.clone();
        Callback::from(move |e: Event| {
            if let Ok(i) = e
                .target_unchecked_into::<HtmlSelectElement>()
                .value()
                .parse()
            {
                s.set(i);
            }
        })
    };
    let n = model.province_count();
    let goal: Result<Goal, Msg> = {
        let rank = goal_rank.trim();
        let rank = if rank.is_empty() {
            Ok(None)
        } else {
            rank.parse::<u32>()
                .ok()
                .filter(|r| (1..=n as u32).contains(r))
                .map(Some)
                .ok_or(Msg::GoalRankInvalid)
        };
        let score = if goal_score.trim().is_empty() {
            Ok(None)
        } else {
            parse(&goal_score)
                .ok()
                .filter(|s| (0.0..=1.0).contains(s))
                .map(Some)
                .ok_or(Msg::GoalScoreInvalid)
        };
        match (rank, score) {
            (Ok(None), Ok(None)) => Err(Msg::GoalMissing),
            (Ok(r), Ok(s)) => Ok(Goal { rank: r, score: s }),
            (Err(e), _) | (_, Err(e)) => Err(e),
        }
    };
    let on_seek = {
        let (model, inputs, answer, single) =
            (model.clone(), inputs.clone(), answer.clone(), *single_ind);
        let goal = goal.clone().ok();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let (Some(goal), Some((values, params))) = (goal, &*inputs) {
                let one = (single < model.indicators().len())
                    .then(|| seek_single(&model, params, values, p, single, goal));
                answer.set(Some((one, seek_plan(&model, params, values, p, goal))));
            }
        })
    };
    // The plan is editable before it is applied: each target value can be typed over.
    let plan_edits = use_state(std::collections::BTreeMap::<usize, String>::new);
    let plan_error = use_state(|| false);
    let on_apply_plan = {
        let (state, answer, model) = (state.clone(), answer.clone(), model.clone());
        let (edits, error) = (plan_edits.clone(), plan_error.clone());
        Callback::from(move |_| {
            if let Some((_, plan)) = &*answer {
                let mut values = Vec::new();
                for step in &plan.steps {
                    let def = &model.indicators()[step.indicator];
                    let value = match edits.get(&step.indicator) {
                        Some(text) => match parse(text) {
                            Ok(v) if ict_engine::dataset::validate_value(def, v).is_ok() => v,
                            _ => return error.set(true),
                        },
                        None => step.to,
                    };
                    values.push((def.id.clone(), value));
                }
                for (indicator, value) in values {
                    state.dispatch(Action::Slide { indicator, value });
                }
                error.set(false);
                edits.set(Default::default());
                answer.set(None);
            }
        })
    };
    let on_apply_single = {
        let (state, answer, model, single) =
            (state.clone(), answer.clone(), model.clone(), *single_ind);
        Callback::from(move |_| {
            if let Some((Some(SingleSeek::Reached { value, .. }), _)) = &*answer {
                state.dispatch(Action::Slide {
                    indicator: model.indicators()[single].id.clone(),
                    value: *value,
                });
                answer.set(None);
            }
        })
    };

    let plausible = |i: usize, v: f64| {
        let r = model.indicators()[i].plausible;
        (r[0]..=r[1]).contains(&v)
    };
    let ind_name = |i: usize| model.indicators()[i].name.get(en).to_string();
    let fmt_val = |i: usize, v: f64| format(v, usize::from(model.indicators()[i].decimals), lang);
    let bars: Vec<Bar> = lever_list
        .iter()
        .take(CHART_LEVERS)
        .map(|l| Bar {
            label: ind_name(l.indicator),
            value: l.gain_to_best,
        })
        .collect();
    let bars_label = bars
        .iter()
        .map(|b| format!("{}: {}", b.label, format_signed(b.value, 4, lang)))
        .collect::<Vec<_>>()
        .join("; ");
    let interval_text = match &*interval {
        Some(iv) => Msg::RankLikely {
            point: iv.point,
            lo: iv.lo,
            hi: iv.hi,
        },
        None => Msg::RankComputing { rank: rank_frozen },
    };
    let interval_help = Msg::IntervalHelp {
        lo: PERCENTILES.0,
        hi: PERCENTILES.1,
        noise: NOISE_SHARE,
        draws: DRAWS,
    };

    html! {
        <section class="decision" aria-labelledby="decision-title">
            <h2 id="decision-title">{ Msg::DecisionTitle.text(lang) }</h2>
            <div class="others">
                if older.is_some() {
                    <label class="check">
                        <input type="checkbox" data-testid="trend-toggle" checked={*trend} onchange={on_trend} />
                        { older.as_ref().map(|o| Msg::TrendToggle { from: o.year(), to: state.year }.text(lang)) }
                    </label>
                }
                <p class="ranks">
                    { format!("{}: {rank_frozen}", Msg::RankFrozen.text(lang)) }
                    if let Some(r) = rank_trend {
                        { format!(" · {}: {r}", Msg::RankTrend.text(lang)) }
                    }
                </p>
                <p class="interval" aria-live="polite">
                    <span data-testid="rank-interval">{ interval_text.text(lang) }</span>
                    <span class="help">{ format!(" — {}", interval_help.text(lang)) }</span>
                </p>
            </div>
            <form class="goal" onsubmit={on_seek}>
                <h3>{ Msg::GoalTitle.text(lang) }</h3>
                <label class="field">
                    <span>{ Msg::GoalRank.text(lang) }</span>
                    <input type="text" inputmode="numeric" data-testid="goal-rank" value={(*goal_rank).clone()} oninput={on_goal_rank} />
                </label>
                <label class="field">
                    <span>{ Msg::GoalScore.text(lang) }</span>
                    <input type="text" inputmode="decimal" data-testid="goal-score" value={(*goal_score).clone()} oninput={on_goal_score} />
                </label>
                <label class="field">
                    <span>{ Msg::GoalSingle.text(lang) }</span>
                    <select onchange={on_single} data-testid="goal-indicator">
                        { for model.indicators().iter().enumerate().map(|(i, d)| html! {
                            <option value={i.to_string()} selected={i == *single_ind}>{ d.name.get(en) }</option>
                        }) }
                    </select>
                </label>
                <button type="submit" disabled={goal.is_err()}>{ Msg::GoalSeek.text(lang) }</button>
                if let Err(why) = &goal {
                    <p class="error" role="alert">{ why.text(lang) }</p>
                }
            </form>
            <div data-testid="goal-result" class="goal-result" aria-live="polite">
                if let Some((single, plan)) = &*answer {
                    if let Some(single) = single {
                        <p class="single">{ match single {
                            SingleSeek::AlreadyMet => Msg::GoalMet.text(lang),
                            SingleSeek::Reached { value, score, rank } => Msg::SingleReached {
                                indicator: ind_name(*single_ind), value: fmt_val(*single_ind, *value), score: *score, rank: *rank,
                            }.text(lang),
                            SingleSeek::Unreachable { best_score, best_rank, at_value } => Msg::SingleUnreachable {
                                indicator: ind_name(*single_ind), at_value: fmt_val(*single_ind, *at_value), score: *best_score, rank: *best_rank,
                            }.text(lang),
                        } }
                        if let SingleSeek::Reached { value, .. } = single {
                            if !plausible(*single_ind, *value) {
                                <span class="warn" role="note">{ format!(" {}", Msg::BeyondPlausible.text(lang)) }</span>
                            }
                        }
                        if matches!(single, SingleSeek::Reached { .. }) {
                            { " " }<button type="button" onclick={on_apply_single}>{ Msg::ApplyOne.text(lang) }</button>
                        }
                        </p>
                    }
                    <h3>{ Msg::PlanTitle.text(lang) }</h3>
                    if plan.reached {
                        <p>{ Msg::PlanReached { score: plan.score, rank: plan.rank }.text(lang) }</p>
                    } else {
                        <p class="error">{ Msg::PlanUnreachable.text(lang) }</p>
                    }
                    if plan.reached && !plan.steps.is_empty() {
                        <table class="plan" data-testid="plan-table">
                            <thead><tr><th scope="col">{ Msg::Indicator.text(lang) }</th><th scope="col">{ Msg::DataOld.text(lang) }</th><th scope="col">{ Msg::DataNew.text(lang) }</th></tr></thead>
                            <tbody>
                                { for plan.steps.iter().map(|s| html! {
                                    <tr data-indicator={model.indicators()[s.indicator].id.clone()}>
                                        <th scope="row">{ ind_name(s.indicator) }</th>
                                        <td>{ fmt_val(s.indicator, s.from) }</td>
                                        <td>
                                            <input type="text" inputmode="decimal" class="plan-value"
                                                data-plan-step={model.indicators()[s.indicator].id.clone()}
                                                aria-label={format!("{}: {}", Msg::DataNew.text(lang), ind_name(s.indicator))}
                                                value={plan_edits.get(&s.indicator).cloned().unwrap_or_else(|| fmt_val(s.indicator, s.to))}
                                                oninput={{
                                                    let (edits, i) = (plan_edits.clone(), s.indicator);
                                                    Callback::from(move |e: InputEvent| {
                                                        let mut m = (*edits).clone();
                                                        m.insert(i, e.target_unchecked_into::<HtmlInputElement>().value());
                                                        edits.set(m);
                                                    })
                                                }} />
                                        </td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                        <button type="button" data-testid="apply-plan" onclick={on_apply_plan}>{ Msg::ApplyPlan.text(lang) }</button>
                        if *plan_error {
                            <p class="error" role="alert">{ Msg::PlanInvalid.text(lang) }</p>
                        }
                        <p class="help">{ Msg::PlanEditable.text(lang) }</p>
                    }
                }
            </div>
            <h3>{ Msg::LeversTitle.text(lang) }</h3>
            <figure>
                <figcaption>{ Msg::LeversChart { top: CHART_LEVERS }.text(lang) }</figcaption>
                <Chart<Vec<Bar>> data={bars} draw={draw_levers as DrawFn<Vec<Bar>>} {lang} dark={state.present}
                    label={bars_label} size="chart-l" testid="chart-levers" />
            </figure>
            <div class="table-scroll" tabindex="0" role="region" aria-label={Msg::LeversCaption { step: STEP_SHARE }.text(lang)}>
            <table class="levers" data-testid="lever-table">
                <caption>{ Msg::LeversCaption { step: STEP_SHARE }.text(lang) }</caption>
                <thead><tr>
                    <th scope="col">{ Msg::Indicator.text(lang) }</th>
                    <th scope="col">{ Msg::LeverCurrent.text(lang) }</th>
                    <th scope="col">{ Msg::LeverBest.text(lang) }</th>
                    <th scope="col">{ Msg::LeverGain.text(lang) }</th>
                    <th scope="col">{ Msg::LeverStep { step: STEP_SHARE }.text(lang) }</th>
                    <th scope="col">{ Msg::LeverRank.text(lang) }</th>
                </tr></thead>
                <tbody>
                    { for lever_list.iter().map(|l| html! {
                        <tr data-indicator={model.indicators()[l.indicator].id.clone()}>
                            <th scope="row">{ ind_name(l.indicator) }</th>
                            <td>{ fmt_val(l.indicator, l.current) }</td>
                            <td>{ fmt_val(l.indicator, l.best_value) }</td>
                            <td data-gain={l.gain_to_best.to_string()}>{ format_signed(l.gain_to_best, 4, lang) }</td>
                            <td>{ format_signed(l.gain_per_step, 4, lang) }</td>
                            <td>{ l.rank_if_best }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
        </section>
    }
}
