//! Which strings of a rule file are regular expressions: the values under these keys.
//!
//! Shared by the loader and by `build.rs`, which lists the patterns of the embedded packs
//! at build time (this file is included there with `#[path]`, so it uses nothing of the
//! crate but `serde_json`).

/// Keys whose strings (or lists of strings) are regexes.
pub const REGEX_KEYS: [&str; 61] = [
    "department_name",
    "contact_name",
    "shared_offices",
    "named",
    "channel_closing",
    "unit_words",
    "owned",
    "annexed",
    "placeholders",
    "match",
    "presence",
    "absence",
    "allowed",
    "denied",
    "group",
    "patterns",
    "evidence",
    "topic",
    "zero",
    "zero_any",
    "labels",
    "overlapping",
    "context",
    "verbs",
    "comparisons",
    "markers",
    "other_kinds",
    "passages",
    "claims",
    "followers",
    "scope",
    "counts",
    "part_markers",
    "exclude",
    "closing",
    "shares",
    "rates",
    "openers",
    "nesting",
    "opening",
    "everywhere",
    "outline",
    "carry_over",
    "completed",
    "skip_parts",
    "part_patterns",
    "whole_markers",
    "grand",
    "first_part",
    "received_concluded",
    "carried",
    "carried_near",
    "bare_totals",
    "unreadable",
    "received",
    "enumeration_closing",
    "blank",
    "own_work",
    "overview_opening",
    "subitem_opening",
    "count",
];

/// The same strings as `load::regex_fields`, in the same order, without their pointers: the
/// embedded packs need no place to report a bad pattern at, and building a pointer for
/// every node was most of loading them.
pub fn regex_strings(value: &serde_json::Value) -> Vec<&str> {
    fn walk<'v>(v: &'v serde_json::Value, in_regex: bool, out: &mut Vec<&'v str>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, c) in m {
                    walk(c, REGEX_KEYS.contains(&k.as_str()), out);
                }
            }
            serde_json::Value::Array(a) => {
                for c in a {
                    walk(c, in_regex, out);
                }
            }
            serde_json::Value::String(s) if in_regex => out.push(s),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value.get("check").unwrap_or(value), false, &mut out);
    out
}
