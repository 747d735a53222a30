//! Measures duplicate detection on a labelled stream built from real articles.
//!
//! ```text
//! cargo run --release --example dedup_eval -- [--corpus DIR] [--seeds DIR] [--seed N]
//!     [--copies FRACTION] [--threshold T] [--scale N,N,…]
//! ```
//!
//! The stream: every article of `../shared/corpus/{ar,fa,en,de}` and the seeds, shuffled with
//! `--seed`; for a share of them (`--copies`, default 0.5) one to three republished copies with
//! realistic edits, each placed after its original. Edit kinds:
//! - `exact`: the same text;
//! - `forms`: other letter forms (ي/ی, ك/ک, hamza, ZWNJ, diacritics, tatweel), other digits
//!   (٠-٩, ۰-۹) and other quotation marks;
//! - `headline`: the first line replaced by another article's headline;
//! - `byline`: a byline or agency credit added at the top and a credit at the end;
//! - `words`: about one word in fifty replaced, deleted or duplicated;
//! - `trimmed`: the first 60% of the article (cut at a word boundary);
//! - `combined`: new headline, byline, other forms, changed words and trimmed to 70-90%.
//!
//! Originals that already copy each other in the corpus (containment of the shorter's word
//! 4-grams of 0.5 or more, computed exactly) would be unlabelled duplicates; all but the first
//! of each are left out, and their number printed. The seeds 000/003 (two reports of one
//! meeting) and 002/004 (one report in two languages) stay in as distinct originals.
//!
//! Scoring over duplicate pairs: an article answered as a duplicate of an article of its own
//! group is a true positive; of another group, a false positive (and, if it was a copy, also a
//! false negative); a copy answered as unique, a false negative. Then throughput (one thread,
//! fingerprint and memory store), and the bytes an article takes in the embedded store at each
//! `--scale` (default 100000,1000000), filled with distinct synthetic fingerprints.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use article_worker::dedup::fingerprint::{fingerprint, Fingerprint, SKETCH_BINS};
use article_worker::dedup::store::embedded::EmbeddedStore;
use article_worker::dedup::store::{DedupMode, Query, Store};
use article_worker::dedup::Dedup;
use article_worker::message::DedupStatus;
use article_worker::settings::Settings;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 * 1.0 < p
    }
}

#[derive(Clone)]
struct Doc {
    id: String,
    lang: String,
    text: String,
}

struct Item {
    id: String,
    group: usize,
    kind: &'static str,
    text: String,
    expect_exact: bool,
}

