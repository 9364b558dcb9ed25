//! Nested breakdowns in one sentence, read as a tree:
//! `主动公开政府信息120条,其中网站公开100条,包括政策文件60条、规划计划30条、其他10条`
//! is 120 ⟵ [100 ⟵ [60, 30, 10]], not 120 ⟵ [100, 60, 30, 10].
//!
//! A number followed by an opener (`其中`, `包括`, `含`, `分别为`, a breakdown marker, or a
//! parenthesis) heads a level; its items are the numbers after it, and an item that heads a
//! level of its own is one item of its parent. A parenthesis ends its level exactly. A level
//! opened by a word has no closing mark, so where it ends is read from the separators: a list
//! joined by `、` does not end inside the run; after that, every `,` is a possible end. Each
//! possible end gives one reading of the sentence; the caller keeps only what every reading
//! agrees on. The outermost level of a sentence runs to its end (as a `其中` list is written),
//! unless it is a `、` run followed by `,` clauses.
//!
//! This module only reads structure; it never looks at whether the sums hold.

use super::number::NumberFact;
use super::sums::Introducer;

/// The strongest separator between an item and the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Sep {
    None,
    /// `、`: the item continues the list of the one before.
    Dun,
    /// `,` or `:`.
    Comma,
}

/// What follows a number and opens a level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Open {
    introducer: Introducer,
    paren: bool,
}

#[derive(Debug, Clone)]
enum Tok {
    Item {
        /// Index into the document's numbers.
        num: usize,
        sep: Sep,
        open: Option<Open>,
        /// Index of the `)` token that closes a parenthesis opener.
        close: Option<usize>,
        label: String,
    },
    Close,
}

/// A level in one reading: its head (an index into the document's numbers) and its direct items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Level {
    pub total: usize,
    pub introducer: Introducer,
    /// `(label, index into numbers)` of each direct item, in order.
    pub items: Vec<(String, usize)>,
}

/// Words after a number that open a level, longest first; with the kind of list they open.
const OPENERS: [(&str, Introducer); 16] = [
    ("答复意见中", Introducer::Breakdown),
    ("答复结果中", Introducer::Breakdown),
    ("办理结果中", Introducer::Breakdown),
    ("办理结果为", Introducer::Breakdown),
    ("处理结果中", Introducer::Breakdown),
    ("办理情况为", Introducer::Breakdown),
    ("答复情况为", Introducer::Breakdown),
    ("其中:", Introducer::Breakdown),
    ("分别为", Introducer::Breakdown),
    ("分别是", Introducer::Breakdown),
    ("其中", Introducer::Among),
    ("主要包括", Introducer::Among),
    ("具体包括", Introducer::Among),
    ("包括", Introducer::Among),
    ("包含", Introducer::Among),
    ("含", Introducer::Among),
];

/// Words that make a parenthesis a comparison, not a breakdown.
const COMPARISONS: [&str; 12] = [
    "较",
    "同比",
    "环比",
    "上年",
    "去年",
    "上一年",
    "增长",
    "增加",
    "减少",
    "下降",
    "持平",
    "年为",
];

/// Words of a change against another period (`较上年增加5件`, `比上年多50条`, `同比下降`): a count
/// so labelled is a difference, never a total that a list after it breaks down.
const CHANGE_WORDS: [&str; 12] = [
    "较",
    "比上年",
    "比去年",
    "比上一年",
    "同比",
    "环比",
    "增加",
    "减少",
    "增长",
    "下降",
    "上升",
    "持平",
];

/// Is the label before a count the label of a change against another period?
pub fn is_change(label: &str) -> bool {
    CHANGE_WORDS.iter().any(|w| label.contains(w))
}

/// Does `s` start with a word that opens a breakdown (其中, 包括, 分别为 …)?
pub fn opens_breakdown(s: &str) -> bool {
    word_opener(s).is_some()
}

/// A word opener at the start of `s`: (introducer, its byte length).
fn word_opener(s: &str) -> Option<(Introducer, usize)> {
    OPENERS
        .iter()
        .find(|(w, _)| s.starts_with(w))
        .map(|(w, i)| (*i, w.len()))
}

/// The opener right after a number ending at `end`, and where the items' text starts.
/// Nouns that say again what a count counts, right after its unit (`共主动公示84条信息,其中…`).
const COUNTED_NOUNS: [&str; 2] = ["政府信息", "信息"];

