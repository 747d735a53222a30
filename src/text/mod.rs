//! Text helpers shared by every stage: characters ([`chars`]: named characters, the folding
//! variants each stage needs, including normalisation for fingerprints, and UTF-8 decoding),
//! script detection, word counts, and [`words`]: the opening of a folded text as words, which
//! the dedup stage keeps for the story stage so that a text is folded once.

pub mod chars;
pub mod script;
pub mod stats;
pub mod words;

/// A text of `len` pieces drawn from `alphabet` by an xorshift generator whose state is
/// `state`, for the tests that compare a fast path with its definition on random text.
#[cfg(test)]
pub(crate) fn random_text<T: Copy>(alphabet: &[T], len: usize, state: &mut u64) -> String
where
    String: FromIterator<T>,
{
    (0..len)
        .map(|_| {
            *state ^= *state << 13;
            *state ^= *state >> 7;
            *state ^= *state << 17;
            alphabet[(*state % alphabet.len() as u64) as usize]
        })
        .collect()
}
