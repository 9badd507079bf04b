//! Notices: several stand together, each dismissed by its id (an id that has gone dismisses
//! nothing); every refusal at start-up says why (the address, the store, the imported data),
//! and a refused address still lets the host page's query say where the page starts.

mod common;

use std::collections::BTreeMap;

use common::{editions, fresh};
use ict_engine::address::{encode, read, AddressError, Misfit, UrlState};
use ict_engine::numfmt::Lang;
use ict_engine::{Scenario, Text, PUBLISHED_SET};
use ict_state::{parse_store, Action, AppState, ImportedCells, LoadReport, Notice, Start};

fn run(s: AppState, actions: impl IntoIterator<Item = Action>) -> AppState {
    actions.into_iter().fold(s, |s, a| s.reduce(a))
}

/// The notices shown, oldest first (without their ids).
fn notices(s: &AppState) -> Vec<Notice> {
    s.notices.iter().map(|(_, n)| n.clone()).collect()
}

/// The state at start-up with this address (the text after `#`), store and imported data.
fn start(address: &str, store: LoadReport, imported: BTreeMap<u16, ImportedCells>) -> AppState {
    AppState::new(editions(), read(address), false, store, imported)
}

/// Why file `k` was refused.
fn why(k: u8) -> Text {
    Text {
        vi: format!("tệp {k} hỏng"),
        en: format!("file {k} damaged"),
    }
}

