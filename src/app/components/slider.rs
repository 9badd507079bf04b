//! An indicator's slider, in the editor and on the stage: it spans the plausible range (widened
//! to the value), drags on the indicator's decimals, and the arrow keys move it by a sensible
//! step (about 1 % of the plausible range) rather than by one last decimal.

use ict_engine::numfmt::format;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::i18n::Lang;
use crate::app::state::{Action, Dispatcher};
use ict_state::stage::{arrow_sign, key_next, slider_range};

#[derive(Properties, PartialEq, Clone)]
pub struct SliderProps {
    /// The indicator's id.
    pub id: AttrValue,
    /// The accessible name.
    pub label: AttrValue,
    pub unit: AttrValue,
    pub value: f64,
    pub decimals: u8,
    pub plausible: [f64; 2],
    pub valid: [f64; 2],
    pub lang: Lang,
    pub dispatch: Dispatcher,
    /// On the stage: marked `data-stage-slider` (the editor's is `data-slider`).
    #[prop_or_default]
    pub stage: bool,
}

#[component(Slider)]
pub fn slider(props: &SliderProps) -> Html {
    let value = props.value;
    let (lo, hi) = slider_range(props.plausible, props.valid, value);
    let step = 10f64.powi(-i32::from(props.decimals));
    let slide = {
        let (dispatch, id) = (props.dispatch.clone(), props.id.to_string());
        move |v: f64| {
            dispatch.dispatch(Action::Slide {
                indicator: id.clone(),
                value: v,
            })
        }
    };
    let on_input = {
        let slide = slide.clone();
        Callback::from(move |e: InputEvent| {
            let v = e
                .target_unchecked_into::<HtmlInputElement>()
                .value_as_number();
            if v.is_finite() {
                slide(v);
            }
        })
    };
    let on_key = {
        let (decimals, plausible, valid) = (props.decimals, props.plausible, props.valid);
        Callback::from(move |e: KeyboardEvent| {
            let modified = e.ctrl_key() || e.meta_key() || e.alt_key();
            let Some(sign) = arrow_sign(&e.key(), modified) else {
                return;
            };
            e.prevent_default();
            let next = key_next(value, sign, plausible, valid, decimals);
            if next != value {
                slide(next);
            }
        })
    };
    let shown = format(value, usize::from(props.decimals), props.lang);
    let (editor, stage) = if props.stage {
        (None, Some(props.id.clone()))
    } else {
        (Some(props.id.clone()), None)
    };
    html! {
        <input type="range" class="slider" min={lo.to_string()} max={hi.to_string()} step={step.to_string()}
            value={value.to_string()} aria-label={props.label.clone()}
            aria-valuetext={format!("{shown} {}", props.unit)}
            data-slider={editor} data-stage-slider={stage} oninput={on_input} onkeydown={on_key} />
    }
}
