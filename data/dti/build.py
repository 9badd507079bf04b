#!/usr/bin/env python3
"""Build 2021.csv, 2022.csv, 2023.csv, sources.csv and index_ranks.csv from the
hand-transcribed findings below.

Every figure in FINDINGS was read from the page whose URL is given next to it
(stored copies reached through the `pages` search corpus).  Nothing is
estimated.  A few ranks are *derived* from a published statement of the form
"rank R in year Y, up N places on year Y-1" or are *order-listed* (the article
lists provinces in an order without saying the order is the rank); those carry
rank_status = derived-from-change / order-listed and a note in sources.csv.

Run:  python3 build.py      (pure standard library; writes next to this file)
"""
import csv
import os
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
PROVINCES = "/work/shared/reference/provinces-2019.csv"

MAIN = ["nhan-thuc-so", "the-che-so", "ha-tang-so", "nhan-luc-so",
        "an-toan-thong-tin-mang", "hoat-dong-chinh-quyen-so",
        "hoat-dong-kinh-te-so", "hoat-dong-xa-hoi-so"]
PILLARS = ["chinh-quyen-so", "kinh-te-so", "xa-hoi-so"]
COLUMNS = (["province", "name", "rank", "rank_status", "total"] + MAIN +
           sum([[p, p + "-rank"] for p in PILLARS], []) + ["source"])

