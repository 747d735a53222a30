//! Input decoding on arbitrary bytes: never panics; an accepted article has a non-empty id
//! within the id limit and text within the size limit.
#![no_main]

use article_worker::message::{decode, Limits};
use libfuzzer_sys::fuzz_target;

const LIMITS: Limits = Limits {
    max_bytes: 64 * 1024,
    max_id_bytes: 64,
};

fuzz_target!(|data: &[u8]| {
    if let Ok(article) = decode(data, Some("header-id"), LIMITS) {
        assert!(!article.id.is_empty());
        assert!(article.id.len() <= LIMITS.max_id_bytes || article.id.len() == 32);
        assert!(article.text.len() <= LIMITS.max_bytes);
    }
});
