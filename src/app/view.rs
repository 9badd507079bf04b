//! Small view helpers shared by components: scores, ranks, changes, provenance badges.

use ict_engine::numfmt::{format, format_signed};
use ict_engine::{Model, Provenance, Results};
use yew::prelude::*;

use super::i18n::{Lang, Msg};

/// A score with the contract's 4 decimals.
pub fn score(v: f64, lang: Lang) -> String {
    format(v, 4, lang)
}

/// "3/63".
pub fn rank(r: u32, n: usize) -> String {
    format!("{r}/{n}")
}

/// A score change with an arrow; "unchanged" when it rounds to zero.
pub fn score_change(delta: f64, lang: Lang) -> Html {
    let text = format_signed(delta, 4, lang);
    if delta.abs() < 0.00005 {
        html! { <span class="delta same">{ Msg::Unchanged.text(lang) }</span> }
    } else if delta > 0.0 {
        html! { <span class="delta up"><span aria-hidden="true">{ "▲ " }</span><span class="sr-only">{ Msg::Up.text(lang) }{ " " }</span>{ text }</span> }
    } else {
        html! { <span class="delta down"><span aria-hidden="true">{ "▼ " }</span><span class="sr-only">{ Msg::Down.text(lang) }{ " " }</span>{ text }</span> }
    }
}

/// Places moved: baseline rank − scenario rank (positive is better).
pub fn rank_change(base: u32, now: u32, lang: Lang) -> Html {
    let moved = i64::from(base) - i64::from(now);
    match moved {
        0 => html! { <span class="delta same">{ Msg::Unchanged.text(lang) }</span> },
        m if m > 0 => html! {
            <span class="delta up"><span aria-hidden="true">{ "▲ " }</span><span class="sr-only">{ Msg::Up.text(lang) }{ " " }</span>{ Msg::Places { n: m }.text(lang) }</span>
        },
        m => html! {
            <span class="delta down"><span aria-hidden="true">{ "▼ " }</span><span class="sr-only">{ Msg::Down.text(lang) }{ " " }</span>{ Msg::Places { n: -m }.text(lang) }</span>
        },
    }
}

/// The source of a published figure, in the language ("Source: …").
pub fn source_label(model: &Model, prov: &Provenance, lang: Lang) -> Option<String> {
    match prov {
        Provenance::Published(id) => Some(
            model
                .source_name(id)
                .map(|s| format!("{}: {}", Msg::Source.text(lang), s.get(lang.is_en())))
                .unwrap_or_else(|| id.clone()),
        ),
        _ => None,
    }
}

/// A provenance badge with its source on hover and focus (title + tooltip text).
pub fn badge(prov: &Provenance, source: Option<&str>, lang: Lang) -> Html {
    let (class, short, long) = match prov {
        Provenance::Published(_) => (
            "badge published",
            Msg::Published.text(lang),
            Msg::PublishedLong.text(lang),
        ),
        Provenance::Estimated => (
            "badge estimated",
            Msg::Estimated.text(lang),
            Msg::EstimatedLong.text(lang),
        ),
        Provenance::Imported => (
            "badge imported",
            Msg::Imported.text(lang),
            Msg::ImportedLong.text(lang),
        ),
        Provenance::Derived { .. } => (
            "badge derived",
            Msg::Derived.text(lang),
            Msg::DerivedLong.text(lang),
        ),
    };
    let tip = match source {
        Some(src) => format!("{long}. {src}"),
        None => long.to_string(),
    };
    html! {
        <span class={class} tabindex="0" title={tip.clone()} data-provenance={short.clone()}>
            { short }<span class="tip" role="tooltip">{ tip }</span>
        </span>
    }
}

/// Provenance of province `p`'s value of indicator `i` as shown, and the text of its source: the
/// cell's own, or an estimate when the planner edited it (an estimated cell's source names the
/// model it was estimated with).
pub fn value_provenance(
    model: &Model,
    i: usize,
    p: usize,
    edited: bool,
    lang: Lang,
) -> (Provenance, Option<String>) {
    if edited {
        let prov = Provenance::Estimated;
        let source = source_label(model, &prov, lang);
        return (prov, source);
    }
    let prov = model.provenance_of(i, p).clone();
    let source = match prov {
        Provenance::Estimated => model
            .estimate_note(i)
            .map(|t| t.get(lang.is_en()).to_string()),
        _ => source_label(model, &prov, lang),
    };
    (prov, source)
}

/// [`badge`] with the source looked up in the model.
pub fn provenance_badge(model: &Model, prov: &Provenance, lang: Lang) -> Html {
    badge(prov, source_label(model, prov, lang).as_deref(), lang)
}

/// [`score_provenance`] of the score of node `k` for province `q` as `cur` shows it (the
/// baseline's when it equals `base`'s to 1e-12): what the results card, the ranking table, the
/// stage and the map's tip all say of a score.
pub fn shown_score_provenance(
    model: &Model,
    cur: &Results,
    base: &Results,
    k: usize,
    q: usize,
) -> Provenance {
    let shown = cur.score(k, q);
    score_provenance(
        model,
        &model.provinces()[q].id,
        &model.nodes()[k].id,
        shown,
        (shown - base.score(k, q)).abs() < 1e-12,
    )
}

/// The badge's short word for a provenance ("công bố", "ước tính", ...), for a text that cannot
/// hold a badge (a tooltip, a chart's label).
pub fn provenance_word(prov: &Provenance, lang: Lang) -> String {
    match prov {
        Provenance::Published(_) => Msg::Published,
        Provenance::Estimated => Msg::Estimated,
        Provenance::Imported => Msg::Imported,
        Provenance::Derived { .. } => Msg::Derived,
    }
    .text(lang)
    .into_owned()
}

/// Provenance of a node score shown for a province: published when it equals the baseline,
/// a source prints it (not merely infers it) and it is the published value (with imported data
/// it may not be), else an estimate (derived, for the units of a derived set).
pub fn score_provenance(
    model: &Model,
    province: &str,
    node: &str,
    shown: f64,
    same_as_baseline: bool,
) -> Provenance {
    match model.published_score(province, node) {
        Some(p)
            if same_as_baseline
                && !p.inferred
                && p.score.is_some_and(|s| (s - shown).abs() <= p.tolerance) =>
        {
            Provenance::Published(p.source.clone())
        }
        // A unit of a derived set (the 34 of 2025): recomputed from derived values.
        _ if model.derivation().is_some() => Provenance::Derived { estimated: true },
        _ => Provenance::Estimated,
    }
}