# ---------------------------------------------------------------- sources
U = {
    "DTI22": "https://dti.gov.vn/xep-hang-2022",
    "TRAVINH22": "https://travinh.gov.vn/1426/37932/73050/691291/chuyen-doi-so/danh-gia-muc-do-chuyen-doi-so-nam-2022-tra-vinh-xep-hang-25-63-tinh-thanh-pho",
    "KDTT22": "https://kinhdoanhvatiepthi.vn/xep-hang-danh-gia-chuyen-doi-so-cua-cac-bo-nganh-dia-phuong/",
    "CHINHPHU22": "https://honquan.binhphuoc.gov.vn/Tin-trong-nuoc/nhung-dia-phuong-bo-nganh-nao-dan-dau-chuyen-doi-so-2287.html",
    "YENBAI22": "https://baomoi.net.vn/chi-so-danh-gia-chuyen-doi-so-nam-2022-yen-bai-xep-thu-15-63-c46601011.epi",
    "YENBAI21": "https://yenbai.gov.vn/noidung/tintuc/Pages/chi-tiet-tin-tuc.aspx?ItemID=29559&l=Tintrongtinh++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++&lv=5",
    "YENBAI21B": "https://lienhieptchn.yenbai.gov.vn/noidung/tintuc/Pages/chi-tiet-tin-tuc.aspx?ItemID=438&l=Tinhoatdong&lv=11",
    "LANGSON22": "https://www.anninhthudo.vn/lang-son-tang-truong-an-tuong-ve-cong-nghe-thong-tin-post562534.antd",
    "LANGSON21": "https://stttt.langson.gov.vn/index.php/lang-son-xep-hang-5-toan-quoc-ve-chi-so-danh-gia-chuyen-doi-so-dti-2021-ket-qua-cua-su-no-luc-va",
    "NAMDINH22": "https://chuyendoiso.namdinh.gov.vn/portal/pages/print.aspx?p=27606",
    "BACGIANG22": "https://vietnamnet.vn/bac-giang-no-luc-chuyen-doi-so-toan-dien-2200964.html",
    "BINHDUONG22": "https://baobinhduong.vn/en/binh-duong-strives-to-improve-dti-ranking-a306799.html",
    "HAUGIANG22": "https://huunghi.haugiang.gov.vn/index.php/vi/news/tin-tuc-su-kien/hau-giang-nam-trong-top-10-dia-phuong-dan-dau-toan-quoc-ve-ha-tang-so-985.html",
    "VCCIDN22": "https://vccidanang.com.vn/tin-tuc/da-nang-3-nam-lien-tiep-dan-dau-xep-hang-chuyen-doi-so-cap-tinh/",
    "THAINGUYEN21": "https://thainguyentv.vn/thai-nguyen-tang-4-bac-xep-thu-863-dia-phuong-ca-nuoc-ve-chi-so-chuyen-doi-so-89597.html",
    "BACNINH21": "https://skhdt.bacninh.gov.vn/news/-/details/57283/bac-ninh-chi-so-anh-gia-chuyen-oi-so-dti-nam-2021-ung-thu-4-trong-ca-nuoc-41052774",
    "THANHHOA21": "https://baomoi.net.vn/thanh-hoa-tang-3-bac-tren-bang-xep-hang-chuyen-doi-so-nam-2021-c43398226.epi",
    "THANHHOA21B": "https://daidoanket.vn/thanh-hoa-tang-3-bac-tren-bang-xep-hang-chuyen-doi-so-nam-2021-10228777.html",
    "NINHTHUAN21": "https://thuvienphapluat.vn/van-ban/Cong-nghe-thong-tin/Ke-hoach-4233-KH-UBND-2022-nang-cao-Chi-so-chuyen-doi-so-Ninh-Thuan-530997.aspx?ac=emails",
    "VINHLONG21": "https://baovinhlong.com.vn/khao-hoc-cong-nghe/202208/vinh-long-tang-20-bac-ve-chi-so-chuyen-doi-so-3129116/",
    "TBTC21": "https://thoibaotaichinhvietnam.vn/da-nang-finance-ministry-top-digital-transformation-index-110514.html",
    "HUE21": "http://tapchisonghuong.com.vn/tin-tuc/p1/c12/n31636/Thua-Thien-Hue-xep-thu-2-toan-quoc-ve-Chi-so-chuye-n-do-i-so-DTI-nam-2021.html",
    "QUANGNGAI23": "https://baomoi.net.vn/quang-ngai-tang-5-bac-trong-danh-gia-chuyen-doi-so-c51412784.epi",
    "LAODONG23": "https://news.laodong.vn/cong-nghe/thanh-hoa-thang-hang-ve-chuyen-doi-so-1461936.ldo",
    "NGUOIHANOI23": "https://nguoihanoi.vn/ha-noi-xep-thu-6-ve-chi-so-chuyen-doi-so-cap-tinh-89443.html",
    "VNECONOMY23": "https://vneconomy.vn/da-nang-dan-dau-cac-tinh-thanh-ve-chuyen-doi-so.htm",
    "DANANG23": "https://baomoi.net.vn/da-nang-tiep-tuc-dan-dau-ca-nuoc-ve-chuyen-doi-so-c51417541.epi",
    "DANANG23B": "http://tothethao.com/bong-da_no-luc-chuyen-doi-so-toan-dien-2369985.html",
    "PLO_DN": "https://plo.vn/da-nang-duoc-vinh-danh-la-tp-tieu-bieu-ve-chuyen-doi-so-giai-doan-2020-2024-post876743.html",
}