const KINDS: [&str; 7] = [
    "exact", "forms", "headline", "byline", "words", "trimmed", "combined",
];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
    };
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let corpus = arg("--corpus")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../shared/corpus"));
    let corpus = if corpus.exists() {
        corpus
    } else {
        PathBuf::from("/work/shared/corpus")
    };
    let seeds = arg("--seeds")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("seeds"));
    let seed: u64 = arg("--seed").map_or(42, |s| s.parse().expect("--seed N"));
    let copies: f64 = arg("--copies").map_or(0.5, |s| s.parse().expect("--copies F"));
    let scales: Vec<usize> = arg("--scale")
        .unwrap_or_else(|| "100000,1000000".into())
        .split(',')
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().expect("--scale N,N"))
        .collect();
    let mut settings = Settings::load_with_env(None, Vec::new())
        .expect("default settings")
        .dedup;
    if let Some(t) = arg("--threshold") {
        settings.threshold = t.parse().expect("--threshold T");
    }

    let mut docs = Vec::new();
    for lang in ["ar", "fa", "en", "de"] {
        docs.extend(read_dir(&corpus.join(lang), lang));
    }
    let seed_docs = read_dir(&seeds, "seed");
    println!(
        "corpus: {} articles from {}; seeds: {}",
        docs.len(),
        corpus.display(),
        seed_docs.len()
    );
    let seed_sim = |a: &str, b: &str| {
        let find = |p: &str| {
            seed_docs
                .iter()
                .find(|d| d.id.starts_with(&format!("seed/{p}")))
                .map(|d| fingerprint(&d.text))
        };
        match (find(a), find(b)) {
            (Some(x), Some(y)) => format!(
                "{:.3}",
                article_worker::dedup::fingerprint::similarity(&x, &y)
            ),
            _ => "n/a".into(),
        }
    };
    println!(
        "seeds: similarity 000/003 (two reports of one meeting) {}, 002/004 (one report, two languages) {}",
        seed_sim("000_", "003_"),
        seed_sim("002_", "004_")
    );
    let before = docs.len();
    let docs = drop_natural_duplicates(docs);
    println!(
        "originals that copy another corpus article (left out): {}",
        before - docs.len()
    );
    let mut originals: Vec<Doc> = docs;
    originals.extend(seed_docs);

    let mut rng = Rng(seed);
    let stream = build_stream(&originals, copies, &mut rng);
    let n_copies = stream.iter().filter(|i| i.kind != "original").count();
    println!(
        "stream: {} articles, {} originals, {} copies (seed {seed}, threshold {})",
        stream.len(),
        stream.len() - n_copies,
        n_copies,
        settings.threshold
    );

    // Detection quality.
    let dedup = Dedup::in_memory(&settings);
    let mut first_of_group: HashMap<usize, usize> = HashMap::new();
    let group_of: HashMap<&str, usize> = stream.iter().map(|i| (i.id.as_str(), i.group)).collect();
    let mut per_kind: HashMap<&str, [usize; 4]> = HashMap::new(); // tp, fp, fn, n
    let mut exact_status = [0usize; 2]; // expected exact: answered exact, answered other
    let mut fp_examples = Vec::new();
    let mut fn_examples = Vec::new();
    let t0 = Instant::now();
    let cpu0 = cpu_time();
    for (n, item) in stream.iter().enumerate() {
        let r = dedup
            .check(&item.id, &item.text, 1_700_000_000_000 + n as u64 * 1000)
            .unwrap();
        let gold_dup = first_of_group.contains_key(&item.group);
        first_of_group.entry(item.group).or_insert(n);
        let c = per_kind.entry(item.kind).or_default();
        c[3] += 1;
        match (&r.duplicate_of, gold_dup) {
            (Some(of), _) if group_of.get(of.as_str()) == Some(&item.group) => c[0] += 1,
            (Some(of), g) => {
                c[1] += 1;
                if g {
                    c[2] += 1;
                }
                if fp_examples.len() < 10 {
                    fp_examples.push(format!(
                        "{} ({}) -> {of} sim {:.3}",
                        item.id, item.kind, r.similarity
                    ));
                }
            }
            (None, true) => {
                c[2] += 1;
                if fn_examples.len() < 10 {
                    let orig = &stream[first_of_group[&item.group]];
                    let (a, b) = (shingle_set(&orig.text), shingle_set(&item.text));
                    let inter = a.intersection(&b).count() as f64;
                    let est = article_worker::dedup::fingerprint::similarity(
                        &fingerprint(&orig.text),
                        &fingerprint(&item.text),
                    );
                    fn_examples.push(format!(
                        "{} ({}): true jaccard {:.3}, containment {:.3}, shingles {} / {}, estimated {:.3}",
                        item.id,
                        item.kind,
                        inter / (a.len() + b.len()) as f64 * 1.0 / (1.0 - inter / (a.len() + b.len()) as f64),
                        inter / a.len().min(b.len()).max(1) as f64,
                        a.len(),
                        b.len(),
                        est
                    ));
                }
            }
            (None, false) => {}
        }
        if item.expect_exact && gold_dup {
            exact_status[usize::from(r.status != DedupStatus::ExactDuplicate)] += 1;
        }
    }
    let elapsed = t0.elapsed();
    let cpu = cpu_time() - cpu0;
    println!();
    println!(
        "{:<10} {:>6} {:>6} {:>5} {:>5} {:>9} {:>9} {:>9}",
        "kind", "n", "tp", "fp", "fn", "precision", "recall", "f1"
    );
    let mut total = [0usize; 4];
    let mut kinds: Vec<&str> = vec!["original"];
    kinds.extend(KINDS);
    for k in kinds {
        let c = per_kind.get(k).copied().unwrap_or_default();
        for i in 0..4 {
            total[i] += c[i];
        }
        print_row(k, c);
    }
    print_row("overall", total);
    println!(
        "copies expected exact (exact, forms) answered exact_duplicate: {} of {}",
        exact_status[0],
        exact_status[0] + exact_status[1]
    );
    for e in &fp_examples {
        println!("  false positive: {e}");
    }
    for e in &fn_examples {
        println!("  false negative: {e}");
    }

    // Throughput, one thread.
    let bytes: usize = stream.iter().map(|i| i.text.len()).sum();
    println!();
    println!(
        "throughput (fingerprint + memory store, one thread, the stream above): {:.0} articles/s, {:.1} MB/s, mean article {} bytes",
        stream.len() as f64 / elapsed.as_secs_f64(),
        bytes as f64 / elapsed.as_secs_f64() / 1e6,
        bytes / stream.len()
    );
    println!(
        "  per CPU second of this process (the machine is shared): {:.0} articles/s, {:.1} MB/s",
        stream.len() as f64 / cpu.as_secs_f64(),
        bytes as f64 / cpu.as_secs_f64() / 1e6
    );
    let cpu0 = cpu_time();
    let mut sink = 0u64;
    for item in &stream {
        sink ^= fingerprint(&item.text).exact as u64;
    }
    let fp_time = cpu_time() - cpu0;
    println!(
        "  of which fingerprinting alone: {:.0} articles/s per CPU second ({sink:x})",
        stream.len() as f64 / fp_time.as_secs_f64()
    );

    // Bytes per article in the embedded store.
    let fps: Vec<Fingerprint> = originals
        .iter()
        .take(2000)
        .map(|d| fingerprint(&d.text))
        .collect();
    for &scale in &scales {
        measure_scale(scale, &fps, &mut rng);
    }
}

