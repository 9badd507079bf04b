//! The prior of every estimated cell: per indicator, a documented model of real per-province
//! statistics (`data/proxies/provinces.csv`). Each model is a weighted score of at least two
//! proxies (each standardised), mapped onto the indicator's plausible range by a logistic curve
//! whose level makes the population-weighted mean equal a national figure (published where one
//! exists, else a stated assumption). The reasons for each choice are in `data/README.md`.

use ict_engine::dataset::EditionMeta;
use ict_engine::methodology::IndicatorDef;
use ict_engine::Text;

use super::proxies::Proxies;

/// A real per-province statistic that guides the estimates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proxy {
    /// GRDP per capita of the edition's data year (log), GSO.
    Grdp,
    /// Urban share of the population, census 2019.
    Urban,
    /// Monthly income per capita 2016 (log), GSO.
    Income,
    /// Households with internet at home, PAPI.
    HomeInternet,
    /// People reading news online, PAPI.
    NewsOnline,
    /// E-governance (dimension 8), PAPI.
    Egov,
    /// Access to the provincial e-government portal (8.1), PAPI.
    Portal,
    /// Provincial website score, PCI.
    Webpage,
    /// Firms that registered online, PCI.
    RegisteredOnline,
    /// Firms that used technology services, PCI.
    TechServices,
    /// Firms rating IT in business registration good, PCI.
    RegistrationIt,
    /// The ministry's 2017 IT-application / e-government index (53 provinces shown).
    Mic2017,
    /// Digital transformation index 2022 rank.
    Dti2022,
    /// Population, census 2019 (log).
    Population,
}

impl Proxy {
    /// The column of `data/proxies/provinces.csv` for an edition of `year`.
    fn column(self, year: u16) -> String {
        let y = if year <= 2018 { 2018 } else { 2019 };
        match self {
            Proxy::Grdp => format!("grdp_per_capita_{y}"),
            Proxy::Urban => "urban_share_2019".into(),
            Proxy::Income => "income_2016".into(),
            Proxy::HomeInternet => format!("papi_home_internet_{y}"),
            Proxy::NewsOnline => format!("papi_news_online_{y}"),
            Proxy::Egov => format!("papi_egovernance_{y}"),
            Proxy::Portal => format!("papi_portal_{y}"),
            Proxy::Webpage => format!("pci_webpage_{y}"),
            Proxy::RegisteredOnline => format!("pci_registered_online_{y}"),
            Proxy::TechServices => format!("pci_tech_services_{y}"),
            Proxy::RegistrationIt => format!("pci_registration_it_good_{y}"),
            Proxy::Mic2017 => "mic_egov_2017".into(),
            Proxy::Dti2022 => "dti_rank_2022".into(),
            Proxy::Population => "population_2019".into(),
        }
    }

    /// Short bilingual name (for the provenance badge).
    pub fn label(self, year: u16) -> Text {
        let y = if year <= 2018 { 2018 } else { 2019 };
        let (vi, en) = match self {
            Proxy::Grdp => (format!("GRDP/người {y}"), format!("GRDP per capita {y}")),
            Proxy::Urban => (
                "tỷ lệ dân thành thị (TĐTDS 2019)".into(),
                "urban share (census 2019)".into(),
            ),
            Proxy::Income => (
                "thu nhập bình quân/người 2016".into(),
                "income per capita 2016".into(),
            ),
            Proxy::HomeInternet => (
                format!("hộ có Internet tại nhà (PAPI {y})"),
                format!("households with internet at home (PAPI {y})"),
            ),
            Proxy::NewsOnline => (
                format!("người đọc tin trên Internet (PAPI {y})"),
                format!("people reading news online (PAPI {y})"),
            ),
            Proxy::Egov => (
                format!("quản trị điện tử (PAPI {y})"),
                format!("e-governance (PAPI {y})"),
            ),
            Proxy::Portal => (
                format!("tiếp cận cổng thông tin điện tử (PAPI {y})"),
                format!("access to the e-government portal (PAPI {y})"),
            ),
            Proxy::Webpage => (
                format!("điểm trang web tỉnh (PCI {y})"),
                format!("provincial website score (PCI {y})"),
            ),
            Proxy::RegisteredOnline => (
                format!("DN đăng ký trực tuyến (PCI {y})"),
                format!("firms registering online (PCI {y})"),
            ),
            Proxy::TechServices => (
                format!("DN dùng dịch vụ công nghệ (PCI {y})"),
                format!("firms using technology services (PCI {y})"),
            ),
            Proxy::RegistrationIt => (
                format!("DN đánh giá tốt CNTT trong đăng ký (PCI {y})"),
                format!("firms rating IT in registration good (PCI {y})"),
            ),
            Proxy::Mic2017 => (
                "xếp hạng ứng dụng CNTT của Bộ TT&TT 2017".into(),
                "the ministry's IT-application ranking 2017".into(),
            ),
            Proxy::Dti2022 => ("DTI 2022".into(), "DTI 2022".into()),
            Proxy::Population => (
                "dân số (TĐTDS 2019)".into(),
                "population (census 2019)".into(),
            ),
        };
        Text { vi, en }
    }
}