fn opener_after(text: &str, end: usize, to: usize) -> Option<(Open, usize)> {
    // The noun a count restates may stand between it and its opener (`84条信息,其中…`).
    let noun = COUNTED_NOUNS
        .iter()
        .find(|w| text[end..to].starts_with(*w))
        .map_or(0, |w| w.len());
    let end = end + noun;
    let rest = &text[end..to];
    let g = rest.trim_start_matches([' ', ',', ':']);
    let at = end + (rest.len() - g.len());
    if let Some(inner) = g.strip_prefix('(') {
        // A parenthesis right after the number (no comma in between), or one that opens
        // with a word opener after a comma (`2599条,(其中机构职能类信息25条,…)`).
        let inner_t = inner.trim_start_matches(' ');
        let skip = inner.len() - inner_t.len();
        if rest[..rest.len() - g.len()].contains([',', ':']) && word_opener(inner_t).is_none() {
            return None;
        }
        if let Some((introducer, len)) = word_opener(inner_t) {
            return Some((
                Open {
                    introducer,
                    paren: true,
                },
                at + 1 + skip + len,
            ));
        }
        let content = &inner[..inner.find(')').unwrap_or(inner.len())];
        if COMPARISONS.iter().any(|w| content.contains(w)) || has_year(content) || is_share(content)
        {
            // A comparison with other years (`(2022年为80件)`) is no breakdown: it is skipped
            // as a remark, and a word opener after it still opens the number's level.
            let e = paren_end(text, at, to)?;
            let rest = &text[e..to];
            let g = rest.trim_start_matches([' ', ',', ':']);
            return word_opener(g).map(|(introducer, len)| {
                (
                    Open {
                        introducer,
                        paren: false,
                    },
                    e + (rest.len() - g.len()) + len,
                )
            });
        }
        return Some((
            Open {
                introducer: Introducer::Among,
                paren: true,
            },
            at + 1 + skip,
        ));
    }
    word_opener(g).map(|(introducer, len)| {
        (
            Open {
                introducer,
                paren: false,
            },
            at + len,
        )
    })
}

/// Can `text[from..to]` (read without a root) have a level? Only a number an opener follows
/// heads one ([`tokens`] gives an item an opener by [`opener_after`] with the same `to`, and
/// its items are some of these numbers), so a sentence where no number is followed by one
/// has no level, and its items need not be read.
pub(super) fn may_head_level(text: &str, numbers: &[NumberFact], from: usize, to: usize) -> bool {
    let first = numbers.partition_point(|n| n.start < from);
    numbers[first..]
        .iter()
        .take_while(|n| n.start < to)
        .any(|n| n.end <= to && opener_after(text, n.end, to).is_some())
}

