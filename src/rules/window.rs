//! Count patterns searched only near the numbers of a text.
//!
//! Most patterns that read a count (`办结(?P<n>[0-9]+)件`) cannot match without an ASCII
//! digit, and reach only a bounded number of bytes away from their digits. Such a
//! pattern's *digit reach* ([`Reach`]) is read off its syntax: how many bytes a match
//! can hold before its first digit, after its last one, and between two of them. Every
//! match then lies inside one *window* of the text: a run of digits widened by the reach
//! (windows that touch are merged). Searching the windows one after another, each cut
//! at its end, reports exactly the matches a pass over the whole text reports (proof at
//! [`captures_in`]); searching them copied into one string ([`Gathered`]) does too
//! (proof at [`captures_gathered`]), with one regex pass instead of one per window.
//! The text between the windows is never searched. Measured (BENCHMARKS.md, stop 14):
//! it pays for the prose-table statements only.

use regex::{Captures, Regex};
use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// How far a pattern's matches reach from their digits, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reach {
    /// Before the first digit of a match.
    pub lead: usize,
    /// After the last digit.
    pub trail: usize,
    /// Between two digits.
    pub gap: usize,
}

/// Longer reaches leave too little text outside the windows to be worth it.
const LIMIT: usize = 512;

/// What the matches of a sub-pattern look like, with digits counted only where the
/// syntax guarantees one (a class of digits only, or a digit in a literal). `None`:
/// no such match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shape {
    /// Longest match without a guaranteed digit.
    free: Option<usize>,
    /// Longest stretch before the first guaranteed digit.
    lead: Option<usize>,
    /// Longest stretch after the last guaranteed digit.
    trail: Option<usize>,
    /// Longest stretch between two guaranteed digits.
    gap: Option<usize>,
}

fn add(a: Option<usize>, b: Option<usize>) -> Option<usize> {
    Some(a? + b?)
}

fn max(a: Option<usize>, b: Option<usize>) -> Option<usize> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

impl Shape {
    const EMPTY: Shape = Shape {
        free: Some(0),
        lead: None,
        trail: None,
        gap: None,
    };
    const DIGIT: Shape = Shape {
        free: None,
        lead: Some(0),
        trail: Some(0),
        gap: None,
    };

    fn concat(self, b: Shape) -> Shape {
        Shape {
            free: add(self.free, b.free),
            lead: max(self.lead, add(self.free, b.lead)),
            trail: max(b.trail, add(self.trail, b.free)),
            gap: max(max(self.gap, b.gap), add(self.trail, b.lead)),
        }
    }

    fn alt(self, b: Shape) -> Shape {
        Shape {
            free: max(self.free, b.free),
            lead: max(self.lead, b.lead),
            trail: max(self.trail, b.trail),
            gap: max(self.gap, b.gap),
        }
    }

    fn too_long(&self) -> bool {
        [self.free, self.lead, self.trail, self.gap]
            .iter()
            .any(|v| v.is_some_and(|n| n > LIMIT))
    }
}

fn literal(bytes: &[u8]) -> Shape {
    let digits: Vec<usize> = (0..bytes.len())
        .filter(|&i| bytes[i].is_ascii_digit())
        .collect();
    match (digits.first(), digits.last()) {
        (Some(&f), Some(&l)) => Shape {
            free: None,
            lead: Some(f),
            trail: Some(bytes.len() - l - 1),
            gap: digits.windows(2).map(|w| w[1] - w[0] - 1).max(),
        },
        _ => Shape {
            free: Some(bytes.len()),
            ..Shape::EMPTY
        },
    }
}

fn class(c: &Class) -> Shape {
    let only_digits = match c {
        Class::Unicode(u) => u
            .ranges()
            .iter()
            .all(|r| r.start().is_ascii_digit() && r.end().is_ascii_digit()),
        Class::Bytes(b) => b
            .ranges()
            .iter()
            .all(|r| r.start().is_ascii_digit() && r.end().is_ascii_digit()),
    };
    match c.maximum_len() {
        // A class that matches nothing: no match at all.
        None => Shape {
            free: None,
            ..Shape::EMPTY
        },
        Some(_) if only_digits => Shape::DIGIT,
        Some(n) => Shape {
            free: Some(n),
            ..Shape::EMPTY
        },
    }
}

/// Look-around that reads only the text before the position: unchanged when the text
/// is cut after it.
fn looks_back(l: Look) -> bool {
    matches!(l, Look::Start | Look::StartLF | Look::StartCRLF)
}

