//! Criterion benchmarks of the language stage: a headline, a sentence, a long article and a
//! mixed Arabic/English article, each through `Detector::detect` on one thread.
//!
//! `cargo bench --bench language`

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

use article_worker::language::Detector;
use article_worker::settings::Settings;

const ARABIC: &str = "قال الرئيس المصري في مؤتمر صحفي اليوم إن الحكومة ستواصل العمل على تحسين الأوضاع الاقتصادية في البلاد وتوفير فرص العمل للشباب.";
const PERSIAN: &str = "رئیس‌جمهور در سفر به استان گفت که دولت برای حل مشکلات اقتصادی مردم برنامه‌های تازه‌ای دارد و آن را اجرا خواهد کرد.";
const ENGLISH: &str = "The president said the government would continue to work on improving the economic situation in the country.";

fn detector() -> Detector {
    Detector::new(&Settings::load(None).expect("default settings").language)
}

fn bench(c: &mut Criterion) {
    let d = detector();
    let mut g = c.benchmark_group("language");
    g.bench_function("start-up", |b| b.iter(|| black_box(detector())));
    g.throughput(Throughput::Elements(1));
    g.bench_function("headline_fa", |b| {
        b.iter(|| d.detect(black_box("رئیس‌جمهور در سفر به استان گفت"), None))
    });
    g.bench_function("sentence_ar", |b| {
        b.iter(|| d.detect(black_box(ARABIC), None))
    });
    g.bench_function("sentence_en", |b| {
        b.iter(|| d.detect(black_box(ENGLISH), None))
    });
    let long = [PERSIAN; 60].join("\n\n");
    g.bench_function("article_fa_8k_chars", |b| {
        b.iter(|| d.detect(black_box(&long), None))
    });
    let mixed = [ARABIC, ARABIC, ENGLISH, ARABIC, ENGLISH, ARABIC]
        .repeat(10)
        .join("\n");
    g.bench_function("article_mixed_ar_en", |b| {
        b.iter(|| d.detect(black_box(&mixed), None))
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
