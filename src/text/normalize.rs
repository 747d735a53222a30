//! Normalisation for matching: NFKC, case folding, Arabic-script letter and digit forms.
//! (Owned by the dedup work; placeholder until it lands.)

use unicode_normalization::UnicodeNormalization;

/// The text folded for comparison.
pub fn fold(text: &str) -> String {
    text.nfkc().flat_map(char::to_lowercase).collect()
}
