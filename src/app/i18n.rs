//! Every message of the UI in Vietnamese (default) and English, as a type: a message is a
//! [`Msg`] value, checked at compile time (an unknown message does not build, an unused one is
//! flagged), and numbers and years are parameters formatted in the language
//! ([`ict_engine::numfmt`]) beside the constants they come from.

use std::borrow::Cow;

use ict_engine::numfmt::format;
pub use ict_engine::numfmt::Lang;
use ict_engine::Text;

/// A message of the UI. [`Msg::text`] gives it in a language.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Msg {
    Title,
    Subtitle,
    Province,
    Edition,
    LangToggle,
    LangToggleLabel,
    Reset,
    Presets,
    Share,
    ShareDone,
    ShareFailed,
    ShareField,
    Present,
    PresentExit,
    Scenario,
    Baseline,
    Score,
    Rank,
    Change,
    Unchanged,
    Up,
    Down,
    Components,
    Editor,
    EditorHelp,
    Slider,
    Published,
    Estimated,
    Imported,
    Derived,
    PublishedLong,
    EstimatedLong,
    ImportedLong,
    DerivedLong,
    Source,
    Ranking,
    RankingCaption,
    Moved,
    Status,
    ErrEmpty,
    ErrNan,
    /// A typed number with more significant digits than any indicator's precision, or more
    /// decimal places than a float can take exactly in one operation.
    ErrDigits,
    ErrKept,
    Unofficial,
    Dismiss,
    Unmapped,
    NationalMean,
    Skip,
    Shortcuts,
    SavedTitle,
    KeyNext,
    KeyPrevious,
    /// Saved scenarios that could not be read: how many entries (or the whole store), and
    /// whether the original was backed up.
    StoreUnreadable {
        unreadable: usize,
        corrupt: bool,
        backed_up: bool,
    },
    /// Imported data kept in the browser that no longer fit their editions (years).
    ImportedUnfit {
        years: Vec<u16>,
    },
    /// Imported data kept in the browser that could not be read at all, and whether they were
    /// backed up.
    ImportedUnreadable {
        backed_up: bool,
    },
    StoreFailed,
    FileRejected,
    KeyPresent,
    KeyHelp,
    KeyClose,
    /// The stage: presentation mode and the embedded layout.
    StageLabel,
    KeyIndicators,
    ShowAll,
    FullScreen,
    KeyAll,
    KeyFullScreen,
    KeyPages,
    KeyArrows,
    AgainstBaseline,

    // Messages with parameters.
    /// "Kết quả — Quảng Ninh (2019)".
    ResultsTitle {
        province: String,
        year: u16,
    },
    /// Places moved in a ranking: "3 bậc" / "3 places".
    Places {
        n: i64,
    },
    /// A rank among provinces: "xếp thứ 11/63".
    RankOf {
        rank: u32,
        of: usize,
    },
    /// An edited value and its baseline (already formatted).
    EditedWas {
        baseline: String,
    },
    /// A typed value outside the valid range `[min, max]` of an indicator in `unit`.
    ErrOutOfRange {
        min: f64,
        max: f64,
        unit: String,
    },
    /// A scenario file was imported.
    ScenarioImported {
        name: String,
    },
    /// A preset was applied.
    PresetApplied {
        name: String,
    },
    /// The app's second module (the panels below the first screen) could not be loaded, twice.
    PartUnavailable {
        detail: String,
    },
    FileUnreadable,
    DataUnreadable,

    // Undo / redo and answers that belong to a state.
    Undo,
    Redo,
    UndoHelp,
    RedoHelp,
    Applied,
    NothingToUndo,
    NothingToRedo,
    ImportOutdated,
    /// The province-set switch and what it offers.
    ProvinceSet,
    SetOption {
        set: String,
    },
    Illustrative,
    IllustrativeLong,
    /// A merged unit: its former provinces and their weights.
    UnitMembers {
        unit: String,
    },
    UnitMembersHelp,
    FormerProvince,
    EqualWeight,
    ShareEqual,
    ShareBy {
        weight: String,
    },
    UnitKept {
        unit: String,
    },
    /// The saved scenario on the stage: its place among `of` and its name.
    SavedAt {
        at: usize,
        of: usize,
        name: String,
    },
}

/// The end of a message about unreadable data kept in the browser: backed up, or not (then
/// they stay where they are until `until`, which replaces them).
fn backup_vi(backed_up: bool, until: &str) -> String {
    if backed_up {
        "bản gốc được sao lưu nguyên vẹn.".into()
    } else {
        format!("không sao lưu được bản gốc (bộ nhớ trình duyệt đầy hoặc bị chặn): bản gốc vẫn ở nguyên chỗ cho đến {until}, lúc đó sẽ bị thay thế.")
    }
}

