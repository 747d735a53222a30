fn main() {
    let d = article_worker::language::Detector::new(&article_worker::settings::LanguageSettings { min_confidence: std::env::var("MC").ok().and_then(|v| v.parse().ok()).unwrap_or(0.2), hint_margin: 0.1, sample_chars: 2000 });
    let path = std::env::args().nth(1).unwrap();
    let want = std::env::args().nth(2).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    if want == "speed" {
        let lines: Vec<&str> = text.lines().collect();
        let t = std::time::Instant::now();
        for _ in 0..3 { for l in &lines { std::hint::black_box(d.detect(l, None)); } }
        println!("{:.0}/s", 3.0 * lines.len() as f64 / t.elapsed().as_secs_f64());
        return;
    }
    for line in text.lines() {
        let r = d.detect(line, None);
        if r.code != want { println!("{} {:.2} {:?} | {}", r.code, r.confidence, r.alternatives.iter().map(|a| format!("{}:{:.2}", a.code, a.confidence)).collect::<Vec<_>>(), line.chars().take(100).collect::<String>()); }
    }
}
