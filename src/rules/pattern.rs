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
//!
//! A pattern that starts with a class, `^` or optional words has no literal prefilter:
//! the regex crate scans the whole text with its lazy DFA, and a prose-table statement
//! pattern does so on every draft. Its *gate* ([`Pattern::may_match`]) is a literal
//! search for words every match must contain; when none occurs, the pass is skipped.

use regex::Regex;
use regex_automata::util::prefilter::Prefilter;
use regex_automata::{MatchKind, Span};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind};
use std::sync::OnceLock;

/// A compiled rule pattern.
#[derive(Debug)]
pub struct Pattern {
    pub re: Regex,
    /// See [`Pattern::context_free`]; parsed on first use, not at start-up.
    context_free: OnceLock<bool>,
    /// See [`Pattern::may_match`]; built on first use.
    gate: OnceLock<Option<Prefilter>>,
    /// See [`Pattern::starts`]; built on first use.
    starts: OnceLock<Option<Starts>>,
}

/// A pattern searched only where its matches can start: every match begins with one of
/// `literals` (the pattern's finite prefix set, none empty), so the leftmost-first match
/// at or after a position is the first anchored match at one of the places, at or after
/// that position, where one of them occurs ([`Starts::captures_from`]).
#[derive(Debug)]
pub struct Starts {
    pub literals: Vec<Vec<u8>>,
    /// The same pattern, searched anchored (the regex crate has no anchored search).
    anchored: regex_automata::meta::Regex,
}

/// How many bytes of each prefix [`Starts`] keeps.
const STARTS_KEEP_BYTES: usize = 6;

/// One match as `captures_iter` reports it: its range and that of one named group.
pub type Captured = ((usize, usize), Option<(usize, usize)>);

impl Starts {
    fn new(pattern: &str) -> Option<Starts> {
        let hir = regex_syntax::parse(pattern).ok()?;
        let mut seq = Extractor::new().kind(ExtractKind::Prefix).extract(&hir);
        // Cut to their first two CJK characters (a prefix of a prefix is one too): a few
        // short words, which one literal pass for many patterns searches with Teddy.
        seq.keep_first_bytes(STARTS_KEEP_BYTES);
        seq.dedup();
        let lits = seq.literals()?;
        if lits.is_empty() || lits.iter().any(|l| l.as_bytes().is_empty()) {
            return None;
        }
        let mut literals: Vec<Vec<u8>> = lits.iter().map(|l| l.as_bytes().to_vec()).collect();
        literals.sort();
        literals.dedup();
        // The limits of `Pattern::new` (they choose engines, never change a match).
        let anchored = regex_automata::meta::Regex::builder()
            .configure(
                regex_automata::meta::Config::new()
                    .nfa_size_limit(Some(1 << 20))
                    .onepass_size_limit(Some(1 << 20))
                    .dfa_size_limit(Some(1 << 20))
                    .hybrid_cache_capacity(1 << 20),
            )
            .build(pattern)
            .ok()?;
        Some(Starts { literals, anchored })
    }

