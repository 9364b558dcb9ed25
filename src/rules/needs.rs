//! The words a pattern cannot match without: a short list of literals such that every
//! match of the pattern contains at least one of them. A text that holds none of them
//! has no match, which is known without compiling the pattern.
//!
//! Shared by the crate and by `build.rs`, which works the lists of the embedded packs out
//! at build time (this file is included there with `#[path]`, so it uses nothing of the
//! crate but `regex-syntax`).
//!
//! Why every match contains one of the literals (by the shape of the parsed pattern `h`;
//! `N(h)` is the list, a match of `h` is `m`):
//! - a literal `l`: `m` is `l`;
//! - a capture group or a repetition that occurs at least once: `m` holds a match of the
//!   inner pattern, which holds one of its literals;
//! - alternatives: `m` is a match of one of them, which holds one of that one's literals;
//!   the list is the union of all of theirs, and none may be missing;
//! - a concatenation `e0 e1 … ek`: `m` is `m0 m1 … mk` with each `mj` a match of `ej`, so
//!   it holds a match of each element (any element's list serves), and `mi … mk` is a
//!   match of `ei … ek`, which begins with one of the prefixes `regex-syntax` extracts for
//!   it when that set is finite (its documented guarantee; look-around is zero-width and
//!   adds no bytes). A literal cut short is still contained in `m`.
//!
//! Of the lists that hold, the one whose shortest literal is longest (up to four CJK
//! characters) is kept, since a long word is rarely present by chance; then the shortest
//! list.

use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind};

/// At most this many literals (each is a substring search of the text).
const MAX_LITERALS: usize = 12;
/// Literals are cut to at most this many bytes (ten CJK characters), at a character
/// boundary.
const KEEP_BYTES: usize = 30;
/// A list whose shortest literal is shorter than this (one CJK character) is not worth
/// searching for: such characters are in every draft.
const MIN_BYTES: usize = 3;

/// The literals one of which every match of `pattern` contains; `None` when no useful
/// list is found or the pattern does not parse.
pub fn needed_literals(pattern: &str) -> Option<Vec<String>> {
    let hir = regex_syntax::parse(pattern).ok()?;
    let list = of(&hir)?;
    (shortest(&list) >= MIN_BYTES).then_some(list)
}

fn shortest(list: &[String]) -> usize {
    list.iter().map(String::len).min().unwrap_or(0)
}

/// Better of two lists: longer shortest literal (up to four CJK characters, which are
/// rare enough by chance), then fewer literals (each is a search).
fn better(a: Option<Vec<String>>, b: Option<Vec<String>>) -> Option<Vec<String>> {
    match (a, b) {
        (Some(a), Some(b)) => {
            let key = |l: &Vec<String>| (shortest(l).min(12), std::cmp::Reverse(l.len()));
            Some(if key(&b) > key(&a) { b } else { a })
        }
        (a, b) => a.or(b),
    }
}

/// A literal list of bytes, cut and deduplicated; `None` when a literal is empty, is not
/// UTF-8 text, or there are too many.
fn list(lits: &[&[u8]]) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::with_capacity(lits.len());
    for l in lits {
        let s = std::str::from_utf8(l).ok()?;
        let mut end = s.len().min(KEEP_BYTES);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        if end == 0 {
            return None;
        }
        out.push(s[..end].to_string());
    }
    out.sort();
    out.dedup();
    (out.len() <= MAX_LITERALS).then_some(out)
}

fn of(h: &Hir) -> Option<Vec<String>> {
    match h.kind() {
        HirKind::Literal(l) => list(&[&l.0]),
        HirKind::Capture(c) => of(&c.sub),
        HirKind::Repetition(r) if r.min > 0 => of(&r.sub),
        HirKind::Alternation(alts) => {
            let mut all = Vec::new();
            for a in alts {
                all.extend(of(a)?);
            }
            all.sort();
            all.dedup();
            (all.len() <= MAX_LITERALS).then_some(all)
        }
        HirKind::Concat(elems) => {
            let mut best = None;
            for i in 0..elems.len() {
                best = better(best, of(&elems[i]));
                best = better(best, prefixes(&elems[i..]));
            }
            best
        }
        _ => None,
    }
}

/// What every match of the concatenation `elems` begins with, when that set is finite.
fn prefixes(elems: &[Hir]) -> Option<Vec<String>> {
    let mut ex = Extractor::new();
    ex.kind(ExtractKind::Prefix).limit_total(4 * MAX_LITERALS);
    let mut seq = ex.extract(&Hir::concat(elems.to_vec()));
    seq.dedup();
    if seq.min_literal_len()? == 0 {
        return None;
    }
    let lits: Vec<&[u8]> = seq.literals()?.iter().map(|l| l.as_bytes()).collect();
    list(&lits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn words(p: &str) -> Option<Vec<String>> {
        needed_literals(p)
    }

    #[test]
    fn the_words_of_common_shapes() {
        assert_eq!(words("信息处理费").unwrap(), ["信息处理费"]);
        // Optional words are not needed; the longest needed word is kept.
        assert_eq!(
            words("(?:共|合计)?主动公开(?:了)?信息(?P<n>[0-9]+)条").unwrap(),
            ["主动公开"]
        );
        // Alternatives: one word of each.
        assert_eq!(words("未收取|零元").unwrap(), ["未收取", "零元"]);
        // What every match begins with, when that set is small.
        assert_eq!(words("(?:收到|受理)[0-9]+件").unwrap(), ["受理", "收到"]);
        // Cut to ten characters.
        assert_eq!(
            words("一二三四五六七八九十百千").unwrap(),
            ["一二三四五六七八九十"]
        );
        // Nothing every match needs, or nothing long enough to look for.
        assert_eq!(words("(?:费用)?[0-9]+"), None);
        assert_eq!(words("[0-9]+件").unwrap(), ["件"]);
        assert_eq!(words("a[0-9]+"), None);
        assert_eq!(words("a|b"), None);
        assert_eq!(words("(费"), None);
    }

    /// Small patterns over a four-character alphabet: literals, classes, any character,
    /// alternatives, optional and counted repetitions, captures, anchors.
    fn pattern() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            Just("甲".to_string()),
            Just("乙".to_string()),
            Just("甲乙".to_string()),
            Just("丙丁".to_string()),
            Just("[甲丙]".to_string()),
            Just(".".to_string()),
            Just("^".to_string()),
        ];
        leaf.prop_recursive(4, 24, 3, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 1..4).prop_map(|v| v.concat()),
                (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("(?:{a}|{b})")),
                inner.clone().prop_map(|a| format!("(?:{a})?")),
                inner.clone().prop_map(|a| format!("(?:{a})*")),
                inner.clone().prop_map(|a| format!("(?:{a})+")),
                inner.clone().prop_map(|a| format!("(?:{a}){{0,2}}")),
                inner.clone().prop_map(|a| format!("(?:{a}){{2}}")),
                inner.prop_map(|a| format!("(?P<g>{a})")),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        /// A text that holds none of a pattern's words has no match of it.
        #[test]
        fn a_match_holds_one_of_the_words(p in pattern(), text in "[甲乙丙丁]{0,12}") {
            let Some(ws) = needed_literals(&p) else { return Ok(()) };
            let re = regex::Regex::new(&p).unwrap();
            if re.is_match(&text) {
                prop_assert!(ws.iter().any(|w| text.contains(w.as_str())), "{} {:?} {}", p, ws, text);
            }
        }
    }
}
