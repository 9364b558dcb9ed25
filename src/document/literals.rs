//! Literals a template pattern needs, and searching for them across whitespace.
//!
//! Table recovery matches header patterns against a region with its whitespace removed
//! (labels wrap). Making that copy and running each pattern over it was most of the time
//! spent on drafts without a table. Instead, each pattern has a set of literals one of
//! which every match contains (its prefixes or its suffixes, as `regex-syntax` extracts
//! them); a literal is looked for in the raw region with whitespace allowed between its
//! characters, which is exactly where it occurs in the copy. When no literal of the set
//! occurs the pattern cannot match; otherwise the pattern itself decides, as before.

use super::whitespace_len;
use crate::normalize::utf8_len;
use regex_syntax::hir::literal::{ExtractKind, Extractor};

/// What a template pattern needs to match, read from its syntax once.
#[derive(Debug, Default, Clone)]
pub struct Needs {
    /// Literals one of which every match contains, when there is such a finite set of
    /// non-empty literals (the longer of its prefixes and its suffixes).
    pub literals: Option<Vec<String>>,
    /// No look-around (`^`, `$`, `\b`): whether a text matches only depends on the
    /// substrings it contains.
    pub lookless: bool,
    /// A byte searcher for each of `literals`, built once (a one-off `memmem::find`
    /// builds one per call).
    pub finders: Vec<memchr::memmem::Finder<'static>>,
}

/// Two `Needs` are equal when what they say is (the searchers follow from the literals).
impl PartialEq for Needs {
    fn eq(&self, other: &Needs) -> bool {
        self.literals == other.literals && self.lookless == other.lookless
    }
}

impl Eq for Needs {}

impl Needs {
    /// `Needs::default()` (nothing known) when the pattern does not parse.
    pub fn of(pattern: &str) -> Needs {
        let Ok(hir) = regex_syntax::ParserBuilder::new().build().parse(pattern) else {
            return Needs::default();
        };
        let literals = literals(&hir);
        let finders = literals
            .iter()
            .flatten()
            .map(|w| memchr::memmem::Finder::new(w.as_bytes()).into_owned())
            .collect();
        Needs {
            literals,
            lookless: hir.properties().look_set().is_empty(),
            finders,
        }
    }
}

/// See [`Needs::literals`].
fn literals(hir: &regex_syntax::hir::Hir) -> Option<Vec<String>> {
    let mut best: Option<(usize, Vec<String>)> = None;
    for kind in [ExtractKind::Prefix, ExtractKind::Suffix] {
        let seq = Extractor::new().kind(kind).extract(hir);
        let Some(lits) = seq.literals() else {
            continue;
        };
        let words: Option<Vec<String>> = lits
            .iter()
            .map(|l| {
                std::str::from_utf8(l.as_bytes())
                    .ok()
                    .filter(|w| !w.is_empty())
                    .map(str::to_string)
            })
            .collect();
        let Some(words) = words.filter(|w| !w.is_empty()) else {
            continue;
        };
        let shortest = words.iter().map(|w| w.chars().count()).min().unwrap_or(0);
        if best.as_ref().is_none_or(|(b, _)| shortest > *b) {
            best = Some((shortest, words));
        }
    }
    best.map(|(_, w)| w)
}

/// Does `hay` without its whitespace contain `word`? (Exactly `compact(hay).contains(word)`,
/// without making the copy.)
pub fn spaced_contains(hay: &str, word: &str) -> bool {
    spaced_find(hay, word).is_some()
}

/// Where the first occurrence of `word` in `hay` without its whitespace starts in `hay`.
pub fn spaced_find(hay: &str, word: &str) -> Option<usize> {
    let Some(c0) = word.chars().next() else {
        return Some(0);
    };
    // The copy has no whitespace: a word with some is never in it.
    if word.chars().any(char::is_whitespace) {
        return None;
    }
    let w = word.as_bytes();
    let (first, rest) = w.split_at(c0.len_utf8());
    let h = hay.as_bytes();
    memchr::memmem::find_iter(h, first).find(|&at| rest_follows(h, at + first.len(), rest))
}

/// Do the characters of `rest` follow at `i`, whitespace allowed before each?
fn rest_follows(h: &[u8], mut i: usize, rest: &[u8]) -> bool {
    let mut k = 0;
    while k < rest.len() {
        while i < h.len() {
            match whitespace_len(h, i) {
                0 => break,
                w => i += w,
            }
        }
        let n = utf8_len(rest[k]);
        if h.get(i..i + n) != rest.get(k..k + n) {
            return false;
        }
        i += n;
        k += n;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::super::compact;
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn literals_of_template_patterns() {
        let l = |p: &str| Needs::of(p).literals;
        assert_eq!(l("本年新收"), Some(vec!["本年新收".to_string()]));
        assert_eq!(l("年度.{0,3}历年累计"), Some(vec!["历年累计".to_string()]));
        assert_eq!(
            l("未经复议|复议后起诉|尚未审结"),
            Some(vec![
                "未经复议".to_string(),
                "复议后起诉".to_string(),
                "尚未审结".to_string()
            ])
        );
        assert_eq!(
            l(r"^主动公开信息数"),
            Some(vec!["主动公开信息数".to_string()])
        );
        // Any character: no set of literals.
        assert_eq!(l("."), None);
        assert_eq!(l("("), None);
        assert!(Needs::of(".").lookless);
        assert!(!Needs::of("规范性文件$").lookless);
    }

    /// Characters that make the searches interesting: the words' own, whitespace of
    /// several widths, and look-alike lead bytes.
    const CHARS: &[&str] = &[
        "本", "年", "新", "收", "历", "累", "计", " ", "\n", "\t", "\u{3000}", "\u{a0}",
        "\u{2003}", "、", "“", "a", "1", "|",
    ];

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(0..CHARS.len(), 0..40)
            .prop_map(|v| v.into_iter().map(|i| CHARS[i]).collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// The search across whitespace finds a word exactly where the compact copy has it.
        #[test]
        fn spaced_search_is_search_in_the_compact_copy(hay in text(), word in text()) {
            prop_assert_eq!(spaced_contains(&hay, &word), compact(&hay).contains(word.as_str()));
        }

        /// A pattern matches the compact copy only where one of its literals is found.
        #[test]
        fn no_literal_no_match(hay in text()) {
            for p in ["本年新收", "年.?历年累计", "新收|累计", "^本年", "历年累计$", "(?:本|年){2}新"] {
                let re = regex::Regex::new(p).unwrap();
                let lits = Needs::of(p).literals.unwrap();
                let found = lits.iter().any(|w| spaced_contains(&hay, w));
                prop_assert!(found || !re.is_match(&compact(&hay)), "{} in {:?}", p, hay);
            }
        }
    }
}