/// CPU time of this process (user + system), from /proc: throughput per CPU second does not
/// depend on what else the machine runs.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<u64> = after
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0))
        .collect();
    // Fields 14 and 15 (utime, stime) are the 12th and 13th after the command name.
    let ticks = f.get(11).copied().unwrap_or(0) + f.get(12).copied().unwrap_or(0);
    Duration::from_millis(ticks * 10)
}

fn print_row(kind: &str, c: [usize; 4]) {
    let p = if c[0] + c[1] == 0 {
        1.0
    } else {
        c[0] as f64 / (c[0] + c[1]) as f64
    };
    let r = if c[0] + c[2] == 0 {
        1.0
    } else {
        c[0] as f64 / (c[0] + c[2]) as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    println!(
        "{:<10} {:>6} {:>6} {:>5} {:>5} {:>9.4} {:>9.4} {:>9.4}",
        kind, c[3], c[0], c[1], c[2], p, r, f
    );
}

fn read_dir(dir: &Path, lang: &str) -> Vec<Doc> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| Doc {
            id: format!("{lang}/{}", p.file_stem().unwrap().to_string_lossy()),
            lang: lang.to_owned(),
            text: std::fs::read_to_string(&p).unwrap(),
        })
        .collect()
}

/// Word 4-gram sets, computed exactly, for the clean-up of the originals.
fn shingle_set(text: &str) -> HashSet<u64> {
    let folded = article_worker::text::chars::fold::fold_for_fingerprints(text);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words
        .windows(4)
        .map(|w| xxhash_rust::xxh3::xxh3_64(w.join(" ").as_bytes()))
        .collect()
}

fn drop_natural_duplicates(docs: Vec<Doc>) -> Vec<Doc> {
    let sets: Vec<HashSet<u64>> = docs.iter().map(|d| shingle_set(&d.text)).collect();
    let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
    for (i, s) in sets.iter().enumerate() {
        for &h in s {
            postings.entry(h).or_default().push(i as u32);
        }
    }
    let mut drop = vec![false; docs.len()];
    for (i, s) in sets.iter().enumerate() {
        let mut common: HashMap<u32, usize> = HashMap::new();
        for h in s {
            for &j in &postings[h] {
                if (j as usize) < i && !drop[j as usize] {
                    *common.entry(j).or_default() += 1;
                }
            }
        }
        for (j, c) in common {
            let small = s.len().min(sets[j as usize].len()).max(1);
            if c as f64 / small as f64 >= 0.5 {
                drop[i] = true;
                break;
            }
        }
    }
    docs.into_iter()
        .zip(drop)
        .filter(|(_, d)| !d)
        .map(|(d, _)| d)
        .collect()
}

