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
    ErrKept,
    Notes,
    Unofficial,
    Dismiss,
    Unmapped,
    NationalMean,
    Skip,
    Shortcuts,
    Indicator,
    SavedTitle,
    KeyNext,
    KeyPrevious,
    /// Saved scenarios that could not be read: how many entries (or the whole store).
    StoreUnreadable {
        unreadable: usize,
        corrupt: bool,
    },
    /// Imported data kept in the browser that no longer fit their editions (years).
    ImportedUnfit {
        years: Vec<u16>,
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
    Unit,
    PlausibleRange,
    ValidRange,
    NotesHow,
    NotesStepNormalise,
    NotesStepGroups,
    NotesStepMeans,
    NotesStepRanks,
    NotesSources,
    NotesSourcesText,
    NotesRanges,
    NotesRangesText,
    NotesEstimates,
    NotesEstimatesText,
    NotesProxies,

    // Undo / redo and answers that belong to a state.
    Undo,
    Redo,
    UndoHelp,
    RedoHelp,
    Applied,
    NothingToUndo,
    NothingToRedo,
    ImportOutdated,
    NotesMap,
    NotesMapText,
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
    NotesUnits,
    NotesUnitsText,
    /// The saved scenario on the stage: its place among `of` and its name.
    SavedAt {
        at: usize,
        of: usize,
        name: String,
    },
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
            Msg::ErrKept => pick("Kịch bản giữ giá trị hợp lệ trước đó.", "The scenario keeps the last valid value."),
            Msg::Notes => pick("Phương pháp và nguồn số liệu", "Methodology and data sources"),
            Msg::Unofficial => pick("Không chính thức", "Unofficial"),
            Msg::Dismiss => pick("Đóng", "Dismiss"),
            Msg::Unmapped => pick("Mục tiêu không có chỉ tiêu tương ứng", "Targets with no matching indicator"),
            Msg::NationalMean => pick("Trung bình cả nước", "National mean"),
            Msg::Skip => pick("Bỏ qua đến kết quả", "Skip to results"),
            Msg::Shortcuts => pick("Phím tắt", "Keyboard shortcuts"),
            Msg::Indicator => pick("Chỉ tiêu", "Indicator"),
            Msg::SavedTitle => pick("Kịch bản đã lưu", "Saved scenarios"),
            Msg::KeyNext => pick("Kịch bản đã lưu tiếp theo", "Next saved scenario"),
            Msg::KeyPrevious => pick("Kịch bản đã lưu trước đó", "Previous saved scenario"),
            Msg::StoreUnreadable { corrupt: true, .. } => pick(
                "Danh sách kịch bản đã lưu trong trình duyệt không đọc được (không phải danh sách kịch bản); bản gốc được sao lưu nguyên vẹn.",
                "The list of scenarios saved in this browser could not be read (it is not a list of scenarios); the original is backed up untouched.",
            ),
            Msg::StoreUnreadable { unreadable, .. } => owned(
                format!("{unreadable} kịch bản đã lưu trong trình duyệt không đọc được (hỏng, của phiên bản khác hoặc không hợp với dữ liệu); phần đọc được vẫn giữ, bản gốc được sao lưu nguyên vẹn."),
                format!("{unreadable} scenario(s) saved in this browser could not be read (damaged, from another version, or not fitting the data); the readable ones are kept and the original is backed up untouched."),
            ),
            Msg::ImportedUnfit { years } => {
                let years = years.iter().map(u16::to_string).collect::<Vec<_>>().join(", ");
                owned(
                    format!("Dữ liệu đã nhập lưu trong trình duyệt không còn hợp với năm xếp hạng {years}: chưa áp dụng, vẫn giữ nguyên trong trình duyệt."),
                    format!("Imported data kept in this browser no longer fit the {years} edition: not applied, kept untouched in the browser."),
                )
            }
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
            Msg::Unit => pick("Đơn vị", "Unit"),
            Msg::PlausibleRange => pick("Khoảng hợp lý", "Plausible range"),
            Msg::ValidRange => pick("Khoảng hợp lệ", "Valid range"),
            Msg::NotesHow => pick("Cách tính", "How the score is computed"),
            Msg::NotesStepNormalise => pick(
                "Mỗi chỉ tiêu được chuẩn hoá min–max giữa các tỉnh: (giá trị − nhỏ nhất) / (lớn nhất − nhỏ nhất). Bộ TT&TT không công bố cách chuẩn hoá; đây là giả định mặc định.",
                "Each indicator is min–max normalised across provinces: (value − min) / (max − min). The ministry does not publish its scaling; this is the default assumption.",
            ),
            Msg::NotesStepGroups => pick(
                "Điểm mỗi nhóm (ví dụ Hạ tầng kỹ thuật xã hội) là trung bình cộng các chỉ tiêu, rồi được co giãn để tỉnh cao nhất đạt 1, thấp nhất đạt 0 (như Kế hoạch 60/KH-UBND nêu: \u{201c}đơn vị đứng thứ 1 đạt 1 điểm\u{201d}).",
                "Each group score (e.g. society technical infrastructure) is the mean of its indicators, rescaled so the best province gets 1 and the worst 0 (as plan 60/KH-UBND states: \u{201c}rank 1 scores 1\u{201d}).",
            ),
            Msg::NotesStepMeans => pick(
                "Mỗi thành phần là trung bình hai nhóm; Chỉ số ICT Index là trung bình ba thành phần (đã kiểm chứng bằng số liệu của Kế hoạch).",
                "Each pillar is the mean of its two groups; the ICT Index is the mean of the three pillars (verified with the plan's own figures).",
            ),
            Msg::NotesStepRanks => pick(
                "Thứ hạng theo kiểu thi đấu: đồng điểm thì đồng hạng (1, 2, 2, 4).",
                "Ranks are competition ranks: ties share a rank (1, 2, 2, 4).",
            ),
            Msg::NotesSources => pick("Nguồn số liệu", "Where the figures come from"),
            Msg::NotesSourcesText => pick(
                "Điểm, thứ hạng đã công bố (nhãn \u{201c}công bố\u{201d}) lấy từ các nguồn dưới đây. Bộ TT&TT không công bố số liệu thô của từng tỉnh, nên các giá trị còn lại là ước tính (nhãn \u{201c}ước tính\u{201d}) do chương trình hiệu chỉnh tạo ra sao cho mọi số liệu đã công bố đều được tái tạo đúng; chúng không phải số liệu chính thức. Khi có bảng số liệu của Bộ, hãy dùng số liệu đó.",
                "Published scores and ranks (label \u{201c}published\u{201d}) come from the sources below. The ministry does not publish each province's raw data, so the other values are estimates (label \u{201c}estimate\u{201d}) made by a calibration program so that every published figure is reproduced; they are not official figures. Use the ministry's table when you have it.",
            ),
            Msg::NotesEstimates => pick("Các giá trị ước tính được làm thế nào", "How the estimated values are made"),
            Msg::NotesEstimatesText => pick(
                "Với mỗi chỉ tiêu, một mô hình dựa trên số liệu thống kê thật của từng tỉnh (ít nhất hai nguồn dưới đây) cho giá trị ban đầu, với mức trung bình theo dân số khớp số liệu quốc gia khi có (băng rộng cố định 15,33 và không dây 62,83/100 dân năm 2019; 13,63 và 55,39 năm 2018; biết chữ 95,8%). Sau đó chương trình hiệu chỉnh (quy hoạch toàn phương) tìm các giá trị gần mô hình nhất sao cho mọi điểm, thứ hạng và số trung bình đã công bố đều đúng, tỷ lệ hồ sơ mức 3 + mức 4 không quá 100%, cán bộ ATTT không nhiều hơn cán bộ CNTT, và hai năm 2018, 2019 của một tỉnh gần nhau. Nhãn \u{201c}ước tính\u{201d} của mỗi ô nêu mô hình của chỉ tiêu đó. Đây là ước tính, không phải số liệu chính thức.",
                "For each indicator, a model of real per-province statistics (at least two of the sources below) gives a first value, its population-weighted mean matching the national figure where there is one (fixed broadband 15.33 and wireless broadband 62.83 per 100 residents in 2019; 13.63 and 55.39 in 2018; literacy 95.8%). A calibration program (a quadratic programme) then finds the values closest to the model such that every published score, rank and mean holds, level-3 plus level-4 shares stay within 100%, security staff never outnumber IT staff, and a province's 2018 and 2019 values stay close. The \u{201c}estimate\u{201d} badge of each cell names its indicator's model. These are estimates, not official figures.",
            ),
            Msg::NotesProxies => pick(
                "Số liệu thật dùng làm căn cứ: Tổng điều tra dân số và nhà ở 2019 (dân số, tỷ lệ dân thành thị; TCTK); GRDP bình quân đầu người 2018, 2019 và thu nhập bình quân 2016 (TCTK); Chỉ số PAPI 2018, 2019 (UNDP/CECODES: hộ có Internet tại nhà, đọc tin trên mạng, quản trị điện tử); Chỉ số PCI 2018, 2019 (VCCI: trang web tỉnh, đăng ký trực tuyến, dịch vụ công nghệ); xếp hạng ứng dụng CNTT, phát triển Chính phủ điện tử 2017 (Bộ TT&TT); Chỉ số chuyển đổi số DTI 2022 (Bộ TT&TT).",
                "Real data that guide the estimates: the 2019 Population and Housing Census (population, urban share; GSO); GRDP per capita 2018, 2019 and income per capita 2016 (GSO); PAPI 2018, 2019 (UNDP/CECODES: households with internet at home, reading news online, e-governance); PCI 2018, 2019 (VCCI: provincial website, online registration, technology services); the ministry's 2017 IT-application and e-government ranking; the 2022 Digital Transformation Index (DTI, Ministry of Information and Communications).",
            ),
            Msg::NotesRanges => pick("Khoảng hợp lý của từng chỉ tiêu", "Plausible range of each indicator"),
            Msg::NotesRangesText => pick(
                "Ước tính được giữ trong khoảng dưới đây (dựa trên thống kê quốc gia 2019: băng rộng cố định 15,33/100 dân, băng rộng di động 62,83/100 dân, biết chữ 95,8%; niên giám Nghệ An 2019: ≈85 di động và ≈1,7 cố định/100 dân). Giá trị ngoài khoảng vẫn được nhập nếu nằm trong khoảng hợp lệ.",
                "Estimates are kept inside the ranges below (based on 2019 national statistics: fixed broadband 15.33 per 100, mobile broadband 62.83 per 100, literacy 95.8%; Nghệ An 2019 yearbook: ≈85 mobile and ≈1.7 fixed per 100). Values outside them can still be entered if they are valid.",
            ),
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
            Msg::NotesUnits => pick("34 tỉnh, thành phố từ năm 2025", "The 34 provinces from 2025"),
            Msg::NotesUnitsText => pick(
                "Từ 1/7/2025 cả nước có 34 đơn vị hành chính cấp tỉnh (Nghị quyết 202/2025/QH15; mã theo Quyết định 19/2025/QĐ-TTg). Khi chọn 34 tỉnh, thành phố, giá trị mỗi chỉ tiêu của một tỉnh mới là trung bình có trọng số của các tỉnh cũ hợp thành: chỉ tiêu tính trên dân số, hộ gia đình, người dân, trường học, doanh nghiệp, cán bộ và hồ sơ dùng trọng số dân số (Tổng điều tra 1/4/2019), vì số người, hộ, trường, doanh nghiệp, cán bộ và hồ sơ đều xấp xỉ tỷ lệ với dân số; chỉ tiêu tính trên cơ quan, dịch vụ công và cơ sở dữ liệu theo kế hoạch dùng trọng số bằng nhau, vì mỗi tỉnh cũ có một bộ cơ quan và dịch vụ như nhau. Tỉnh giữ nguyên (như Quảng Ninh) giữ nguyên giá trị. Điểm và thứ hạng được tính lại theo cùng phương pháp trên 34 đơn vị. Số liệu nhập từ tệp áp dụng cho 63 tỉnh cũ; 34 đơn vị được suy ra lại từ đó. Đây là kết quả minh họa, không phải xếp hạng chính thức.",
                "Since 1 July 2025 Viet Nam has 34 provincial-level units (Resolution 202/2025/QH15; codes of Decision 19/2025/QĐ-TTg). With the 34 provinces, each indicator's value of a new province is the weighted mean of the former provinces that formed it: indicators counted per resident, household, school, enterprise, civil servant or application use the population weight (census of 1 April 2019), since those counts are roughly proportional to population; indicators counted per agency, public service or planned database use equal weights, since each former province had one set of agencies and services. Provinces that kept their borders (such as Quảng Ninh) keep their values. Scores and ranks are recomputed with the same method over the 34 units. Imported data apply to the 63 former provinces; the 34 units are derived from them again. These results are illustrative, not an official ranking.",
            ),
            Msg::NotesMap => pick("Bản đồ", "Map"),
            Msg::NotesMapText => pick(
                "Ranh giới 63 tỉnh, thành phố (trước năm 2025), gồm Quần đảo Hoàng Sa và Quần đảo Trường Sa: kho dữ liệu TaliaCao/Vietnam-Shape-Map (giấy phép MIT), dựa trên dữ liệu “Địa phận tỉnh” của Open Development Vietnam; được đơn giản hoá cho bản đồ khoảng 600 điểm ảnh.",
                "Boundaries of the 63 provinces (before 2025), the Hoang Sa and Truong Sa Islands included: repository TaliaCao/Vietnam-Shape-Map (MIT licence), based on the dataset “Địa phận tỉnh” (provincial boundaries) of Open Development Vietnam; simplified for a map of about 600 pixels.",
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
