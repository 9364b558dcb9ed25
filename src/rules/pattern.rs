//! A rule's compiled pattern, with what is known of it for searching many small ranges
//! of one text: whether a match inside a range is also a match of the whole text.
//!
//! Rule kinds often ask “which sentences (lines, clauses) of this part does a pattern
//! match?”. Asking each sentence costs one regex search per sentence (hundreds per
//! draft, each with its fixed set-up cost). For a *context-free* pattern — no look-around
//! (`^`, `$`, `\b`) and no empty match — a match inside a range is a match of the whole
//! text at the same place, so one leftmost-first pass over the whole region finds, for
//! every range the pattern matches, a reported match that overlaps that range (proof at
//! [`ranges_matching`]). Only the ranges such a match touches are then asked, so the
//! answer is exactly the per-range answer, with far fewer searches.

use regex::Regex;
use std::sync::OnceLock;

/// A compiled rule pattern.
#[derive(Debug)]
pub struct Pattern {
    pub re: Regex,
    /// See [`Pattern::context_free`]; parsed on first use, not at start-up.
    context_free: OnceLock<bool>,
}

impl Pattern {
    pub fn new(pattern: &str) -> Result<Pattern, regex::Error> {
        let re = regex::RegexBuilder::new(pattern)
            .size_limit(1 << 20)
            .dfa_size_limit(1 << 20)
            .build()?;
        Ok(Pattern {
            re,
            context_free: OnceLock::new(),
        })
    }

    /// No look-around assertion and no empty match: whether it matches a range does not
    /// depend on the text around the range.
    pub fn context_free(&self) -> bool {
        *self.context_free.get_or_init(|| {
            // Parsed with the same (default) flags as the builder; a pattern the regex
            // crate accepts parses here too, but "not known" is the safe answer.
            regex_syntax::parse(self.re.as_str()).is_ok_and(|hir| {
                let p = hir.properties();
                p.look_set().is_empty() && p.minimum_len().is_some_and(|n| n > 0)
            })
        })
    }
}

/// For each of `ranges` (sorted, non-overlapping byte ranges of `text` inside `region`),
/// does any of `patterns` match `text[s..e]`? Exactly what asking each range with
/// `is_match` answers.
///
/// Why a context-free pattern may skip ranges: let `m` be a match inside range `R`, and
/// run the whole region leftmost-first. Take the last reported match `r` that starts at
/// or before `m`. If `r` ends after `m` starts, `r` overlaps `R`. Otherwise the search
/// after `r` resumed at or before `m`'s start, and since `m` is a match there (context
/// free), it reported a match starting at or before `m` — later than `r`, contradicting
/// the choice of `r`. With no such `r`, the first search of the region would have found
/// one. So every matched range overlaps a reported match; the others cannot match.
pub fn ranges_matching(
    patterns: &[&Pattern],
    text: &str,
    region: (usize, usize),
    ranges: &[(usize, usize)],
) -> Vec<bool> {
    let mut out = vec![false; ranges.len()];
    for p in patterns {
        if !p.context_free() {
            for (i, &(s, e)) in ranges.iter().enumerate() {
                if !out[i] && p.re.is_match(&text[s..e]) {
                    out[i] = true;
                }
            }
            continue;
        }
        let (rs, re_) = region;
        // Ranges are sorted: walk them alongside the reported matches.
        let mut asked = vec![false; ranges.len()];
        let mut i = 0;
        for m in p.re.find_iter(&text[rs..re_]) {
            let (ms, me) = (rs + m.start(), rs + m.end());
            while i < ranges.len() && ranges[i].1 <= ms {
                i += 1;
            }
            let mut j = i;
            while j < ranges.len() && ranges[j].0 < me {
                let (s, e) = ranges[j];
                if !out[j] && !asked[j] {
                    asked[j] = true;
                    out[j] = p.re.is_match(&text[s..e]);
                }
                j += 1;
            }
            if i >= ranges.len() {
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn per_range(ps: &[&Pattern], text: &str, ranges: &[(usize, usize)]) -> Vec<bool> {
        ranges
            .iter()
            .map(|&(s, e)| ps.iter().any(|p| p.re.is_match(&text[s..e])))
            .collect()
    }

    #[test]
    fn context_freedom_is_known_from_the_pattern() {
        assert!(Pattern::new("信息处理费").unwrap().context_free());
        assert!(Pattern::new("未收取|零元").unwrap().context_free());
        assert!(!Pattern::new("(?:^|[^0-9.])0元").unwrap().context_free());
        assert!(!Pattern::new(r"\b费").unwrap().context_free());
        assert!(!Pattern::new("费?").unwrap().context_free());
    }

    /// Sentences cut at `。`, as the rule kinds cut them.
    fn sentences(text: &str, region: (usize, usize)) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut s = region.0;
        for (i, c) in text[region.0..region.1].char_indices() {
            let at = region.0 + i;
            if c == '。' {
                if at > s {
                    out.push((s, at));
                }
                s = at + c.len_utf8();
            }
        }
        if region.1 > s {
            out.push((s, region.1));
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        /// Overlapping alternatives, repetitions and anchored patterns over texts made of
        /// their own letters: the pass over the region answers what each range answers.
        #[test]
        fn one_pass_answers_what_each_range_answers(
            text in "[费用收取零元0。ab]{0,40}",
            cut in 0usize..40,
            which in proptest::collection::vec(0usize..7, 1..4),
        ) {
            let all = [
                Pattern::new("费用").unwrap(),
                Pattern::new("收取|取零元|零").unwrap(),
                Pattern::new("a+b").unwrap(),
                Pattern::new("ab?a").unwrap(),
                Pattern::new("(?:^|[^0-9])0元").unwrap(),
                Pattern::new("元$").unwrap(),
                Pattern::new("用[^。]{0,3}零").unwrap(),
            ];
            let ps: Vec<&Pattern> = which.iter().map(|&i| &all[i]).collect();
            let chars: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let start = chars[cut.min(chars.len() - 1) / 3];
            let region = (start, text.len());
            let ranges = sentences(&text, region);
            prop_assert_eq!(
                ranges_matching(&ps, &text, region, &ranges),
                per_range(&ps, &text, &ranges)
            );
        }
    }
}