# ---------------------------------------------------------------- data
# 2022 top-5 detailed rows, dti.gov.vn/xep-hang-2022 "Xếp hạng chi tiết"
# (8 main indices then PDTI).  Only these five rows are visible in the stored copy.
DTI22_DETAIL = {
    "TP. Đà Nẵng":      [1.0000, 0.9000, 0.8253, 0.8487, 0.7578, 0.8575, 0.7836, 0.5197, 0.8002],
    "TP. Hồ Chí Minh":  [0.8917, 0.9000, 0.8258, 0.6267, 0.5580, 0.8406, 0.7611, 0.3590, 0.7163],
    "Quảng Ninh":       [0.9581, 0.9000, 0.7648, 0.6250, 0.5382, 0.8385, 0.5904, 0.4505, 0.7024],
    "Thừa Thiên - Huế": [0.9500, 0.9000, 0.6823, 0.6794, 0.6423, 0.8262, 0.6787, 0.3001, 0.6975],
    "TP. Cần Thơ":      [0.9000, 0.8000, 0.7233, 0.7376, 0.7226, 0.7325, 0.7556, 0.2947, 0.6924],
}
# 2022 rank list, dti.gov.vn/xep-hang-2022 (all 63 visible; tie at 15)
DTI22_RANKS = """1 TP. Đà Nẵng|2 TP. Hồ Chí Minh|3 Quảng Ninh|4 Thừa Thiên - Huế|5 TP. Cần Thơ|6 Lạng Sơn|7 Bắc Ninh|8 Thái Nguyên|9 Bắc Giang|10 Nam Định|11 Long An|12 Bình Phước|13 Hải Dương|14 TP. Hải Phòng|15 Thanh Hóa|15 Yên Bái|17 Hậu Giang|18 Vĩnh Phúc|19 Bình Dương|20 Tiền Giang|21 Ninh Bình|22 Lâm Đồng|23 Phú Thọ|24 TP. Hà Nội|25 Trà Vinh|26 Quảng Ngãi|27 Ninh Thuận|28 Bà Rịa - Vũng Tàu|29 Bình Định|30 Vĩnh Long|31 Quảng Nam|32 Kiên Giang|33 Hưng Yên|34 Hà Nam|35 Điện Biên|36 Sóc Trăng|37 Hà Tĩnh|38 Lào Cai|39 Đồng Tháp|40 Tây Ninh|41 Khánh Hòa|42 Hòa Bình|43 Đồng Nai|44 Sơn La|45 Kon Tum|46 Quảng Bình|47 Đắk Lắk|48 Tuyên Quang|49 Đắk Nông|50 Bình Thuận|51 Bến Tre|52 Nghệ An|53 Lai Châu|54 An Giang|55 Quảng Trị|56 Thái Bình|57 Hà Giang|58 Cà Mau|59 Phú Yên|60 Bạc Liêu|61 Cao Bằng|62 Gia Lai|63 Bắc Kạn"""

# (year, name as published, column, value, source key, note)
# column is one of COLUMNS; "rank" entries may carry a status in the note
# prefixed "status=".
F = []
def add(year, name, col, val, src, note=""):
    F.append((year, name, col, val, src, note))

# ---- 2022
for line in DTI22_RANKS.split("|"):
    r, name = line.split(" ", 1)
    add(2022, name, "rank", r, "DTI22", "status=published" + ("; tie at 15" if r == "15" else ""))
for name, vals in DTI22_DETAIL.items():
    for col, v in zip(MAIN + ["total"], vals):
        add(2022, name, col, "%.4f" % v, "DTI22")
add(2022, "Trà Vinh", "rank", "25", "TRAVINH22", "status=published")
add(2022, "Trà Vinh", "total", "0.6077", "TRAVINH22", "published as 0,6077; '+0,1783 vs 2021'")
add(2022, "Trà Vinh", "chinh-quyen-so", "0.6683", "TRAVINH22")
add(2022, "Trà Vinh", "chinh-quyen-so-rank", "29", "TRAVINH22")
add(2022, "Trà Vinh", "kinh-te-so", "0.6647", "TRAVINH22")
add(2022, "Trà Vinh", "kinh-te-so-rank", "27", "TRAVINH22")
add(2022, "Trà Vinh", "xa-hoi-so", "0.5991", "TRAVINH22")
add(2022, "Trà Vinh", "xa-hoi-so-rank", "26", "TRAVINH22")
for src in ("KDTT22", "CHINHPHU22"):
    add(2022, "TP. Hồ Chí Minh", "rank", "2", src, "status=published")
    add(2022, "TP. Hồ Chí Minh", "chinh-quyen-so-rank", "3", src)
    add(2022, "TP. Hồ Chí Minh", "kinh-te-so-rank", "3", src)
    add(2022, "TP. Hồ Chí Minh", "xa-hoi-so-rank", "4", src)
    add(2022, "TP. Hà Nội", "rank", "24", src, "status=published")
    add(2022, "TP. Hà Nội", "chinh-quyen-so-rank", "40", src)
    add(2022, "TP. Hà Nội", "kinh-te-so-rank", "18", src)
    add(2022, "TP. Hà Nội", "xa-hoi-so-rank", "30", src)