/// A share alone in parentheses (`占50%`, `62.2%`, `占比30%`): a remark on the number
/// before it, not a breakdown.
pub(super) fn is_share(s: &str) -> bool {
    let t = s.trim();
    let t = t
        .strip_prefix("占比")
        .or_else(|| t.strip_prefix('占'))
        .unwrap_or(t);
    let t = t.trim_start_matches(['为', ' ']);
    let Some(digits) = t.strip_suffix('%') else {
        return false;
    };
    let digits = digits.trim_end();
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

/// `2022年` (four digits and 年) somewhere in the text.
fn has_year(s: &str) -> bool {
    s.match_indices('年').any(|(i, _)| {
        let b = &s.as_bytes()[..i];
        b.len() >= 4 && b[b.len() - 4..].iter().all(u8::is_ascii_digit)
    })
}

/// The end of the parenthesis opening at `p` (after its `)`), counting nested ones.
fn paren_end(text: &str, p: usize, to: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text[p..to].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(p + i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// The label of an item: the words before the number since the last separator outside
/// parentheses, with parenthesized remarks dropped. Read by bytes: the parentheses and
/// separators are ASCII or end in a byte that only they end in among the lead bytes
/// before it (`、` E3 80 81, `，` EF BC 8C).
fn label_before(text: &str, from: usize, at: usize) -> String {
    let seg = &text[from.min(at)..at];
    let b = seg.as_bytes();
    let mut depth = 0i32;
    let mut cut = 0;
    let mut i = b.len();
    while i > 0 {
        i -= 1;
        let sep = match b[i] {
            b')' => {
                depth += 1;
                false
            }
            b'(' => {
                depth -= 1;
                false
            }
            b',' | b':' | b';' => true,
            0x81 => i >= 2 && b[i - 2] == 0xE3 && b[i - 1] == 0x80,
            0x8C => i >= 2 && b[i - 2] == 0xEF && b[i - 1] == 0xBC,
            _ => false,
        };
        if sep && depth <= 0 {
            cut = i + 1;
            break;
        }
    }
    let rest = &seg[cut..];
    // Without parentheses every character is kept.
    if memchr::memchr2(b'(', b')', rest.as_bytes()).is_none() {
        return rest.trim().to_string();
    }
    let mut out = String::new();
    let mut depth = 0i32;
    for c in rest.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth <= 0 => out.push(c),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// The items of `text[from..to]` (one sentence, or its part after a breakdown marker).
fn tokens(text: &str, numbers: &[NumberFact], from: usize, to: usize) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut ni = numbers.partition_point(|n| n.start < from);
    let mut p = from;
    let mut sep = Sep::None;
    let mut label_from = from;
    let mut open_parens: Vec<usize> = Vec::new();
    while p < to {
        if let Some(n) = numbers.get(ni).filter(|n| n.start <= p) {
            if n.end > to {
                break;
            }
            if n.start < p {
                // Inside text already consumed (an ignored parenthesis).
                ni += 1;
                continue;
            }
            let label = label_before(text, label_from, n.start);
            let open = opener_after(text, n.end, to);
            let next = open.map(|(_, at)| at).unwrap_or(n.end);
            toks.push(Tok::Item {
                num: ni,
                sep,
                open: open.map(|(o, _)| o),
                close: None,
                label,
            });
            if open.is_some_and(|(o, _)| o.paren) {
                open_parens.push(toks.len() - 1);
            }
            sep = Sep::None;
            label_from = next;
            p = next;
            ni += 1;
            continue;
        }
        // Only `,` `:` `(` `)` and `、` (lead byte E3) are looked at: up to the next of
        // those or the next number, every character is stepped over.
        let limit = numbers.get(ni).map_or(to, |n| n.start.clamp(p, to));
        let skip = text.as_bytes()[p..limit]
            .iter()
            .position(|&x| matches!(x, b',' | b':' | b'(' | b')' | 0xE3))
            .unwrap_or(limit - p);
        if skip > 0 {
            p += skip;
            continue;
        }
        let Some(c) = text[p..to].chars().next() else {
            break;
        };
        match c {
            ',' | ':' => sep = sep.max(Sep::Comma),
            '、' => sep = sep.max(Sep::Dun),
            '(' => {
                // A parenthesis after words, not after a number: a remark; its numbers belong
                // to no level.
                if let Some(e) = paren_end(text, p, to) {
                    p = e;
                    continue;
                }
            }
            ')' => {
                if let Some(k) = open_parens.pop() {
                    toks.push(Tok::Close);
                    let at = toks.len() - 1;
                    if let Some(Tok::Item { close, .. }) = toks.get_mut(k) {
                        *close = Some(at);
                    }
                    label_from = p + 1;
                }
            }
            _ => {}
        }
        p += c.len_utf8();
    }
    toks
}

/// Words that join the last item of an enumeration to the ones before it.
pub const CONJUNCTIONS: [&str; 3] = ["和", "及", "以及"];

/// Words that make an item's label a clause of its own, not one more kind of item.
const CLAUSE_WORDS: [&str; 14] = [
    "办理", "受理", "收到", "答复", "回复", "开展", "举办", "召开", "组织", "累计", "共", "另",
    "此外", "新增",
];

/// Readings beyond this many make the sentence unreadable (nothing is reported for it).
const MAX_READINGS: usize = 256;

/// [`Parser::each`] and [`Parser::seq`] recurse per token: a sentence of more tokens than
/// this (no real one; a generated page of one sentence and tens of thousands of numbers)
/// with more than one reading is not read at all, so that no input overflows the stack.
const EACH_MAX_TOKENS: usize = 1000;

/// One reading: the levels it forms, by token index of their head.
type Reading = Vec<(usize, Vec<usize>)>;

struct Parser<'a> {
    toks: &'a [Tok],
}

impl Parser<'_> {
    /// Token index after the item at `p` (past its parenthesis, if it has one that closes before `end`).
    fn step(&self, p: usize, end: usize) -> usize {
        match &self.toks[p] {
            Tok::Item {
                close: Some(c),
                open: Some(o),
                ..
            } if o.paren && *c < end => c + 1,
            _ => p + 1,
        }
    }

    fn sep(&self, p: usize) -> Sep {
        match &self.toks[p] {
            Tok::Item { sep, .. } => *sep,
            Tok::Close => Sep::None,
        }
    }

    /// Is `toks[i+1..end)` one enumeration to its end: its last item joined by a conjunction
    /// (`……应急管理1条和部门文件7条`), no item opening a level of its own, and no item's label
    /// a clause of its own (a verb of handling or a count over the sentence)? A `、` run
    /// followed by `,` items is then one list, as the conjunction closes it.
    fn enumerated_to_end(&self, i: usize, end: usize) -> bool {
        let Some(Tok::Item { label, sep, .. }) = self.toks.get(end.wrapping_sub(1)) else {
            return false;
        };
        if *sep != Sep::None || !CONJUNCTIONS.iter().any(|c| label.starts_with(c)) {
            return false;
        }
        self.toks[i + 1..end].iter().all(|t| match t {
            Tok::Item { open, label, .. } => {
                open.is_none() && !CLAUSE_WORDS.iter().any(|w| label.contains(w))
            }
            Tok::Close => false,
        })
    }

    /// Where a word-opened level headed at `i` may end (exclusive token indices), within `end`.
    fn ends(&self, i: usize, end: usize, outermost: bool) -> Vec<usize> {
        let mut out = Vec::new();
        let mut p = i + 1;
        if p >= end || (outermost && self.enumerated_to_end(i, end)) {
            return vec![end];
        }
        let mut joined = false;
        let mut first = true;
        while p < end {
            if !first && self.sep(p) == Sep::Dun {
                joined = true;
            }
            first = false;
            p = self.step(p, end);
            if p >= end {
                break;
            }
            let is_item = matches!(self.toks[p], Tok::Item { .. });
            // The item right after a word opener is that opener's: no end between them.
            let after_opener = matches!(
                &self.toks[p - 1],
                Tok::Item { open: Some(o), close, .. } if !o.paren || close.is_none_or(|c| c >= end)
            );
            if is_item && !after_opener && self.sep(p) != Sep::Dun && (!outermost || joined) {
                out.push(p);
            }
        }
        out.push(end);
        out
    }

    /// The reading of `toks[i..end)` when it is the only one ([`Parser::seq`]'s, built
    /// without copying any level): its levels pushed onto `levels`, its top items
    /// returned. `None` as soon as a word-opened level may end at more than one place on
    /// the way (then [`Parser::seq`] reads every reading). Most sentences have one reading.
    ///
    /// Why it is `seq`'s: `seq` gives one reading exactly when every `ends` it asks gives
    /// one end (it never gives none), and those are the `ends` asked here, in the same
    /// order of heads; a reading of `seq` is the head's inner levels, the head's level,
    /// then the rest's levels, and its top items are the head followed by the rest's, which
    /// is what this walk pushes, item after item instead of by recursion on the rest.
    fn one(
        &self,
        mut i: usize,
        end: usize,
        outermost: bool,
        levels: &mut Reading,
    ) -> Option<Vec<usize>> {
        let mut top = Vec::new();
        while i < end {
            let Tok::Item { open, close, .. } = &self.toks[i] else {
                i += 1;
                continue;
            };
            let next = match (open, close) {
                (None, _) => i + 1,
                (Some(o), Some(c)) if o.paren && *c < end => {
                    let items = self.one(i + 1, *c, false, levels)?;
                    levels.push((i, items));
                    c + 1
                }
                (Some(_), _) => {
                    let ends = self.ends(i, end, outermost);
                    let [j] = ends[..] else {
                        return None;
                    };
                    let items = self.one(i + 1, j, false, levels)?;
                    levels.push((i, items));
                    j
                }
            };
            top.push(i);
            i = next;
        }
        Some(top)
    }

    /// Every reading of `toks[i..end)` followed by what `k` does with the rest, depth
    /// first: `k` is called once per reading with that reading's levels appended to
    /// `levels` and its top items to `top` (both restored on return), and stops the walk
    /// by returning `false`. The readings are [`Parser::seq`]'s, in its order, built on
    /// shared stacks instead of copied at each step.
    fn each(
        &self,
        i: usize,
        end: usize,
        outermost: bool,
        levels: &mut Reading,
        top: &mut Vec<usize>,
        k: &mut dyn FnMut(&mut Reading, &mut Vec<usize>) -> bool,
    ) -> bool {
        if i >= end {
            return k(levels, top);
        }
        let Tok::Item { open, close, .. } = &self.toks[i] else {
            return self.each(i + 1, end, outermost, levels, top, k);
        };
        // The level headed at `i` over `toks[i+1..j)`, then the rest from `next`.
        let mut level = |j: usize, next: usize, levels: &mut Reading, top: &mut Vec<usize>| {
            self.each(
                i + 1,
                j,
                false,
                levels,
                &mut Vec::new(),
                &mut |levels, inner| {
                    levels.push((i, inner.clone()));
                    top.push(i);
                    let go = self.each(next, end, outermost, levels, top, k);
                    top.pop();
                    levels.pop();
                    go
                },
            )
        };
        match (open, close) {
            (None, _) => {
                top.push(i);
                let go = self.each(i + 1, end, outermost, levels, top, k);
                top.pop();
                go
            }
            (Some(o), Some(c)) if o.paren && *c < end => level(*c, c + 1, levels, top),
            (Some(_), _) => self
                .ends(i, end, outermost)
                .into_iter()
                .all(|j| level(j, j, levels, top)),
        }
    }

    /// Every reading of `toks[i..end)` as one list of siblings: the levels inside it
    /// (head token, its direct item tokens) and the top items. None past [`MAX_READINGS`].
    fn seq(&self, i: usize, end: usize, outermost: bool) -> Option<Vec<(Reading, Vec<usize>)>> {
        if i >= end {
            return Some(vec![(Vec::new(), Vec::new())]);
        }
        let Tok::Item { open, close, .. } = &self.toks[i] else {
            return self.seq(i + 1, end, outermost);
        };
        let mut out = Vec::new();
        let mut push = |head: (Reading, Vec<usize>), rest: &[(Reading, Vec<usize>)]| {
            for (rl, rt) in rest {
                let mut levels = head.0.clone();
                levels.extend(rl.iter().cloned());
                let mut top = vec![i];
                top.extend(rt.iter().copied());
                out.push((levels, top));
                if out.len() > MAX_READINGS {
                    return false;
                }
            }
            true
        };
        match (open, close) {
            (None, _) => {
                let rest = self.seq(i + 1, end, outermost)?;
                if !push((Vec::new(), Vec::new()), &rest) {
                    return None;
                }
            }
            (Some(o), Some(c)) if o.paren && *c < end => {
                let inner = self.seq(i + 1, *c, false)?;
                let rest = self.seq(c + 1, end, outermost)?;
                for (levels, items) in inner {
                    let mut levels = levels;
                    levels.push((i, items));
                    if !push((levels, Vec::new()), &rest) {
                        return None;
                    }
                }
            }
            (Some(_), _) => {
                for j in self.ends(i, end, outermost) {
                    let inner = self.seq(i + 1, j, false)?;
                    let rest = self.seq(j, end, outermost)?;
                    for (levels, items) in inner {
                        let mut levels = levels;
                        levels.push((i, items));
                        if !push((levels, Vec::new()), &rest) {
                            return None;
                        }
                    }
                }
            }
        }
        Some(out)
    }
}

/// A level every reading of the sentence agrees on as far as `items` goes: the items are
/// the longest run that starts every reading's list; `complete` when all readings list exactly these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SureLevel {
    pub level: Level,
    pub complete: bool,
}

