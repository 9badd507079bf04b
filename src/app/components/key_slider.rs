//! One key indicator on the stage: its name, its value in its unit (large), a large slider, and
//! its rank among provinces, with where the value comes from. Props only, so an unchanged one is not re-rendered.

use ict_engine::numfmt::format;
use ict_engine::Provenance;
use yew::prelude::*;

use super::slider::Slider;
use crate::app::i18n::{Lang, Msg};
use crate::app::state::Dispatcher;
use crate::app::view::badge;

#[derive(Properties, PartialEq, Clone)]
pub struct KeySliderProps {
    pub id: AttrValue,
    pub name: AttrValue,
    pub unit: AttrValue,
    pub value: f64,
    pub base_value: f64,
    pub decimals: u8,
    pub plausible: [f64; 2],
    pub valid: [f64; 2],
    pub rank: u32,
    pub provinces: usize,
    /// Where the value comes from (as the editor's row says: an edited value is the planner's).
    pub provenance: Provenance,
    pub source: Option<AttrValue>,
    pub lang: Lang,
    pub dispatch: Dispatcher,
}

#[component(KeySlider)]
pub fn key_slider(props: &KeySliderProps) -> Html {
    let lang = props.lang;
    let decimals = usize::from(props.decimals);
    let edited = props.value != props.base_value;
    html! {
        <div class={classes!("key", edited.then_some("edited"))} data-key={props.id.clone()}>
            <span class="key-name" title={props.name.clone()}>{ props.name.clone() }</span>
            <span class="key-value">
                <strong>{ format(props.value, decimals, lang) }</strong>{ " " }
                <span class="key-unit">{ props.unit.clone() }</span>
            </span>
            <Slider id={props.id.clone()} label={props.name.clone()} unit={props.unit.clone()} value={props.value}
                decimals={props.decimals} plausible={props.plausible} valid={props.valid} {lang}
                dispatch={props.dispatch.clone()} stage=true />
            <span class="key-meta">
                { Msg::RankOf { rank: props.rank, of: props.provinces }.text(lang) }
                { " " }{ badge(&props.provenance, props.source.as_deref(), lang) }
                if edited {
                    { " · " }{ Msg::EditedWas { baseline: format(props.base_value, decimals, lang) }.text(lang) }
                }
            </span>
        </div>
    }
}
