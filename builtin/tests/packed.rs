//! The binary form of the built-in data gives exactly what the JSON files of `data/` give.

use ict_builtin::Builtin;
use ict_engine::{builtin, packed::Packed, wire};

#[test]
fn the_binary_form_is_the_data_files_to_the_last_bit() {
    let b = Builtin::load().expect("binary form");
    assert_eq!(b.years(), builtin::years());
    for (edition, year) in b.editions.iter().zip(builtin::years()) {
        let json = builtin::edition(year).expect("data files");
        assert_eq!(edition.meta, json.meta, "{year}");
        assert_eq!(edition.published, json.published, "{year}");
        assert_eq!(edition.values.published, json.values.published, "{year}");
        assert_eq!(edition.values.estimates, json.values.estimates, "{year}");
        let mut cells = 0;
        for (province, row) in &json.values.values {
            let packed = &edition.values.values[province];
            assert_eq!(packed.len(), row.len(), "{year} {province}");
            for (id, v) in row {
                assert_eq!(packed[id].to_bits(), v.to_bits(), "{year} {province} {id}");
                cells += 1;
            }
        }
        assert_eq!(cells, 63 * json.meta.methodology.indicators.len());
        // The same model, the same baseline scores.
        let (a, b) = (
            ict_engine::Model::new(edition.clone()).expect("model"),
            builtin::model(year).expect("model"),
        );
        assert_eq!(a.baseline(), b.baseline());
    }
    for set in &b.province_sets {
        assert_eq!(*set, builtin::province_set(&set.id).expect("set"));
    }
    assert_eq!(
        b.province_sets
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>(),
        builtin::PROVINCE_SET_IDS
    );
    assert_eq!(b.presets, builtin::presets().expect("presets"));
    assert_eq!(
        b.model_in(2019, "34").expect("34").baseline(),
        builtin::model_in(2019, "34").expect("34").baseline()
    );
}

#[test]
fn a_damaged_binary_form_is_an_error_not_a_panic() {
    let bytes = ict_builtin::BYTES;
    // Every cut, and bytes changed at fixed places.
    for end in (0..bytes.len()).step_by(97) {
        assert!(Packed::from_bytes(&bytes[..end]).is_err(), "cut at {end}");
    }
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..300 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let mut damaged = bytes.to_vec();
        let at = (x as usize) % damaged.len();
        damaged[at] ^= (x >> 32) as u8 | 1;
        // Either an error or data that decodes (a changed letter of a name): never a panic.
        let _ = Packed::from_bytes(&damaged);
    }
    let mut longer = bytes.to_vec();
    longer.push(0);
    assert!(wire::from_bytes::<Packed>(&longer).is_err());
}
