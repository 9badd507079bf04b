//! Notices: a refused address says why, and still lets the host page's query say where the
//! page starts.

mod common;

use std::collections::BTreeMap;

use common::{editions, fresh};
use ict_engine::address::{encode, read, AddressError, Misfit, UrlState};
use ict_engine::numfmt::Lang;
use ict_engine::{Scenario, PUBLISHED_SET};
use ict_state::{AppState, ImportedCells, LoadReport, Notice, Start};

/// The notice shown, if any.
fn notices(s: &AppState) -> Vec<Notice> {
    s.notice.iter().cloned().collect()
}

/// The state at start-up with this address (the text after `#`), store and imported data.
fn start(address: &str, store: LoadReport, imported: BTreeMap<u16, ImportedCells>) -> AppState {
    AppState::new(editions(), read(address), false, store, imported)
}

/// An address of the 63 provinces, in English: edition, province and scenario.
fn address_with(year: u16, province: &str, scenario: Scenario) -> String {
    encode(&UrlState {
        year,
        province: province.into(),
        lang: Lang::En,
        scenario,
        provinces: PUBLISHED_SET.into(),
    })
}

/// Each reason an address is refused, from the codec (damaged, later format, unknown set) or
/// from the data (edition, province, a value, a weight): the notice carries it, the message
/// names it in both languages, and the page shows the default edition's baseline.
#[test]
fn each_refused_address_names_its_reason() {
    let broadband = "fixed-broadband-per-100";
    let mut out_of_range = Scenario::default();
    out_of_range.set("22", broadband, 1e9);
    let mut unknown_indicator = Scenario::default();
    unknown_indicator.set("22", "no-such-indicator", 1.0);
    let mut negative_weight = Scenario::default();
    negative_weight
        .settings
        .weights
        .insert(broadband.into(), -1.0);
    let mut unknown_node = Scenario::default();
    unknown_node
        .settings
        .weights
        .insert("no-such-node".into(), 1.0);
    let unknown_set = encode(&UrlState {
        year: 2019,
        province: "22".into(),
        lang: Lang::En,
        scenario: Scenario::default(),
        provinces: "35".into(),
    });
    let cases = [
        ("#v1.@@@".to_string(), AddressError::Damaged, "hỏng"),
        ("v7.abc".into(), AddressError::Version("v7".into()), "v7"),
        (
            unknown_set,
            AddressError::ProvinceSet(Some("35".into())),
            "\"35\"",
        ),
        (
            address_with(1999, "22", Scenario::default()),
            AddressError::NotInData(Misfit::Year(1999)),
            "1999",
        ),
        (
            address_with(2019, "99", Scenario::default()),
            AddressError::NotInData(Misfit::Province {
                province: "99".into(),
                year: 2019,
            }),
            "\"99\"",
        ),
        (
            address_with(2019, "22", out_of_range),
            AddressError::NotInData(Misfit::Values { year: 2019 }),
            "khoảng hợp lệ",
        ),
        (
            address_with(2018, "22", unknown_indicator),
            AddressError::NotInData(Misfit::Values { year: 2018 }),
            "2018",
        ),
        (
            address_with(2019, "22", negative_weight),
            AddressError::NotInData(Misfit::Weights { year: 2019 }),
            "trọng số",
        ),
        (
            address_with(2019, "22", unknown_node),
            AddressError::NotInData(Misfit::Weights { year: 2019 }),
            "trọng số",
        ),
    ];
    let base = fresh();
    for (address, reason, named) in cases {
        let s = start(&address, LoadReport::default(), BTreeMap::new());
        assert_eq!(notices(&s), [Notice::BadLink(reason.clone())], "{address}");
        assert!(reason.message().vi.contains(named), "{reason:?}");
        // Nothing of the address applied: not even its language.
        assert_eq!(
            (s.lang, s.year, &s.province, &s.scenarios),
            (base.lang, base.year, &base.province, &base.scenarios)
        );
        assert_eq!(s.current, base.current);
        assert!(!s.from_address);
    }
}

/// The case: a refused address and a host page asking for Đà Nẵng (48) in English:
/// the page opens on 48 in English, with the bad-link notice and its reason. The same for an
/// address that reads but names an edition the tool does not have; an address that is
/// applied wins over the query.
#[test]
fn a_refused_address_still_starts_where_the_query_asks() {
    let query = Start {
        year: None,
        province: Some("48".into()),
        lang: Some(Lang::En),
    };
    let s = start("#v1.@@@", LoadReport::default(), BTreeMap::new()).start_at(&query);
    assert_eq!((s.province.as_str(), s.lang), ("48", Lang::En));
    assert_eq!(notices(&s), [Notice::BadLink(AddressError::Damaged)]);
    assert_eq!(s.current, *s.baseline());
    assert_eq!(
        s.current.score(s.model().root(), s.p()),
        s.baseline().score(s.model().root(), s.p())
    );
    let misfit = AddressError::NotInData(Misfit::Year(1999));
    assert!(misfit.message().en.contains("1999 edition"));
    let s = start(
        &address_with(1999, "22", Scenario::default()),
        LoadReport::default(),
        BTreeMap::new(),
    )
    .start_at(&Start {
        year: Some(2018),
        ..query.clone()
    });
    assert_eq!(
        (s.year, s.province.as_str(), s.lang),
        (2018, "48", Lang::En)
    );
    assert_eq!(notices(&s), [Notice::BadLink(misfit)]);
    // An address applied: the query changes nothing.
    let mut scenario = Scenario::default();
    scenario.set("01", "fixed-broadband-per-100", 40.0);
    let s = start(
        &address_with(2019, "01", scenario.clone()),
        LoadReport::default(),
        BTreeMap::new(),
    );
    assert!(s.from_address && s.notice.is_none());
    let started = s.clone().start_at(&Start {
        year: Some(2018),
        province: Some("48".into()),
        lang: Some(Lang::Vi),
    });
    assert_eq!(started, s);
    assert_eq!(
        (started.year, started.province.as_str(), started.lang),
        (2019, "01", Lang::En)
    );
    assert_eq!(started.scenario(), scenario);
}