    /// What `captures_iter(hay)` reports (each match and its group `group`), given
    /// `places`: ascending offsets of `hay` that include every offset where one of the
    /// literals starts (and may include others).
    ///
    /// Why it is the same: every match starts at such a place, so the leftmost match at or
    /// after the search position starts at the first place there with an anchored match,
    /// and the leftmost-first match starting there is the anchored search's. Matches are
    /// never empty (they start with a literal), so the next search starts at the end of
    /// the last match, as `captures_iter`'s does.
    pub fn captures_from(
        &self,
        hay: &str,
        places: impl IntoIterator<Item = usize>,
        group: &str,
    ) -> Vec<Captured> {
        use regex_automata::{Anchored, Input};
        let mut caps = self.anchored.create_captures();
        let mut out = Vec::new();
        let mut pos = 0;
        for at in places {
            if at < pos {
                continue;
            }
            let input = Input::new(hay).span(at..hay.len()).anchored(Anchored::Yes);
            // Most places start no match: the lazy DFA alone says so, without captures.
            if self.anchored.search_half(&input).is_none() {
                continue;
            }
            self.anchored.search_captures(&input, &mut caps);
            let Some(m) = caps.get_match() else { continue };
            let n = caps.get_group_by_name(group).map(|g| (g.start, g.end));
            out.push(((m.start(), m.end()), n));
            pos = m.end();
        }
        out
    }
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
            gate: OnceLock::new(),
            starts: OnceLock::new(),
        })
    }

    /// The pattern searched from the places its matches can start ([`Starts`]); `None`
    /// when its matches may start anywhere (no finite set of non-empty prefixes).
    pub fn starts(&self) -> Option<&Starts> {
        self.starts
            .get_or_init(|| Starts::new(self.re.as_str()))
            .as_ref()
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

impl Pattern {
    /// Can the pattern match anywhere in `hay`? `false` only when it certainly cannot:
    /// none of the literals that every match must contain ([`gate`]) occurs in `hay`.
    /// A pass of the regex costs most for the patterns its own prefilter cannot serve
    /// (those starting with a class, `^` or optional words); this one literal search
    /// spares that pass on the drafts that lack the words.
    pub fn may_match(&self, hay: &str) -> bool {
        match self.gate.get_or_init(|| gate(self.re.as_str())) {
            Some(pre) => pre.find(hay.as_bytes(), Span::from(0..hay.len())).is_some(),
            None => true,
        }
    }
}

/// A rule pattern as the rule set keeps it: its source, its compiled form (built on
/// first use, by whichever thread asks first) and the words every match needs.
#[derive(Debug)]
pub struct Slot {
    src: Box<str>,
    compiled: OnceLock<Option<Pattern>>,
    /// [`super::needs::needed_literals`] of the source, when known without parsing it
    /// (worked out at build time for the embedded packs).
    needs: Option<&'static [&'static str]>,
    /// The profiles whose rules or templates use the pattern ([`profile_bit`]); only an
    /// order for compiling ahead, never a reason to skip it.
    profiles: std::sync::atomic::AtomicU8,
}

/// A profile's bit in [`Slot`]'s profiles (the common pack has its own).
pub fn profile_bit(profile: &str) -> u8 {
    match profile {
        "pre-2019" => 1,
        "2019-trial" => 2,
        "2021" => 4,
        _ => 8,
    }
}

impl Slot {
    pub fn new(src: &str, needs: Option<&'static [&'static str]>) -> Slot {
        Slot {
            src: src.into(),
            compiled: OnceLock::new(),
            needs,
            profiles: Default::default(),
        }
    }

    /// A slot holding a pattern compiled already.
    pub fn compiled(src: &str, pattern: Pattern) -> Slot {
        Slot {
            src: src.into(),
            compiled: OnceLock::from(Some(pattern)),
            needs: None,
            profiles: Default::default(),
        }
    }

    /// Record that a profile's rules use the pattern.
    pub fn used_by(&self, profile: &str) {
        self.profiles
            .fetch_or(profile_bit(profile), std::sync::atomic::Ordering::Relaxed);
    }

    /// Is the pattern used by the rules of a draft of this profile (its own or common)?
    pub fn used_for(&self, profile: &str) -> bool {
        let mask = self.profiles.load(std::sync::atomic::Ordering::Relaxed);
        mask & (profile_bit(profile) | profile_bit("common")) != 0
    }

    /// Has the pattern a list of needed words?
    pub fn has_needs(&self) -> bool {
        self.needs.is_some()
    }

    pub fn src(&self) -> &str {
        &self.src
    }

    pub fn is_compiled(&self) -> bool {
        self.compiled.get().is_some()
    }

    /// Compiled now if no thread has yet.
    pub fn get(&self) -> Option<&Pattern> {
        self.compiled
            .get_or_init(|| Pattern::new(&self.src).ok())
            .as_ref()
    }

    /// `hay` holds none of the words every match needs: no match there.
    pub fn lacks_needs(&self, hay: &str) -> bool {
        self.needs.is_some_and(|n| {
            !n.iter()
                .any(|l| memchr::memmem::find(hay.as_bytes(), l.as_bytes()).is_some())
        })
    }

    /// Certainly no match in `hay`, known without compiling: the pattern is not compiled
    /// yet and `hay` lacks its words. Once compiled, the search itself is cheaper than
    /// looking for the words, so they are not looked for.
    pub fn absent(&self, hay: &str) -> bool {
        !self.is_compiled() && self.lacks_needs(hay)
    }
}

