//! Criterion benchmark of one full recompute: 63 provinces, every indicator of 2019.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use ict_engine::{builtin, compute, Scenario};

fn full_recompute(c: &mut Criterion) {
    let model = builtin::model(2019).expect("built-in 2019 edition");
    let mut scenario = Scenario::default();
    scenario.set("22", "households-with-computer-pct", 90.0);
    scenario.set("22", "fixed-broadband-per-100", 40.0);
    let params = model.params(&scenario.settings).expect("official settings");
    let values = model.apply(&scenario).expect("valid scenario");
    c.bench_function("compute 2019 (63 provinces, 29 indicators)", |b| {
        b.iter(|| compute(black_box(&model), black_box(&params), black_box(&values)))
    });
    c.bench_function("evaluate scenario 2019 (apply + params + compute)", |b| {
        b.iter(|| model.evaluate(black_box(&scenario)))
    });
}

criterion_group!(benches, full_recompute);
criterion_main!(benches);
