//! Methodology and data notes: how the score is computed, where each figure comes from.

use ict_engine::numfmt::format;
use yew::prelude::*;

use crate::app::i18n::t;
use crate::app::AppContext;

#[component(Notes)]
pub fn notes() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by the app");
    let lang = state.lang;
    let en = lang.is_en();
    let model = state.model().clone();
    let published = &model.edition().published;
    // The panel is long: its content is only built once it is opened (faster first render).
    let open = use_state(|| false);
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            open.set(
                e.target_unchecked_into::<web_sys::HtmlDetailsElement>()
                    .open(),
            )
        })
    };
    let text = |vi: &'static str, en_text: &'static str| if en { en_text } else { vi };
    html! {
        <footer class="notes">
            <details ontoggle={on_toggle}>
                <summary><h2>{ t(lang, "notes") }</h2></summary>
                if *open {
                <h3>{ text("Cách tính", "How the score is computed") }</h3>
                <ol>
                    <li>{ text(
                        "Mỗi chỉ tiêu được chuẩn hoá min–max giữa các tỉnh: (giá trị − nhỏ nhất) / (lớn nhất − nhỏ nhất). Bộ TT&TT không công bố cách chuẩn hoá; đây là giả định mặc định.",
                        "Each indicator is min–max normalised across provinces: (value − min) / (max − min). The ministry does not publish its scaling; this is the default assumption.") }</li>
                    <li>{ text(
                        "Điểm mỗi nhóm (ví dụ Hạ tầng kỹ thuật xã hội) là trung bình cộng các chỉ tiêu, rồi được co giãn để tỉnh cao nhất đạt 1, thấp nhất đạt 0 (như Kế hoạch 60/KH-UBND nêu: \u{201c}đơn vị đứng thứ 1 đạt 1 điểm\u{201d}).",
                        "Each group score (e.g. society technical infrastructure) is the mean of its indicators, rescaled so the best province gets 1 and the worst 0 (as plan 60/KH-UBND states: \u{201c}rank 1 scores 1\u{201d}).") }</li>
                    <li>{ text(
                        "Mỗi thành phần là trung bình hai nhóm; Chỉ số ICT Index là trung bình ba thành phần (đã kiểm chứng bằng số liệu của Kế hoạch).",
                        "Each pillar is the mean of its two groups; the ICT Index is the mean of the three pillars (verified with the plan's own figures).") }</li>
                    <li>{ text(
                        "Thứ hạng theo kiểu thi đấu: đồng điểm thì đồng hạng (1, 2, 2, 4).",
                        "Ranks are competition ranks: ties share a rank (1, 2, 2, 4).") }</li>
                </ol>
                <h3>{ text("Nguồn số liệu", "Where the figures come from") }</h3>
                <p>{ text(
                    "Điểm, thứ hạng đã công bố (nhãn \u{201c}công bố\u{201d}) lấy từ các nguồn dưới đây. Bộ TT&TT không công bố số liệu thô của từng tỉnh, nên các giá trị còn lại là ước tính (nhãn \u{201c}ước tính\u{201d}) do chương trình hiệu chỉnh tạo ra sao cho mọi số liệu đã công bố đều được tái tạo đúng; chúng không phải số liệu chính thức. Khi có bảng số liệu của Bộ, hãy dùng số liệu đó.",
                    "Published scores and ranks (label \u{201c}published\u{201d}) come from the sources below. The ministry does not publish each province's raw data, so the other values are estimates (label \u{201c}estimate\u{201d}) made by a calibration program so that every published figure is reproduced; they are not official figures. Use the ministry's table when you have it.") }</p>
                <ul>
                    { for model.edition().meta.sources.iter().map(|s| html! { <li>{ s.name.get(en) }</li> }) }
                </ul>
                <ul class="data-notes">
                    { for published.notes.iter().map(|n| html! { <li>{ n.get(en) }</li> }) }
                    { for published.scores.iter().filter_map(|s| s.note.as_ref()).map(|n| html! { <li>{ n.get(en) }</li> }) }
                </ul>
                <h3>{ text("Khoảng hợp lý của từng chỉ tiêu", "Plausible range of each indicator") }</h3>
                <p>{ text(
                    "Ước tính được giữ trong khoảng dưới đây (dựa trên thống kê quốc gia 2019: băng rộng cố định 15,33/100 dân, băng rộng di động 62,83/100 dân, biết chữ 95,8%; niên giám Nghệ An 2019: ≈85 di động và ≈1,7 cố định/100 dân). Giá trị ngoài khoảng vẫn được nhập nếu nằm trong khoảng hợp lệ.",
                    "Estimates are kept inside the ranges below (based on 2019 national statistics: fixed broadband 15.33 per 100, mobile broadband 62.83 per 100, literacy 95.8%; Nghệ An 2019 yearbook: ≈85 mobile and ≈1.7 fixed per 100). Values outside them can still be entered if they are valid.") }</p>
                <table class="ranges">
                    <thead><tr>
                        <th scope="col">{ text("Chỉ tiêu", "Indicator") }</th>
                        <th scope="col">{ text("Đơn vị", "Unit") }</th>
                        <th scope="col">{ text("Khoảng hợp lý", "Plausible range") }</th>
                        <th scope="col">{ text("Khoảng hợp lệ", "Valid range") }</th>
                    </tr></thead>
                    <tbody>
                        { for model.indicators().iter().map(|d| {
                            let dec = usize::from(d.decimals);
                            html! {
                                <tr>
                                    <th scope="row">{ d.name.get(en) }{ d.note.as_ref().map(|n| html! { <small>{ " — " }{ n.get(en) }</small> }).unwrap_or_default() }</th>
                                    <td>{ d.unit.get(en) }</td>
                                    <td>{ format!("{} – {}", format(d.plausible[0], dec.min(2), lang), format(d.plausible[1], dec.min(2), lang)) }</td>
                                    <td>{ format!("{} – {}", format(d.valid[0], 0, lang), format(d.valid[1], 0, lang)) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                }
            </details>
        </footer>
    }
}