/// A pattern handed to a rule kind: searched like a `Regex`, compiled on its first search
/// that can find something. A search of a text that lacks the pattern's words
/// ([`Slot::absent`]) finds nothing without compiling it, which is what the compiled
/// pattern would find; so a draft pays only for the patterns its text can match.
#[derive(Debug, Clone, Copy)]
pub struct Re<'a>(&'a Slot);

/// The empty answers of a pattern that cannot match (or does not compile).
static NEVER: std::sync::LazyLock<Regex> =
    std::sync::LazyLock::new(|| Regex::new("[^\\s\\S]").expect("an empty class compiles"));

impl<'a> Re<'a> {
    pub fn new(slot: &'a Slot) -> Self {
        Re(slot)
    }

    /// The compiled pattern (compiled now if need be); `None` if it does not compile.
    pub fn pattern(self) -> Option<&'a Pattern> {
        self.0.get()
    }

    /// The compiled regex, for a search that cannot skip it.
    fn regex(self) -> Option<&'a Regex> {
        self.0.get().map(|p| &p.re)
    }

    /// Certainly no match in `hay`, known without compiling ([`Slot::absent`]).
    pub fn absent(self, hay: &str) -> bool {
        self.0.absent(hay)
    }

    /// The regex to search `hay` with and the text to search: this one and `hay`, or,
    /// when this one certainly finds nothing there (or does not compile), one that finds
    /// nothing and `hay`'s empty start. An empty text, because a regex that cannot match
    /// still costs a pass over the text it is given (the lazy DFA of `[^\s\S]` reads
    /// every byte: 22 µs for 10 KB).
    fn for_hay<'h>(self, hay: &'h str) -> (&'a Regex, &'h str) {
        if !self.0.absent(hay) {
            if let Some(re) = self.regex() {
                return (re, hay);
            }
        }
        (&NEVER, &hay[..0])
    }

    pub fn is_match(self, hay: &str) -> bool {
        let (re, hay) = self.for_hay(hay);
        re.is_match(hay)
    }

    pub fn find<'h>(self, hay: &'h str) -> Option<regex::Match<'h>> {
        let (re, hay) = self.for_hay(hay);
        re.find(hay)
    }

    pub fn captures<'h>(self, hay: &'h str) -> Option<regex::Captures<'h>> {
        let (re, hay) = self.for_hay(hay);
        re.captures(hay)
    }

    pub fn find_iter<'h>(self, hay: &'h str) -> regex::Matches<'a, 'h> {
        let (re, hay) = self.for_hay(hay);
        re.find_iter(hay)
    }

    pub fn captures_iter<'h>(self, hay: &'h str) -> regex::CaptureMatches<'a, 'h> {
        let (re, hay) = self.for_hay(hay);
        re.captures_iter(hay)
    }
}

/// The gate's literals: the shortest must have this many bytes (two CJK characters) to be
/// worth a search; each is cut to at most `GATE_KEEP_BYTES` (four), which merges most of
/// the variants optional words make; at most `GATE_MAX_LITERALS` (Teddy's limit).
const GATE_MIN_BYTES: usize = 6;
const GATE_KEEP_BYTES: usize = 12;
const GATE_MAX_LITERALS: usize = 64;

/// A literal search of which every match of `pattern` must find one, for the patterns
/// whose own prefilter is not a literal search; `None` otherwise.
fn gate(pattern: &str) -> Option<Prefilter> {
    Prefilter::new(MatchKind::LeftmostFirst, &gate_literals(pattern)?)
}

