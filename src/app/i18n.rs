//! Every label of the UI in Vietnamese (default) and English.

pub use ict_engine::numfmt::Lang;

/// Looks up a label. Unknown keys show themselves, so a missing label is visible, not silent.
pub fn t(lang: Lang, key: &'static str) -> &'static str {
    let (vi, en) = match key {
        "title" => ("Máy tính giả định Chỉ số ICT Index", "ICT Index what-if calculator"),
        "subtitle" => (
            "Thay đổi chỉ tiêu của tỉnh và xem ngay điểm, thứ hạng Vietnam ICT Index",
            "Change a province's indicators and see its Vietnam ICT Index score and rank at once",
        ),
        "province" => ("Tỉnh, thành phố", "Province"),
        "edition" => ("Năm xếp hạng", "Edition"),
        "lang-toggle" => ("English", "Tiếng Việt"),
        "lang-toggle-label" => ("Chuyển sang tiếng Anh", "Switch to Vietnamese"),
        "reset" => ("Về số liệu gốc", "Back to baseline"),
        "presets" => ("Kịch bản có sẵn", "Preset scenarios"),
        "share" => ("Chép đường dẫn kịch bản", "Copy scenario link"),
        "share-done" => ("Đã chép đường dẫn", "Link copied"),
        "share-failed" => ("Không chép được; hãy chép địa chỉ trong ô này", "Could not copy; copy the address in this field"),
        "share-field" => ("Đường dẫn của kịch bản hiện tại", "Address of the current scenario"),
        "present" => ("Trình chiếu", "Present"),
        "present-exit" => ("Thoát trình chiếu", "Exit presentation"),
        "results" => ("Kết quả", "Results"),
        "index" => ("Chỉ số ICT Index", "ICT Index"),
        "scenario" => ("Kịch bản", "Scenario"),
        "baseline" => ("Số liệu gốc", "Baseline"),
        "score" => ("Điểm", "Score"),
        "rank" => ("Hạng", "Rank"),
        "change" => ("Thay đổi", "Change"),
        "places" => ("bậc", "places"),
        "unchanged" => ("không đổi", "unchanged"),
        "up" => ("tăng", "up"),
        "down" => ("giảm", "down"),
        "rank-of" => ("xếp thứ", "ranked"),
        "components" => ("Các thành phần", "Components"),
        "editor" => ("Chỉ tiêu của tỉnh", "The province's indicators"),
        "editor-help" => (
            "Sửa giá trị theo đơn vị thật của chỉ tiêu (gõ số hoặc kéo thanh trượt). Kết quả cập nhật ngay.",
            "Edit values in the indicator's own unit (type a number or drag the slider). Results update at once.",
        ),
        "value" => ("Giá trị", "Value"),
        "slider" => ("Thanh trượt", "Slider"),
        "baseline-value" => ("gốc", "baseline"),
        "edited" => ("đã sửa", "edited"),
        "published" => ("công bố", "published"),
        "estimated" => ("ước tính", "estimate"),
        "imported" => ("nhập từ tệp", "imported"),
        "published-long" => ("Số liệu đã công bố", "Published figure"),
        "estimated-long" => (
            "Ước tính của công cụ, không phải số liệu chính thức (cargo xtask calibrate)",
            "Estimate made by this tool, not an official figure (cargo xtask calibrate)",
        ),
        "imported-long" => ("Số liệu do người dùng nhập từ tệp", "Imported by the user from a file"),
        "source" => ("Nguồn", "Source"),
        "ranking" => ("Bảng xếp hạng theo kịch bản", "Ranking under the scenario"),
        "ranking-caption" => (
            "Tất cả tỉnh, thành phố theo điểm kịch bản; tỉnh đang chọn được tô đậm.",
            "Every province by scenario score; the selected one is highlighted.",
        ),
        "moved" => ("Đổi bậc", "Moved"),
        "status" => ("Nguồn số", "Figure"),
        "err-empty" => ("Hãy nhập một số.", "Enter a number."),
        "err-nan" => ("Không phải là số. Ví dụ hợp lệ: 99,8", "Not a number. A valid example: 99.8"),
        "err-range" => ("Ngoài khoảng hợp lệ", "Outside the valid range"),
        "err-kept" => ("Kịch bản giữ giá trị hợp lệ trước đó.", "The scenario keeps the last valid value."),
        "notes" => ("Phương pháp và nguồn số liệu", "Methodology and data sources"),
        "unofficial" => ("Không chính thức", "Unofficial"),
        "link-bad" => (
            "Đường dẫn kịch bản bị hỏng hoặc thuộc phiên bản khác; đang hiển thị số liệu gốc.",
            "The scenario link is damaged or from another version; showing the baseline.",
        ),
        "dismiss" => ("Đóng", "Dismiss"),
        "preset-applied" => ("Đã áp dụng", "Applied"),
        "unmapped" => ("Mục tiêu không có chỉ tiêu tương ứng", "Targets with no matching indicator"),
        "of" => ("trên", "of"),
        "national-mean" => ("Trung bình cả nước", "National mean"),
        "skip" => ("Bỏ qua đến kết quả", "Skip to results"),
        "shortcuts" => ("Phím tắt", "Keyboard shortcuts"),
        "charts" => ("Biểu đồ", "Charts"),
        "chart-pairs" => ("Số liệu gốc và kịch bản: các thành phần và nhóm", "Baseline and scenario: pillars and sub-pillars"),
        "chart-ranked" => ("Điểm của tất cả tỉnh, thành phố theo kịch bản (vạch ngang: điểm gốc của tỉnh đang chọn)", "Every province's score under the scenario (line: the selected province's baseline)"),
        "chart-waterfall" => ("Đóng góp của từng chỉ tiêu đã sửa vào thay đổi điểm", "Contribution of each changed indicator to the score change"),
        "chart-history" => ("Lịch sử: các năm xếp hạng và kịch bản", "History: editions and the scenario"),
        "chart-top" => ("dẫn đầu", "first"),
        "chart-none" => ("Chưa có chỉ tiêu nào được sửa.", "No indicator changed yet."),
        "key-present" => ("Bật/tắt chế độ trình chiếu", "Presentation mode on/off"),
        "key-help" => ("Hiện/ẩn danh sách phím tắt", "Show/hide the shortcuts"),
        "key-close" => ("Đóng danh sách này", "Close this list"),
        _ => (key, key),
    };
    if lang.is_en() {
        en
    } else {
        vi
    }
}
