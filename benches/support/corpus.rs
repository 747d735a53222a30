//! The real articles the benchmarks and profiling examples run on: the first `per_language`
//! files (sorted by name) of each of ar, fa, en, de under `ARTICLE_WORKER_CORPUS`, by default
//! `../shared/corpus` beside the project, else `/work/shared/corpus` (where scripts/golden.sh
//! also looks). Included with `#[path]` by benches and examples.

use std::path::PathBuf;

/// `(id, text)` pairs, id = file name without extension, the languages in the order above.
pub fn articles(per_language: usize) -> Vec<(String, String)> {
    let beside = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let root = std::env::var_os("ARTICLE_WORKER_CORPUS")
        .map(PathBuf::from)
        .or_else(|| {
            [beside.clone(), PathBuf::from("/work/shared/corpus")]
                .into_iter()
                .find(|d| d.is_dir())
        })
        .unwrap_or(beside);
    let mut out = Vec::new();
    for lang in ["ar", "fa", "en", "de"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(lang))
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        for path in files.into_iter().take(per_language) {
            let text = std::fs::read_to_string(&path).unwrap();
            let id = path.file_stem().unwrap().to_string_lossy().into_owned();
            out.push((id, text));
        }
    }
    assert!(!out.is_empty(), "no corpus under {}", root.display());
    out
}