/// The literals of [`gate`].
///
/// Why every match contains one: the pattern is (inside capture groups) a concatenation
/// `e0 e1 … ek`; a match is `m0 m1 … mk` with each `mj` a match of `ej`, so
/// `mi … mk` is a match of `ei … ek` and begins with one of that suffix's prefix
/// literals (a finite prefix set is what a prefilter relies on), and so with the first
/// bytes of one. The suffix whose shortest literal is longest is chosen.
///
/// Patterns whose whole prefix set is a literal search already (one literal, or at most
/// 64 literals of three bytes or more: what the regex crate searches with `memmem` or
/// Teddy) get no gate: their own pass costs about what the gate would.
pub(crate) fn gate_literals(pattern: &str) -> Option<Vec<Vec<u8>>> {
    if starts_with_a_word(pattern) {
        return None;
    }
    let hir = regex_syntax::parse(pattern).ok()?;
    let mut top = &hir;
    while let HirKind::Capture(c) = top.kind() {
        top = &c.sub;
    }
    let HirKind::Concat(elems) = top.kind() else {
        return None;
    };
    let mut ex = Extractor::new();
    ex.kind(ExtractKind::Prefix)
        .limit_total(GATE_MAX_LITERALS * 4);
    let literals = |i: usize, keep: usize| -> Option<Vec<Vec<u8>>> {
        let mut seq = ex.extract(&Hir::concat(elems[i..].to_vec()));
        seq.keep_first_bytes(keep);
        seq.dedup();
        let lits = seq.literals()?;
        (seq.min_literal_len()? > 0 && lits.len() <= GATE_MAX_LITERALS)
            .then(|| lits.iter().map(|l| l.as_bytes().to_vec()).collect())
    };
    let min = |l: &Vec<Vec<u8>>| l.iter().map(Vec::len).min().unwrap_or(0);
    // Cut as the gate's are, the whole pattern's prefixes: about what the regex crate's
    // own optimization of them leaves.
    if literals(0, GATE_KEEP_BYTES).is_some_and(|l| l.len() == 1 || min(&l) >= 3) {
        return None;
    }
    // Suffixes that start with a word the match must hold (a literal element).
    let lits = (1..elems.len())
        .filter(|&i| matches!(elems[i].kind(), HirKind::Literal(_)))
        .filter_map(|i| literals(i, GATE_KEEP_BYTES))
        .max_by_key(|l| (min(l), std::cmp::Reverse(l.len())))?;
    (min(&lits) >= GATE_MIN_BYTES).then_some(lits)
}

