//! Criterion benchmarks of the decision aids on Quảng Ninh 2019: goal-seeking plans to rank 2
//! and rank 1 (goal ≤ 50 ms each), levers, and the Monte Carlo rank interval with 10,000 draws
//! (goal ≤ 100 ms).

use std::time::Duration;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use ict_engine::analysis::{levers, rank_interval, seek_plan, seek_single, trend_values, Goal};
use ict_engine::{builtin, Scenario};

fn analysis(c: &mut Criterion) {
    let model = builtin::model(2019).expect("built-in 2019 edition");
    let older = builtin::model(2018).expect("built-in 2018 edition");
    let scenario = Scenario::default();
    let params = model.params(&scenario.settings).expect("official settings");
    let values = model.apply(&scenario).expect("valid scenario");
    let p = model.province_index("22").expect("Quảng Ninh");
    let bw = model
        .indicator_index("bandwidth-per-civil-servant-mbps")
        .expect("indicator");
    let trend = trend_values(&model, &older);

    let mut g = c.benchmark_group("analysis QN 2019");
    g.sample_size(20).measurement_time(Duration::from_secs(4));
    g.bench_function("seek_plan rank 2", |b| {
        b.iter(|| {
            seek_plan(
                &model,
                &params,
                black_box(&values),
                p,
                Goal::rank_at_most(2),
            )
        })
    });
    g.bench_function("seek_plan rank 1", |b| {
        b.iter(|| {
            seek_plan(
                &model,
                &params,
                black_box(&values),
                p,
                Goal::rank_at_most(1),
            )
        })
    });
    g.bench_function("seek_single rank 2 (bandwidth)", |b| {
        b.iter(|| {
            seek_single(
                &model,
                &params,
                black_box(&values),
                p,
                bw,
                Goal::rank_at_most(2),
            )
        })
    });
    g.bench_function("levers", |b| {
        b.iter(|| levers(&model, &params, black_box(&values), p))
    });
    g.bench_function("rank_interval 10,000 draws", |b| {
        b.iter(|| rank_interval(&model, &params, black_box(&values), p, None, 10_000, 7))
    });
    g.bench_function("rank_interval 10,000 draws, trend base", |b| {
        b.iter(|| {
            rank_interval(
                &model,
                &params,
                black_box(&values),
                p,
                Some(&trend),
                10_000,
                7,
            )
        })
    });
    g.finish();
}

criterion_group!(benches, analysis);
criterion_main!(benches);
