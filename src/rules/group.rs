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

use regex_automata::util::prefilter::Prefilter;
use regex_automata::{hybrid, meta, nfa::thompson};
use regex_automata::{Anchored, Input, PatternID};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use std::sync::{Mutex, OnceLock};

/// A compiled group of patterns (in the order given).
#[derive(Debug)]
pub struct Group {
    union: meta::Regex,
    /// The patterns, as given.
    patterns: Vec<String>,
    /// Per pattern: what every match begins with ([`prefixes`]), when known.
    starts: Vec<Option<Vec<Box<[u8]>>>>,
    /// The patterns' words, for [`Group::matching_at_places`]; built on its first use
    /// (`None` when they cannot be searched in one literal pass).
    keyed: OnceLock<Option<Keyed>>,
}

/// The words of a group's patterns, all found in one literal pass over a text. Each
/// pattern is keyed by the literals every match begins with (its prefixes, cut short:
/// [`Key::Starts`]), or else by those every match ends with (its suffixes, cut to their
/// last bytes: [`Key::Ends`]), or else by those one of which every match contains
/// ([`super::needs::needed_literals`], cut short: [`Key::Needs`]); a pattern with none
/// of these, or whose literals would make the pass too slow, has no key.
#[derive(Debug)]
struct Keyed {
    /// Every key literal, each once, none a prefix of another (a longer one is found
    /// where the shorter is): literal `i` is bit `i`.
    literals: Vec<Vec<u8>>,
    /// All of `literals`, at most [`KEY_MAX_PASS`] to a search (Teddy): one search, or
    /// two when there are more; each with the index of its first literal.
    searches: Vec<(usize, Search)>,
    /// Per pattern.
    keys: Vec<Key>,
    /// The patterns that had a key and lost it to the cap on the literals
    /// ([`KEY_MAX_ALL`]): each is searched on its own over the whole text, which costs
    /// seconds on a big draft when the pattern is slow (BENCHMARKS.md «Stop 27»).
    dropped: Vec<usize>,
}

/// A literal search of a [`Keyed`] group: Teddy itself, which says which literal it found
/// (the search `regex-automata`'s prefilter makes of the same literals, without the
/// look-up of the found bytes); the prefilter where Teddy cannot be built (a CPU without
/// its instructions).
#[derive(Debug)]
enum Search {
    Teddy(aho_corasick::packed::Searcher),
    Other(Prefilter),
}

/// How a pattern of a [`Keyed`] group is asked, by the bits of the literals found at the
/// places where its own literals can occur.
#[derive(Debug)]
enum Key {
    /// Every match begins at one of the places `starts`, and (when `needs` is not 0)
    /// contains one of the places `needs`.
    Starts { starts: Bits, needs: Bits },
    /// Every match ends with one of `ends`, each of which begins at one of the places
    /// `bits`; the pattern is searched backward, anchored at each such end.
    Ends {
        bits: Bits,
        ends: Vec<Vec<u8>>,
        reverse: Box<hybrid::dfa::DFA>,
        cache: Box<Mutex<hybrid::dfa::Cache>>,
    },
    /// Every match contains one of these places.
    Needs(Bits),
    /// Not known: the pattern's own search decides.
    None,
}

/// Why a pattern of a group is searched on its own ([`Group::searched_alone`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alone {
    /// Its key was dropped: the group's literals were more than [`KEY_MAX_ALL`].
    Capped,
    /// No usable literal begins, ends or is needed by every match (or its reverse
    /// search could not be built).
    NoLiterals,
    /// The group's words cannot be searched in one literal pass at all.
    NoSearch,
}

/// Prefixes are cut to this many bytes (four CJK characters; to three or two when there
/// are too many), suffixes and needed words too.
const KEY_BYTES: usize = 12;
/// A pattern's prefixes (suffixes, needed words) are used when there are at most this
/// many, none shorter than this many bytes (two CJK characters: a one-character or
/// two-letter literal is frequent, and makes the literal search slower for all).
const KEY_MAX_LITERALS: usize = 12;
const KEY_MIN_BYTES: usize = 6;
/// At most this many literals to a search (Teddy's limit; beyond, an automaton), at most
/// this many in all (the bits of [`Bits`]: two searches), and the needed words of prefix
/// keys only while there are at most `KEY_MAX_GATED` (Teddy's faster form; BENCHMARKS.md
/// «Stop 25 (second helper)»). Past `KEY_MAX_PASS` a second search is made rather than a
/// key dropped (BENCHMARKS.md «Stop 28 (helper)»).
const KEY_MAX_PASS: usize = 64;
const KEY_MAX_ALL: usize = 128;
/// A set of key literals: literal `i` is bit `i`.
type Bits = u128;
const KEY_MAX_GATED: usize = 32;
/// More places than this many, and one more for every this many bytes of the text: the
/// group's own pass ([`Group::matching`]) answers instead of a search at each place.
const KEY_MAX_PLACES: usize = 16;
const KEY_DENSE_BYTES: usize = 256;

