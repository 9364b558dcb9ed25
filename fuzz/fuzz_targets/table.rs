//! Outline, facts and table recovery (`Document::new` + `rules::Ctx::new`) on arbitrary text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = gongkai::entry::recover_tables(text);
    }
});
