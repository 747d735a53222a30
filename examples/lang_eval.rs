use lingua::{Language::*, LanguageDetectorBuilder};
use std::time::Instant;
fn main() {
    let t = Instant::now();
    let langs = [Arabic, Persian, Urdu, English, French, German, Spanish, Russian, Turkish, Chinese, Hebrew, Hindi];
    let d = LanguageDetectorBuilder::from_languages(&langs).with_preloaded_language_models().build();
    println!("startup {:?}", t.elapsed());
    let base = std::env::var("HOME").unwrap() + "/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/";
    for l in ["english", "arabic", "persian"] {
        let s = std::fs::read_to_string(format!("{base}lingua-{l}-language-model-1.3.0/testdata/sentences.txt")).unwrap();
        let t = Instant::now();
        let mut n = 0;
        for line in s.lines() { if d.detect_language_of(line).is_some() { n += 1; } }
        println!("{l} {} sentences/s ({n})", 1000.0 / t.elapsed().as_secs_f64());
        let t = Instant::now();
        for line in s.lines() { let _ = whatlang::detect(line); }
        println!("{l} whatlang {} sentences/s", 1000.0 / t.elapsed().as_secs_f64());
    }
    let st = std::fs::read_to_string("/proc/self/status").unwrap();
    for l in st.lines() { if l.starts_with("VmRSS") || l.starts_with("VmHWM") { println!("{l}"); } }
}