/// Are `places` places too many in a text of `len` bytes: does [`Group::matching_at_places`]
/// give them up for the group's own pass?
pub fn dense(places: usize, len: usize) -> bool {
    places > KEY_MAX_PLACES + len / KEY_DENSE_BYTES
}

/// `l` cut to at most `n` bytes, at a character boundary when it is text: its first
/// bytes, or its last ones (`last`).
fn cut(l: &[u8], n: usize, last: bool) -> Vec<u8> {
    let Ok(s) = std::str::from_utf8(l) else {
        return if last {
            l[l.len().saturating_sub(n)..].to_vec()
        } else {
            l[..l.len().min(n)].to_vec()
        };
    };
    if last {
        let mut k = l.len().saturating_sub(n);
        while !s.is_char_boundary(k) {
            k += 1;
        }
        l[k..].to_vec()
    } else {
        let mut k = l.len().min(n);
        while !s.is_char_boundary(k) {
            k -= 1;
        }
        l[..k].to_vec()
    }
}

/// A usable key: a few literals, none too short.
fn usable(mut lits: Vec<Vec<u8>>) -> Option<Vec<Vec<u8>>> {
    lits.sort();
    lits.dedup();
    (!lits.is_empty()
        && lits.len() <= KEY_MAX_LITERALS
        && lits.iter().all(|l| l.len() >= KEY_MIN_BYTES))
    .then_some(lits)
}

/// The literals of all keys, each once, without those that start with another one.
fn key_literals(keys: &[Vec<Vec<Vec<u8>>>]) -> Vec<Vec<u8>> {
    let mut all: Vec<Vec<u8>> = keys.iter().flatten().flatten().cloned().collect();
    all.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    all.dedup();
    let mut kept: Vec<Vec<u8>> = Vec::new();
    for l in all {
        if !kept.iter().any(|k| l.starts_with(k)) {
            kept.push(l);
        }
    }
    kept
}

/// Fewer literals, for one search where they fit: while there are more than
/// [`KEY_MAX_PASS`], the literals that begin with the longest prefix two of them share (at
/// least [`KEY_MIN_BYTES`], whole characters; of equals, the one fewest literals begin
/// with, then the first) are replaced by it (`信息条，`, `信息条。`, … by `信息条`). A key's
/// literals are then found where their prefix is (its places are more, never fewer: each
/// is asked there as before). Past the cap of one search with no such prefix left, as
/// they are. Sorted as [`key_literals`] leaves them; none a prefix of another still.
fn one_search(mut all: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    while all.len() > KEY_MAX_PASS {
        let mut best: Option<(Vec<u8>, usize)> = None;
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                let n = a.iter().zip(b).take_while(|(x, y)| x == y).count();
                let p = match std::str::from_utf8(&a[..n]) {
                    Ok(_) => &a[..n],
                    Err(e) => &a[..e.valid_up_to()],
                };
                if p.len() < KEY_MIN_BYTES {
                    continue;
                }
                let count = all.iter().filter(|l| l.starts_with(p)).count();
                let better = best.as_ref().is_none_or(|(q, c)| {
                    (std::cmp::Reverse(p.len()), count, p) < (std::cmp::Reverse(q.len()), *c, q)
                });
                if better {
                    best = Some((p.to_vec(), count));
                }
            }
        }
        let Some((p, _)) = best else {
            break;
        };
        all.retain(|l| !l.starts_with(&p));
        all.push(p);
    }
    all.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    all
}

/// A literal list per kind of key (for `Starts`, the needed words may follow as a
/// second list, a gate only).
type KeyLists = (Option<Kind>, Vec<Vec<Vec<u8>>>);

/// The kinds of key, in [`Keyed::new`]'s lists.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Starts,
    Ends,
    Needs,
}