/// Does the pattern plainly start with a word of its own (a CJK character not made
/// optional, and no alternative at the top)? Then the regex's prefilter is that word,
/// and the pattern is not parsed for a gate. Only a shortcut to spare the parse: a wrong
/// answer either way costs time, never a match.
fn starts_with_a_word(pattern: &str) -> bool {
    let mut chars = pattern.chars();
    let first_is_word = chars
        .next()
        .is_some_and(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
    let optional = matches!(chars.next(), Some('?' | '*' | '{'));
    let mut depth = 0i32;
    let mut top_alternative = false;
    for c in pattern.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            '|' if depth <= 0 => top_alternative = true,
            '\\' => return false,
            _ => {}
        }
    }
    first_is_word && !optional && !top_alternative
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
///
/// A pattern not compiled yet whose words the region lacks ([`Re::absent`]) matches no
/// range of it, and is skipped.
pub fn ranges_matching(
    patterns: &[Re<'_>],
    text: &str,
    region: (usize, usize),
    ranges: &[(usize, usize)],
) -> Vec<bool> {
    let mut out = vec![false; ranges.len()];
    for p in patterns {
        if p.absent(&text[region.0..region.1]) {
            continue;
        }
        let Some(p) = p.pattern() else { continue };
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

    fn per_range(ps: &[Re], text: &str, ranges: &[(usize, usize)]) -> Vec<bool> {
        let res: Vec<Regex> = ps.iter().map(|p| Regex::new(p.0.src()).unwrap()).collect();
        ranges
            .iter()
            .map(|&(s, e)| res.iter().any(|re| re.is_match(&text[s..e])))
            .collect()
    }

    #[test]
    fn a_pattern_is_compiled_only_for_a_text_with_its_words() {
        let slot = Slot::new(
            "(?:共|合计)?主动公开(?:了)?信息(?P<n>[0-9]+)条",
            Some(&["主动公开"]),
        );
        let re = Re::new(&slot);
        let without = "全年共收到申请12件。";
        assert!(!re.is_match(without));
        assert!(re.find(without).is_none());
        assert!(re.captures(without).is_none());
        assert_eq!(re.find_iter(without).count(), 0);
        assert_eq!(re.captures_iter(without).count(), 0);
        assert!(!slot.is_compiled(), "searched a text without its words");
        // Nothing to find: the text is not read at all (a regex that cannot match would
        // still read all of it).
        assert_eq!(re.for_hay(without).1, "");
        let with = "全年共主动公开信息12条，主动公开信息3条。";
        assert_eq!(
            re.find(with).map(|m| m.as_str()),
            Some("共主动公开信息12条")
        );
        assert_eq!(&re.captures(with).unwrap()["n"], "12");
        assert_eq!(re.find_iter(with).count(), 2);
        assert_eq!(re.captures_iter(with).count(), 2);
        assert!(re.is_match(with));
        assert!(slot.is_compiled());
        assert_eq!(re.for_hay(with).1, with);
        // Once compiled, the words are no longer looked for; the answers are the regex's.
        assert!(!re.is_match(without));
        assert!(!re.absent(without));
        // A pattern that does not compile finds nothing.
        let bad = Slot::new("(费", None);
        assert!(Re::new(&bad).find("(费").is_none());
        assert_eq!(Re::new(&bad).for_hay("(费").1, "");
        assert_eq!(Re::new(&bad).find_iter("(费").count(), 0);
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

    /// Patterns that start with a class, `^` or optional words (no literal prefilter of
    /// their own) and the gates found for them.
    const GATED: [&str; 5] = [
        "(?:^|[,。])(?:全年|[0-9]{4}年)?(?:共|已)?办结(?:各类)?(?:申请)?(?P<n>[0-9]+)件",
        "(?P<n>[0-9]+)件(?:申请)?结转(?:至)?下(?:一)?年度?",
        "[0-9零一二]+件[^。]{0,3}申请",
        "(?:^|[。;])(?:[0-9]{4}年)?(?:共)?受理(?:依申请|政府)(?P<n>[0-9]+)件",
        "(?:共|全年)?(?:收到|受理)?(?P<n>[0-9]+)件申请",
    ];

    #[test]
    fn gates_are_found_only_where_the_regex_has_no_word_to_look_for() {
        let lits = |p: &str| {
            gate_literals(p).map(|l| {
                l.iter()
                    .map(|x| String::from_utf8_lossy(x).to_string())
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(
            lits(GATED[0]).unwrap(),
            [
                "办结各类",
                "办结申请",
                "办结0",
                "办结1",
                "办结2",
                "办结3",
                "办结4",
                "办结5",
                "办结6",
                "办结7",
                "办结8",
                "办结9"
            ]
        );
        assert_eq!(
            lits(GATED[1]).unwrap(),
            ["结转至下", "结转下一", "结转下年"]
        );
        assert_eq!(lits(GATED[2]).unwrap(), ["申请"]);
        assert_eq!(lits(GATED[3]).unwrap(), ["受理依申", "受理政府"]);
        assert_eq!(lits(GATED[4]).unwrap(), ["件申请"]);
        // A pattern that starts with its words is searched for them by the regex itself.
        assert_eq!(lits("主动公开(?:政府)?信息(?P<n>[0-9]+)条"), None);
        assert_eq!(lits("(?:收到|受理)(?:有关)?申请(?P<n>[0-9]+)件"), None);
        // Nothing long enough to look for.
        assert_eq!(lits("[0-9]+件"), None);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        /// A pattern whose gate finds none of its literals in a text has no match there
        /// (texts made of the patterns' own words, so that many do match).
        #[test]
        fn a_closed_gate_means_no_match(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "办结", "各类", "申请", "件", "结转", "至", "下", "一", "年度", "年", "受理",
                "依申请", "政府", "共", "已", "全年", "本年", "收到", "0", "12", "零", "，",
                ",", "。", ";", "x",
            ]), 0..16),
        ) {
            let text = pieces.concat();
            for p in GATED {
                let pat = Pattern::new(p).unwrap();
                prop_assert!(pat.may_match(&text) || !pat.re.is_match(&text), "{} {}", p, text);
            }
        }
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
            // Fresh slots, not compiled: those with words are skipped where the region
            // lacks them.
            let all = [
                Slot::new("费用", Some(&["费用"])),
                Slot::new("收取|取零元|零", Some(&["取", "零"])),
                Slot::new("a+b", None),
                Slot::new("ab?a", None),
                Slot::new("(?:^|[^0-9])0元", Some(&["0元"])),
                Slot::new("元$", None),
                Slot::new("用[^。]{0,3}零", Some(&["用"])),
            ];
            let ps: Vec<Re> = which.iter().map(|&i| Re::new(&all[i])).collect();
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