/// Where the level of a prior comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Level {
    /// A published national figure (checked: the calibrated population-weighted mean stays
    /// within 5 %).
    National(f64),
    /// Our assumption (a plausible national mean; not checked).
    Assumed(f64),
}

impl Level {
    pub fn value(self) -> f64 {
        match self {
            Level::National(v) | Level::Assumed(v) => v,
        }
    }
}

/// The prior model of one indicator.
pub struct Spec {
    pub id: &'static str,
    /// Proxies and their weights (each proxy standardised first).
    pub proxies: &'static [(Proxy, f64)],
    /// Population-weighted mean: 2019 edition, 2018 edition.
    pub level: [Level; 2],
    /// Slope of the logistic curve per standard deviation of the proxy score.
    pub spread: f64,
}

use Level::{Assumed, National};
use Proxy::*;

/// Every indicator's prior model. See `data/README.md` for the reasons.
pub const SPECS: &[Spec] = &[
    Spec {
        id: "fixed-phones-per-100",
        proxies: &[(Urban, 0.4), (Grdp, 0.4), (Income, 0.2)],
        level: [Assumed(3.5), Assumed(4.0)],
        spread: 1.3,
    },
    Spec {
        id: "mobile-phones-per-100",
        proxies: &[(Grdp, 0.5), (Urban, 0.3), (NewsOnline, 0.2)],
        level: [Assumed(128.0), Assumed(124.0)],
        spread: 1.0,
    },
    Spec {
        id: "internet-subscribers-per-100",
        proxies: &[(HomeInternet, 0.4), (Grdp, 0.35), (Urban, 0.25)],
        level: [Assumed(74.0), Assumed(66.0)],
        spread: 1.1,
    },
    Spec {
        id: "fixed-broadband-per-100",
        proxies: &[(Urban, 0.4), (Grdp, 0.35), (HomeInternet, 0.25)],
        level: [National(15.33), National(13.63)],
        spread: 1.2,
    },
    Spec {
        id: "wireless-broadband-per-100",
        proxies: &[(Grdp, 0.45), (Urban, 0.3), (NewsOnline, 0.25)],
        level: [National(62.83), National(55.39)],
        spread: 1.0,
    },
    Spec {
        id: "households-with-computer-pct",
        proxies: &[(Urban, 0.4), (Income, 0.35), (Grdp, 0.25)],
        level: [Assumed(23.0), Assumed(21.5)],
        spread: 1.2,
    },
    Spec {
        id: "enterprises-with-broadband-pct",
        proxies: &[(Grdp, 0.35), (TechServices, 0.35), (RegisteredOnline, 0.3)],
        level: [Assumed(80.0), Assumed(77.0)],
        spread: 1.0,
    },
    Spec {
        id: "computers-per-civil-servant",
        proxies: &[(Grdp, 0.45), (Mic2017, 0.35), (Egov, 0.2)],
        level: [Assumed(0.85), Assumed(0.82)],
        spread: 1.0,
    },
    Spec {
        id: "bandwidth-per-civil-servant-mbps",
        proxies: &[(Grdp, 0.4), (Mic2017, 0.3), (Urban, 0.3)],
        level: [Assumed(9.0), Assumed(7.0)],
        spread: 1.3,
    },
    Spec {
        id: "agencies-on-wan-pct",
        proxies: &[(Mic2017, 0.5), (Webpage, 0.25), (Grdp, 0.25)],
        level: [Assumed(72.0), Assumed(66.0)],
        spread: 1.0,
    },
    Spec {
        id: "security-solutions-pct",
        proxies: &[(Mic2017, 0.4), (Dti2022, 0.35), (Grdp, 0.25)],
        level: [Assumed(55.0), Assumed(48.0)],
        spread: 1.0,
    },
    Spec {
        id: "adult-literacy-pct",
        proxies: &[(Income, 0.4), (Grdp, 0.4), (Urban, 0.2)],
        level: [National(95.8), Assumed(95.6)],
        spread: 1.4,
    },
    Spec {
        id: "school-enrolment-pct",
        proxies: &[(Income, 0.4), (Grdp, 0.3), (Urban, 0.3)],
        level: [Assumed(97.0), Assumed(96.8)],
        spread: 1.3,
    },
    Spec {
        id: "schools-teaching-it-pct",
        proxies: &[(Income, 0.35), (HomeInternet, 0.35), (Grdp, 0.3)],
        level: [Assumed(75.0), Assumed(70.0)],
        spread: 1.0,
    },
    Spec {
        id: "universities-teaching-it-pct",
        proxies: &[(Population, 0.4), (Urban, 0.3), (Grdp, 0.3)],
        level: [Assumed(55.0), Assumed(55.0)],
        spread: 1.2,
    },
    Spec {
        id: "it-staff-pct",
        proxies: &[(Mic2017, 0.4), (Dti2022, 0.3), (Egov, 0.3)],
        level: [Assumed(0.9), Assumed(0.85)],
        spread: 1.0,
    },
    Spec {
        id: "it-staff-with-degree-pct",
        proxies: &[(Urban, 0.35), (Mic2017, 0.35), (Grdp, 0.3)],
        level: [Assumed(70.0), Assumed(66.0)],
        spread: 1.0,
    },
    Spec {
        id: "security-staff-pct",
        proxies: &[(Dti2022, 0.4), (Mic2017, 0.35), (Egov, 0.25)],
        level: [Assumed(0.2), Assumed(0.17)],
        spread: 1.0,
    },
    Spec {
        id: "staff-trained-open-source-pct",
        proxies: &[(Mic2017, 0.5), (Egov, 0.3), (Portal, 0.2)],
        level: [Assumed(35.0), Assumed(30.0)],
        spread: 1.0,
    },
    Spec {
        id: "staff-trained-security-pct",
        proxies: &[(Dti2022, 0.45), (Mic2017, 0.35), (Egov, 0.2)],
        level: [Assumed(40.0), Assumed(35.0)],
        spread: 1.0,
    },
    Spec {
        id: "email-use-pct",
        proxies: &[(Mic2017, 0.4), (Webpage, 0.3), (Egov, 0.3)],
        level: [Assumed(80.0), Assumed(76.0)],
        spread: 1.0,
    },
    Spec {
        id: "basic-applications-pct",
        proxies: &[(Mic2017, 0.45), (Dti2022, 0.3), (Webpage, 0.25)],
        level: [Assumed(65.0), Assumed(60.0)],
        spread: 1.0,
    },
    Spec {
        id: "specialised-databases-pct",
        proxies: &[(Mic2017, 0.4), (Dti2022, 0.3), (Grdp, 0.3)],
        level: [Assumed(35.0), Assumed(30.0)],
        spread: 1.0,
    },
    Spec {
        id: "electronic-documents-pct",
        proxies: &[(Mic2017, 0.4), (Portal, 0.3), (Dti2022, 0.3)],
        level: [Assumed(70.0), Assumed(62.0)],
        spread: 1.0,
    },
    Spec {
        id: "open-source-use-pct",
        proxies: &[(Mic2017, 0.5), (Egov, 0.25), (Webpage, 0.25)],
        level: [Assumed(20.0), Assumed(18.0)],
        spread: 1.0,
    },
    Spec {
        id: "level34-services-with-applications-pct",
        proxies: &[(RegisteredOnline, 0.4), (Portal, 0.3), (Mic2017, 0.3)],
        level: [Assumed(35.0), Assumed(28.0)],
        spread: 1.0,
    },
    Spec {
        id: "level4-application-share-pct",
        proxies: &[
            (RegisteredOnline, 0.4),
            (RegistrationIt, 0.3),
            (Dti2022, 0.3),
        ],
        level: [Assumed(12.0), Assumed(9.0)],
        spread: 1.0,
    },
    Spec {
        id: "level3-application-share-pct",
        proxies: &[(RegisteredOnline, 0.35), (Portal, 0.35), (Webpage, 0.3)],
        level: [Assumed(20.0), Assumed(16.0)],
        spread: 1.0,
    },
    Spec {
        id: "level12-services-complete-pct",
        proxies: &[(Webpage, 0.5), (Portal, 0.25), (Egov, 0.25)],
        level: [Assumed(88.0), Assumed(84.0)],
        spread: 1.0,
    },
    Spec {
        id: "services-on-national-portal-pct",
        proxies: &[(Dti2022, 0.5), (Mic2017, 0.3), (RegisteredOnline, 0.2)],
        level: [Assumed(12.0), Assumed(8.0)],
        spread: 1.0,
    },
];