add(2022, "Yên Bái", "rank", "15", "YENBAI22", "status=published; 'tăng 12 bậc' from 27 in 2021")
add(2022, "Yên Bái", "chinh-quyen-so-rank", "15", "YENBAI22")
add(2022, "Yên Bái", "kinh-te-so-rank", "7", "YENBAI22")
add(2022, "Yên Bái", "xa-hoi-so-rank", "10", "YENBAI22")
add(2022, "Lạng Sơn", "rank", "6", "LANGSON22", "status=published")
add(2022, "Nam Định", "rank", "10", "NAMDINH22", "status=published; 'tăng 1 hạng so với năm 2021'")
add(2022, "Bắc Giang", "rank", "9", "BACGIANG22", "status=published; 'tăng 1 bậc so với năm 2021'")
add(2022, "Bình Dương", "rank", "19", "BINHDUONG22", "status=published; 'up 3 places compared to 2021'")
add(2022, "Quảng Ngãi", "rank", "26", "HAUGIANG22", "status=published; 'tăng 34 bậc'")
add(2022, "Thanh Hóa", "rank", "15", "LAODONG23", "status=published (stated in a 2023 article)")
add(2022, "TP. Đà Nẵng", "rank", "1", "VCCIDN22", "status=published")
for col in ("chinh-quyen-so-rank", "kinh-te-so-rank", "xa-hoi-so-rank"):
    add(2022, "TP. Đà Nẵng", col, "1", "PLO_DN",
        "narrative: 'bốn năm liền (2021 - 2024) dẫn đầu cả nước về chuyển đổi số, ở cả ba trụ cột'")

# ---- 2021
add(2021, "Đà Nẵng", "rank", "1", "TBTC21", "status=published")
add(2021, "Đà Nẵng", "total", "0.6419", "TBTC21")
for col in ("chinh-quyen-so-rank", "kinh-te-so-rank", "xa-hoi-so-rank"):
    add(2021, "Đà Nẵng", col, "1", "PLO_DN",
        "narrative: 'bốn năm liền (2021 - 2024) dẫn đầu cả nước về chuyển đổi số, ở cả ba trụ cột'")
add(2021, "Thừa Thiên Huế", "rank", "2", "TBTC21", "status=published")
add(2021, "Thừa Thiên Huế", "rank", "2", "HUE21", "status=published")
add(2021, "Thừa Thiên Huế", "total", "0.5872", "TBTC21")
add(2021, "TP Hồ Chí Minh", "rank", "3", "TBTC21", "status=published")
add(2021, "TP Hồ Chí Minh", "rank", "3", "KDTT22", "status=published")
add(2021, "Bắc Ninh", "rank", "4", "BACNINH21", "status=published")
add(2021, "Bắc Ninh", "rank", "4", "TBTC21", "status=order-listed")
add(2021, "Bắc Ninh", "chinh-quyen-so-rank", "4", "BACNINH21")
add(2021, "Bắc Ninh", "kinh-te-so-rank", "6", "BACNINH21")
add(2021, "Bắc Ninh", "xa-hoi-so-rank", "6", "BACNINH21")
add(2021, "Lạng Sơn", "rank", "5", "LANGSON21", "status=published")
add(2021, "Lạng Sơn", "rank", "5", "TBTC21", "status=order-listed")
add(2021, "Ninh Bình", "rank", "6", "THANHHOA21", "status=published")
add(2021, "Ninh Bình", "rank", "6", "THANHHOA21B", "status=published")
add(2021, "Ninh Bình", "rank", "6", "TBTC21", "status=order-listed")
for src in ("THANHHOA21", "THANHHOA21B"):
    add(2021, "Ninh Bình", "total", "0.5064", src)
    add(2021, "Ninh Bình", "chinh-quyen-so-rank", "5", src)
    add(2021, "Ninh Bình", "kinh-te-so-rank", "8", src)
    add(2021, "Ninh Bình", "xa-hoi-so-rank", "5", src)
    add(2021, "Thanh Hóa", "rank", "12", src, "status=published")
    add(2021, "Thanh Hóa", "total", "0.4880", src)
    add(2021, "Thanh Hóa", "chinh-quyen-so-rank", "12", src)
    add(2021, "Thanh Hóa", "kinh-te-so-rank", "22", src)
    add(2021, "Thanh Hóa", "xa-hoi-so-rank", "12", src)