impl Keyed {
    fn new(patterns: &[String]) -> Option<Keyed> {
        // Per pattern: its kind of key and its literal lists (for `Starts`, the needed
        // words may follow as a second list, a gate only).
        let mut keys: Vec<KeyLists> = Vec::new();
        for p in patterns {
            let hir = regex_syntax::parse(p).ok()?;
            let extract = |kind: ExtractKind, last: bool| {
                let seq = Extractor::new().kind(kind).extract(&hir);
                // Cut shorter while there are too many (a prefix of a prefix is one too).
                seq.literals().and_then(|ls| {
                    [KEY_BYTES, 9, 6].into_iter().find_map(|n| {
                        usable(ls.iter().map(|l| cut(l.as_bytes(), n, last)).collect())
                    })
                })
            };
            let needs = super::needs::needed_literals(p).and_then(|ls| {
                usable(
                    ls.iter()
                        .map(|l| cut(l.as_bytes(), KEY_BYTES, false))
                        .collect(),
                )
            });
            keys.push(if let Some(ls) = extract(ExtractKind::Prefix, false) {
                (
                    Some(Kind::Starts),
                    [Some(ls), needs].into_iter().flatten().collect(),
                )
            } else if let Some(ls) = extract(ExtractKind::Suffix, true) {
                (Some(Kind::Ends), vec![ls])
            } else if let Some(ls) = needs {
                (Some(Kind::Needs), vec![ls])
            } else {
                (None, Vec::new())
            });
        }
        let lists = |keys: &[KeyLists]| -> Vec<Vec<Vec<Vec<u8>>>> {
            keys.iter().map(|(_, ls)| ls.clone()).collect()
        };
        // Too many literals: first the gates go, then, one at a time, the key whose
        // literals no other key shares the most of (the last of equals).
        let mut all = key_literals(&lists(&keys));
        if all.len() > KEY_MAX_GATED {
            for (k, ls) in &mut keys {
                if *k == Some(Kind::Starts) {
                    ls.truncate(1);
                }
            }
            all = key_literals(&lists(&keys));
        }
        let mut dropped = Vec::new();
        while all.len() > KEY_MAX_ALL {
            let drop = (0..keys.len())
                .filter(|&i| keys[i].0.is_some())
                .min_by_key(|&i| {
                    let mut without = lists(&keys);
                    without[i].clear();
                    (key_literals(&without).len(), std::cmp::Reverse(i))
                })?;
            keys[drop] = (None, Vec::new());
            dropped.push(drop);
            all = key_literals(&lists(&keys));
        }
        if all.is_empty() {
            return None;
        }
        let all = one_search(all);
        // A key's literals are found where a kept literal that begins one of them is.
        let mask = |ls: &[Vec<u8>]| {
            all.iter()
                .enumerate()
                .filter(|(_, k)| ls.iter().any(|l| l.starts_with(k)))
                .fold(0, |m: Bits, (j, _)| m | (1 << j))
        };
        let keys = keys
            .into_iter()
            .zip(patterns)
            .map(|((kind, mut ls), p)| match kind {
                Some(Kind::Starts) => Key::Starts {
                    starts: mask(&ls[0]),
                    needs: ls.get(1).map_or(0, |n| mask(n)),
                },
                Some(Kind::Ends) => {
                    let built = hybrid::dfa::DFA::builder()
                        .configure(hybrid::dfa::DFA::config().cache_capacity(1 << 20))
                        .thompson(thompson::Config::new().reverse(true))
                        .build(p);
                    match built {
                        Ok(reverse) => Key::Ends {
                            bits: mask(&ls[0]),
                            cache: Box::new(Mutex::new(reverse.create_cache())),
                            reverse: Box::new(reverse),
                            ends: ls.swap_remove(0),
                        },
                        Err(_) => Key::None,
                    }
                }
                Some(Kind::Needs) => Key::Needs(mask(&ls[0])),
                None => Key::None,
            })
            .collect();
        // As many searches as `KEY_MAX_PASS` needs, the literals shared evenly.
        let passes = all.len().div_ceil(KEY_MAX_PASS);
        let size = all.len().div_ceil(passes);
        let searches = all
            .chunks(size)
            .enumerate()
            .map(|(k, ls)| {
                let teddy = aho_corasick::packed::Config::new()
                    .match_kind(aho_corasick::packed::MatchKind::LeftmostFirst)
                    .builder()
                    .extend(ls)
                    .build();
                let search = match teddy {
                    Some(t) => Search::Teddy(t),
                    None => Search::Other(Prefilter::new(
                        regex_automata::MatchKind::LeftmostFirst,
                        ls,
                    )?),
                };
                Some((k * size, search))
            })
            .collect::<Option<Vec<_>>>()?;
        dropped.sort_unstable();
        Some(Keyed {
            literals: all,
            searches,
            keys,
            dropped,
        })
    }

