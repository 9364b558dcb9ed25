//! Several rule patterns searched over one region in one pass: which of them match
//! anywhere in it, so that a rule kind runs only those (the others provably match nowhere
//! and cost nothing more).
//!
//! The patterns are compiled together into one multi-pattern regex (`regex-automata`'s
//! meta engine, leftmost-first). One `find_iter` over the region reports, for each
//! stretch where some pattern matches, the leftmost match and the pattern it belongs to.
//! A pattern it reports matches. A pattern it does not report may still match, hidden
//! by an overlapping match of another: every match of every pattern starts inside a
//! reported match (proof at [`Group::matching`]), so it is asked, anchored, only at those
//! few positions (and only where one of the literals its matches begin with starts).
//! The answer is exactly what asking each pattern's `is_match` over the region answers.

use regex_automata::meta;
use regex_automata::{Anchored, Input, PatternID};
use regex_syntax::hir::literal::{ExtractKind, Extractor};

/// A compiled group of patterns (in the order given).
#[derive(Debug)]
pub struct Group {
    union: meta::Regex,
    /// Per pattern: what every match begins with ([`prefixes`]), when known.
    starts: Vec<Option<Vec<Box<[u8]>>>>,
}

impl Group {
    /// `None` when the group cannot be compiled within the size limits, or when a pattern
    /// can match the empty string (the proof needs every match to be non-empty). The
    /// caller then asks each pattern itself.
    pub fn new(patterns: &[String]) -> Option<Group> {
        let mut starts = Vec::with_capacity(patterns.len());
        for p in patterns {
            let hir = regex_syntax::parse(p).ok()?;
            if hir.properties().minimum_len().is_none_or(|n| n == 0) {
                return None;
            }
            starts.push(prefixes(&hir));
        }
        // `Pattern::new`'s limits: its size limit per pattern, its lazy DFA cache for the
        // whole group (the memory of one pattern).
        let n = patterns.len().max(1);
        let union = meta::Builder::new()
            .configure(
                meta::Config::new()
                    .nfa_size_limit(Some(n << 20))
                    .onepass_size_limit(Some(n << 20))
                    .hybrid_cache_capacity(1 << 20),
            )
            .build_many(patterns)
            .ok()?;
        Some(Group { union, starts })
    }

    /// Does any pattern of the group match anywhere in `hay`? Exactly whether some
    /// pattern's `Regex::new(p).is_match(hay)` holds: a multi-pattern regex matches where
    /// one of its patterns does. One search, however many patterns.
    pub fn any(&self, hay: &str) -> bool {
        self.union.is_match(hay)
    }

    /// For each pattern of the group: does it match anywhere in `hay`? Exactly
    /// `Regex::new(p).is_match(hay)` for each `p`.
    ///
    /// Why asking only inside reported matches is enough: let `m` be a match of pattern
    /// `p` starting at `s`, and take the last reported match `r` that starts at or before
    /// `s` (there is one: the first search reports the leftmost start of all matches of all
    /// patterns, so it starts at or before `s`). If `r` ends after `s`, `m` starts inside
    /// `r`. Otherwise the search after `r` resumed at `r`'s end, at or before `s`
    /// (matches are never empty, so it resumes exactly there), and `m` is a match starting
    /// at or after that point (look-around is judged on the whole text, not on where the
    /// search resumed), so the next reported match starts at or before `s` — after `r`,
    /// contradicting the choice of `r`.
    pub fn matching(&self, hay: &str) -> Vec<bool> {
        let n = self.starts.len();
        let mut hit = vec![false; n];
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for m in self.union.find_iter(hay) {
            hit[m.pattern().as_usize()] = true;
            spans.push((m.start(), m.end()));
        }
        if spans.is_empty() || hit.iter().all(|h| *h) {
            return hit;
        }
        let b = hay.as_bytes();
        for (i, h) in hit.iter_mut().enumerate() {
            if *h {
                continue;
            }
            let Ok(pid) = PatternID::try_from(i) else {
                *h = true;
                continue;
            };
            let begins = |s: usize| match &self.starts[i] {
                Some(lits) => lits.iter().any(|l| b[s..].starts_with(l)),
                None => true,
            };
            *h = spans.iter().any(|&(a, e)| {
                (a..e).any(|s| {
                    hay.is_char_boundary(s)
                        && begins(s)
                        && self
                            .union
                            .search_half(
                                &Input::new(hay)
                                    .range(s..)
                                    .anchored(Anchored::Pattern(pid))
                                    .earliest(true),
                            )
                            .is_some()
                })
            });
        }
        hit
    }
}

/// What every match of the pattern begins with: the first character (or byte) of one of
/// the literals `regex-syntax` finds it to begin with, when it finds a finite set.
fn prefixes(hir: &regex_syntax::hir::Hir) -> Option<Vec<Box<[u8]>>> {
    let seq = Extractor::new().kind(ExtractKind::Prefix).extract(hir);
    let mut heads: Vec<Box<[u8]>> = Vec::new();
    for l in seq.literals()? {
        let b = l.as_bytes();
        let len = match std::str::from_utf8(b) {
            Ok(s) => s.chars().next()?.len_utf8(),
            Err(e) if e.valid_up_to() > 0 => std::str::from_utf8(&b[..e.valid_up_to()])
                .ok()?
                .chars()
                .next()?
                .len_utf8(),
            Err(_) => 1,
        };
        if !heads.iter().any(|h| **h == b[..len]) {
            heads.push(b[..len].into());
        }
    }
    (!heads.is_empty()).then_some(heads)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn each(ps: &[String], hay: &str) -> Vec<bool> {
        ps.iter()
            .map(|p| regex::Regex::new(p).unwrap().is_match(hay))
            .collect()
    }

    #[test]
    fn patterns_that_may_match_empty_are_not_grouped() {
        assert!(Group::new(&["a".into(), "b?".into()]).is_none());
        assert!(Group::new(&["a".into(), "(".into()]).is_none());
    }

    #[test]
    fn a_match_hidden_by_an_earlier_one_is_found() {
        // `收到申请` hides `申请12件` (leftmost-first reports only the first).
        let ps = vec![
            "收到申请".to_string(),
            r"申请\d+件".to_string(),
            "办结".into(),
        ];
        let g = Group::new(&ps).unwrap();
        assert_eq!(g.matching("共收到申请12件"), vec![true, true, false]);
        assert_eq!(g.matching("无"), vec![false, false, false]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        /// Overlapping alternatives, repetitions, classes and anchors over texts made of
        /// their own letters: the group answers what each pattern answers.
        #[test]
        fn the_group_answers_what_each_pattern_answers(
            hay in "[费用收取零元0-2。,ab\n]{0,40}",
            which in proptest::collection::vec(0usize..10, 1..6),
        ) {
            let all = [
                "费用",
                "收取|取零元|零",
                "a+b",
                "ab?a",
                "(?:^|[^0-9])0元",
                "元$",
                "用[^。]{0,3}零",
                "(?:^|[,。])(?:收取)?(?P<n>[0-9]+)元",
                "(?m)^a",
                "[0-9]+",
            ];
            let ps: Vec<String> = which.iter().map(|&i| all[i].to_string()).collect();
            let g = Group::new(&ps).unwrap();
            prop_assert_eq!(g.matching(&hay), each(&ps, &hay));
        }
    }
}