add(2021, "Quảng Ninh", "rank", "7", "TBTC21", "status=order-listed")
add(2021, "Thái Nguyên", "rank", "8", "THAINGUYEN21", "status=published")
add(2021, "Thái Nguyên", "rank", "8", "TBTC21", "status=order-listed")
add(2021, "Bình Phước", "rank", "9", "TBTC21", "status=order-listed")
add(2021, "Bắc Giang", "rank", "10", "TBTC21", "status=order-listed")
add(2021, "Bắc Giang", "rank", "10", "BACGIANG22", "status=derived-from-change: 9 in 2022, 'tăng 1 bậc so với năm 2021'")
add(2021, "Nam Định", "rank", "11", "NAMDINH22", "status=derived-from-change: 10 in 2022, 'tăng 1 hạng so với năm 2021'")
add(2021, "Bình Dương", "rank", "22", "BINHDUONG22", "status=derived-from-change: 19 in 2022, 'up 3 places compared to 2021'")
add(2021, "Trà Vinh", "rank", "26", "TRAVINH22", "status=derived-from-change: 25 in 2022, 'tăng 1 hạng so với năm 2021'")
add(2021, "Yên Bái", "rank", "27", "YENBAI21", "status=published")
add(2021, "Yên Bái", "rank", "27", "YENBAI21B", "status=published")
add(2021, "Yên Bái", "rank", "27", "YENBAI22", "status=published (2022 article: 'từ vị trí 27')")
for src in ("YENBAI21", "YENBAI21B", "YENBAI22"):
    add(2021, "Yên Bái", "chinh-quyen-so-rank", "24", src)
    add(2021, "Yên Bái", "kinh-te-so-rank", "27", src)
    add(2021, "Yên Bái", "xa-hoi-so-rank", "29", src)
add(2021, "Vĩnh Long", "rank", "32", "VINHLONG21", "status=published")
add(2021, "Ninh Thuận", "rank", "53", "NINHTHUAN21", "status=published")
add(2021, "Ninh Thuận", "total", "0.3048", "NINHTHUAN21")
add(2021, "Ninh Thuận", "chinh-quyen-so", "0.3512", "NINHTHUAN21")
add(2021, "Ninh Thuận", "chinh-quyen-so-rank", "47", "NINHTHUAN21")
add(2021, "Quảng Ngãi", "rank", "60", "HAUGIANG22", "status=derived-from-change: 26 in 2022, 'tăng 34 bậc'")

# ---- 2023
add(2023, "Đà Nẵng", "rank", "1", "DANANG23", "status=published")
add(2023, "Đà Nẵng", "total", "0.8340", "DANANG23", "published as 0,8340")
add(2023, "Đà Nẵng", "total", "0.8340", "DANANG23B", "published as 0,834 '+0,0338 vs 2022' (0.8002+0.0338=0.8340)")
add(2023, "Đà Nẵng", "hoat-dong-kinh-te-so", "0.7262", "DANANG23B", "index rank 6 (down from 1)")
add(2023, "Đà Nẵng", "hoat-dong-xa-hoi-so", "0.5881", "DANANG23B", "index rank 2 (down from 1)")
for src in ("DANANG23", "DANANG23B", "LAODONG23", "QUANGNGAI23"):
    for col in ("chinh-quyen-so-rank", "kinh-te-so-rank", "xa-hoi-so-rank"):
        add(2023, "Đà Nẵng", col, "1", src, "leads all three pillars")