/// The levels of `text[from..to]`. With `root`, the whole range is the items of that number
/// (a breakdown sentence that refers to a count in the sentence before).
pub fn levels(
    text: &str,
    numbers: &[NumberFact],
    from: usize,
    to: usize,
    root: Option<(usize, Introducer)>,
) -> Vec<SureLevel> {
    levels_read(text, numbers, from, to, root, true)
}

/// [`levels`], with the one reading most sentences have built on its own (`one`: the
/// fast path) or every reading by [`Parser::seq`] (the tests' reference).
fn levels_read(
    text: &str,
    numbers: &[NumberFact],
    from: usize,
    to: usize,
    root: Option<(usize, Introducer)>,
    one: bool,
) -> Vec<SureLevel> {
    let toks = tokens(text, numbers, from, to);
    let parser = Parser { toks: &toks };
    // Per head: the item lists of every reading.
    let mut heads: std::collections::BTreeMap<usize, Vec<Vec<usize>>> = Default::default();
    let mut only = Vec::new();
    let single = one
        .then(|| parser.one(0, toks.len(), root.is_none(), &mut only))
        .flatten();
    let n_readings = if let Some(top) = single {
        for (h, items) in only {
            heads.entry(h).or_default().push(items);
        }
        if root.is_some() {
            heads.entry(usize::MAX).or_default().push(top);
        }
        1
    } else if one && toks.len() <= EACH_MAX_TOKENS {
        // Several readings, walked depth first ([`Parser::each`]); more than
        // [`MAX_READINGS`] read nothing, as `seq` gives none then (a call of `seq` never
        // has more readings than the one that asks it, so only the whole count matters).
        let mut n = 0;
        let within = parser.each(
            0,
            toks.len(),
            root.is_none(),
            &mut Vec::new(),
            &mut Vec::new(),
            &mut |levels, top| {
                n += 1;
                if n > MAX_READINGS {
                    return false;
                }
                for (h, items) in levels.iter() {
                    heads.entry(*h).or_default().push(items.clone());
                }
                if root.is_some() {
                    heads.entry(usize::MAX).or_default().push(top.clone());
                }
                true
            },
        );
        if !within {
            return Vec::new();
        }
        n
    } else {
        // `seq` recurses once per token: a sentence longer than this (no real one; a page
        // made of one sentence of tens of thousands of numbers) overflowed the stack and
        // aborted the whole run. Such a sentence is read by the one-reading path or not at
        // all (nothing is reported for it).
        if one && toks.len() > EACH_MAX_TOKENS {
            return Vec::new();
        }
        let Some(readings) = parser.seq(0, toks.len(), root.is_none()) else {
            return Vec::new();
        };
        let n = readings.len();
        for (levels, top) in readings {
            for (h, items) in levels {
                heads.entry(h).or_default().push(items);
            }
            if root.is_some() {
                heads.entry(usize::MAX).or_default().push(top);
            }
        }
        n
    };
    let num_of = |t: usize| match &toks[t] {
        Tok::Item { num, label, .. } => Some((label.clone(), *num)),
        Tok::Close => None,
    };
    let mut out = Vec::new();
    for (h, lists) in heads {
        // A head that is not a level in some reading cannot be read.
        if lists.len() != n_readings {
            continue;
        }
        let first = &lists[0];
        let common = (0..first.len())
            .take_while(|&k| lists.iter().all(|l| l.get(k) == first.get(k)))
            .count();
        let complete = lists.iter().all(|l| l == first);
        let items: Vec<(String, usize)> =
            first[..common].iter().filter_map(|&t| num_of(t)).collect();
        let (total, introducer) = if h == usize::MAX {
            match root {
                Some(r) => r,
                None => continue,
            }
        } else {
            match &toks[h] {
                // A change against another year (`较上年增加5件,其中…`) heads no breakdown.
                Tok::Item { label, .. } if is_change(label) => continue,
                Tok::Item {
                    num, open: Some(o), ..
                } => (*num, o.introducer),
                _ => continue,
            }
        };
        out.push(SureLevel {
            level: Level {
                total,
                introducer,
                items,
            },
            complete,
        });
    }
    out.sort_by_key(|s| s.level.total);
    out
}