fn build_stream(originals: &[Doc], copies: f64, rng: &mut Rng) -> Vec<Item> {
    let mut order: Vec<usize> = (0..originals.len()).collect();
    for i in (1..order.len()).rev() {
        let j = rng.below(i + 1);
        order.swap(i, j);
    }
    // (position key, item)
    let mut keyed: Vec<(u64, Item)> = Vec::new();
    for (pos, &o) in order.iter().enumerate() {
        let doc = &originals[o];
        let base = pos as u64 * 1000;
        keyed.push((
            base,
            Item {
                id: doc.id.clone(),
                group: o,
                kind: "original",
                text: doc.text.clone(),
                expect_exact: false,
            },
        ));
        if !rng.chance(copies) {
            continue;
        }
        let n = 1 + rng.below(3);
        for c in 0..n {
            let kind = KINDS[rng.below(KINDS.len())];
            let other = &originals[rng.below(originals.len())];
            let text = edit(doc, other, kind, rng);
            // Copies arrive up to ~300 articles later.
            let delay = 1 + rng.below(300_000) as u64;
            keyed.push((
                base + delay,
                Item {
                    id: format!("{}#copy{c}-{kind}", doc.id),
                    group: o,
                    kind,
                    text,
                    expect_exact: kind == "exact" || kind == "forms",
                },
            ));
        }
    }
    keyed.sort_by_key(|(k, _)| *k);
    keyed.into_iter().map(|(_, i)| i).collect()
}

fn edit(doc: &Doc, other: &Doc, kind: &str, rng: &mut Rng) -> String {
    let t = &doc.text;
    match kind {
        "exact" => t.clone(),
        "forms" => forms(t, rng),
        "headline" => new_headline(t, other),
        "byline" => byline(t, &doc.lang, rng),
        "words" => change_words(t, rng),
        "trimmed" => trim(t, 0.6),
        _ => {
            let frac = 0.7 + rng.below(21) as f64 / 100.0;
            let t = trim(t, frac);
            let t = change_words(&t, rng);
            let t = forms(&t, rng);
            let t = new_headline(&t, other);
            byline(&t, &doc.lang, rng)
        }
    }
}

/// Other letter, digit and quotation mark forms, chosen once per copy as a newsroom's
/// conventions would be.
fn forms(t: &str, rng: &mut Rng) -> String {
    let persian_letters = rng.chance(0.5);
    let strip_hamza = rng.chance(0.5);
    let digits = rng.below(3); // 0 ASCII, 1 Arabic-Indic, 2 Extended
    let quotes = rng.below(3);
    let drop_zwnj = rng.chance(0.5);
    let mut out = String::with_capacity(t.len() + t.len() / 8);
    let mut prev_letter = false;
    for c in t.chars() {
        let arabic_letter =
            ('\u{0620}'..='\u{064A}').contains(&c) || ('\u{067E}'..='\u{06D3}').contains(&c);
        let mapped: Option<char> = match c {
            'ي' if persian_letters => Some('ی'),
            'ی' if !persian_letters => Some('ي'),
            'ك' if persian_letters => Some('ک'),
            'ک' if !persian_letters => Some('ك'),
            'أ' | 'إ' | 'آ' if strip_hamza => Some('ا'),
            '\u{200C}' if drop_zwnj => Some('\0'),
            '0'..='9' | '٠'..='٩' | '۰'..='۹' => {
                let d = c.to_digit(10).or_else(|| {
                    let u = c as u32;
                    if (0x660..=0x669).contains(&u) {
                        Some(u - 0x660)
                    } else {
                        Some(u - 0x6F0)
                    }
                });
                let d = d.unwrap();
                Some(match digits {
                    0 => char::from_digit(d, 10).unwrap(),
                    1 => char::from_u32(0x660 + d).unwrap(),
                    _ => char::from_u32(0x6F0 + d).unwrap(),
                })
            }
            '"' | '«' | '»' | '“' | '”' | '„' => Some(match (quotes, prev_letter) {
                (0, _) => '"',
                (1, false) => '«',
                (1, true) => '»',
                (_, false) => '“',
                (_, true) => '”',
            }),
            _ => None,
        };
        match mapped {
            Some('\0') => {}
            Some(m) => out.push(m),
            None => out.push(c),
        }
        if arabic_letter {
            // Now and then a tatweel or a diacritic, as some sites print them.
            let r = rng.below(200);
            if r == 0 {
                out.push('\u{0640}');
            } else if r == 1 {
                out.push('\u{064E}');
            }
        }
        prev_letter = c.is_alphanumeric();
    }
    out
}