add(2023, "TP.Hồ Chí Minh", "rank", "2", "QUANGNGAI23", "status=published")
add(2023, "TP.Hồ Chí Minh", "rank", "2", "LAODONG23", "status=published")
for col in ("chinh-quyen-so-rank", "kinh-te-so-rank", "xa-hoi-so-rank"):
    add(2023, "TP.Hồ Chí Minh", col, "2", "QUANGNGAI23")
add(2023, "TP.Huế", "rank", "3", "QUANGNGAI23", "status=published")
add(2023, "TP.Huế", "rank", "3", "NGUOIHANOI23", "status=order-listed")
ORDER23 = ["Lạng Sơn", "Cần Thơ", "Hà Nội", "Bình Dương", "Hải Phòng", "Bắc Giang", "Bà Rịa - Vũng Tàu"]
for i, name in enumerate(ORDER23):
    r = str(4 + i)
    if name == "Hà Nội":
        add(2023, name, "rank", r, "NGUOIHANOI23", "status=published; 'tăng 18 bậc' from 24")
        add(2023, name, "rank", r, "LAODONG23", "status=published")
    else:
        add(2023, name, "rank", r, "NGUOIHANOI23", "status=order-listed (top-10 list)")
        add(2023, name, "rank", r, "VNECONOMY23", "status=order-listed (top-10 list)")
        add(2023, name, "rank", r, "QUANGNGAI23", "status=order-listed")
add(2023, "Thanh Hóa", "rank", "11", "LAODONG23", "status=published")
add(2023, "Thanh Hóa", "rank", "11", "QUANGNGAI23", "status=order-listed")
add(2023, "Thanh Hóa", "chinh-quyen-so-rank", "9", "LAODONG23")
add(2023, "Thanh Hóa", "kinh-te-so-rank", "8", "LAODONG23")
add(2023, "Thanh Hóa", "xa-hoi-so-rank", "8", "LAODONG23")
add(2023, "Quảng Ninh", "rank", "12", "QUANGNGAI23", "status=order-listed (list '... Thanh Hóa, Quảng Ninh,...')")
add(2023, "Quảng Ngãi", "rank", "21", "QUANGNGAI23", "status=published; 'tăng 5 bậc so với năm 2022'")
add(2023, "Quảng Ngãi", "chinh-quyen-so-rank", "12", "QUANGNGAI23")
add(2023, "Quảng Ngãi", "kinh-te-so-rank", "13", "QUANGNGAI23")
add(2023, "Quảng Ngãi", "xa-hoi-so-rank", "14", "QUANGNGAI23")

# Main-index ranks (not scores), kept apart in index_ranks.csv
IR = [
    (2022, "Bình Dương", {"nhan-thuc-so": 1, "the-che-so": 16, "ha-tang-so": 9, "nhan-luc-so": 9,
                          "an-toan-thong-tin-mang": 41, "hoat-dong-chinh-quyen-so": 6,
                          "hoat-dong-kinh-te-so": 62, "hoat-dong-xa-hoi-so": 24}, "BINHDUONG22", ""),
    (2022, "Yên Bái", {"the-che-so": 15, "an-toan-thong-tin-mang": 9, "hoat-dong-kinh-te-so": 11},
     "YENBAI22", "also 'one of 9 leading in nhận thức số' and 'one of 10 leading in nhân lực số' (no exact rank)"),
    (2022, "Đà Nẵng", {"hoat-dong-kinh-te-so": 1, "hoat-dong-xa-hoi-so": 1}, "DANANG23B",
     "read from 2023 article: 'lùi 5 bậc (từ 1 xuống 6)', 'lùi 1 bậc (từ 1 xuống 2)'"),
    (2023, "Đà Nẵng", {"nhan-thuc-so": 1, "the-che-so": 1, "nhan-luc-so": 1, "an-toan-thong-tin-mang": 1,
                       "hoat-dong-chinh-quyen-so": 1, "ha-tang-so": 2, "hoat-dong-xa-hoi-so": 2,
                       "hoat-dong-kinh-te-so": 6}, "DANANG23B", ""),
    (2021, "Vĩnh Long", {"an-toan-thong-tin-mang": 8}, "VINHLONG21", ""),
    (2021, "Thừa Thiên Huế", {"hoat-dong-chinh-quyen-so": 1, "an-toan-thong-tin-mang": 2, "ha-tang-so": 2,
                              "nhan-thuc-so": 3}, "HUE21", ""),
]

