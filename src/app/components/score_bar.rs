//! A bar from 0 to 1 with the baseline marked: the stage's pillars. Its length is a CSS custom
//! property set through the style object (the page's policy allows no inline style attribute),
//! so that a change grows or shrinks the bar with a CSS transition.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct ScoreBarProps {
    pub value: f64,
    pub base: f64,
}

/// Sets `--v` of the element to `v` (clamped to 0–1).
fn set_share(node: &NodeRef, v: f64) {
    if let Some(el) = node.cast::<web_sys::Element>() {
        if let Ok(el) = el.dyn_into::<HtmlElement>() {
            let _ = el
                .style()
                .set_property("--v", &format!("{:.4}", v.clamp(0.0, 1.0)));
        }
    }
}

#[component(ScoreBar)]
pub fn score_bar(props: &ScoreBarProps) -> Html {
    let (now, base) = (use_node_ref(), use_node_ref());
    {
        let (now, base) = (now.clone(), base.clone());
        use_effect_with((props.value, props.base), move |(v, b)| {
            set_share(&now, *v);
            set_share(&base, *b);
        });
    }
    html! {
        <span class="score-bar" aria-hidden="true">
            <span class="now" ref={now}></span>
            <span class="base" ref={base}></span>
        </span>
    }
}
