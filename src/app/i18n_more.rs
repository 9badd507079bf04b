//! The messages of the app's second module (its panels: scenarios, data, comparison, charts,
//! map, decision aids, method), apart from [`Msg`](super::i18n::Msg) so that the first module
//! carries only its own texts. Written like [`Msg`](super::i18n::Msg).

use std::borrow::Cow;

use ict_engine::Text;

use super::i18n::{helpers, timed_out, Lang};

/// A message of the second module's panels. [`MoreMsg::text`] gives it in a language.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum MoreMsg {
    /// The second module stopped on an internal error (the first still works).
    PartStopped,
    Charts,
    DecisionTitle,
    RankFrozen,
    RankTrend,
    GoalTitle,
    GoalRank,
    GoalScore,
    GoalSingle,
    GoalSeek,
    GoalMissing,
    GoalRankInvalid,
    GoalScoreInvalid,
    GoalMet,
    ApplyOne,
    PlanTitle,
    PlanUnreachable,
    ApplyPlan,
    PlanEditable,
    PlanInvalid,
    LeversTitle,
    BeyondPlausible,
    LeverCurrent,
    LeverBest,
    LeverGain,
    LeverRank,
    DataTitle,
    DataHelp,
    DataTemplate,
    DataTemplateXlsx,
    DataImport,
    ExcelLoading,
    DataRestore,
    DataRejected,
    DataOld,
    DataNew,
    DataApply,
    DataCancel,
    DataResults,
    DataResultsXlsx,
    Print,
    ScenarioName,
    Save,
    NameEmpty,
    SavedEmpty,
    Rename,
    Done,
    Duplicate,
    Delete,
    Compare,
    Current,
    CompareTitle,
    CompareChart,
    ExportScenario,
    ImportScenario,
    MethodTitle,
    MethodHelp,
    UnofficialLong,
    Normalisation,
    NormOfficial,
    NormRatio,
    NormGoalposts,
    Aggregation,
    AggrOfficial,
    AggrGeometric,
    MethodOfficial,
    Weights,
    WeightInvalid,
    MethodTable,
    RankOfficial,
    RankMethod,
    MethodNoMoves,
    ChartPairs,
    ChartRanked,
    ChartWaterfall,
    ChartHistory,
    ChartTop,
    ChartNone,
    /// The stage's chart slot: which chart it shows.
    StageView,
    ViewRanking,
    ViewMap,
    /// The others continue their trend between two editions.
    TrendToggle {
        from: u16,
        to: u16,
    },
    /// The Monte Carlo rank interval: the rank and its likely range.
    RankLikely {
        point: u32,
        lo: u32,
        hi: u32,
    },
    /// The rank while its interval is computed.
    RankComputing {
        rank: u32,
    },
    /// What the interval means: percentiles `lo`–`hi`, noise `noise` (shares), `draws` draws.
    IntervalHelp {
        lo: f64,
        hi: f64,
        noise: f64,
        draws: usize,
    },
    /// One indicator reaches the goal at `value` (formatted): the index then.
    SingleReached {
        indicator: String,
        value: String,
        score: f64,
        rank: u32,
    },
    /// One indicator cannot reach the goal: the best found and where (formatted).
    SingleUnreachable {
        indicator: String,
        at_value: String,
        score: f64,
        rank: u32,
    },
    /// The index with the plan applied.
    PlanReached {
        score: f64,
        rank: u32,
    },
    /// Caption of the levers chart, showing the first `top` levers.
    LeversChart {
        top: usize,
    },
    /// Caption of the levers table; `step` is the share of the plausible range of a step.
    LeversCaption {
        step: f64,
    },
    /// Column: the gain of one step (a share of the plausible range).
    LeverStep {
        step: f64,
    },
    /// What an import would change in the edition of `year`.
    PreviewSummary {
        year: u16,
        changes: usize,
        unchanged: usize,
    },
    /// How many cells use imported data.
    ImportedCount {
        n: usize,
    },
    /// The name of a duplicated saved scenario.
    CopyName {
        name: String,
    },
    /// The file an import preview comes from.
    FileNote {
        name: String,
    },
    /// The file module could not be loaded (what failed).
    ModuleUnavailable {
        detail: String,
    },

    // Messages that are not in the table above because they lived elsewhere.
    /// The axis of ranks in the history chart.
    RankAxis,
    /// "hạng" before a rank.
    RankWord,
    SavePng,
    OtherProvinces,
    NotUtf8,
    /// The start of a scenario file's name.
    ScenarioFileLabel,
    ModuleStopped,
    ModuleTimedOut,
    AnswerStale,
    SeekAgain,
    /// The one-indicator answer is about this indicator (shown with the answer).
    AnswerFor {
        indicator: String,
    },

    // The province map.
    MapTitle,
    MapCaption,
    MapMeasure,
    MapMeasureScore,
    MapMeasureChange,
    MapLoading,
    /// The map's geometry could not be loaded (what failed).
    MapUnavailable {
        detail: String,
    },
    MapTimedOut,
    HoangSa,
    TruongSa,
    MapInset,
    MapLegendScore,
    MapLegendChange,
    /// A class of rank change on the map (see `charts::map::move_class`).
    MapMove {
        class: usize,
    },
    MapNoData,
    /// Text alternative: the first and last provinces by score.
    MapAltScore {
        top: String,
        top_score: f64,
        bottom: String,
        bottom_score: f64,
    },
    /// Text alternative: the province that rose most and the one that fell most (places).
    MapAltChange {
        rose: Option<(String, u32)>,
        fell: Option<(String, u32)>,
    },
    /// Text alternative: the selected province.
    MapAltSelected {
        name: String,
        score: f64,
        rank: u32,
        of: usize,
    },
    MapAltIslands,
    /// What hovering or tapping a province shows.
    MapTip {
        name: String,
        score: f64,
        /// Where the score comes from, in a word ("công bố", "ước tính", ...).
        kind: String,
        rank: u32,
        of: usize,
        base_rank: u32,
    },
    DataInto63,
    SetSuffix {
        set: String,
    },
    Notes,
    Indicator,
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
    NotesMap,
    NotesMapText,
    NotesUnits,
    NotesUnitsText,
}