#[cfg(test)]
mod tests {
    use super::super::number::numbers;
    use super::super::sums::sum_statements;
    use super::*;
    use proptest::prelude::*;

    /// `label_before` as first written: characters walked back and forth one by one.
    fn label_before_as_before(text: &str, from: usize, at: usize) -> String {
        let seg = &text[from.min(at)..at];
        let mut depth = 0i32;
        let mut cut = 0;
        for (i, c) in seg.char_indices().rev() {
            match c {
                ')' => depth += 1,
                '(' => depth -= 1,
                ',' | '、' | ':' | ';' | '，' if depth <= 0 => {
                    cut = i + c.len_utf8();
                    break;
                }
                _ => {}
            }
        }
        let mut out = String::new();
        let mut depth = 0i32;
        for c in seg[cut..].chars() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ if depth <= 0 => out.push(c),
                _ => {}
            }
        }
        out.trim().to_string()
    }

    /// `tokens` as first written: every character decoded and looked at.
    fn tokens_as_before(text: &str, numbers: &[NumberFact], from: usize, to: usize) -> Vec<Tok> {
        let mut toks = Vec::new();
        let mut ni = numbers.partition_point(|n| n.start < from);
        let mut p = from;
        let mut sep = Sep::None;
        let mut label_from = from;
        let mut open_parens: Vec<usize> = Vec::new();
        while p < to {
            if let Some(n) = numbers.get(ni).filter(|n| n.start <= p) {
                if n.end > to {
                    break;
                }
                if n.start < p {
                    ni += 1;
                    continue;
                }
                let label = label_before_as_before(text, label_from, n.start);
                let open = opener_after(text, n.end, to);
                let next = open.map(|(_, at)| at).unwrap_or(n.end);
                toks.push(Tok::Item {
                    num: ni,
                    sep,
                    open: open.map(|(o, _)| o),
                    close: None,
                    label,
                });
                if open.is_some_and(|(o, _)| o.paren) {
                    open_parens.push(toks.len() - 1);
                }
                sep = Sep::None;
                label_from = next;
                p = next;
                ni += 1;
                continue;
            }
            let Some(c) = text[p..to].chars().next() else {
                break;
            };
            match c {
                ',' | ':' => sep = sep.max(Sep::Comma),
                '、' => sep = sep.max(Sep::Dun),
                '(' => {
                    if let Some(e) = paren_end(text, p, to) {
                        p = e;
                        continue;
                    }
                }
                ')' => {
                    if let Some(k) = open_parens.pop() {
                        toks.push(Tok::Close);
                        let at = toks.len() - 1;
                        if let Some(Tok::Item { close, .. }) = toks.get_mut(k) {
                            *close = Some(at);
                        }
                        label_from = p + 1;
                    }
                }
                _ => {}
            }
            p += c.len_utf8();
        }
        toks
    }

    /// The tokens of `text[from..to]` by both readings, as compared.
    fn both(text: &str, from: usize, to: usize) -> (String, String) {
        let ns = numbers(text);
        (
            format!("{:?}", tokens(text, &ns, from, to)),
            format!("{:?}", tokens_as_before(text, &ns, from, to)),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        /// Items, separators, parentheses and labels read by bytes are those read by
        /// characters, from any start and to any end.
        #[test]
        fn tokens_are_read_as_before(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "共", "12", "件", "3", "条", ",", ":", ";", "、", "，", "(", ")", "其中", "分别为",
                "占50%", "。", " ", "申请", "2022年", "一", "十", "é", "（", "）",
            ]), 0..40),
            cuts in proptest::collection::vec(0usize..400, 2),
        ) {
            let text = pieces.concat();
            let bounds: Vec<usize> =
                (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let a = bounds[cuts[0] % bounds.len()];
            let b = bounds[cuts[1] % bounds.len()];
            let (from, to) = (a.min(b), a.max(b));
            let (new, old) = both(&text, from, to);
            prop_assert_eq!(new, old, "{:?} {}..{}", text, from, to);
            for at in bounds.iter().copied().filter(|&i| i >= from) {
                prop_assert_eq!(label_before(&text, from, at), label_before_as_before(&text, from, at));
            }
        }
    }

    /// Every fixture text, whole, tokenizes as before.
    #[test]
    fn fixture_tokens_are_read_as_before() {
        for text in crate::facts::test_texts() {
            let (new, old) = both(&text, 0, text.len());
            assert_eq!(new, old);
        }
    }

    /// The levels of every sentence of `t` read both ways ([`levels_read`]: the one
    /// reading built on its own, and every reading by `seq`), without a root and rooted
    /// at the sentence's first number; panics where they differ. Returns how many
    /// sentences have a level.
    fn levels_agree(t: &str) -> usize {
        let ns = numbers(t);
        let mut done = 0;
        let mut with_levels = 0;
        for (k, n) in ns.iter().enumerate() {
            if n.start < done {
                continue;
            }
            let (s, e) = super::super::sums::sentence_bounds(t, n.start);
            done = e.max(n.end);
            for root in [None, Some((k, Introducer::Breakdown))] {
                let new = levels_read(t, &ns, s, e, root, true);
                let old = levels_read(t, &ns, s, e, root, false);
                // Positions only: a fixture's text is not printed (held-out sets).
                assert_eq!(new, old, "sentence {s}..{e}, root {root:?}");
                with_levels += usize::from(root.is_none() && !new.is_empty());
            }
        }
        with_levels
    }

    /// Every fixture text (held-out sets left out): the one reading, built on its own,
    /// gives the levels every reading gives.
    #[test]
    fn one_reading_gives_the_levels_of_every_reading_on_the_fixtures() {
        let n: usize = crate::facts::test_texts_without_heldout()
            .iter()
            .map(|t| levels_agree(t))
            .sum();
        assert!(n > 100, "sentences with levels: {n}");
        // Past `MAX_READINGS` nothing is read, not even a level every reading agrees on
        // (the parenthesis).
        let mut t = String::from("共100条(甲60条,乙40条),其中");
        for _ in 0..12 {
            t.push_str("甲10条,包括乙5条,");
        }
        t.push('。');
        levels_agree(&t);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        /// Made sentences of counts, openers, separators, parentheses and clauses: the
        /// one reading gives the levels every reading gives.
        #[test]
        fn one_reading_gives_the_levels_of_every_reading(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "共", "12", "件", "3", "条", "40", ",", ":", "、", "(", ")", "其中", "包括",
                "分别为", "其中:", "含", "和", "及", "占50%", "2022年为8件", "较上年增加",
                "办理", "政策文件", "其他", "。", " ",
            ]), 0..40),
        ) {
            let text = pieces.concat();
            levels_agree(&text);
        }
    }

    /// (total, [parts], complete) of every statement, as values.
    fn sums(t: &str) -> Vec<(String, Vec<String>, bool)> {
        let ns = numbers(t);
        sum_statements(t, &ns)
            .into_iter()
            .map(|s| {
                (
                    ns[s.total].value.to_string(),
                    s.parts
                        .iter()
                        .map(|(_, i)| ns[*i].value.to_string())
                        .collect(),
                    s.complete,
                )
            })
            .collect()
    }

    fn st(total: &str, parts: &[&str], complete: bool) -> (String, Vec<String>, bool) {
        (
            total.into(),
            parts.iter().map(|p| p.to_string()).collect(),
            complete,
        )
    }

    #[test]
    fn nested_list_is_one_item_of_its_parent() {
        let t =
            "主动公开政府信息120条,其中网站公开100条,包括政策文件60条、规划计划30条、其他10条。";
        // 120 has one item (100), so it is no statement; the 包括 list belongs to 100.
        assert_eq!(sums(t), vec![st("100", &["60", "30", "10"], true)]);
    }

    #[test]
    fn error_inside_a_nested_level_is_kept() {
        let t =
            "主动公开政府信息120条,其中政府文件100条,包括政策文件60条、规划计划30条、其他20条。";
        assert_eq!(sums(t), vec![st("100", &["60", "30", "20"], true)]);
    }

    #[test]
    fn a_dun_run_followed_by_a_comma_may_end_there() {
        // 动态信息 may be an item of 120 or of 100: only what both readings share is kept.
        let t = "主动公开政府信息120条,其中政府文件100条,包括政策文件60条、规划计划30条、其他10条,动态信息20条。";
        assert_eq!(sums(t), vec![st("100", &["60", "30", "10"], false)]);
    }

    #[test]
    fn a_conjunction_closes_a_mixed_list() {
        // `、` run, then `,` items, closed by `和`: one list; 64 parts of 65, complete.
        let t = "共主动公开政府信息16项65条,其中包括公开年报1条、文明创建1条、廉政建设5条、工作动态38条,法律法规8条,规划计划1条,资金信息1条,人事任免1条,应急管理1条和部门文件7条。";
        assert_eq!(
            sums(t),
            vec![st(
                "65",
                &["1", "1", "5", "38", "8", "1", "1", "1", "1", "7"],
                true
            )]
        );
        // A clause after the run keeps it open to both readings.
        let t = "主动公开信息65条,其中政策文件10条、工作动态20条,办理建议12件和提案8件。";
        assert!(sums(t).iter().all(|s| !s.2));
    }

    #[test]
    fn parentheses_end_their_level() {
        let t = "主动公开政府信息120条,其中政府文件100条(政策文件60条、规划计划30条、其他10条),动态信息20条。";
        assert_eq!(
            sums(t),
            vec![
                st("120", &["100", "20"], true),
                st("100", &["60", "30", "10"], true)
            ]
        );
    }

    #[test]
    fn clauses_after_a_dun_run_are_not_its_items() {
        let t = "新收申请20件,其中自然人15件、法人5件,办结18件,其中予以公开10件、不予公开8件。";
        assert_eq!(
            sums(t),
            vec![st("20", &["15", "5"], false), st("18", &["10", "8"], true)]
        );
    }

    #[test]
    fn a_comparison_in_parentheses_is_no_breakdown() {
        let t = "主动公开信息3000条(2022年2800条,2021年2500条),其中政策文件20条,动态信息30条。";
        assert_eq!(sums(t), vec![st("3000", &["20", "30"], true)]);
    }

    #[test]
    fn a_share_in_parentheses_is_a_remark() {
        let t = "主动公开政府信息200条,其中网站公开100条(占50%),包括政策文件60条(占30%)、其他40条(占20%)。";
        assert_eq!(sums(t), vec![st("100", &["60", "40"], true)]);
    }

    #[test]
    fn remarks_in_parentheses_after_words_are_skipped() {
        let t = "新收申请20件,其中自然人15件,法人(含企业3件、其他2件)5件。";
        let ns = numbers(t);
        let ss = sum_statements(t, &ns);
        assert_eq!(sums(t), vec![st("20", &["15", "5"], true)]);
        assert_eq!(ss[0].parts[1].0, "法人");
    }

    #[test]
    fn word_openers_in_parentheses() {
        let t = "办结申请20件(其中:予以公开12件,部分公开3件,不予公开5件)。";
        let ns = numbers(t);
        let ss = sum_statements(t, &ns);
        assert_eq!(ss.len(), 1);
        assert_eq!(ss[0].introducer, Introducer::Breakdown);
        assert_eq!(ss[0].parts.len(), 3);
    }

    #[test]
    fn too_many_readings_read_nothing() {
        // Many nested comma lists: more readings than the cap; nothing is guessed.
        let mut t = String::from("共100条,其中");
        for _ in 0..12 {
            t.push_str("甲10条,包括乙5条,");
        }
        t.push('。');
        let ns = numbers(&t);
        let toks = tokens(&t, &ns, 0, t.len());
        assert!(Parser { toks: &toks }.seq(0, toks.len(), true).is_none());
        assert!(sum_statements(&t, &ns).is_empty());
    }

    /// A breakdown tree: a value and its items (none for a leaf).
    #[derive(Debug, Clone)]
    struct Node {
        value: u32,
        label: &'static str,
        items: Vec<Node>,
        paren: bool,
    }

    const LABELS: [&str; 7] = [
        "政策文件",
        "规划计划",
        "财政信息",
        "人事信息",
        "动态信息",
        "公告公示",
        "其他",
    ];

    fn tree() -> impl Strategy<Value = Node> {
        let leaf = (0u32..500, 0usize..LABELS.len()).prop_map(|(v, l)| Node {
            value: v,
            label: LABELS[l],
            items: vec![],
            paren: false,
        });
        leaf.prop_recursive(3, 24, 4, |inner| {
            (
                prop::collection::vec(inner, 2..4),
                0usize..LABELS.len(),
                any::<bool>(),
            )
                .prop_map(|(items, l, paren)| Node {
                    value: items.iter().map(|n| n.value).sum(),
                    label: LABELS[l],
                    items,
                    paren,
                })
        })
    }

    /// Render an item list. Only the last item of a list may open a word list (a `、` run
    /// that runs to the end of its parent); others use parentheses, so the text has one reading.
    fn render(items: &[Node], sep: &str, out: &mut String, last_open: bool) {
        for (k, n) in items.iter().enumerate() {
            if k > 0 {
                out.push_str(sep);
            }
            out.push_str(&format!("{}{}条", n.label, n.value));
            if n.items.is_empty() {
                continue;
            }
            let last = k + 1 == items.len() && last_open;
            if n.paren || !last {
                out.push('(');
                render(&n.items, ",", out, false);
                out.push(')');
            } else {
                out.push_str(",包括");
                render(&n.items, "、", out, true);
            }
        }
    }

    /// Render an item list with each level's form taken from `forms` in turn: a
    /// parenthesis, or a word opener whose items are joined by `、` or by `,` (any item,
    /// not only the last, so that the text may have several readings).
    fn render_any(items: &[Node], sep: &str, out: &mut String, forms: &[u8], k: &mut usize) {
        for (i, n) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            out.push_str(&format!("{}{}条", n.label, n.value));
            if n.items.is_empty() {
                continue;
            }
            let form = forms[*k % forms.len()];
            *k += 1;
            match form % 4 {
                0 | 1 => {
                    out.push('(');
                    let word = ["", "其中"][usize::from(form % 4 == 1)];
                    out.push_str(word);
                    render_any(&n.items, ",", out, forms, k);
                    out.push(')');
                }
                2 => {
                    out.push_str(",包括");
                    render_any(&n.items, "、", out, forms, k);
                }
                _ => {
                    out.push_str(",其中");
                    render_any(&n.items, ",", out, forms, k);
                }
            }
        }
    }

    /// Every level of the tree with two or more items, as (total, items) in text order.
    fn expected(n: &Node, out: &mut Vec<(String, Vec<String>, bool)>) {
        if n.items.len() >= 2 {
            out.push((
                n.value.to_string(),
                n.items.iter().map(|c| c.value.to_string()).collect(),
                true,
            ));
        }
        for c in &n.items {
            expected(c, out);
        }
    }

    fn leaf_count(n: &Node) -> usize {
        if n.items.is_empty() {
            1
        } else {
            n.items.iter().map(leaf_count).sum()
        }
    }

    /// Add `k` to the `i`-th leaf (in text order) and to nothing else.
    fn bump_leaf(n: &mut Node, i: &mut usize, k: u32) {
        if n.items.is_empty() {
            if *i == 0 {
                n.value += k;
            }
            *i = i.wrapping_sub(1);
            return;
        }
        for c in &mut n.items {
            bump_leaf(c, i, k);
        }
    }

    proptest! {
        /// The statements read from a rendered tree are exactly its levels: each part that is
        /// broken down is one item of its parent, and every level sums to its total.
        #[test]
        fn reads_back_the_tree(root in tree()) {
            prop_assume!(root.items.len() >= 2);
            let mut t = format!("主动公开政府信息{}条,其中", root.value);
            render(&root.items, ",", &mut t, true);
            t.push('。');
            let mut want = Vec::new();
            expected(&root, &mut want);
            let mut got = sums(&t);
            got.sort();
            want.sort();
            prop_assert_eq!(got, want, "{}", t);
        }

        /// Rendered trees, nested in parentheses and word lists of every form: the one
        /// reading gives the levels every reading gives.
        #[test]
        fn one_reading_gives_the_levels_of_every_reading_in_trees(
            root in tree(),
            forms in proptest::collection::vec(0u8..4, 1..12),
        ) {
            let mut t = format!("主动公开政府信息{}条,其中", root.value);
            render_any(&root.items, ",", &mut t, &forms, &mut 0);
            t.push('。');
            levels_agree(&t);
        }

        /// One leaf changed by +k: exactly one level no longer adds up — the leaf's parent —
        /// and its parts sum to its total + k.
        #[test]
        fn a_changed_leaf_breaks_only_its_parent(root in tree(), pick in 0usize..64, k in 1u32..50) {
            prop_assume!(root.items.len() >= 2);
            let mut root = root;
            let mut i = pick % leaf_count(&root);
            bump_leaf(&mut root, &mut i, k);
            let mut t = format!("主动公开政府信息{}条,其中", root.value);
            render(&root.items, ",", &mut t, true);
            t.push('。');
            let broken: Vec<(String, u64)> = sums(&t)
                .into_iter()
                .filter_map(|(total, parts, _)| {
                    let sum: u64 = parts.iter().map(|p| p.parse::<u64>().unwrap_or(0)).sum();
                    (sum.to_string() != total).then_some((total, sum))
                })
                .collect();
            prop_assert_eq!(broken.len(), 1, "{}: {:?}", t, broken);
            for (total, sum) in broken {
                prop_assert_eq!(sum, total.parse::<u64>().unwrap_or(0) + u64::from(k), "{}", t);
            }
        }
    }
}
