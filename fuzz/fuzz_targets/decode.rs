//! Input decoding on arbitrary bytes: never panics; an accepted article has a non-empty id and
//! text within the size limit.
#![no_main]

use article_worker::message::decode;
use libfuzzer_sys::fuzz_target;

const LIMIT: usize = 64 * 1024;

fuzz_target!(|data: &[u8]| {
    if let Ok(article) = decode(data, Some("header-id"), LIMIT) {
        assert!(!article.id.is_empty());
        assert!(article.text.len() <= LIMIT);
    }
});