pub fn spec(id: &str) -> Result<&'static Spec, String> {
    SPECS
        .iter()
        .find(|s| s.id == id)
        .ok_or(format!("no prior model for indicator {id}"))
}

impl Spec {
    pub fn level_of(&self, year: u16) -> Level {
        self.level[usize::from(year <= 2018)]
    }

    /// The bilingual description of the model (for the provenance badge).
    pub fn describe(&self, year: u16) -> Text {
        let names: Vec<Text> = self.proxies.iter().map(|(p, _)| p.label(year)).collect();
        let join = |en: bool| {
            names
                .iter()
                .map(|t| t.get(en).to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        Text {
            vi: format!("Mô hình ước tính theo: {}", join(false)),
            en: format!("Estimated from a model of: {}", join(true)),
        }
    }
}

/// Standardised proxy column: transformed (log of money and people, the rank of DTI turned
/// round), missing ministry-2017 scores placed below the 53 shown (ordered by DTI 2022), then
/// z-scores winsorised at ±2.5.
fn standardised(
    p: Proxy,
    year: u16,
    proxies: &Proxies,
    ids: &[String],
) -> Result<Vec<f64>, String> {
    let raw = proxies.column(&p.column(year), ids)?;
    let mut x: Vec<f64> = match p {
        Proxy::Mic2017 => {
            let dti = proxies.full(&Proxy::Dti2022.column(year), ids)?;
            let min = raw.iter().flatten().copied().fold(f64::INFINITY, f64::min);
            let mut missing: Vec<usize> = (0..raw.len()).filter(|&k| raw[k].is_none()).collect();
            missing.sort_by(|&a, &b| dti[a].total_cmp(&dti[b]));
            let mut out: Vec<f64> = raw.iter().map(|v| v.unwrap_or(0.0)).collect();
            for (j, &k) in missing.iter().enumerate() {
                out[k] = min - 0.005 * (j + 1) as f64;
            }
            out
        }
        _ => raw
            .iter()
            .zip(ids)
            .map(|(v, id)| v.ok_or(format!("proxies: {} has no value for {id}", p.column(year))))
            .collect::<Result<_, _>>()?,
    };
    if p == Proxy::Grdp {
        // Bà Rịa–Vũng Tàu's GRDP counts the crude oil of its offshore fields (twice the
        // next province's per capita): it is capped at the next province's level.
        let mut sorted = x.clone();
        sorted.sort_by(|a, b| b.total_cmp(a));
        let cap = sorted.get(1).copied().unwrap_or(f64::INFINITY);
        x.iter_mut().for_each(|v| *v = v.min(cap));
    }
    for v in x.iter_mut() {
        *v = match p {
            Proxy::Grdp | Proxy::Income | Proxy::Population => v.ln(),
            Proxy::Dti2022 => -*v,
            _ => *v,
        };
    }
    Ok(zscores(&x)
        .into_iter()
        .map(|z| z.clamp(-2.5, 2.5))
        .collect())
}

fn zscores(x: &[f64]) -> Vec<f64> {
    let n = x.len() as f64;
    let mean = x.iter().sum::<f64>() / n;
    let sd = (x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n).sqrt();
    x.iter().map(|v| (v - mean) / sd).collect()
}

fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// The prior raw values of one indicator for the provinces `ids`, and the proxy score.
pub fn prior(
    def: &IndicatorDef,
    year: u16,
    proxies: &Proxies,
    ids: &[String],
    population: &[f64],
) -> Result<Vec<f64>, String> {
    let spec = spec(&def.id)?;
    let mut score = vec![0.0; ids.len()];
    for &(p, w) in spec.proxies {
        for (s, z) in score.iter_mut().zip(standardised(p, year, proxies, ids)?) {
            *s += w * z;
        }
    }
    let z = zscores(&score);
    let [lo, hi] = def.plausible;
    let curve = |a: f64| -> Vec<f64> {
        z.iter()
            .map(|z| lo + (hi - lo) * logistic(a + spec.spread * z))
            .collect()
    };
    let total: f64 = population.iter().sum();
    let mean = |v: &[f64]| v.iter().zip(population).map(|(v, p)| v * p).sum::<f64>() / total;
    let target = spec.level_of(year).value();
    // The population-weighted mean rises with the level: bisection.
    let (mut a, mut b) = (-12.0, 12.0);
    for _ in 0..100 {
        let m = (a + b) / 2.0;
        if mean(&curve(m)) < target {
            a = m;
        } else {
            b = m;
        }
    }
    Ok(curve((a + b) / 2.0))
}

/// Population of each province (census 2019), in the order of `ids`.
pub fn population(proxies: &Proxies, ids: &[String]) -> Result<Vec<f64>, String> {
    proxies.full(&Proxy::Population.column(2019), ids)
}

/// The priors of every indicator of an edition, indicator-major (`[i][p]`).
pub fn edition_priors(meta: &EditionMeta, proxies: &Proxies) -> Result<Vec<Vec<f64>>, String> {
    let ids: Vec<String> = meta.provinces.iter().map(|p| p.id.clone()).collect();
    let pop = population(proxies, &ids)?;
    meta.methodology
        .indicators
        .iter()
        .map(|d| prior(d, meta.year, proxies, &ids, &pop))
        .collect()
}