fn shape(hir: &Hir) -> Option<Shape> {
    let s = match hir.kind() {
        HirKind::Empty => Shape::EMPTY,
        HirKind::Literal(l) => literal(&l.0),
        HirKind::Class(c) => class(c),
        HirKind::Look(l) if looks_back(*l) => Shape::EMPTY,
        HirKind::Look(_) => return None,
        HirKind::Capture(c) => shape(&c.sub)?,
        HirKind::Concat(xs) => {
            let mut s = Shape::EMPTY;
            for x in xs {
                s = s.concat(shape(x)?);
                if s.too_long() {
                    return None;
                }
            }
            s
        }
        HirKind::Alternation(xs) => {
            let mut it = xs.iter();
            let mut s = shape(it.next()?)?;
            for x in it {
                s = s.alt(shape(x)?);
            }
            s
        }
        HirKind::Repetition(r) => {
            let sub = shape(&r.sub)?;
            let mut s = Shape::EMPTY;
            for _ in 0..r.min {
                s = s.concat(sub);
                if s.too_long() {
                    return None;
                }
            }
            let opt = sub.alt(Shape::EMPTY);
            // Optional copies until the bound, or until one more changes nothing (then
            // none ever will: the shape of `s·opt` depends only on the shape of `s`).
            let mut extra = 0u32;
            while r.max.is_none_or(|m| r.min + extra < m) {
                let next = s.concat(opt);
                if next == s {
                    break;
                }
                s = next;
                extra += 1;
                if s.too_long() {
                    return None;
                }
            }
            s
        }
    };
    (!s.too_long()).then_some(s)
}

/// The digit reach of a pattern: `Some` when every match holds an ASCII digit, the
/// reach is bounded, and the pattern looks at no text after a position (only `^`-like
/// assertions), so that a cut text gives the same matches up to the cut.
pub fn reach(pattern: &str) -> Option<Reach> {
    let hir = regex_syntax::parse(pattern).ok()?;
    let s = shape(&hir)?;
    if s.free.is_some() {
        return None;
    }
    Some(Reach {
        lead: s.lead?,
        trail: s.trail?,
        gap: s.gap.unwrap_or(0),
    })
}

const L: u64 = 0x0101_0101_0101_0101;

/// The bytes of an 8-byte word that are `0`..=`9`: `0x01` in each such byte
/// (`hasbetween(x, 0x2F, 0x3A)` of the bit-twiddling collection; no byte carries into
/// the next, so each byte's answer is its own).
fn digit_bytes(w: u64) -> u64 {
    let low = w & (L * 127);
    (((L * (127 + 0x3A)) - low) & !w & (low + L * (127 - 0x2F)) & (L * 128)) >> 7
}

/// Maximal runs of ASCII digits, `(start, end)` in byte offsets.
pub fn digit_runs(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut words = b.chunks_exact(8);
    let mut i = 0;
    for w in &mut words {
        let w = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        let d = digit_bytes(w);
        // Runs start at a digit after a non-digit and end at a non-digit after a
        // digit; the byte before the word is the last of the previous one.
        let before = (d << 8) | u64::from(open.is_some());
        let mut edges = (d ^ before) & L;
        while edges != 0 {
            let at = i + edges.trailing_zeros() as usize / 8;
            match open.take() {
                None => open = Some(at),
                Some(s) => out.push((s, at)),
            }
            edges &= edges - 1;
        }
        i += 8;
    }
    for (j, c) in words.remainder().iter().enumerate() {
        match (c.is_ascii_digit(), open) {
            (true, None) => open = Some(i + j),
            (false, Some(s)) => {
                out.push((s, i + j));
                open = None;
            }
            _ => {}
        }
    }
    if let Some(s) = open {
        out.push((s, b.len()));
    }
    out
}

/// The windows of a text (given its digit runs) where a pattern of this reach can match:
/// sorted, disjoint, not touching, on character boundaries.
pub fn windows(text: &str, runs: &[(usize, usize)], r: Reach) -> Vec<(usize, usize)> {
    let after = r.trail.max(r.gap);
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &(a, b) in runs {
        let mut s = a.saturating_sub(r.lead);
        while !text.is_char_boundary(s) {
            s -= 1;
        }
        let mut e = (b + after).min(text.len());
        while !text.is_char_boundary(e) {
            e += 1;
        }
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// Every match of `re` in `hay`, as `re.captures_iter(hay)` reports them, searching only
/// the windows (from [`windows`] with the pattern's [`reach`]).
///
/// Why: every match holds a digit, lies within `lead` bytes before its first digit run
/// and `max(trail, gap)` after its last one, and the digit runs it spans are at most
/// `gap` apart, so it lies inside one window. A match of the text cut at a window's end
/// is a match of the whole text (the pattern reads no text after a position) and every
/// match starting in the window ends inside it, so at each start the same matches compete
/// and leftmost-first picks the same one. No match starts between windows, and matches
/// are never empty (each holds a digit), so resuming at each match's end walks the same
/// sequence as one pass over the whole text.
pub fn captures_in<'h>(re: &Regex, hay: &'h str, windows: &[(usize, usize)]) -> Vec<Captures<'h>> {
    let mut out = Vec::new();
    for &(s, e) in windows {
        let cut = &hay[..e];
        let mut at = s;
        while let Some(c) = re.captures_at(cut, at) {
            let Some(m) = c.get(0) else { break };
            at = m.end();
            out.push(c);
        }
    }
    out
}

/// The windows of a text copied one after another into one string, a newline between
/// two, so that one pass over it stands for one pass over the windows.
#[derive(Debug)]
pub struct Gathered {
    text: String,
    /// Per window: its range in the original text and where it starts in `text`.
    parts: Vec<(usize, usize, usize)>,
    /// The digit runs the windows were made from (shared by the tiers of one text).
    pub runs: std::rc::Rc<Vec<(usize, usize)>>,
}