fn backup_en(backed_up: bool, until: &str) -> String {
    if backed_up {
        "the original is backed up untouched.".into()
    } else {
        format!("the original could not be backed up (the browser's storage is full or blocked): it stays where it is until {until}, which replaces it.")
    }
}

/// A message saying what could not be loaded (`unavailable`, given the reason), with "timed
/// out" as the reason, in `lang`.
pub(crate) fn timed_out(
    lang: Lang,
    unavailable: impl FnOnce(String) -> String,
) -> Cow<'static, str> {
    let detail = if lang.is_en() {
        "timed out"
    } else {
        "quá thời gian"
    };
    Cow::Owned(unavailable(detail.into()))
}

/// What every message is written with in `lang`: a text picked from the two, a text made in
/// each, a number and a share (in per cent) in the language's format.
#[allow(clippy::type_complexity)]
pub(crate) fn helpers(
    lang: Lang,
) -> (
    impl Fn(&'static str, &'static str) -> Cow<'static, str>,
    impl Fn(String, String) -> Cow<'static, str>,
    impl Fn(f64, usize) -> String,
    impl Fn(f64) -> String,
) {
    let en = lang.is_en();
    (
        move |vi: &'static str, en_text: &'static str| Cow::Borrowed(if en { en_text } else { vi }),
        move |vi: String, en_text: String| Cow::Owned(if en { en_text } else { vi }),
        move |v: f64, decimals: usize| format(v, decimals, lang),
        move |share: f64| format!("{}%", format(share * 100.0, 0, lang)),
    )
}

