//! The rule-pack loader (`RuleSet::add_files`) on arbitrary YAML, then the loaded rules.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = gongkai::entry::load_rule_file(data);
});