fn file_rejected(k: u8) -> Action {
    Action::FileRejected(why(k))
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

/// A corrupt store and a damaged link: both notices, the store's first; dismissing the link's
/// leaves the store's; its id, used again, does nothing.
#[test]
fn a_bad_link_and_a_corrupt_store_are_both_shown() {
    let e = editions();
    let store = parse_store(Some("{ not a list"), &e.all_models());
    assert!(store.corrupt);
    let s = start("#v1.@@@", store, BTreeMap::new());
    assert_eq!(
        notices(&s),
        [
            Notice::StoreUnreadable {
                unreadable: 0,
                corrupt: true,
                backed_up: true,
            },
            Notice::BadLink(AddressError::Damaged),
        ]
    );
    let ids: Vec<_> = s.notices.iter().map(|(id, _)| id).collect();
    assert_ne!(ids[0], ids[1]);
    let s = s.reduce(Action::Dismiss(ids[1]));
    assert_eq!(
        notices(&s),
        [Notice::StoreUnreadable {
            unreadable: 0,
            corrupt: true,
            backed_up: true,
        }]
    );
    assert_eq!(s.notices.get(ids[0]), notices(&s).first());
    let again = s.reduce(Action::Dismiss(ids[1]));
    assert_eq!(again, s);
    assert!(s.reduce(Action::Dismiss(ids[0])).notices.is_empty());
}

/// Entries of the store that cannot be read, imported data that no longer fit (an unknown
/// indicator in 2018, an edition the tool does not have) and a link of a later format: one
/// notice each, with its reason and counts; the imported data that fit are applied.
#[test]
fn every_refusal_at_start_up_says_why() {
    let e = editions();
    let store = parse_store(
        Some(r#"[{"id": "a", "version": 99}, {"no": "id"}]"#),
        &e.all_models(),
    );
    assert_eq!((store.unreadable, store.corrupt), (2, false));
    let fits = (
        "22".to_string(),
        "fixed-broadband-per-100".to_string(),
        40.0,
    );
    let s = start(
        "#v4.abc",
        store,
        BTreeMap::from([
            (2016, vec![fits.clone()]),
            (2018, vec![("22".into(), "no-such-indicator".into(), 1.0)]),
            (2019, vec![fits.clone()]),
        ]),
    );
    assert_eq!(
        notices(&s),
        [
            Notice::StoreUnreadable {
                unreadable: 2,
                corrupt: false,
                backed_up: true,
            },
            Notice::ImportedUnfit(vec![2018, 2016]),
            Notice::BadLink(AddressError::Version("v4".into())),
        ]
    );
    assert_eq!(s.imported.get(&2019), Some(&vec![fits.clone()]));
    assert_eq!(s.imported.len(), 1);
    // What did not fit stays in the browser as it was ("kept untouched"), whatever is done to
    // the data that fit: another import, or the built-in data again for the one edition that
    // had imported data (nothing then applied, the unfit data still kept).
    let unfit = BTreeMap::from([
        (2016, vec![fits.clone()]),
        (2018, vec![("22".into(), "no-such-indicator".into(), 1.0)]),
    ]);
    assert_eq!(s.imported_unfit, unfit);
    let mut kept = unfit.clone();
    kept.insert(2019, vec![fits.clone()]);
    assert_eq!(s.imported_to_keep(), kept);
    // Imported data that could not be read at all are said with the saved scenarios' report.
    let read = s
        .clone()
        .awaiting_store()
        .reduce(Action::StoreRead(LoadReport {
            imported_unreadable: true,
            ..LoadReport::default()
        }));
    assert_eq!(
        notices(&read).last(),
        Some(&Notice::ImportedUnreadable { backed_up: true })
    );
    let mut again = s.clone();
    assert!(again.import_cells(2019, Vec::new()));
    assert!(again.imported.is_empty());
    assert_eq!(again.imported_to_keep(), unfit);
    let i = s
        .model()
        .indicator_index("fixed-broadband-per-100")
        .expect("indicator");
    assert_eq!(s.model().baseline_value(i, s.p()), 40.0);
    assert!(!s.from_address);
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

/// The issue's case: a refused address and a host page asking for Đà Nẵng (48) in English:
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
    assert!(s.from_address && s.notices.is_empty());
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

/// Refusals stand together, each once; transient news replace their kind's last one (a new
/// id, last); reset takes away the news and keeps the refusals; a dismissal by an id read
/// before other notices came takes away that one only.
#[test]
fn notices_stand_together_and_go_one_by_one() {
    let s = run(
        fresh(),
        [
            file_rejected(1),
            Action::StoreFailed,
            file_rejected(2),
            Action::StoreFailed,
            file_rejected(1),
        ],
    );
    let refusals = vec![
        Notice::FileRejected(why(1)),
        Notice::StoreFailed,
        Notice::FileRejected(why(2)),
    ];
    assert_eq!(notices(&s), refusals);
    // Undo with nothing to undo, twice: one notice, a new id the second time.
    let once = s.reduce(Action::Undo);
    let (first_id, last) = once.notices.iter().last().expect("a notice");
    assert_eq!(last, &Notice::NothingToUndo);
    let twice = once.reduce(Action::Undo);
    let (second_id, _) = twice.notices.iter().last().expect("a notice");
    assert_ne!(first_id, second_id);
    assert_eq!(twice.notices.len(), 4);
    // The replaced one's id dismisses nothing.
    assert_eq!(twice.reduce(Action::Dismiss(first_id)), twice);
    let preset = twice.editions.presets[0].id.clone();
    let s = run(
        twice,
        [
            Action::Redo,
            Action::Preset(preset.clone()),
            Action::Preset(preset.clone()),
        ],
    );
    let mut expected = refusals.clone();
    expected.extend([
        Notice::NothingToUndo,
        Notice::NothingToRedo,
        Notice::PresetApplied(preset),
    ]);
    assert_eq!(notices(&s), expected);
    let reset = s.reduce(Action::Reset);
    assert_eq!(notices(&reset), refusals);
    // The page showed the three refusals; a fourth comes before the click on the second.
    let read_ids: Vec<_> = reset.notices.iter().map(|(id, _)| id).collect();
    let clicked = reset
        .reduce(file_rejected(3))
        .reduce(Action::Dismiss(read_ids[1]));
    assert_eq!(
        notices(&clicked),
        [
            refusals[0].clone(),
            refusals[2].clone(),
            Notice::FileRejected(why(3)),
        ]
    );
    // A dismissal is no undo step.
    assert_eq!(clicked.history.depth(), reset.history.depth());
}

/// The dismissal travels as data: its id survives the binary form.
#[test]
fn a_dismissal_round_trips_through_its_binary_form() {
    let s = fresh().reduce(Action::StoreFailed);
    let (id, _) = s.notices.iter().next().expect("a notice");
    let bytes = ict_engine::wire::to_bytes(&Action::Dismiss(id)).expect("bytes");
    let back: Action = ict_engine::wire::from_bytes(&bytes).expect("read back");
    assert_eq!(back, Action::Dismiss(id));
    assert!(s.reduce(back).notices.is_empty());
}

/// The saved scenarios read a moment after start-up (by the app's second module): once, with
/// the notice of what could not be read, and a scenario saved meanwhile kept after them.
#[test]
fn the_store_read_after_start_up() {
    let e = editions();
    let models = e.all_models();
    let first = run(
        fresh(),
        [Action::SaveCurrent {
            name: "Một".into(),
            id: "a".into(),
            created: "2026-12-06T00:00:00Z".into(),
        }],
    );
    let text = ict_state::store_json(&first.saved).expect("json");
    // One readable entry and one that is not.
    let text = text.replacen(
        '[',
        "[{\"id\": \"x\", \"schema\": \"ict-index-scenario/9\"},",
        1,
    );
    let report = parse_store(Some(&text), &models);
    assert_eq!((report.saved.len(), report.unreadable), (1, 1));
    let s = AppState::new(
        editions(),
        None,
        false,
        LoadReport::default(),
        BTreeMap::new(),
    )
    .awaiting_store();
    assert!(!s.store_read && s.saved.is_empty() && s.notices.is_empty());
    // Saved meanwhile.
    let s = s.reduce(Action::SaveCurrent {
        name: "Hai".into(),
        id: "b".into(),
        created: "2026-12-06T00:00:01Z".into(),
    });
    let s = s.reduce(Action::StoreRead(report.clone()));
    assert!(s.store_read);
    let ids: Vec<&str> = s.saved.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["a", "b"]);
    assert_eq!(
        notices(&s),
        [Notice::StoreUnreadable {
            unreadable: 1,
            corrupt: false,
            backed_up: true,
        }]
    );
    // Once: a second report changes nothing.
    let again = s.reduce(Action::StoreRead(LoadReport::default()));
    assert_eq!(again.saved, s.saved);
    // Through its binary form, as the second module sends it.
    let bytes = ict_engine::wire::to_bytes(&Action::StoreRead(report.clone())).expect("bytes");
    assert_eq!(
        ict_engine::wire::from_bytes::<Action>(&bytes).expect("read back"),
        Action::StoreRead(report)
    );
}

/// Unreadable data that could not be backed up (the browser's storage full or blocked) are
/// not said to be backed up: each notice carries whether they were.
#[test]
fn a_backup_that_failed_is_not_claimed() {
    let read = fresh()
        .awaiting_store()
        .reduce(Action::StoreRead(LoadReport {
            unreadable: 1,
            imported_unreadable: true,
            backup_failed: true,
            imported_backup_failed: false,
            ..LoadReport::default()
        }));
    assert_eq!(
        notices(&read),
        [
            Notice::StoreUnreadable {
                unreadable: 1,
                corrupt: false,
                backed_up: false,
            },
            Notice::ImportedUnreadable { backed_up: true },
        ]
    );
    let read = fresh()
        .awaiting_store()
        .reduce(Action::StoreRead(LoadReport {
            corrupt: true,
            imported_unreadable: true,
            imported_backup_failed: true,
            ..LoadReport::default()
        }));
    assert_eq!(
        notices(&read),
        [
            Notice::StoreUnreadable {
                unreadable: 0,
                corrupt: true,
                backed_up: true,
            },
            Notice::ImportedUnreadable { backed_up: false },
        ]
    );
}