    /// Every offset of `hay` where one of the literals starts, with its bit (one literal
    /// at most starts at an offset: none is a prefix of another); ascending per search,
    /// the searches one after another (the order is not used).
    fn places(&self, hay: &[u8]) -> Vec<(usize, Bits)> {
        let mut out = Vec::new();
        for (first, search) in &self.searches {
            let mut at = 0;
            match search {
                Search::Teddy(t) => {
                    let span = |at| aho_corasick::Span {
                        start: at,
                        end: hay.len(),
                    };
                    while let Some(m) = t.find_in(hay, span(at)) {
                        out.push((m.start(), 1 << (first + m.pattern().as_usize())));
                        at = m.start() + 1;
                    }
                }
                Search::Other(pre) => {
                    while let Some(sp) = pre.find(hay, regex_automata::Span::from(at..hay.len())) {
                        let found = &hay[sp.start..sp.end];
                        // A span that is no literal (never, with a literal search) is a
                        // place for every pattern: the searches there decide.
                        let bits = match self.literals.iter().position(|l| l.as_slice() == found) {
                            Some(i) => 1 << i,
                            None => Bits::MAX,
                        };
                        out.push((sp.start, bits));
                        at = sp.start + 1;
                    }
                }
            }
        }
        out
    }
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
        Some(Group {
            union,
            patterns: patterns.to_vec(),
            starts,
            keyed: OnceLock::new(),
        })
    }

    /// The patterns (by index) that [`Group::matching_at_places`] leaves to their own
    /// search over the whole text whatever the text (`None`): those without a key, each
    /// with why. Every pattern when the group's words cannot be searched together.
    pub fn searched_alone(&self) -> Vec<(usize, Alone)> {
        let Some(keyed) = self.keyed.get_or_init(|| Keyed::new(&self.patterns)) else {
            return (0..self.patterns.len())
                .map(|i| (i, Alone::NoSearch))
                .collect();
        };
        keyed
            .keys
            .iter()
            .enumerate()
            .filter(|(_, k)| matches!(k, Key::None))
            .map(|(i, _)| {
                let why = if keyed.dropped.contains(&i) {
                    Alone::Capped
                } else {
                    Alone::NoLiterals
                };
                (i, why)
            })
            .collect()
    }

    /// How many literals the group's one literal pass searches (0 when there is none): at
    /// most [`KEY_MAX_ALL`].
    pub fn key_literals(&self) -> usize {
        self.keyed
            .get_or_init(|| Keyed::new(&self.patterns))
            .as_ref()
            .map_or(0, |k| k.literals.len())
    }

    /// Each literal of the group's literal pass (as text), with how many of the places
    /// [`Group::matching_at_places`] starts from in `hay` it yields (the places where it
    /// starts); empty when there is no pass.
    #[cfg(test)]
    pub fn key_census(&self, hay: &str) -> Vec<(String, usize)> {
        let Some(keyed) = self.keyed.get_or_init(|| Keyed::new(&self.patterns)) else {
            return Vec::new();
        };
        let b = hay.as_bytes();
        let places = keyed.places(b);
        keyed
            .literals
            .iter()
            .map(|l| {
                let n = places
                    .iter()
                    .filter(|(at, _)| b[*at..].starts_with(l))
                    .count();
                (String::from_utf8_lossy(l).into_owned(), n)
            })
            .collect()
    }

    /// For each pattern of the group: does it match anywhere in `hay` (`Some`, exactly
    /// [`Group::matching`]'s answer), or is that left to the pattern's own search
    /// (`None`)? One literal pass over `hay` finds the places of every pattern's words
    /// ([`Keyed`]); then a pattern none of whose needed words occur matches nowhere, nor
    /// does one none of whose prefixes occur, and one with a few places of its prefixes is
    /// asked, anchored, only there (every match begins at one of them; look-around is
    /// judged on the whole text). `None` for every pattern when the words cannot be
    /// searched together.
    pub fn matching_at_places(&self, hay: &str) -> Vec<Option<bool>> {
        let Some(keyed) = self.keyed.get_or_init(|| Keyed::new(&self.patterns)) else {
            return vec![None; self.starts.len()];
        };
        let places = keyed.places(hay.as_bytes());
        // Where the words are dense (a text made of them), one pass of the group costs
        // less than a search at each place.
        if dense(places.len(), hay.len()) {
            return self.matching(hay).into_iter().map(Some).collect();
        }
        let present = places.iter().fold(0, |m, (_, bits)| m | bits);
        // The places of the prefixes of patterns not ruled out by their needed words.
        let live = keyed.keys.iter().fold(0, |m, k| match k {
            Key::Starts { starts, needs } if *needs == 0 || present & needs != 0 => m | starts,
            _ => m,
        });
        // One anchored search of all the patterns at such a place says whether any match
        // starts there (most places start none): the places where none does are
        // dropped for every pattern.
        let mut starting: Vec<(usize, Bits)> = places
            .iter()
            .copied()
            .filter(|(_, b)| b & live != 0)
            .collect();
        starting.retain(|&(s, _)| {
            self.union
                .search_half(
                    &Input::new(hay)
                        .range(s..)
                        .anchored(Anchored::Yes)
                        .earliest(true),
                )
                .is_some()
        });
        keyed
            .keys
            .iter()
            .enumerate()
            .map(|(i, key)| match key {
                Key::None => None,
                Key::Needs(bits) => (present & bits == 0).then_some(false),
                Key::Starts { needs, .. } if *needs != 0 && present & needs == 0 => Some(false),
                Key::Starts { starts, .. } => {
                    let pid = PatternID::try_from(i).ok()?;
                    Some(starting.iter().any(|&(s, b)| {
                        b & starts != 0
                            && self
                                .union
                                .search_half(
                                    &Input::new(hay)
                                        .range(s..)
                                        .anchored(Anchored::Pattern(pid))
                                        .earliest(true),
                                )
                                .is_some()
                    }))
                }
                Key::Ends {
                    bits,
                    ends,
                    reverse,
                    cache,
                } => {
                    let b = hay.as_bytes();
                    let mut own;
                    let mut guard = cache.try_lock();
                    let cache = match guard.as_deref_mut() {
                        Ok(c) => c,
                        Err(_) => {
                            own = reverse.create_cache();
                            &mut own
                        }
                    };
                    let mut found = false;
                    for &(s, _) in places.iter().filter(|(_, b)| b & bits != 0) {
                        for e in ends.iter().filter(|e| b[s..].starts_with(e)) {
                            let input = Input::new(hay)
                                .range(..s + e.len())
                                .anchored(Anchored::Yes)
                                .earliest(true);
                            match reverse.try_search_rev(cache, &input) {
                                Ok(Some(_)) => found = true,
                                Ok(None) => {}
                                // A search the lazy DFA gives up on: the pattern's own.
                                Err(_) => return None,
                            }
                            if found {
                                return Some(true);
                            }
                        }
                    }
                    Some(false)
                }
            })
            .collect()
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

    /// Past one search's literals, shared prefixes replace their literals until they fit:
    /// every literal still begins with a kept one, none of which begins another.
    #[test]
    fn literals_past_one_search_share_their_prefixes() {
        let mut all: Vec<Vec<u8>> = Vec::new();
        for a in ["信息条", "向区政", "国办函"] {
            for b in 0..24 {
                all.push(format!("{a}{b:02}").into_bytes());
            }
        }
        let kept = one_search(all.clone());
        // The longest shared prefixes first (`信息条2` for `信息条20` to `信息条23`), and no
        // more than fit.
        assert_eq!(kept.len(), KEY_MAX_PASS - 1);
        assert!(kept.contains(&"信息条2".as_bytes().to_vec()));
        assert!(all.iter().all(|l| kept.iter().any(|k| l.starts_with(k))));
        for (i, a) in kept.iter().enumerate() {
            assert!(kept
                .iter()
                .enumerate()
                .all(|(j, b)| i == j || !b.starts_with(a)));
        }
        // Fits: as given.
        assert_eq!(
            one_search(all[..KEY_MAX_PASS].to_vec()),
            all[..KEY_MAX_PASS]
        );
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

        /// Patterns keyed by two-character prefixes, suffixes (searched backward from
        /// them, look-around included) and needed words, over texts made of those words:
        /// where the places answer, they answer what each pattern answers.
        #[test]
        fn the_places_answer_what_each_pattern_answers(
            hay in "(?:费用|收取|零元|减免|情况|[0-9。\n 元])*",
            which in proptest::collection::vec(0usize..8, 3..7),
        ) {
            let all = [
                "费用[^。]{0,3}零元",
                "收取[0-9]+元",
                "(?m)(?:^[ ]*|[。])[0-9]+元?减免情况",
                "[0-9]减免(?:的)?情况",
                "(?:费用|收取)[^。]*零元",
                "[0-9 ]+(?:费用|零元)",
                "收取零元|减免情况",
                "元[^。]{0,4}费用",
            ];
            let ps: Vec<String> = which.iter().map(|&i| all[i].to_string()).collect();
            let g = Group::new(&ps).unwrap();
            let want = each(&ps, &hay);
            for (i, m) in g.matching_at_places(&hay).into_iter().enumerate() {
                if let Some(m) = m {
                    prop_assert_eq!(m, want[i], "{}", ps[i]);
                }
            }
        }
    }
}