impl Msg {
    /// The message in `lang`.
    pub(crate) fn text(&self, lang: Lang) -> Cow<'static, str> {
        let (pick, owned, num, _) = helpers(lang);
        match self {
            Msg::Title => pick("Máy tính giả định Chỉ số ICT Index", "ICT Index what-if calculator"),
            Msg::Subtitle => pick("Thay đổi chỉ tiêu của tỉnh và xem ngay điểm, thứ hạng Vietnam ICT Index", "Change a province's indicators and see its Vietnam ICT Index score and rank at once"),
            Msg::Province => pick("Tỉnh, thành phố", "Province"),
            Msg::Edition => pick("Năm xếp hạng", "Edition"),
            Msg::LangToggle => pick("English", "Tiếng Việt"),
            Msg::LangToggleLabel => pick("Chuyển sang tiếng Anh", "Switch to Vietnamese"),
            Msg::Reset => pick("Về số liệu gốc", "Back to baseline"),
            Msg::Undo => pick("Hoàn tác", "Undo"),
            Msg::Redo => pick("Làm lại", "Redo"),
            Msg::UndoHelp => pick("Hoàn tác thay đổi vừa rồi (Ctrl+Z)", "Undo the last change (Ctrl+Z)"),
            Msg::RedoHelp => pick("Làm lại thay đổi vừa hoàn tác (Ctrl+Shift+Z hoặc Ctrl+Y)", "Redo the change just undone (Ctrl+Shift+Z or Ctrl+Y)"),
            Msg::Applied => pick("Đã áp dụng. Ctrl+Z (Hoàn tác) để trở lại.", "Applied. Ctrl+Z (Undo) takes it back."),
            Msg::NothingToUndo => pick("Không còn gì để hoàn tác.", "Nothing to undo."),
            Msg::NothingToRedo => pick("Không còn gì để làm lại.", "Nothing to redo."),
            Msg::ImportOutdated => pick(
                "Tệp chưa được áp dụng: số liệu của năm này đã thay đổi từ khi tệp được kiểm tra. Hãy nhập lại tệp.",
                "The file was not applied: this edition's data changed since the file was checked. Import it again.",
            ),
            Msg::SavedAt { at, of, name } => owned(
                format!("Kịch bản {at}/{of}: {name}"),
                format!("Scenario {at}/{of}: {name}"),
            ),
            Msg::Presets => pick("Kịch bản có sẵn", "Preset scenarios"),
            Msg::Share => pick("Chép đường dẫn kịch bản", "Copy scenario link"),
            Msg::ShareDone => pick("Đã chép đường dẫn", "Link copied"),
            Msg::ShareFailed => pick("Không chép được; hãy chép địa chỉ trong ô này", "Could not copy; copy the address in this field"),
            Msg::ShareField => pick("Đường dẫn của kịch bản hiện tại", "Address of the current scenario"),
            Msg::Present => pick("Trình chiếu", "Present"),
            Msg::PresentExit => pick("Thoát trình chiếu", "Exit presentation"),
            Msg::Scenario => pick("Kịch bản", "Scenario"),
            Msg::Baseline => pick("Số liệu gốc", "Baseline"),
            Msg::Score => pick("Điểm", "Score"),
            Msg::Rank => pick("Hạng", "Rank"),
            Msg::Change => pick("Thay đổi", "Change"),
            Msg::Unchanged => pick("không đổi", "unchanged"),
            Msg::Up => pick("tăng", "up"),
            Msg::Down => pick("giảm", "down"),
            Msg::Components => pick("Các thành phần", "Components"),
            Msg::Editor => pick("Chỉ tiêu của tỉnh", "The province's indicators"),
            Msg::EditorHelp => pick("Sửa giá trị theo đơn vị thật của chỉ tiêu (gõ số hoặc kéo thanh trượt). Kết quả cập nhật ngay.", "Edit values in the indicator's own unit (type a number or drag the slider). Results update at once."),
            Msg::Slider => pick("Thanh trượt", "Slider"),
            Msg::Published => pick("công bố", "published"),
            Msg::Estimated => pick("ước tính", "estimate"),
            Msg::Imported => pick("nhập từ tệp", "imported"),
            Msg::PublishedLong => pick("Số liệu đã công bố", "Published figure"),
            Msg::EstimatedLong => pick("Ước tính của công cụ, không phải số liệu chính thức (cargo xtask calibrate)", "Estimate made by this tool, not an official figure (cargo xtask calibrate)"),
            Msg::ImportedLong => pick("Số liệu do người dùng nhập từ tệp", "Imported by the user from a file"),
            Msg::Derived => pick("suy ra", "derived"),
            Msg::DerivedLong => pick("Suy ra từ số liệu của các tỉnh cũ (trung bình có trọng số), chỉ để minh họa", "Derived from the former provinces' values (weighted mean), for illustration only"),
            Msg::Source => pick("Nguồn", "Source"),
            Msg::Ranking => pick("Bảng xếp hạng theo kịch bản", "Ranking under the scenario"),
            Msg::RankingCaption => pick("Tất cả tỉnh, thành phố theo điểm kịch bản; tỉnh đang chọn được tô đậm.", "Every province by scenario score; the selected one is highlighted."),
            Msg::Moved => pick("Đổi bậc", "Moved"),
            Msg::Status => pick("Nguồn số", "Figure"),
            Msg::ErrEmpty => pick("Hãy nhập một số.", "Enter a number."),
            Msg::ErrNan => pick("Không phải là số. Ví dụ hợp lệ: 99,8", "Not a number. A valid example: 99.8"),
            Msg::ErrDigits => pick("Quá nhiều chữ số (nhiều nhất 15 chữ số có nghĩa và 22 chữ số sau dấu phẩy).", "Too many digits (at most 15 significant digits and 22 decimal places)."),
            Msg::ErrKept => pick("Kịch bản giữ giá trị hợp lệ trước đó.", "The scenario keeps the last valid value."),
            Msg::Unofficial => pick("Không chính thức", "Unofficial"),
            Msg::Dismiss => pick("Đóng", "Dismiss"),
            Msg::Unmapped => pick("Mục tiêu không có chỉ tiêu tương ứng", "Targets with no matching indicator"),
            Msg::NationalMean => pick("Trung bình cả nước", "National mean"),
            Msg::Skip => pick("Bỏ qua đến kết quả", "Skip to results"),
            Msg::Shortcuts => pick("Phím tắt", "Keyboard shortcuts"),
            Msg::SavedTitle => pick("Kịch bản đã lưu", "Saved scenarios"),
            Msg::KeyNext => pick("Kịch bản đã lưu tiếp theo", "Next saved scenario"),
            Msg::KeyPrevious => pick("Kịch bản đã lưu trước đó", "Previous saved scenario"),
            Msg::StoreUnreadable { corrupt: true, backed_up, .. } => owned(
                format!("Danh sách kịch bản đã lưu trong trình duyệt không đọc được (không phải danh sách kịch bản); {}", backup_vi(*backed_up, "khi danh sách kịch bản đã lưu thay đổi")),
                format!("The list of scenarios saved in this browser could not be read (it is not a list of scenarios); {}", backup_en(*backed_up, "the saved scenarios next change")),
            ),
            Msg::StoreUnreadable { unreadable, backed_up, .. } => owned(
                format!("{unreadable} kịch bản đã lưu trong trình duyệt không đọc được (hỏng, của phiên bản khác hoặc không hợp với dữ liệu); phần đọc được vẫn giữ, {}", backup_vi(*backed_up, "khi danh sách kịch bản đã lưu thay đổi")),
                format!("{unreadable} scenario(s) saved in this browser could not be read (damaged, from another version, or not fitting the data); the readable ones are kept and {}", backup_en(*backed_up, "the saved scenarios next change")),
            ),
            Msg::ImportedUnfit { years } => {
                let years = years.iter().map(u16::to_string).collect::<Vec<_>>().join(", ");
                owned(
                    format!("Dữ liệu đã nhập lưu trong trình duyệt không còn hợp với năm xếp hạng {years}: chưa áp dụng, vẫn giữ nguyên trong trình duyệt."),
                    format!("Imported data kept in this browser no longer fit the {years} edition: not applied, kept untouched in the browser."),
                )
            }
            Msg::ImportedUnreadable { backed_up } => owned(
                format!("Dữ liệu đã nhập lưu trong trình duyệt không đọc được (hỏng); đang dùng số liệu gốc, {}", backup_vi(*backed_up, "khi dữ liệu đã nhập thay đổi")),
                format!("The imported data kept in this browser could not be read (damaged); the built-in data are shown and {}", backup_en(*backed_up, "the imported data next change")),
            ),
            Msg::StoreFailed => pick("Trình duyệt không cho lưu (bộ nhớ đầy hoặc bị chặn). Hãy xuất kịch bản ra tệp.", "The browser refused to store (full or blocked). Export the scenario to a file."),
            Msg::FileRejected => pick("Tệp không được nhận", "The file was not accepted"),
            Msg::KeyPresent => pick("Bật/tắt chế độ trình chiếu", "Presentation mode on/off"),
            Msg::KeyHelp => pick("Hiện/ẩn danh sách phím tắt", "Show/hide the shortcuts"),
            Msg::KeyClose => pick("Đóng danh sách này", "Close this list"),
            Msg::StageLabel => pick("Kết quả chính", "Key results"),
            Msg::KeyIndicators => pick("Chỉ tiêu then chốt", "Key indicators"),
            Msg::ShowAll => pick("Tất cả chỉ tiêu", "All indicators"),
            Msg::FullScreen => pick("Toàn màn hình", "Full screen"),
            Msg::KeyAll => pick("Hiện/ẩn tất cả chỉ tiêu và công cụ (trình chiếu, trang nhúng)", "Show/hide every indicator and tool (presenting, embedded)"),
            Msg::KeyFullScreen => pick("Bật/tắt toàn màn hình", "Full screen on/off"),
            Msg::KeyPages => pick("Kịch bản đã lưu tiếp theo / trước đó (khi trình chiếu)", "Next / previous saved scenario (presenting)"),
            Msg::KeyArrows => pick("Di chuyển thanh trượt đang chọn một bước (khoảng 1% khoảng hợp lý)", "Move the focused slider one step (about 1% of its plausible range)"),
            Msg::AgainstBaseline => pick("so với số liệu gốc", "against the baseline"),
            Msg::ResultsTitle { province, year } => owned(
                format!("Kết quả — {province} ({year})"),
                format!("Results — {province} ({year})"),
            ),
            Msg::Places { n } => owned(
                format!("{n} bậc"),
                format!("{n} {}", if n.abs() == 1 { "place" } else { "places" }),
            ),
            Msg::RankOf { rank, of } => {
                owned(format!("xếp thứ {rank}/{of}"), format!("ranked {rank}/{of}"))
            }
            Msg::EditedWas { baseline } => owned(
                format!("đã sửa gốc: {baseline}"),
                format!("edited baseline: {baseline}"),
            ),
            Msg::ErrOutOfRange { min, max, unit } => {
                let (min, max) = (num(*min, 0), num(*max, 0));
                owned(
                    format!("Ngoài khoảng hợp lệ ({min} – {max} {unit})."),
                    format!("Outside the valid range ({min} – {max} {unit})."),
                )
            }
            Msg::ScenarioImported { name } => {
                owned(format!("Đã nhập kịch bản: {name}"), format!("Scenario imported: {name}"))
            }
            Msg::PresetApplied { name } => {
                owned(format!("Đã áp dụng: {name}"), format!("Applied: {name}"))
            }
            Msg::PartUnavailable { detail } => owned(
                format!(
                    "Không tải được phần này của công cụ (kịch bản đã lưu, dữ liệu, biểu đồ, bản                      đồ, hỗ trợ quyết định, phương pháp; {detail}), kể cả khi thử lại. Phần nhập                      chỉ tiêu, điểm, thứ hạng và bảng xếp hạng vẫn dùng được; hãy tải lại trang                      khi có mạng."
                ),
                format!(
                    "Could not load this part of the tool (saved scenarios, data, charts, map,                      decision aids, method; {detail}), even on a second try. The indicators,                      score, rank and ranking still work; reload the page when the network is                      back."
                ),
            ),
            Msg::FileUnreadable => pick("Không đọc được tệp.", "Could not read the file."),
            Msg::DataUnreadable => pick("Không đọc được dữ liệu", "Could not read the data"),
            Msg::ProvinceSet => pick("Đơn vị hành chính", "Provincial units"),
            Msg::SetOption { set } => match set.as_str() {
                "63" => pick("63 tỉnh, thành phố (đến 30/6/2025)", "63 provinces (until 30 June 2025)"),
                "34" => pick("34 tỉnh, thành phố (từ 1/7/2025)", "34 provinces (from 1 July 2025)"),
                other => owned(format!("{other} đơn vị"), format!("{other} units")),
            },
            Msg::Illustrative => pick("Minh họa", "Illustrative"),
            Msg::IllustrativeLong => pick(
                "Điểm và thứ hạng của 34 tỉnh, thành phố mới được suy ra từ số liệu của 63 tỉnh, thành phố cũ (trung bình có trọng số) và tính lại theo cùng phương pháp; đây không phải xếp hạng chính thức.",
                "The scores and ranks of the 34 new provinces are derived from the values of the 63 former ones (weighted means) and recomputed with the same method; this is not an official ranking.",
            ),
            Msg::UnitMembers { unit } => owned(format!("{unit} được hợp nhất từ"), format!("{unit} was formed from")),
            Msg::UnitMembersHelp => pick(
                "Giá trị của mỗi chỉ tiêu là trung bình có trọng số của các tỉnh cũ, làm tròn theo số chữ số thập phân của chỉ tiêu:",
                "Each indicator's value is the weighted mean of the former provinces, rounded to the indicator's decimals:",
            ),
            Msg::FormerProvince => pick("Tỉnh cũ", "Former province"),
            Msg::EqualWeight => pick("trọng số bằng nhau", "equal weights"),
            Msg::ShareEqual => pick("Tỷ trọng khi chia đều", "Share with equal weights"),
            Msg::ShareBy { weight } => owned(format!("Tỷ trọng theo {weight}"), format!("Share by {weight}")),
            Msg::UnitKept { unit } => owned(
                format!("{unit} giữ nguyên địa giới khi sắp xếp năm 2025: giá trị các chỉ tiêu như của tỉnh cũ; điểm và hạng được tính lại trong 34 đơn vị."),
                format!("{unit} kept its borders in the 2025 re-organisation: its values are those of the former province; its score and rank are recomputed among the 34 units."),
            ),
        }
    }

    /// The message in both languages, for what holds messages that may also come from the engine
    /// or the file module (already in both languages): import problems, file errors.
    pub(crate) fn both(&self) -> Text {
        Text {
            vi: self.text(Lang::Vi).into_owned(),
            en: self.text(Lang::En).into_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Lang, Msg};
    use wasm_bindgen_test::*;

    /// The notices about unreadable data kept in the browser say whether the original was backed
    /// up, in both languages (a backup that failed is not claimed).
    #[wasm_bindgen_test]
    fn unreadable_data_say_whether_they_were_backed_up() {
        let store = |backed_up, lang| {
            Msg::StoreUnreadable {
                unreadable: 2,
                corrupt: false,
                backed_up,
            }
            .text(lang)
            .into_owned()
        };
        let imported = |backed_up, lang| {
            Msg::ImportedUnreadable { backed_up }
                .text(lang)
                .into_owned()
        };
        for (text, saved) in [
            (store(true, Lang::Vi), true),
            (imported(true, Lang::Vi), true),
        ] {
            assert!(text.contains("được sao lưu nguyên vẹn") == saved, "{text}");
        }
        let failed = store(false, Lang::Vi);
        assert!(
            failed.contains("không sao lưu được") && !failed.contains("được sao lưu nguyên vẹn"),
            "{failed}"
        );
        assert!(
            failed.contains("danh sách kịch bản đã lưu thay đổi"),
            "{failed}"
        );
        let failed = imported(false, Lang::En);
        assert!(
            failed.contains("could not be backed up") && !failed.contains("backed up untouched"),
            "{failed}"
        );
        assert!(failed.contains("the imported data next change"), "{failed}");
        assert!(store(true, Lang::En).ends_with("the original is backed up untouched."));
    }
}
