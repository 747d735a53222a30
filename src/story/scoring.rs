//! How alike two reports are: the cosine of their rarity-weighted terms, damped by the time
//! between them, with allowance for a pair written in two languages. The thresholds live in
//! [`Params`], built from the `[story]` settings.

use crate::settings::StorySettings;

/// Reports of one event mostly appear within a day of each other; two reports a few days
/// apart that share names are more often two developments of one topic. Similarity is
/// multiplied by `exp(-Δt / TIME_DECAY_MS)`: 0.61 a day apart, 0.37 at two days.
pub const TIME_DECAY_MS: f64 = 2.0 * 86_400_000.0;
/// Reports less than this apart count as simultaneous: no damping. It also keeps answers
/// from depending on how fast a batch without `published_at` was processed.
pub const SIMULTANEOUS_MS: u64 = 3_600_000;
/// Two reports of one event in two languages (Arabic and Persian) share names, places and
/// numbers but almost none of their other words, so their cosine is a fraction of what two
/// reports in one language reach; it is multiplied by this before the threshold applies.
pub const CROSS_LANGUAGE_FACTOR: f64 = 4.0;
/// Two English reports of one event share fewer of their weighed words than two Arabic ones:
/// the English articles read here cover one election campaign, whose names stand in nearly
/// every article and so weigh little, and analysis pieces retell an event in words of their
/// own. Their similarity is multiplied by this, so that a cosine of 0.192 reaches the 0.24
/// threshold (with [`super::features::Stemming::EnglishSuffixes`]; 4/3 linked the same
/// tuning pairs, this is the more cautious).
pub const ENGLISH_FACTOR: f64 = 1.25;
/// Earlier articles listed in `story.related`.
pub const MAX_RELATED: usize = 3;

/// What linking needs to know, in the units it computes with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// Articles older than this (behind the newest) are no longer linked to.
    pub window_ms: u64,
    /// Rarity counts fade by half over this span.
    pub rarity_ms: u64,
    /// Similarity at or above which two articles report the same event.
    pub threshold: f64,
    pub max_related: usize,
}

impl Params {
    /// The defaults of config/default.toml, for the story stage's unit tests.
    #[cfg(test)]
    pub(crate) fn for_tests() -> Params {
        const DAY: u64 = 86_400_000;
        Params {
            window_ms: 3 * DAY,
            rarity_ms: 10 * DAY,
            threshold: 0.24,
            max_related: 3,
        }
    }

    pub fn from_settings(s: &StorySettings) -> Params {
        Params {
            window_ms: millis(s.window),
            rarity_ms: millis(s.rarity_half_life),
            threshold: s.threshold,
            max_related: MAX_RELATED,
        }
    }
}

fn millis(d: std::time::Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// The languages of two articles, as far as scoring cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Languages {
    /// Both in one language other than English.
    One,
    /// Both in English ([`ENGLISH_FACTOR`]).
    English,
    /// In two languages ([`CROSS_LANGUAGE_FACTOR`]).
    Two,
}

impl Languages {
    fn factor(self) -> f64 {
        match self {
            Languages::One => 1.0,
            Languages::English => ENGLISH_FACTOR,
            Languages::Two => CROSS_LANGUAGE_FACTOR,
        }
    }
}

/// The similarity of two articles from the cosine of their weighted terms, the time between
/// them and their languages. At most 1.
pub fn similarity(cosine: f64, apart_ms: u64, languages: Languages) -> f64 {
    let language = languages.factor();
    let apart = apart_ms.saturating_sub(SIMULTANEOUS_MS);
    let time = (-(apart as f64) / TIME_DECAY_MS).exp();
    (cosine * language).min(1.0) * time
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: u64 = 86_400_000;

    #[test]
    fn similarity_falls_with_the_days_between_two_reports() {
        let same_day = similarity(0.5, 0, Languages::One);
        let next_day = similarity(0.5, DAY, Languages::One);
        let two_days = similarity(0.5, 2 * DAY, Languages::One);
        assert_eq!(same_day, 0.5);
        assert!(same_day > next_day && next_day > two_days);
        let damped = (DAY - SIMULTANEOUS_MS) as f64 / TIME_DECAY_MS;
        assert!((next_day - 0.5 * (-damped).exp()).abs() < 1e-9);
        assert_eq!(similarity(0.5, SIMULTANEOUS_MS, Languages::One), 0.5);
    }

    #[test]
    fn a_pair_in_two_languages_needs_less_overlap() {
        let p = Params::for_tests();
        assert!(similarity(0.07, 0, Languages::Two) >= p.threshold);
        assert!(similarity(0.07, 0, Languages::One) < p.threshold);
        assert_eq!(similarity(0.9, 0, Languages::Two), 1.0);
    }

    #[test]
    fn two_english_reports_need_less_overlap_than_two_arabic_ones() {
        let p = Params::for_tests();
        assert!(similarity(0.2, 0, Languages::English) >= p.threshold);
        assert!(similarity(0.2, 0, Languages::One) < p.threshold);
        assert!(similarity(0.18, 0, Languages::English) < p.threshold);
    }
}
