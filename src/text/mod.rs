//! Text helpers shared by every stage: normalisation for matching (Unicode and Arabic-script
//! letter forms, digits, marks), script detection, word counts, and the named characters and
//! predicates ([`chars`]) that several stages rely on.

pub mod chars;
pub mod normalize;
pub mod script;
pub mod stats;

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