/// The headline replaced by (a dozen words of) another article's; an article printed without
/// a headline (the German set) gets one put on top.
fn new_headline(t: &str, other: &Doc) -> String {
    let first = other
        .text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    let headline: Vec<&str> = first.split_whitespace().take(12).collect();
    let headline = headline.join(" ");
    match t.split_once('\n') {
        Some((old, body)) if old.split_whitespace().count() <= 20 => format!("{headline}\n{body}"),
        _ => format!("{headline}\n\n{t}"),
    }
}

fn byline(t: &str, lang: &str, rng: &mut Rng) -> String {
    let (top, end) = match lang {
        "ar" => (
            [
                "(رويترز) -",
                "القاهرة - وكالات:",
                "بقلم: محرر الشؤون الدولية",
            ],
            "المصدر: وكالات",
        ),
        "fa" => (
            [
                "به گزارش خبرنگار سرویس بین‌الملل،",
                "تهران - ایرنا:",
                "گروه سیاسی:",
            ],
            "انتهای پیام",
        ),
        "de" => (
            [
                "Von unserem Korrespondenten",
                "Berlin (dpa) -",
                "Aus dem Nachrichtenticker:",
            ],
            "Quelle: Agenturen",
        ),
        _ => (
            [
                "By Staff Writer, Associated Press",
                "WASHINGTON (Reuters) -",
                "From our correspondent:",
            ],
            "Copyright Reuters.",
        ),
    };
    let (first, rest) = t.split_once('\n').unwrap_or((t, ""));
    format!("{first}\n{}\n{rest}\n{end}", top[rng.below(top.len())])
}

fn change_words(t: &str, rng: &mut Rng) -> String {
    let words: Vec<&str> = t.split(' ').collect();
    let changes = (words.len() / 50).max(2);
    let mut out: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    for _ in 0..changes {
        let i = rng.below(out.len());
        match rng.below(3) {
            0 => out[i] = words[rng.below(words.len())].to_string(),
            1 => out[i] = String::new(),
            _ => out[i] = format!("{} {}", out[i], out[i]),
        }
    }
    out.retain(|w| !w.is_empty());
    out.join(" ")
}

fn trim(t: &str, frac: f64) -> String {
    let n = t.chars().count();
    let mut cut = t
        .char_indices()
        .nth((n as f64 * frac) as usize)
        .map_or(t.len(), |(i, _)| i);
    while cut < t.len() && !t[cut..].starts_with(char::is_whitespace) {
        cut += t[cut..].chars().next().unwrap().len_utf8();
    }
    t[..cut].to_string()
}

/// Fills an embedded store with `n` distinct articles (synthetic fingerprints: corpus sketches
/// with fresh random bins, fresh exact hashes; ids like those of the corpus) and reports
/// throughput and the bytes an article takes on disk and in memory.
fn measure_scale(n: usize, fps: &[Fingerprint], rng: &mut Rng) {
    let dir = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(dir.path(), n, u64::MAX, Duration::from_secs(1)).unwrap();
    let t0 = Instant::now();
    let cpu0 = cpu_time();
    for i in 0..n {
        let mut fp = fps[i % fps.len()].clone();
        fp.exact = ((rng.next() as u128) << 64) | rng.next() as u128;
        for b in fp.sketch.iter_mut().take(SKETCH_BINS) {
            *b = rng.next() as u8;
        }
        let id = format!("bbc-middleeast-{i:07}");
        let q = Query {
            id: &id,
            fingerprint: &fp,
            now_ms: i as u64,
        };
        store.check(&q, 0.7, DedupMode::Record).unwrap();
    }
    store.flush().unwrap();
    let elapsed = t0.elapsed();
    let cpu = cpu_time() - cpu0;
    let (len, heap, disk) = store.usage();
    println!(
        "embedded store, {n} articles (ids of 22 bytes): {:.0} bytes/article on disk, {:.0} bytes/article in memory; store alone {:.0} articles/s ({:.0} per CPU second)",
        disk as f64 / len as f64,
        heap as f64 / len as f64,
        n as f64 / elapsed.as_secs_f64(),
        n as f64 / cpu.as_secs_f64()
    );
}
