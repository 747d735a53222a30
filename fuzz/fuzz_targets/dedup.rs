//! Duplicate detection on arbitrary text: never panics; similarity is within 0..=1; the same
//! id seen again gets the answer it got the first time; a second id with the same text is a
//! duplicate of the first.
#![no_main]

use article_worker::dedup::Dedup;
use article_worker::settings::Settings;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let settings = Settings::load_with_env(None, std::iter::empty()).unwrap();
    let dedup = Dedup::in_memory(&settings.dedup);
    let first = dedup.check("a", text, 1).unwrap();
    assert!((0.0..=1.0).contains(&first.similarity));
    let again = dedup.check("a", text, 2).unwrap();
    assert_eq!(first.status, again.status, "a redelivery gets its first answer");
    let copy = dedup.check("b", text, 3).unwrap();
    assert!((0.0..=1.0).contains(&copy.similarity));
    if copy.duplicate_of.is_some() {
        assert_eq!(copy.duplicate_of.as_deref(), Some("a"));
    }
});