impl MoreMsg {
    /// The message in `lang`.
    pub(crate) fn text(&self, lang: Lang) -> Cow<'static, str> {
        let (pick, owned, num, pct) = helpers(lang);
        match self {
            MoreMsg::PartStopped => pick(
                "Phần này của công cụ đã dừng do lỗi (kịch bản đã lưu, dữ liệu, biểu đồ, bản đồ, hỗ trợ quyết định, phương pháp). Phần nhập chỉ tiêu, điểm, thứ hạng và bảng xếp hạng vẫn dùng được; hãy tải lại trang để dùng lại phần này.",
                "This part of the tool stopped on an error (saved scenarios, data, charts, map, decision aids, method). The indicators, score, rank and ranking still work; reload the page to use this part again.",
            ),
            MoreMsg::AnswerStale => pick(
                "Kết quả tìm kiếm trước thuộc về số liệu, tỉnh hoặc câu hỏi đã thay đổi; nó không còn đúng.",
                "The previous answer belongs to data, a province or a question that has changed since; it no longer holds.",
            ),
            MoreMsg::SeekAgain => pick("Tìm lại", "Seek again"),
            MoreMsg::AnswerFor { indicator } => owned(format!("Cho chỉ tiêu: {indicator}"), format!("For the indicator: {indicator}")),
            MoreMsg::Charts => pick("Biểu đồ", "Charts"),
            MoreMsg::DecisionTitle => pick("Nên đẩy mạnh chỉ tiêu nào?", "Which levers matter?"),
            MoreMsg::RankFrozen => pick("Hạng nếu các tỉnh khác đứng yên", "Rank if the others stand still"),
            MoreMsg::RankTrend => pick("nếu họ tiếp tục xu hướng", "if they keep their trend"),
            MoreMsg::GoalTitle => pick("Cần gì để đạt mục tiêu?", "What does it take to reach a target?"),
            MoreMsg::GoalRank => pick("Hạng mục tiêu", "Target rank"),
            MoreMsg::GoalScore => pick("Điểm mục tiêu (không bắt buộc)", "Target score (optional)"),
            MoreMsg::GoalSingle => pick("Chỉ sửa một chỉ tiêu", "Moving one indicator"),
            MoreMsg::GoalSeek => pick("Tìm", "Find"),
            MoreMsg::GoalMissing => pick("Hãy nhập hạng hoặc điểm mục tiêu.", "Enter a target rank or score."),
            MoreMsg::GoalRankInvalid => pick("Hạng mục tiêu phải là số nguyên từ 1 đến số tỉnh.", "The target rank must be a whole number from 1 to the number of provinces."),
            MoreMsg::GoalScoreInvalid => pick("Điểm mục tiêu phải là số từ 0 đến 1.", "The target score must be a number from 0 to 1."),
            MoreMsg::GoalMet => pick("Đã đạt mục tiêu với số liệu hiện tại.", "The target is already met."),
            MoreMsg::ApplyOne => pick("Áp dụng giá trị này", "Apply this value"),
            MoreMsg::PlanTitle => pick("Kế hoạch kết hợp ít thay đổi nhất", "A combined plan with few changes"),
            MoreMsg::PlanUnreachable => pick("Không đạt được mục tiêu kể cả khi đưa mọi chỉ tiêu lên mức tốt nhất hợp lệ.", "The target cannot be reached even with every indicator at its best valid value."),
            MoreMsg::ApplyPlan => pick("Áp dụng kế hoạch vào kịch bản", "Apply the plan to the scenario"),
            MoreMsg::PlanEditable => pick("Có thể sửa giá trị mới trước khi áp dụng; sau đó vẫn sửa được trong danh sách chỉ tiêu.", "The new values can be edited before applying, and in the indicator list afterwards."),
            MoreMsg::PlanInvalid => pick("Một giá trị của kế hoạch không hợp lệ (không phải số hoặc ngoài khoảng hợp lệ); chưa áp dụng gì.", "A value of the plan is not valid (not a number or out of range); nothing was applied."),
            MoreMsg::LeversTitle => pick("Đòn bẩy", "Levers"),
            MoreMsg::BeyondPlausible => pick("(ngoài khoảng hợp lý của chỉ tiêu: kết quả chủ yếu do co giãn thang điểm, khó thực hiện)", "(beyond the indicator's plausible range: the gain comes mostly from stretching the scale; hardly realistic)"),
            MoreMsg::LeverCurrent => pick("Hiện tại", "Current"),
            MoreMsg::LeverBest => pick("Tốt nhất", "Best"),
            MoreMsg::LeverGain => pick("Tăng nếu tốt nhất", "Gain at best"),
            MoreMsg::LeverRank => pick("Hạng khi đó", "Rank then"),
            MoreMsg::DataTitle => pick("Dữ liệu: nhập bảng của Bộ, xuất kết quả", "Data: import the ministry's table, export results"),
            MoreMsg::DataHelp => pick("Tải mẫu CSV hoặc Excel (mã tỉnh, tên tỉnh, một cột cho mỗi chỉ tiêu), điền số liệu chính thức rồi nhập lại. Công cụ kiểm tra từng ô và cho xem trước; chỉ khi bấm Áp dụng số liệu mới thay cho ước tính (nhãn “nhập từ tệp”). Lần đầu nhập tệp hoặc dùng Excel, công cụ tải thêm mô-đun đọc/ghi tệp (khoảng 0,6 MB nén).", "Download the CSV or Excel template (province id, name, one column per indicator), fill in the official figures and import it. Every cell is checked and previewed; only Apply replaces the estimates (label “imported”). The first import or Excel use loads the file module (about 0.6 MB compressed)."),
            MoreMsg::DataTemplate => pick("Tải mẫu CSV (số liệu hiện tại)", "Download the CSV template (current data)"),
            MoreMsg::DataTemplateXlsx => pick("Tải mẫu Excel (.xlsx)", "Download the Excel template (.xlsx)"),
            MoreMsg::DataImport => pick("Nhập tệp số liệu (.csv, .xlsx)", "Import a data file (.csv, .xlsx)"),
            MoreMsg::ExcelLoading => pick("Đang xử lý tệp…", "Working on the file…"),
            MoreMsg::DataRestore => pick("Khôi phục số liệu gốc của công cụ", "Restore the built-in data"),
            MoreMsg::DataRejected => pick("Tệp không được nhận; không có gì thay đổi:", "The file was not accepted; nothing changed:"),
            MoreMsg::DataOld => pick("Hiện tại", "Current"),
            MoreMsg::DataNew => pick("Mới", "New"),
            MoreMsg::DataApply => pick("Áp dụng", "Apply"),
            MoreMsg::DataCancel => pick("Huỷ", "Cancel"),
            MoreMsg::DataResults => pick("Xuất kết quả (.csv)", "Export results (.csv)"),
            MoreMsg::DataResultsXlsx => pick("Xuất kết quả (.xlsx)", "Export results (.xlsx)"),
            MoreMsg::Print => pick("In trang tóm tắt (A4)", "Print a summary (A4)"),
            MoreMsg::ScenarioName => pick("Tên kịch bản", "Scenario name"),
            MoreMsg::Save => pick("Lưu kịch bản", "Save scenario"),
            MoreMsg::NameEmpty => pick("Hãy đặt tên cho kịch bản.", "Give the scenario a name."),
            MoreMsg::SavedEmpty => pick("Chưa có kịch bản nào được lưu trong trình duyệt này.", "No scenario saved in this browser yet."),
            MoreMsg::Rename => pick("Đổi tên", "Rename"),
            MoreMsg::Done => pick("Xong", "Done"),
            MoreMsg::Duplicate => pick("Nhân bản", "Duplicate"),
            MoreMsg::Delete => pick("Xoá", "Delete"),
            MoreMsg::Compare => pick("So sánh", "Compare"),
            MoreMsg::Current => pick("Hiện tại", "Current"),
            MoreMsg::CompareTitle => pick("So sánh kịch bản", "Compare scenarios"),
            MoreMsg::CompareChart => pick("Chỉ số ICT Index của các kịch bản", "ICT Index of the scenarios"),
            MoreMsg::ExportScenario => pick("Xuất kịch bản hiện tại (.json)", "Export the current scenario (.json)"),
            MoreMsg::ImportScenario => pick("Nhập tệp kịch bản (.json)", "Import a scenario file (.json)"),
            MoreMsg::MethodTitle => pick("Thử phương pháp khác (không chính thức)", "Try another method (unofficial)"),
            MoreMsg::MethodHelp => pick("Bộ TT&TT không công bố trọng số và cách chuẩn hoá bên trong mỗi nhóm. Mặc định: chuẩn hoá min–max, trọng số bằng nhau. Đổi ở đây để xem thứ hạng nhạy thế nào với phương pháp.", "The ministry does not publish the weights and scaling inside each group. Default: min–max scaling, equal weights. Change them here to see how sensitive the ranks are to the method."),
            MoreMsg::UnofficialLong => pick("Kết quả đang theo phương pháp đã sửa: KHÔNG CHÍNH THỨC.", "Results follow a changed method: UNOFFICIAL."),
            MoreMsg::Normalisation => pick("Chuẩn hoá chỉ tiêu", "Indicator scaling"),
            MoreMsg::NormOfficial => pick("Min–max (mặc định)", "Min–max (default)"),
            MoreMsg::NormRatio => pick("Tỷ lệ so với cao nhất", "Ratio to the maximum"),
            MoreMsg::NormGoalposts => pick("Mốc cố định (khoảng hợp lý)", "Fixed goalposts (plausible range)"),
            MoreMsg::Aggregation => pick("Cách gộp", "Aggregation"),
            MoreMsg::AggrOfficial => pick("Trung bình cộng (mặc định)", "Arithmetic mean (default)"),
            MoreMsg::AggrGeometric => pick("Trung bình nhân", "Geometric mean"),
            MoreMsg::MethodOfficial => pick("Về phương pháp mặc định", "Back to the default method"),
            MoreMsg::Weights => pick("Trọng số (thành phần và nhóm)", "Weights (pillars and sub-pillars)"),
            MoreMsg::WeightInvalid => pick("Trọng số phải là số ≥ 0, không được cả nhóm bằng 0.", "A weight must be a number ≥ 0, not all zero in a group."),
            MoreMsg::MethodTable => pick("Tỉnh đổi hạng so với phương pháp mặc định", "Provinces whose rank differs from the default method"),
            MoreMsg::RankOfficial => pick("Hạng (mặc định)", "Rank (default)"),
            MoreMsg::RankMethod => pick("Hạng (đã sửa)", "Rank (changed)"),
            MoreMsg::MethodNoMoves => pick("Không tỉnh nào đổi hạng.", "No province changes rank."),
            MoreMsg::ChartPairs => pick("Số liệu gốc và kịch bản: các thành phần và nhóm", "Baseline and scenario: pillars and sub-pillars"),
            MoreMsg::ChartRanked => pick("Điểm của tất cả tỉnh, thành phố theo kịch bản (vạch ngang: điểm gốc của tỉnh đang chọn)", "Every province's score under the scenario (line: the selected province's baseline)"),
            MoreMsg::ChartWaterfall => pick("Đóng góp của từng chỉ tiêu đã sửa vào thay đổi điểm", "Contribution of each changed indicator to the score change"),
            MoreMsg::ChartHistory => pick("Lịch sử: các năm xếp hạng và kịch bản", "History: editions and the scenario"),
            MoreMsg::ChartTop => pick("dẫn đầu", "first"),
            MoreMsg::ChartNone => pick("Chưa có chỉ tiêu nào được sửa.", "No indicator changed yet."),
            MoreMsg::StageView => pick("Biểu đồ trên màn hình chính", "Chart on the stage"),
            MoreMsg::ViewRanking => pick("Xếp hạng", "Ranking"),
            MoreMsg::ViewMap => pick("Bản đồ", "Map"),
            MoreMsg::TrendToggle { from, to } => owned(
                format!("Các tỉnh khác tiếp tục xu hướng {from}→{to} thêm một năm"),
                format!("The other provinces keep their {from}→{to} trend one more year"),
            ),
            MoreMsg::RankLikely { point, lo, hi } => owned(
                format!("hạng {point} (khả năng {lo}–{hi})"),
                format!("rank {point} (likely {lo}–{hi})"),
            ),
            MoreMsg::RankComputing { rank } => owned(
                format!("hạng {rank} (đang tính khoảng…)"),
                format!("rank {rank} (computing the range…)"),
            ),
            MoreMsg::IntervalHelp {
                lo,
                hi,
                noise,
                draws,
            } => {
                let (lo, hi, noise, draws) = (pct(*lo), pct(*hi), pct(*noise), num(*draws as f64, 0));
                owned(
                    format!(
                        "khoảng {lo}–{hi} khi các số ước tính của các tỉnh khác sai lệch ±{noise} \
                         khoảng hợp lý ({draws} lần mô phỏng)"
                    ),
                    format!(
                        "{lo}–{hi} range when the other provinces' estimated values are off by \
                         ±{noise} of their plausible range ({draws} draws)"
                    ),
                )
            }
            MoreMsg::SingleReached {
                indicator,
                value,
                score,
                rank,
            } => {
                let score = num(*score, 4);
                owned(
                    format!("{indicator}: cần {value} (Điểm {score}, hạng {rank})"),
                    format!("{indicator}: needs {value} (Score {score}, rank {rank})"),
                )
            }
            MoreMsg::SingleUnreachable {
                indicator,
                at_value,
                score,
                rank,
            } => {
                let score = num(*score, 4);
                owned(
                    format!(
                        "{indicator}: không đạt được trong khoảng hợp lệ (tốt nhất {at_value} \
                         Điểm {score}, hạng {rank})"
                    ),
                    format!(
                        "{indicator}: not reachable within the valid range (best {at_value} \
                         Score {score}, rank {rank})"
                    ),
                )
            }
            MoreMsg::PlanReached { score, rank } => {
                let score = num(*score, 4);
                owned(
                    format!("Kế hoạch đạt: Điểm {score}, hạng {rank}"),
                    format!("The plan reaches: Score {score}, rank {rank}"),
                )
            }
            MoreMsg::LeversChart { top } => owned(
                format!("Điểm tăng thêm nếu chỉ tiêu đạt mức của tỉnh tốt nhất ({top} chỉ tiêu đầu)"),
                format!("Index gain if the indicator reached the best province's value (top {top})"),
            ),
            MoreMsg::LeversCaption { step } => {
                let step = pct(*step);
                owned(
                    format!(
                        "Mỗi chỉ tiêu: điểm tăng nếu đạt mức tốt nhất, nếu tăng {step} khoảng hợp \
                         lý, và hạng khi đó"
                    ),
                    format!(
                        "Each indicator: index gain at the best value, for +{step} of its \
                         plausible range, and the rank then"
                    ),
                )
            }
            MoreMsg::LeverStep { step } => {
                let step = pct(*step);
                owned(format!("Tăng / +{step}"), format!("Gain / +{step}"))
            }
            MoreMsg::PreviewSummary {
                year,
                changes,
                unchanged,
            } => owned(
                format!("Xem trước ({year}): {changes} ô thay đổi, {unchanged} ô giữ nguyên"),
                format!(
                    "Preview ({year}): {changes} {}, {unchanged} {} unchanged",
                    if *changes == 1 { "cell changes" } else { "cells change" },
                    if *unchanged == 1 { "cell" } else { "cells" }
                ),
            ),
            MoreMsg::ImportedCount { n } => owned(
                format!("Số ô đang dùng số liệu nhập từ tệp: {n}"),
                format!("Cells using imported data: {n}"),
            ),
            MoreMsg::CopyName { name } => owned(format!("{name} (bản sao)"), format!("{name} (copy)")),
            MoreMsg::FileNote { name } => owned(format!("Tệp: {name}"), format!("File: {name}")),
            MoreMsg::ModuleUnavailable { detail } => owned(
                format!(
                    "Không tải được mô-đun đọc/ghi tệp ({detail}). Các chức năng khác, kể cả \
                     tải tệp CSV, vẫn dùng được."
                ),
                format!(
                    "Could not load the file module ({detail}). Everything else, CSV downloads \
                     included, still works."
                ),
            ),
            MoreMsg::RankAxis => pick("hạng →", "rank →"),
            MoreMsg::RankWord => pick("hạng", "rank"),
            MoreMsg::SavePng => pick("Lưu ảnh PNG", "Save as PNG"),
            MoreMsg::OtherProvinces => pick("Thay đổi của tỉnh khác", "Other provinces' changes"),
            MoreMsg::NotUtf8 => pick(
                "Không đọc được tệp (không phải văn bản UTF-8?).",
                "Could not read the file (not UTF-8 text?).",
            ),
            MoreMsg::ScenarioFileLabel => pick("kich-ban", "scenario"),
            MoreMsg::ModuleStopped => pick(
                "Mô-đun đọc/ghi tệp đã dừng do lỗi. Hãy tải lại trang để dùng lại; các chức năng \
                 khác vẫn dùng được.",
                "The file module stopped on an error. Reload the page to use it again; everything \
                 else still works.",
            ),
            MoreMsg::ModuleTimedOut => timed_out(lang, |detail| MoreMsg::ModuleUnavailable { detail }.text(lang).into_owned()),
            MoreMsg::MapTitle => pick("Bản đồ các tỉnh, thành phố", "Map of the provinces"),
            MoreMsg::MapCaption => pick(
                "Bấm (hoặc chạm) vào một tỉnh để chọn; di chuột để xem điểm và hạng. Các tỉnh nhỏ của Đồng bằng sông Hồng được phóng to ở góc trên bên phải.",
                "Click (or tap) a province to select it; hover to see its score and rank. The small provinces of the Red River Delta are enlarged at the top right.",
            ),
            MoreMsg::MapMeasure => pick("Tô màu theo", "Colour by"),
            MoreMsg::MapMeasureScore => pick("Điểm theo kịch bản", "Scenario score"),
            MoreMsg::MapMeasureChange => pick("Thay đổi hạng so với số liệu gốc", "Rank change against the baseline"),
            MoreMsg::MapLoading => pick("Đang tải bản đồ…", "Loading the map…"),
            MoreMsg::MapUnavailable { detail } => owned(
                format!("Không tải được bản đồ ({detail}). Các chức năng khác vẫn dùng được."),
                format!("Could not load the map ({detail}). Everything else still works."),
            ),
            MoreMsg::MapTimedOut => timed_out(lang, |detail| MoreMsg::MapUnavailable { detail }.text(lang).into_owned()),
            MoreMsg::HoangSa => pick("Quần đảo Hoàng Sa", "Hoang Sa (Paracel) Islands"),
            MoreMsg::TruongSa => pick("Quần đảo Trường Sa", "Truong Sa (Spratly) Islands"),
            MoreMsg::MapInset => pick("Đồng bằng sông Hồng (phóng to)", "Red River Delta (enlarged)"),
            MoreMsg::MapLegendScore => pick("Điểm kịch bản", "Scenario score"),
            MoreMsg::MapLegendChange => pick("Hạng so với gốc", "Rank vs baseline"),
            MoreMsg::MapMove { class } => {
                let (many, few) = (super::charts::map::MANY, super::charts::map::MANY - 1);
                match class {
                    0 => owned(format!("tăng ≥ {many} bậc"), format!("up {many} or more")),
                    1 => owned(format!("tăng 1–{few} bậc"), format!("up 1–{few}")),
                    2 => pick("không đổi", "unchanged"),
                    3 => owned(format!("giảm 1–{few} bậc"), format!("down 1–{few}")),
                    _ => owned(format!("giảm ≥ {many} bậc"), format!("down {many} or more")),
                }
            }
            MoreMsg::MapNoData => pick("không có số liệu", "no data"),
            MoreMsg::MapAltScore {
                top,
                top_score,
                bottom,
                bottom_score,
            } => {
                let (a, b) = (num(*top_score, 4), num(*bottom_score, 4));
                owned(
                    format!("Bản đồ điểm Chỉ số ICT Index theo kịch bản. Cao nhất: {top} ({a}); thấp nhất: {bottom} ({b})."),
                    format!("Map of the scenario's ICT Index scores. Highest: {top} ({a}); lowest: {bottom} ({b})."),
                )
            }
            MoreMsg::MapAltChange { rose, fell } => {
                let vi = match (rose, fell) {
                    (None, None) => "không tỉnh nào đổi hạng".to_string(),
                    _ => [
                        rose.as_ref().map(|(n, k)| format!("tăng nhiều nhất: {n} (+{k} bậc)")),
                        fell.as_ref().map(|(n, k)| format!("giảm nhiều nhất: {n} (−{k} bậc)")),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join("; "),
                };
                let en = match (rose, fell) {
                    (None, None) => "no province changes rank".to_string(),
                    _ => [
                        rose.as_ref().map(|(n, k)| format!("rose most: {n} (+{k})")),
                        fell.as_ref().map(|(n, k)| format!("fell most: {n} (−{k})")),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join("; "),
                };
                owned(
                    format!("Bản đồ thay đổi thứ hạng so với số liệu gốc: {vi}."),
                    format!("Map of the rank changes against the baseline: {en}."),
                )
            }
            MoreMsg::MapAltSelected {
                name,
                score,
                rank,
                of,
            } => {
                let score = num(*score, 4);
                owned(
                    format!("Đang chọn: {name}, điểm {score}, hạng {rank}/{of}."),
                    format!("Selected: {name}, score {score}, rank {rank}/{of}."),
                )
            }
            MoreMsg::MapAltIslands => pick(
                "Bản đồ gồm Quần đảo Hoàng Sa (thành phố Đà Nẵng) và Quần đảo Trường Sa (tỉnh Khánh Hòa).",
                "The map includes the Hoang Sa (Paracel) Islands (Da Nang) and the Truong Sa (Spratly) Islands (Khanh Hoa).",
            ),
            MoreMsg::MapTip {
                name,
                score,
                kind,
                rank,
                of,
                base_rank,
            } => {
                let score = num(*score, 4);
                let (vi, en) = if rank == base_rank {
                    (String::new(), String::new())
                } else {
                    (format!(" (gốc: {base_rank})"), format!(" (baseline: {base_rank})"))
                };
                owned(
                    format!("{name}: điểm {score} ({kind}), hạng {rank}/{of}{vi}"),
                    format!("{name}: score {score} ({kind}), rank {rank}/{of}{en}"),
                )
            }
            MoreMsg::SetSuffix { set } => owned(format!("{set} tỉnh, thành phố"), format!("{set} provinces")),
            MoreMsg::DataInto63 => pick(
                "Mẫu và tệp nhập dùng số liệu của 63 tỉnh, thành phố cũ; 34 tỉnh, thành phố mới được suy ra lại từ đó sau khi nhập.",
                "The template and imported files hold the values of the 63 former provinces; the 34 new ones are derived from them again after an import.",
            ),
            MoreMsg::Notes => pick("Phương pháp và nguồn số liệu", "Methodology and data sources"),
            MoreMsg::Indicator => pick("Chỉ tiêu", "Indicator"),
            MoreMsg::Unit => pick("Đơn vị", "Unit"),
            MoreMsg::PlausibleRange => pick("Khoảng hợp lý", "Plausible range"),
            MoreMsg::ValidRange => pick("Khoảng hợp lệ", "Valid range"),
            MoreMsg::NotesHow => pick("Cách tính", "How the score is computed"),
            MoreMsg::NotesStepNormalise => pick(
                "Mỗi chỉ tiêu được chuẩn hoá min–max giữa các tỉnh: (giá trị − nhỏ nhất) / (lớn nhất − nhỏ nhất). Bộ TT&TT không công bố cách chuẩn hoá; đây là giả định mặc định.",
                "Each indicator is min–max normalised across provinces: (value − min) / (max − min). The ministry does not publish its scaling; this is the default assumption.",
            ),
            MoreMsg::NotesStepGroups => pick(
                "Điểm mỗi nhóm (ví dụ Hạ tầng kỹ thuật xã hội) là trung bình cộng các chỉ tiêu, rồi được co giãn để tỉnh cao nhất đạt 1, thấp nhất đạt 0 (như Kế hoạch 60/KH-UBND nêu: \u{201c}đơn vị đứng thứ 1 đạt 1 điểm\u{201d}).",
                "Each group score (e.g. society technical infrastructure) is the mean of its indicators, rescaled so the best province gets 1 and the worst 0 (as plan 60/KH-UBND states: \u{201c}rank 1 scores 1\u{201d}).",
            ),
            MoreMsg::NotesStepMeans => pick(
                "Mỗi thành phần là trung bình hai nhóm; Chỉ số ICT Index là trung bình ba thành phần (đã kiểm chứng bằng số liệu của Kế hoạch).",
                "Each pillar is the mean of its two groups; the ICT Index is the mean of the three pillars (verified with the plan's own figures).",
            ),
            MoreMsg::NotesStepRanks => pick(
                "Thứ hạng theo kiểu thi đấu: đồng điểm thì đồng hạng (1, 2, 2, 4).",
                "Ranks are competition ranks: ties share a rank (1, 2, 2, 4).",
            ),
            MoreMsg::NotesSources => pick("Nguồn số liệu", "Where the figures come from"),
            MoreMsg::NotesSourcesText => pick(
                "Điểm, thứ hạng đã công bố (nhãn \u{201c}công bố\u{201d}) lấy từ các nguồn dưới đây. Bộ TT&TT không công bố số liệu thô của từng tỉnh, nên các giá trị còn lại là ước tính (nhãn \u{201c}ước tính\u{201d}) do chương trình hiệu chỉnh tạo ra sao cho mọi số liệu đã công bố đều được tái tạo đúng; chúng không phải số liệu chính thức. Khi có bảng số liệu của Bộ, hãy dùng số liệu đó.",
                "Published scores and ranks (label \u{201c}published\u{201d}) come from the sources below. The ministry does not publish each province's raw data, so the other values are estimates (label \u{201c}estimate\u{201d}) made by a calibration program so that every published figure is reproduced; they are not official figures. Use the ministry's table when you have it.",
            ),
            MoreMsg::NotesEstimates => pick("Các giá trị ước tính được làm thế nào", "How the estimated values are made"),
            MoreMsg::NotesEstimatesText => pick(
                "Với mỗi chỉ tiêu, một mô hình dựa trên số liệu thống kê thật của từng tỉnh (ít nhất hai nguồn dưới đây) cho giá trị ban đầu, với mức trung bình theo dân số khớp số liệu quốc gia khi có (băng rộng cố định 15,33 và không dây 62,83/100 dân năm 2019; 13,63 và 55,39 năm 2018; biết chữ 95,8%). Sau đó chương trình hiệu chỉnh (quy hoạch toàn phương) tìm các giá trị gần mô hình nhất sao cho mọi điểm, thứ hạng và số trung bình đã công bố đều đúng, tỷ lệ hồ sơ mức 3 + mức 4 không quá 100%, cán bộ ATTT không nhiều hơn cán bộ CNTT, và hai năm 2018, 2019 của một tỉnh gần nhau. Nhãn \u{201c}ước tính\u{201d} của mỗi ô nêu mô hình của chỉ tiêu đó. Đây là ước tính, không phải số liệu chính thức.",
                "For each indicator, a model of real per-province statistics (at least two of the sources below) gives a first value, its population-weighted mean matching the national figure where there is one (fixed broadband 15.33 and wireless broadband 62.83 per 100 residents in 2019; 13.63 and 55.39 in 2018; literacy 95.8%). A calibration program (a quadratic programme) then finds the values closest to the model such that every published score, rank and mean holds, level-3 plus level-4 shares stay within 100%, security staff never outnumber IT staff, and a province's 2018 and 2019 values stay close. The \u{201c}estimate\u{201d} badge of each cell names its indicator's model. These are estimates, not official figures.",
            ),
            MoreMsg::NotesProxies => pick(
                "Số liệu thật dùng làm căn cứ: Tổng điều tra dân số và nhà ở 2019 (dân số, tỷ lệ dân thành thị; TCTK); GRDP bình quân đầu người 2018, 2019 và thu nhập bình quân 2016 (TCTK); Chỉ số PAPI 2018, 2019 (UNDP/CECODES: hộ có Internet tại nhà, đọc tin trên mạng, quản trị điện tử); Chỉ số PCI 2018, 2019 (VCCI: trang web tỉnh, đăng ký trực tuyến, dịch vụ công nghệ); xếp hạng ứng dụng CNTT, phát triển Chính phủ điện tử 2017 (Bộ TT&TT); Chỉ số chuyển đổi số DTI 2022 (Bộ TT&TT).",
                "Real data that guide the estimates: the 2019 Population and Housing Census (population, urban share; GSO); GRDP per capita 2018, 2019 and income per capita 2016 (GSO); PAPI 2018, 2019 (UNDP/CECODES: households with internet at home, reading news online, e-governance); PCI 2018, 2019 (VCCI: provincial website, online registration, technology services); the ministry's 2017 IT-application and e-government ranking; the 2022 Digital Transformation Index (DTI, Ministry of Information and Communications).",
            ),
            MoreMsg::NotesRanges => pick("Khoảng hợp lý của từng chỉ tiêu", "Plausible range of each indicator"),
            MoreMsg::NotesRangesText => pick(
                "Ước tính được giữ trong khoảng dưới đây (dựa trên thống kê quốc gia 2019: băng rộng cố định 15,33/100 dân, băng rộng di động 62,83/100 dân, biết chữ 95,8%; niên giám Nghệ An 2019: ≈85 di động và ≈1,7 cố định/100 dân). Giá trị ngoài khoảng vẫn được nhập nếu nằm trong khoảng hợp lệ.",
                "Estimates are kept inside the ranges below (based on 2019 national statistics: fixed broadband 15.33 per 100, mobile broadband 62.83 per 100, literacy 95.8%; Nghệ An 2019 yearbook: ≈85 mobile and ≈1.7 fixed per 100). Values outside them can still be entered if they are valid.",
            ),
            MoreMsg::NotesUnits => pick("34 tỉnh, thành phố từ năm 2025", "The 34 provinces from 2025"),
            MoreMsg::NotesUnitsText => pick(
                "Từ 1/7/2025 cả nước có 34 đơn vị hành chính cấp tỉnh (Nghị quyết 202/2025/QH15; mã theo Quyết định 19/2025/QĐ-TTg). Khi chọn 34 tỉnh, thành phố, giá trị mỗi chỉ tiêu của một tỉnh mới là trung bình có trọng số của các tỉnh cũ hợp thành: chỉ tiêu tính trên dân số, hộ gia đình, người dân, trường học, doanh nghiệp, cán bộ và hồ sơ dùng trọng số dân số (Tổng điều tra 1/4/2019), vì số người, hộ, trường, doanh nghiệp, cán bộ và hồ sơ đều xấp xỉ tỷ lệ với dân số; chỉ tiêu tính trên cơ quan, dịch vụ công và cơ sở dữ liệu theo kế hoạch dùng trọng số bằng nhau, vì mỗi tỉnh cũ có một bộ cơ quan và dịch vụ như nhau. Tỉnh giữ nguyên (như Quảng Ninh) giữ nguyên giá trị. Điểm và thứ hạng được tính lại theo cùng phương pháp trên 34 đơn vị. Số liệu nhập từ tệp áp dụng cho 63 tỉnh cũ; 34 đơn vị được suy ra lại từ đó. Đây là kết quả minh họa, không phải xếp hạng chính thức.",
                "Since 1 July 2025 Viet Nam has 34 provincial-level units (Resolution 202/2025/QH15; codes of Decision 19/2025/QĐ-TTg). With the 34 provinces, each indicator's value of a new province is the weighted mean of the former provinces that formed it: indicators counted per resident, household, school, enterprise, civil servant or application use the population weight (census of 1 April 2019), since those counts are roughly proportional to population; indicators counted per agency, public service or planned database use equal weights, since each former province had one set of agencies and services. Provinces that kept their borders (such as Quảng Ninh) keep their values. Scores and ranks are recomputed with the same method over the 34 units. Imported data apply to the 63 former provinces; the 34 units are derived from them again. These results are illustrative, not an official ranking.",
            ),
            MoreMsg::NotesMap => pick("Bản đồ", "Map"),
            MoreMsg::NotesMapText => pick(
                "Ranh giới 63 tỉnh, thành phố (trước năm 2025), gồm Quần đảo Hoàng Sa và Quần đảo Trường Sa: kho dữ liệu TaliaCao/Vietnam-Shape-Map (giấy phép MIT), dựa trên dữ liệu “Địa phận tỉnh” của Open Development Vietnam; được đơn giản hoá cho bản đồ khoảng 600 điểm ảnh.",
                "Boundaries of the 63 provinces (before 2025), the Hoang Sa and Truong Sa Islands included: repository TaliaCao/Vietnam-Shape-Map (MIT licence), based on the dataset “Địa phận tỉnh” (provincial boundaries) of Open Development Vietnam; simplified for a map of about 600 pixels.",
            ),
        }
    }

    /// The message in both languages.
    pub(crate) fn both(&self) -> Text {
        Text {
            vi: self.text(Lang::Vi).into_owned(),
            en: self.text(Lang::En).into_owned(),
        }
    }
}
