//! The .pdf reader and the whole pipeline (normalize → render) on arbitrary bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = gongkai::entry::check_bytes("fuzz.pdf", data);
});
