//! Scoring: a quotation's confidence, meant as the probability that both its span and its
//! speaker are right, from how the speaker was found. A speaker written at the cue is surer
//! than one resolved from a pronoun, which is surer than the last person named; a span whose
//! opening mark is missing has a guessed start, so it is less sure again. The values are the
//! shares right measured on the tune parts of the development sets and the seeds
//! (`scripts/eval_quotes.sh`, reliability table in docs/quotes.md), rounded down a little
//! because unseen news is harder than the sets they were measured on.

/// The cue names its speaker in the same sentence ("said Trump", "وقال الرئيس").
pub const NAMED_AT_CUE: f64 = 0.95;
/// Colon speech after a cue ("گفت: …"): the cue is certain, the span's end is a guess (the
/// paragraph's end or the next attribution).
pub const COLON_AFTER_CUE: f64 = 0.9;
/// The cue's subject is a pronoun or implicit ("he added", "وأضاف"), resolved to a speaker
/// named earlier: resolution is right most of the time, not always.
pub const RESOLVED_AT_CUE: f64 = 0.88;
/// Colon speech after a headline or transcript label ("علي خامنئي: …"): a label that
/// names someone quoted elsewhere in the article, without a verb.
pub const COLON_AFTER_LABEL: f64 = 0.75;
/// No cue, but the paragraph continues the previous paragraph's unclosed quotation, or a
/// headline label attributes it.
pub const CARRIED: f64 = 0.75;
/// A cue with nobody to give it to: the span is speech, the speaker unknown.
pub const CUE_WITHOUT_SPEAKER: f64 = 0.72;
/// No cue, but the quotation's sentence opens with its subject's name ("Lee called the plan
/// “a gift to the banks”"): the subject is most often the one quoted.
pub const SENTENCE_SUBJECT: f64 = 0.75;
/// No cue, but the quotation stands in what its sentence says a report, a warning or a
/// medium said (German: "Berichte, er sei „…“", "In den Medien wird …"): its source is
/// named, though not as a person.
pub const SOURCE_IN_SENTENCE: f64 = 0.75;
/// No cue at all: given to the last speaker named before it, a guess.
pub const LAST_NAMED: f64 = 0.68;
/// Applied when the span has no opening mark and its start was inferred from the
/// attribution before it.
pub const NO_OPENING_MARK: f64 = 0.8;

/// The confidence of a quotation found at a cue: whether the cue named its speaker and
/// whether any speaker was found for it.
pub fn at_cue(named: bool, has_speaker: bool) -> f64 {
    if named {
        NAMED_AT_CUE
    } else if has_speaker {
        RESOLVED_AT_CUE
    } else {
        CUE_WITHOUT_SPEAKER
    }
}

/// `confidence` lowered for a span whose opening mark is missing.
pub fn for_marks(confidence: f64, opened: bool) -> f64 {
    if opened {
        confidence
    } else {
        confidence * NO_OPENING_MARK
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_speaker_is_surer_than_a_resolved_one() {
        assert!(at_cue(true, true) > at_cue(false, true));
        assert!(at_cue(false, true) > at_cue(false, false));
        assert!(at_cue(false, false) > LAST_NAMED);
    }

    #[test]
    fn a_missing_opening_mark_lowers_the_confidence() {
        assert_eq!(for_marks(NAMED_AT_CUE, true), NAMED_AT_CUE);
        assert!(for_marks(NAMED_AT_CUE, false) < NAMED_AT_CUE);
    }
}
