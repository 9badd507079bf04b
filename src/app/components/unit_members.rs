//! A unit of a derived province set (the 34 of 2025): the former provinces it was formed from,
//! and the share of each in the weighted means, per weight.

use ict_engine::numfmt::format;
use ict_engine::province_set::EQUAL;
use yew::prelude::*;

use crate::app::hooks::use_app;
use crate::app::i18n::Msg;

#[component(UnitMembers)]
pub fn unit_members() -> Html {
    let Some(state) = use_app() else {
        return html! {};
    };
    let model = state.model().clone();
    let Some(derivation) = model.derivation() else {
        return html! {};
    };
    let lang = state.lang;
    let en = lang.is_en();
    let members = derivation.members(&state.province);
    let Some(unit) = derivation.set.unit(&state.province) else {
        return html! {};
    };
    let name = unit.name.get(en).to_string();
    if members.len() < 2 {
        return html! {
            <p class="unit-members" data-testid="unit-members">{ Msg::UnitKept { unit: name }.text(lang) }</p>
        };
    }
    // The weights the set uses, in the order of its kinds of indicator.
    let mut weights: Vec<&str> = Vec::new();
    for w in &derivation.set.indicators {
        if !weights.contains(&w.weight.as_str()) {
            weights.push(&w.weight);
        }
    }
    let weight_name = |w: &str| -> String {
        derivation
            .set
            .weights
            .get(w)
            .map(|c| c.name.get(en).to_string())
            .unwrap_or_else(|| Msg::EqualWeight.text(lang).into_owned())
    };
    let pct = |share: f64| format!("{} %", format(share * 100.0, 1, lang));
    html! {
        <details class="unit-members" data-testid="unit-members" open=true>
            <summary>{ Msg::UnitMembers { unit: name }.text(lang) }{ ": " }
                { members.iter().map(|m| m.name.get(en).to_string()).collect::<Vec<_>>().join(", ") }
            </summary>
            <p>{ Msg::UnitMembersHelp.text(lang) }</p>
            <table>
                <thead><tr>
                    <th scope="col">{ Msg::FormerProvince.text(lang) }</th>
                    { for weights.iter().filter(|w| **w != EQUAL).map(|w| html! {
                        // Its first letter in upper case by the stylesheet (`.capitalised`): no
                        // Unicode case tables in the app's first module.
                        <th scope="col" class="capitalised">{ weight_name(w) }</th>
                    }) }
                    { for weights.iter().map(|w| html! {
                        <th scope="col">{ if *w == EQUAL {
                            Msg::ShareEqual.text(lang)
                        } else {
                            Msg::ShareBy { weight: weight_name(w) }.text(lang)
                        } }</th>
                    }) }
                </tr></thead>
                <tbody>
                    { for members.iter().map(|m| html! {
                        <tr data-member={m.id.clone()}>
                            <th scope="row">{ m.name.get(en) }</th>
                            { for weights.iter().filter(|w| **w != EQUAL).map(|w| html! {
                                <td class="num">{ m.values.get(*w).map(|v| format(*v, 0, lang)).unwrap_or_default() }</td>
                            }) }
                            { for weights.iter().map(|w| html! {
                                <td class="num" data-share={w.to_string()}>{ m.shares.get(*w).map(|s| pct(*s)).unwrap_or_default() }</td>
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
            <ul>
                { for derivation.set.indicators.iter().map(|w| html! {
                    <li>{ format!("{}: {}", w.basis.get(en), weight_name(&w.weight)) }</li>
                }) }
            </ul>
        </details>
    }
}
