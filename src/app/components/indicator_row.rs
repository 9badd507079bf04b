//! One indicator: name, unit, number field, slider, rank among provinces, provenance.
//! Everything arrives as props, so a row whose figures did not change is not re-rendered.

use ict_engine::numfmt::format;
use ict_engine::Provenance;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::slider::Slider;
use crate::app::i18n::{Lang, Msg};
use crate::app::state::{Action, Dispatcher, FieldError};
use crate::app::view::{badge, rank_change};

#[derive(Properties, PartialEq, Clone)]
pub struct IndicatorRowProps {
    pub id: AttrValue,
    pub name: AttrValue,
    pub unit: AttrValue,
    /// What the number field shows (the typed draft, or the value formatted).
    pub text: AttrValue,
    pub value: f64,
    pub decimals: u8,
    pub plausible: [f64; 2],
    pub valid: [f64; 2],
    pub base_value: f64,
    pub edited: bool,
    pub error: Option<FieldError>,
    pub rank_now: u32,
    pub rank_base: u32,
    pub provinces: usize,
    pub provenance: Provenance,
    pub source: Option<AttrValue>,
    pub lang: Lang,
    pub dispatch: Dispatcher,
}

#[component(IndicatorRow)]
pub fn indicator_row(props: &IndicatorRowProps) -> Html {
    let lang = props.lang;
    let id = props.id.to_string();
    let decimals = usize::from(props.decimals);
    let field_id = format!("ind-{id}");
    let err_id = format!("err-{id}");
    let meta_id = format!("meta-{id}");

    let on_input = {
        let (dispatch, id) = (props.dispatch.clone(), id.clone());
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            dispatch.dispatch(Action::Type {
                indicator: id.clone(),
                text,
            });
        })
    };
    let on_blur = {
        let (dispatch, id) = (props.dispatch.clone(), id.clone());
        Callback::from(move |_: FocusEvent| {
            dispatch.dispatch(Action::Blur {
                indicator: id.clone(),
            })
        })
    };
    let unit = props.unit.as_str();
    let error_text = props.error.as_ref().map(|e| match e {
        FieldError::Empty => format!("{} {}", Msg::ErrEmpty.text(lang), Msg::ErrKept.text(lang)),
        FieldError::NotANumber => format!("{} {}", Msg::ErrNan.text(lang), Msg::ErrKept.text(lang)),
        FieldError::TooManyDigits => {
            format!("{} {}", Msg::ErrDigits.text(lang), Msg::ErrKept.text(lang))
        }
        FieldError::OutOfRange { min, max } => format!(
            "{} {}",
            Msg::ErrOutOfRange {
                min: *min,
                max: *max,
                unit: unit.to_string()
            }
            .text(lang),
            Msg::ErrKept.text(lang)
        ),
    });
    let invalid = props.error.is_some();
    html! {
        <div class={classes!("indicator", props.edited.then_some("edited"), invalid.then_some("invalid"))} data-row={id.clone()}>
            <label class="name" for={field_id.clone()}>{ props.name.clone() }</label>
            <span class="unit">{ unit }</span>
            <div class="inputs">
                <input id={field_id} type="text" inputmode="decimal" autocomplete="off"
                    data-indicator={id.clone()} value={props.text.clone()}
                    aria-invalid={invalid.to_string()}
                    aria-describedby={if invalid { err_id.clone() } else { meta_id.clone() }}
                    oninput={on_input} onblur={on_blur} />
                <Slider id={props.id.clone()} label={format!("{}: {}", Msg::Slider.text(lang), props.name)}
                    unit={props.unit.clone()} value={props.value} decimals={props.decimals}
                    plausible={props.plausible} valid={props.valid} {lang} dispatch={props.dispatch.clone()} />
            </div>
            <div class="meta" id={meta_id}>
                <span class="ind-rank" data-testid={format!("indicator-rank-{id}")}>
                    { Msg::RankOf { rank: props.rank_now, of: props.provinces }.text(lang) }
                </span>
                if props.rank_now != props.rank_base {
                    { rank_change(props.rank_base, props.rank_now, lang) }
                }
                { badge(&props.provenance, props.source.as_deref(), lang) }
                if props.edited {
                    <span class="was">{ Msg::EditedWas { baseline: format(props.base_value, decimals, lang) }.text(lang) }</span>
                }
            </div>
            if let Some(msg) = error_text {
                <p class="error" id={err_id} role="alert" data-testid="input-error">{ msg }</p>
            }
        </div>
    }
}
