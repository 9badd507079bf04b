//! What it takes to reach a goal: the planner's question (rank and/or score, one indicator),
//! the answer for one indicator and the combined plan, each applied in one step. The answer is
//! shown as current only while it answers the current question for the current state; else it
//! is marked out of date with a button to seek again.

use ict_engine::analysis::SingleSeek;
use ict_engine::methodology::IndicatorDef;
use ict_engine::numfmt::format;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::app::hooks::use_app;
use crate::app::i18n::Lang;
use crate::app::i18n_more::MoreMsg;
use crate::app::state::{answers, Action, GoalError, GoalForm};

fn goal_error(e: GoalError) -> MoreMsg {
    match e {
        GoalError::Missing => MoreMsg::GoalMissing,
        GoalError::RankInvalid => MoreMsg::GoalRankInvalid,
        GoalError::ScoreInvalid => MoreMsg::GoalScoreInvalid,
    }
}

fn fmt_val(d: &IndicatorDef, v: f64, lang: Lang) -> String {
    format(v, usize::from(d.decimals), lang)
}

#[component(GoalSeek)]
pub fn goal_seek() -> Html {
    let Some(state) = use_app() else {
        return html! {};
    };
    let lang = state.lang;
    let en = lang.is_en();
    let model = state.model().clone();
    let form = state.decision.form.clone();
    let goal = form.goal(model.province_count());
    let chosen = state.goal_indicator();
    let set_form = |edit: fn(&mut GoalForm, String)| {
        let (state, form) = (state.clone(), form.clone());
        move |text: String| {
            let mut f = form.clone();
            edit(&mut f, text);
            state.dispatch(Action::SetGoalForm(f));
        }
    };
    let on_rank = {
        let set = set_form(|f, t| f.rank = t);
        Callback::from(move |e: InputEvent| {
            set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_score = {
        let set = set_form(|f, t| f.score = t);
        Callback::from(move |e: InputEvent| {
            set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_indicator = {
        let set = set_form(|f, t| f.indicator = Some(t));
        Callback::from(move |e: Event| set(e.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    let dispatch = |action: Action| {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(action.clone()))
    };
    // The answer is computed here (this module's copy of the state is the first's) and sent
    // with its key.
    let seek = {
        let state = state.clone();
        move || state.dispatch(Action::Seek(answers::seek(&state).map(Box::new)))
    };
    let on_seek = {
        let seek = seek.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            seek();
        })
    };
    let on_seek_again = Callback::from(move |_: MouseEvent| seek());
    let def_of = |id: &str| model.indicator_index(id).map(|i| &model.indicators()[i]);
    let name_of =
        |id: &str| def_of(id).map_or_else(|| id.to_string(), |d| d.name.get(en).to_string());

    let answer = state.current_answer().map(|a| {
        let single = def_of(&a.indicator).map(|d| {
            let text = match &a.single {
                SingleSeek::AlreadyMet => MoreMsg::GoalMet.text(lang),
                SingleSeek::Reached { value, score, rank } => MoreMsg::SingleReached {
                    indicator: d.name.get(en).to_string(),
                    value: fmt_val(d, *value, lang),
                    score: *score,
                    rank: *rank,
                }
                .text(lang),
                SingleSeek::Unreachable { best_score, best_rank, at_value } => MoreMsg::SingleUnreachable {
                    indicator: d.name.get(en).to_string(),
                    at_value: fmt_val(d, *at_value, lang),
                    score: *best_score,
                    rank: *best_rank,
                }
                .text(lang),
            };
            let beyond = match a.single {
                SingleSeek::Reached { value, .. } => !(d.plausible[0]..=d.plausible[1]).contains(&value),
                _ => false,
            };
            let reached = matches!(a.single, SingleSeek::Reached { .. });
            html! {
                <p class="single" data-answer-indicator={d.id.clone()}>
                    { text }
                    if beyond {
                        <span class="warn" role="note">{ format!(" {}", MoreMsg::BeyondPlausible.text(lang)) }</span>
                    }
                    if reached {
                        { " " }<button type="button" data-testid="apply-single" onclick={dispatch(Action::ApplySingle)}>{ MoreMsg::ApplyOne.text(lang) }</button>
                    }
                </p>
            }
        });
        html! {
            <>
                { single.unwrap_or_default() }
                <h3>{ MoreMsg::PlanTitle.text(lang) }</h3>
                if a.reached {
                    <p>{ MoreMsg::PlanReached { score: a.score, rank: a.rank }.text(lang) }</p>
                } else {
                    <p class="error">{ MoreMsg::PlanUnreachable.text(lang) }</p>
                }
                if a.reached && !a.moves.is_empty() {
                    <table class="plan" data-testid="plan-table">
                        <thead><tr><th scope="col">{ MoreMsg::Indicator.text(lang) }</th><th scope="col">{ MoreMsg::DataOld.text(lang) }</th><th scope="col">{ MoreMsg::DataNew.text(lang) }</th></tr></thead>
                        <tbody>
                            { for a.moves.iter().filter_map(|m| def_of(&m.indicator).map(|d| (m, d))).map(|(m, d)| {
                                let (state, id) = (state.clone(), m.indicator.clone());
                                let oninput = Callback::from(move |e: InputEvent| state.dispatch(Action::EditPlan {
                                    indicator: id.clone(),
                                    text: e.target_unchecked_into::<HtmlInputElement>().value(),
                                }));
                                html! {
                                    <tr data-indicator={d.id.clone()}>
                                        <th scope="row">{ d.name.get(en) }</th>
                                        <td>{ fmt_val(d, m.from, lang) }</td>
                                        <td>
                                            <input type="text" inputmode="decimal" class="plan-value"
                                                data-plan-step={d.id.clone()}
                                                aria-label={format!("{}: {}", MoreMsg::DataNew.text(lang), d.name.get(en))}
                                                value={a.edits.get(&m.indicator).cloned().unwrap_or_else(|| fmt_val(d, m.to, lang))}
                                                {oninput} />
                                        </td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                    <button type="button" data-testid="apply-plan" onclick={dispatch(Action::ApplyPlan)}>{ MoreMsg::ApplyPlan.text(lang) }</button>
                    if a.edit_error {
                        <p class="error" role="alert">{ MoreMsg::PlanInvalid.text(lang) }</p>
                    }
                    <p class="help">{ MoreMsg::PlanEditable.text(lang) }</p>
                }
            </>
        }
    });

    html! {
        <>
            <form class="goal" onsubmit={on_seek}>
                <h3>{ MoreMsg::GoalTitle.text(lang) }</h3>
                <label class="field">
                    <span>{ MoreMsg::GoalRank.text(lang) }</span>
                    <input type="text" inputmode="numeric" data-testid="goal-rank" value={form.rank.clone()} oninput={on_rank} />
                </label>
                <label class="field">
                    <span>{ MoreMsg::GoalScore.text(lang) }</span>
                    <input type="text" inputmode="decimal" data-testid="goal-score" value={form.score.clone()} oninput={on_score} />
                </label>
                <label class="field">
                    <span>{ MoreMsg::GoalSingle.text(lang) }</span>
                    <select onchange={on_indicator} data-testid="goal-indicator">
                        { for model.indicators().iter().map(|d| html! {
                            <option value={d.id.clone()} selected={chosen.as_deref() == Some(d.id.as_str())}>{ d.name.get(en) }</option>
                        }) }
                    </select>
                </label>
                <button type="submit" data-testid="goal-seek" disabled={goal.is_err()}>{ MoreMsg::GoalSeek.text(lang) }</button>
                if let Err(why) = goal {
                    <p class="error" role="alert">{ goal_error(why).text(lang) }</p>
                }
            </form>
            <div data-testid="goal-result" class="goal-result" aria-live="polite">
                if let Some(answer) = answer {
                    { answer }
                } else if state.stale_answer() {
                    <p class="stale" data-testid="answer-stale">
                        { MoreMsg::AnswerStale.text(lang) }
                        if let Some(a) = &state.decision.answer {
                            { format!(" ({})", MoreMsg::AnswerFor { indicator: name_of(&a.indicator) }.text(lang)) }
                        }
                        { " " }
                        <button type="button" data-testid="seek-again" disabled={goal.is_err()} onclick={on_seek_again}>{ MoreMsg::SeekAgain.text(lang) }</button>
                    </p>
                }
            </div>
        </>
    }
}