impl Gathered {
    pub fn new(
        hay: &str,
        windows: &[(usize, usize)],
        runs: std::rc::Rc<Vec<(usize, usize)>>,
    ) -> Gathered {
        let mut text = String::with_capacity(windows.iter().map(|w| w.1 - w.0 + 1).sum());
        let mut parts = Vec::with_capacity(windows.len());
        for &(s, e) in windows {
            // A separator before each window, except before one that starts the text
            // (where `^` holds in both).
            if s > 0 || !text.is_empty() {
                text.push('\n');
            }
            parts.push((s, e, text.len()));
            text.push_str(&hay[s..e]);
        }
        Gathered { text, parts, runs }
    }

    /// The window a position of the gathered text falls in (index into `parts`), or the
    /// index of the next window when it falls on a separator.
    fn part_at(&self, at: usize) -> (usize, bool) {
        let i = self.parts.partition_point(|p| p.2 <= at);
        match i.checked_sub(1) {
            Some(k) if at < self.parts[k].2 + (self.parts[k].1 - self.parts[k].0) => (k, true),
            _ => (i, false),
        }
    }
}

/// A match as the rule kinds read it: its byte range and that of its `n` group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub whole: (usize, usize),
    pub n: Option<(usize, usize)>,
}

impl Found {
    /// The match of `re.captures_iter`'s item (the oracle's form).
    pub fn of(c: &Captures) -> Option<Found> {
        let m = c.get(0)?;
        Some(Found {
            whole: (m.start(), m.end()),
            n: c.name("n").map(|n| (n.start(), n.end())),
        })
    }
}

/// Every match of `re` in `hay`, as `re.captures_iter(hay)` reports them, found with one
/// pass over the gathered windows ([`Gathered`], from the pattern's [`windows`]). The
/// pattern may use no look-around but `^` (`Look::Start`).
///
/// Why this is the same: every match of `hay` lies in one window, and its bytes stand
/// in the gathered text at the window's place, where it is a match too (`^` can only
/// hold at offset 0, and the first window keeps offset 0 when it starts the text). So
/// when the pass over the gathered text, resumed at the place of `q`, reports its next
/// match starting at `x`, no match of `hay` starts between `q` and the place of `x`
/// (it would have been reported first). If that match lies inside its window, it is a
/// match of `hay` too, and the one `hay` prefers at `x`: the matches of `hay` there are
/// among those of the gathered text, and the preferred of all is one of them (its
/// groups, on the same bytes, are the same). If it runs past its window's end, the
/// search of `hay` cut at the window's end, from `x`, finds the next match of `hay` if
/// one starts in that window ([`captures_in`]'s proof), else the walk goes on at the
/// next window. A match reported at a separator means none starts before the next
/// window. (With windows of the pattern's own reach neither happens: a match of the
/// gathered text obeys the reach too, and the windows are farther apart than it; the
/// two ways out are kept so that the answer never rests on that.)
pub fn captures_gathered(re: &Regex, hay: &str, g: &Gathered) -> Vec<Found> {
    let mut out = Vec::new();
    let n = re.capture_names().position(|x| x == Some("n"));
    let mut locs = re.capture_locations();
    let mut at = 0; // in the gathered text
    while let Some(m) = re.captures_read_at(&mut locs, &g.text, at) {
        let (k, inside) = g.part_at(m.start());
        if !inside {
            let Some(p) = g.parts.get(k) else { break };
            at = p.2;
            continue;
        }
        let (s, e, gs) = g.parts[k];
        if m.end() <= gs + (e - s) {
            let back = |p: usize| s + (p - gs);
            out.push(Found {
                whole: (back(m.start()), back(m.end())),
                n: n.and_then(|i| locs.get(i)).map(|(a, b)| (back(a), back(b))),
            });
            at = m.end();
            continue;
        }
        let from = s + (m.start() - gs);
        match re.captures_read_at(&mut locs, &hay[..e], from) {
            Some(m) => {
                out.push(Found {
                    whole: (m.start(), m.end()),
                    n: n.and_then(|i| locs.get(i)),
                });
                at = gs + (m.end() - s);
            }
            None => match g.parts.get(k + 1) {
                Some(p) => at = p.2,
                None => break,
            },
        }
    }
    out
}

/// Does the pattern use no look-around but `^`? Then [`captures_gathered`] applies.
pub fn gatherable(pattern: &str) -> bool {
    regex_syntax::parse(pattern)
        .is_ok_and(|h| h.properties().look_set().iter().all(|l| l == Look::Start))
}

/// A reach rounded up to one of a few tiers, so that the patterns of a draft share a
/// few gathered texts (a wider reach is still a bound).
pub fn tier(r: Reach) -> Reach {
    let up = |n: usize, small: usize| {
        if n <= small {
            small
        } else {
            n.max(4 * small).next_power_of_two()
        }
    };
    Reach {
        lead: up(r.lead, 32),
        trail: up(r.trail.max(r.gap), 16),
        gap: 0,
    }
}

#[cfg(test)]
mod tests;
