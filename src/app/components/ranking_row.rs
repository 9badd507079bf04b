//! One province in the ranking table. Props only, so unchanged rows are not re-rendered.

use yew::prelude::*;

use crate::app::i18n::{Lang, Msg};
use crate::app::view::{rank_change, score};

#[derive(Properties, PartialEq, Clone)]
pub struct RankingRowProps {
    pub id: AttrValue,
    pub name: AttrValue,
    pub rank: u32,
    pub base_rank: u32,
    pub score: f64,
    pub published: bool,
    pub selected: bool,
    pub lang: Lang,
}

#[component(RankingRow)]
pub fn ranking_row(props: &RankingRowProps) -> Html {
    let lang = props.lang;
    html! {
        <tr data-province={props.id.clone()} class={classes!(props.selected.then_some("selected"))}
            aria-current={props.selected.then_some("true")}>
            <td>{ props.rank }</td>
            <th scope="row">{ props.name.clone() }</th>
            <td data-testid="row-score">{ score(props.score, lang) }</td>
            <td>{ rank_change(props.base_rank, props.rank, lang) }</td>
            <td>{ if props.published { Msg::Published } else { Msg::Estimated }.text(lang) }</td>
        </tr>
    }
}
