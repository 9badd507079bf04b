//! One indicator: name, unit, number field, slider, rank among provinces, provenance.

use ict_engine::numfmt::format;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::i18n::t;
use crate::app::state::{Action, FieldError};
use crate::app::view::{provenance_badge, rank_change};
use crate::app::AppContext;

#[derive(Properties, PartialEq)]
pub struct IndicatorRowProps {
    /// Index of the indicator in the model.
    pub index: usize,
}

#[component(IndicatorRow)]
pub fn indicator_row(props: &IndicatorRowProps) -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by the app");
    let lang = state.lang;
    let en = lang.is_en();
    let model = state.model().clone();
    let i = props.index;
    let def = &model.indicators()[i];
    let p = state.p();
    let n = model.province_count();
    let value = state.value(i);
    let decimals = usize::from(def.decimals);
    let id = def.id.clone();
    let field_id = format!("ind-{id}");
    let err_id = format!("err-{id}");
    let text = state
        .drafts
        .get(&id)
        .cloned()
        .unwrap_or_else(|| format(value, decimals, lang));
    let error = state.errors.get(&id).cloned();
    let edited = state.is_edited(i);
    let base_value = model.baseline_value(i, p);
    let rank_now = state.current.indicator_rank(i, p);
    let rank_base = state.baseline().indicator_rank(i, p);
    let prov = if edited {
        ict_engine::Provenance::Estimated
    } else {
        model.provenance_of(i, p).clone()
    };

    let on_input = {
        let state = state.clone();
        let id = id.clone();
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            state.dispatch(Action::Type {
                indicator: id.clone(),
                text,
            });
        })
    };
    let on_blur = {
        let state = state.clone();
        let id = id.clone();
        Callback::from(move |_: FocusEvent| {
            state.dispatch(Action::Blur {
                indicator: id.clone(),
            })
        })
    };
    let on_slide = {
        let state = state.clone();
        let id = id.clone();
        Callback::from(move |e: InputEvent| {
            let v = e
                .target_unchecked_into::<HtmlInputElement>()
                .value_as_number();
            if v.is_finite() {
                state.dispatch(Action::Slide {
                    indicator: id.clone(),
                    value: v,
                });
            }
        })
    };
    // The slider spans the plausible range, widened to the current value.
    let lo = def.plausible[0].min(value).max(def.valid[0]);
    let hi = def.plausible[1].max(value).min(def.valid[1]);
    let step = 10f64.powi(-i32::from(def.decimals));
    let unit = def.unit.get(en);
    let error_text = error.as_ref().map(|e| match e {
        FieldError::Empty => format!("{} {}", t(lang, "err-empty"), t(lang, "err-kept")),
        FieldError::NotANumber => format!("{} {}", t(lang, "err-nan"), t(lang, "err-kept")),
        FieldError::OutOfRange { min, max } => format!(
            "{} ({} – {} {unit}). {}",
            t(lang, "err-range"),
            format(*min, 0, lang),
            format(*max, 0, lang),
            t(lang, "err-kept")
        ),
    });
    html! {
        <div class={classes!("indicator", edited.then_some("edited"), error.is_some().then_some("invalid"))} data-row={id.clone()}>
            <label class="name" for={field_id.clone()}>{ def.name.get(en) }</label>
            <span class="unit">{ unit }</span>
            <div class="inputs">
                <input id={field_id.clone()} type="text" inputmode="decimal" autocomplete="off"
                    data-indicator={id.clone()} value={text}
                    aria-invalid={error.is_some().to_string()}
                    aria-describedby={if error.is_some() { err_id.clone() } else { format!("meta-{id}") }}
                    oninput={on_input} onblur={on_blur} />
                <input type="range" class="slider" min={lo.to_string()} max={hi.to_string()} step={step.to_string()}
                    value={value.to_string()} aria-label={format!("{}: {}", t(lang, "slider"), def.name.get(en))}
                    aria-valuetext={format!("{} {unit}", format(value, decimals, lang))}
                    data-slider={id.clone()} oninput={on_slide} />
            </div>
            <div class="meta" id={format!("meta-{id}")}>
                <span class="ind-rank" data-testid={format!("indicator-rank-{id}")}>
                    { format!("{} {rank_now}/{n}", t(lang, "rank-of")) }
                </span>
                { rank_change(rank_base, rank_now, lang) }
                { provenance_badge(&model, &prov, lang) }
                if edited {
                    <span class="was">{ format!("{} {}: {}", t(lang, "edited"), t(lang, "baseline-value"), format(base_value, decimals, lang)) }</span>
                }
            </div>
            if let Some(msg) = error_text {
                <p class="error" id={err_id} role="alert" data-testid="input-error">{ msg }</p>
            }
        </div>
    }
}