# ---------------------------------------------------------------- mapping
def norm(s):
    s = unicodedata.normalize("NFC", s).strip()
    for p in ("TP. ", "TP.", "TP ", "Thành phố "):
        if s.startswith(p):
            s = s[len(p):]
    s = s.replace(" - ", " ").replace("-", " ").replace("  ", " ").strip()
    alias = {"Huế": "Thừa Thiên Huế", "Hồ Chí Minh": "Hồ Chí Minh"}
    return alias.get(s, s)

def load_provinces():
    out = []
    with open(PROVINCES, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out.append((row["code"], row["name_vi"]))
    return out

def main():
    provs = load_provinces()
    by_norm = {norm(n): c for c, n in provs}
    dti_name = {}
    for line in DTI22_RANKS.split("|"):
        name = line.split(" ", 1)[1]
        dti_name[by_norm[norm(name)]] = name
    assert len(dti_name) == 63, len(dti_name)

    # sources.csv rows and per-year tables
    tables = {y: {c: {k: "" for k in COLUMNS} for c, _ in provs} for y in (2021, 2022, 2023)}
    srcrows = []
    for (year, name, col, val, src, note) in F:
        code = by_norm.get(norm(name))
        if code is None:
            raise SystemExit("unmapped name %r" % name)
        srcrows.append({"year": year, "province": code, "name_as_published": name, "column": col,
                        "value": val, "url": U[src], "note": note})
    # fill tables; check agreement of duplicates
    seen = {}
    for r in srcrows:
        key = (r["year"], r["province"], r["column"])
        seen.setdefault(key, []).append(r)
    for key, rs in seen.items():
        vals = {r["value"] for r in rs}
        agree = "yes" if len(vals) == 1 else "NO"
        for r in rs:
            r["n_sources"] = len(rs)
            r["agree"] = agree if len(rs) > 1 else ""
        year, code, col = key
        t = tables[year][code]
        # prefer a 'published' rank over order-listed/derived when they disagree (none do)
        t[col] = rs[0]["value"]
        if col == "rank":
            st = [r["note"].split(";")[0].replace("status=", "") for r in rs]
            clean = sorted({x.split(":")[0].split(" (")[0].strip() for x in st})
            t["rank_status"] = "published" if "published" in clean else "+".join(clean)
    for year, tab in tables.items():
        for code, t in tab.items():
            t["province"] = code
            urls = []
            for r in srcrows:
                if r["year"] == year and r["province"] == code and r["url"] not in urls:
                    urls.append(r["url"])
            t["source"] = " ".join(urls)
            # name: as published in this edition's first source, else dti.gov.vn 2022 spelling
            names = [r["name_as_published"] for r in srcrows if r["year"] == year and r["province"] == code]
            t["name"] = names[0] if names else dti_name[code]
        with open(os.path.join(HERE, "%d.csv" % year), "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
            w.writeheader()
            for code, _ in provs:
                w.writerow(tab[code])
    with open(os.path.join(HERE, "sources.csv"), "w", encoding="utf-8", newline="") as f:
        fields = ["year", "province", "name_as_published", "column", "value", "url",
                  "n_sources", "agree", "note"]
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        for r in sorted(srcrows, key=lambda r: (r["year"], r["province"], COLUMNS.index(r["column"]))):
            w.writerow(r)
    with open(os.path.join(HERE, "index_ranks.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["year", "province", "name_as_published", "index", "rank", "url", "note"])
        for year, name, d, src, note in IR:
            for k, v in d.items():
                w.writerow([year, by_norm[norm(name)], name, k, v, U[src], note])
    print("wrote 2021.csv 2022.csv 2023.csv sources.csv index_ranks.csv")

if __name__ == "__main__":
    main()
