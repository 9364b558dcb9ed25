//! Normalize stage: a folded copy of the draft for matching, with a map back.
//!
//! Folding: full-width ASCII → ASCII (`（一）`→`(一)`, `１２`→`12`, `：`→`:`),
//! ideographic and no-break spaces → space, curly quotes → straight quotes,
//! zero-width characters dropped, and runs of spaces next to a CJK character
//! dropped (`一 、概 述` → `一、概述`, `2024 年1 月` → `2024年1月`).
//! Tabs and newlines are kept: they separate table cells and lines.
//! It never replaces `Source::text`; diagnostics map back with [`Normalized::to_source`].

pub mod classes;

use classes::{Run, Runs, Stop};

/// The normalized view of a source text.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    /// The lexer's runs of the normalized text (what `facts::lex::Lex::new(&text)`
    /// finds), classed while the text is written. `Document::new` moves them to the
    /// facts stage (empty afterwards).
    pub runs: Vec<Run>,
    /// Where normalized text comes from, in order, plus an end sentinel: a folded
    /// character is one segment; a run of characters copied unchanged (same bytes,
    /// contiguous in the source) is one segment, so a plain draft needs only a few.
    map: Vec<Seg>,
    /// Line breaks put into a page crawled into one line (see [`Unwrapped`]); its
    /// outline is then read from those breaks alone.
    pub recovered_breaks: usize,
}

#[derive(Debug, Clone, Copy)]
struct Seg {
    /// Normalized byte offset where it starts.
    n: u32,
    /// Source byte offset where it starts.
    s: u32,
    /// Source byte length of a folded character (0 for a run and the sentinel).
    l: u8,
    /// A run of unchanged characters, up to the next segment.
    run: bool,
}

pub fn is_cjk(c: char) -> bool {
    let u = c as u32;
    (0x2E80..=0x9FFF).contains(&u)
        || (0xF900..=0xFAFF).contains(&u)
        || (0x3000..=0x303F).contains(&u)
}

fn fold(c: char) -> Option<char> {
    let u = c as u32;
    match u {
        0xFF01..=0xFF5E => char::from_u32(u - 0xFEE0),
        0x3000 | 0x00A0 | 0x2000..=0x200A | 0x202F | 0x205F => Some(' '),
        0x200B..=0x200D | 0xFEFF | 0x2060 => None,
        0x201C | 0x201D | 0x201E | 0x201F | 0x300C | 0x300D => {
            Some(if u >= 0x300C { c } else { '"' })
        }
        0x2018 | 0x2019 => Some('\''),
        0xFE50 => Some(','),
        0xFE52 => Some('.'),
        _ => Some(c),
    }
}

/// Byte length of the UTF-8 character with this lead byte.
pub(crate) fn utf8_len(b: u8) -> usize {
    match b {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

/// The character at `i` is copied unchanged and is not a space: ASCII but the space;
/// other lead bytes except those of U+00A0 (C2 A0), U+2000–U+207F (E2 80/81), U+3000
/// (E3 80 80) and U+F000–U+FFFF (EF: full-width forms, BOM). Conservative: a character
/// it refuses goes through [`fold`].
fn never_folded(b: &[u8], i: usize) -> bool {
    match b[i] {
        b' ' => false,
        0..0x80 => true,
        0xC2 => b.get(i + 1) != Some(&0xA0),
        0xE2 => !matches!(b.get(i + 1), Some(0x80 | 0x81)),
        0xE3 => b.get(i + 1..i + 3) != Some(&[0x80, 0x80]),
        0xEF => false,
        _ => true,
    }
}

/// Lead bytes [`never_folded`] looks further at (the space, C2, E2, E3, EF); every other
/// byte, continuation bytes included, is copied as it is.
static LOOK: [bool; 256] = {
    let mut t = [false; 256];
    t[b' ' as usize] = true;
    t[0xC2] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

/// The end of the run of characters from `i` that [`never_folded`] passes: only the
/// characters whose lead byte [`LOOK`] marks are decided by [`never_folded`] (same
/// run: `tests::unfolded_runs_agree_with_never_folded`). Each character of the run is
/// classed for the lexer on the way; it will be written at `base + (its offset − i)`.
#[inline]
fn unfolded_run(b: &[u8], i: usize, runs: &mut Runs, base: usize) -> usize {
    // `feed_until` asks at exactly the bytes LOOK marks. A single space inside the run
    // that the pass would copy anyway ([`kept_space`]) stays in it.
    runs.feed_until(b, i, base, RunFrom(i))
}

/// The end of a run of unchanged characters that started at the offset it holds: the
/// first character [`never_folded`] refuses but a space inside the run that the pass
/// keeps as it is.
struct RunFrom(usize);

impl Stop for RunFrom {
    #[inline(always)]
    fn stops(&self, b: &[u8], j: usize) -> bool {
        !(never_folded(b, j) || (j > self.0 && kept_space(b, j)))
    }
}

/// Is `b[i]`, after a character copied unchanged (`i > 0`), an ASCII space the pass
/// copies as it is: one space between two characters copied unchanged, neither a line
/// break nor a tab, and neither CJK (`0 | 1`, `2021 年` has one)? What the one-space road
/// of [`Normalized::new`] decides, read from the bytes around it.
#[inline]
fn kept_space(b: &[u8], i: usize) -> bool {
    if b[i] != b' ' {
        return false;
    }
    let Some(&nb) = b.get(i + 1) else {
        return false;
    };
    if LOOK[nb as usize] || nb == b'\n' || nb == b'\t' {
        return false;
    }
    // The character before: ASCII, or a three-byte one (CJK is three bytes long).
    let p = b[i - 1];
    let prev_cjk = if p < 0x80 {
        if p == b'\n' || p == b'\t' {
            return false;
        }
        false
    } else {
        i >= 3 && (0xE0..0xF0).contains(&b[i - 3]) && is_cjk(char3(&b[i - 3..i]))
    };
    let next_cjk =
        (0xE0..0xF0).contains(&nb) && b.get(i + 1..i + 4).is_some_and(|c| is_cjk(char3(c)));
    !(prev_cjk || next_cjk)
}

/// The character of three UTF-8 bytes `c` (a lead E0–EF and two continuation bytes).
#[inline]
fn char3(c: &[u8]) -> char {
    let u = ((c[0] as u32 & 0x0F) << 12) | ((c[1] as u32 & 0x3F) << 6) | (c[2] as u32 & 0x3F);
    char::from_u32(u).unwrap_or('\u{FFFD}')
}

/// Append normalized char `f` for the source char at `s` of `l` bytes; `same`: `f` is
/// that source char unchanged.
#[inline]
fn emit(text: &mut String, map: &mut Vec<Seg>, f: char, s: usize, l: usize, same: bool) {
    if same {
        push_same(text, map, f.encode_utf8(&mut [0; 4]), s);
    } else {
        map.push(Seg {
            n: text.len() as u32,
            s: s as u32,
            l: l as u8,
            run: false,
        });
        text.push(f);
    }
}

/// Append source text copied unchanged from source offset `s`, continuing the current
/// run segment when both sides are contiguous.
#[inline]
fn push_same(text: &mut String, map: &mut Vec<Seg>, run: &str, s: usize) {
    let (n, s) = (text.len() as u32, s as u32);
    if !map.last().is_some_and(|e| e.run && e.s + (n - e.n) == s) {
        map.push(Seg {
            n,
            s,
            l: 0,
            run: true,
        });
    }
    text.push_str(run);
}

/// Lines of a page crawled into one line (no paragraph breaks, many thousands of
/// characters): within them, a run of spaces before an outline number (`二、`, `（三）`)
/// becomes a line break, and so does the first run of spaces after a short heading
/// title (`二、主动公开政府信息情况 （一）…`). Offsets map back exactly: the break
/// stands for the first space of the run. Other lines are left as they are.
struct Unwrapped {
    /// Source byte ranges of the unwrapped lines, in order.
    lines: Vec<(usize, usize)>,
    /// Per line, where its statistics table starts (`统计表` followed by rows of
    /// space-separated numbers): there each row starts a line and its cells are
    /// tab-separated, as in a laid-out rendering.
    tables: Vec<Option<usize>>,
    next: usize,
    /// Normalized offset where the last inserted heading line starts.
    title_from: Option<usize>,
    breaks: usize,
}

/// A line this long, with no break, is a crawled page rather than a paragraph.
const UNWRAPPED_LINE: usize = 3000;

/// A shorter line (a short report crawled into one line) is one only when its outline
/// numbers name the parts of a report (`一、概述 … 二、主动公开…`): a long paragraph that
/// counts `一、…。二、…。三、…` is not.
const SHORT_UNWRAPPED_LINE: usize = 800;

/// Words of the parts of an annual report, any format.
const PART_WORDS: &[&str] = &[
    "概述",
    "总体情况",
    "主动公开",
    "依申请",
    "申请",
    "复议",
    "诉讼",
    "收费",
    "问题",
    "改进",
    "其他",
    "其它",
    "说明",
];

/// The full stop after which a crawled line's heading may follow without a space.
const STOP: &[u8] = "。".as_bytes();

impl Unwrapped {
    fn any(&self) -> bool {
        !self.lines.is_empty()
    }

    fn new(src: &str) -> Unwrapped {
        let mut lines = Vec::new();
        let mut tables = Vec::new();
        if !has_line_of(src.as_bytes(), SHORT_UNWRAPPED_LINE.min(UNWRAPPED_LINE)) {
            // No line is long enough to be looked at: most drafts.
            return Unwrapped {
                lines,
                tables,
                next: 0,
                title_from: None,
                breaks: 0,
            };
        }
        let mut from = 0;
        for end in memchr::memchr_iter(b'\n', src.as_bytes()).chain([src.len()]) {
            let len = end - from;
            let line = &src[from..end];
            if (len >= UNWRAPPED_LINE && has_outline(line))
                || (len >= SHORT_UNWRAPPED_LINE && has_outline_of_parts(line))
            {
                lines.push((from, end));
                tables.push(table_start(&src[from..end]).map(|t| from + t));
            }
            from = end + 1;
        }
        Unwrapped {
            lines,
            tables,
            next: 0,
            title_from: None,
            breaks: 0,
        }
    }

    /// Move to the unwrapped line holding `at`; is there one?
    fn at(&mut self, at: usize) -> bool {
        while self.lines.get(self.next).is_some_and(|l| l.1 <= at) {
            self.next += 1;
        }
        self.lines.get(self.next).is_some_and(|l| l.0 <= at)
    }

    /// In a crawled statistics table, what the spaces before the source char at `at`
    /// become: a line break between a number and the next row's label, a cell
    /// separator next to a number, else nothing special.
    fn table_gap(&mut self, src: &str, at: usize, prev: Option<char>) -> Option<char> {
        if !self.at(at) || self.tables[self.next].is_none_or(|t| at < t) {
            return None;
        }
        let next = src[at..].chars().next()?;
        let prev_digit = prev.is_some_and(|p| p.is_ascii_digit());
        if prev_digit && is_cjk(next) {
            self.breaks += 1;
            Some('\n')
        } else if prev_digit || next.is_ascii_digit() {
            Some('\t')
        } else {
            None
        }
    }

    /// Should the spaces before the source char at `at` (normalized offset `n`) be a
    /// line break?
    fn breaks_before(&mut self, src: &str, at: usize, n: usize) -> bool {
        if !self.at(at) {
            return false;
        }
        if outline_number(&src[at..]) {
            self.title_from = Some(n);
            self.breaks += 1;
            return true;
        }
        // The title of the heading just started ends at its first run of spaces,
        // unless that run follows the number itself (`一、 概述`).
        if let Some(from) = self.title_from.take() {
            let before = src[..at].trim_end();
            let after_number = before.ends_with('、') || before.ends_with('）');
            if after_number && n - from <= 12 {
                self.title_from = Some(from);
                return false;
            }
            let title_end = n - from <= 90 && !before.ends_with('。');
            self.breaks += usize::from(title_end);
            return title_end;
        }
        false
    }
}

/// Is there a line (between line breaks) of at least `len` bytes? Jumps from a line
/// start to the last break within the next `len` bytes: a few byte searches per draft
/// instead of one per line.
fn has_line_of(b: &[u8], len: usize) -> bool {
    let mut from = 0;
    while b.len() - from >= len {
        match memchr::memrchr(b'\n', &b[from..from + len]) {
            None => return true,
            Some(j) => from += j + 1,
        }
    }
    false
}

/// Where a crawled line's statistics table starts: the last `统计表` followed, within
/// 300 bytes, by at least four space-separated numbers.
fn table_start(line: &str) -> Option<usize> {
    line.rmatch_indices("统计表").map(|(i, _)| i).find(|&i| {
        let mut end = (i + 300).min(line.len());
        while !line.is_char_boundary(end) {
            end -= 1;
        }
        line[i..end]
            .split([' ', '\u{3000}'])
            .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
            .count()
            >= 4
    })
}

/// Does an outline number (`一、`, `（二）`) start at `i`, right after an ASCII letter (the
/// end of an e-mail or web address, with no space between)? Not after a digit: there it
/// is a table's row label glued to the previous row's numbers (`…148四、结转下年度…`).
fn after_ascii_letter(src: &str, i: usize) -> bool {
    i > 0 && src.as_bytes()[i - 1].is_ascii_alphabetic() && outline_number(&src[i..])
}

/// Does a crawled line carry an outline: at least three distinct top-level numbers
/// (`一、` … ) after a space? Without one nothing in it is taken for a heading.
fn has_outline(line: &str) -> bool {
    let mut seen = [false; 10];
    for (_, d) in top_level_numbers(line) {
        seen[d] = true;
    }
    seen.iter().filter(|s| **s).count() >= 3
}

/// Built once: `memmem::find_iter` builds its searcher again at every call.
static ENUMERATION_COMMA: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("、"));

/// Top-level outline numbers (`二、`) after a space, a full stop or the end of an ASCII
/// word: (offset of the numeral, its value − 1). Found from the `、`s (one byte search),
/// each checked for its numeral and what comes before it.
fn top_level_numbers(line: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = line.as_bytes();
    ENUMERATION_COMMA.find_iter(b).filter_map(move |k| {
        // Every numeral 一…十 is three bytes long.
        let p = k.checked_sub(3)?;
        let c = line.get(p..k)?.chars().next()?;
        let d = "一二三四五六七八九十".chars().position(|x| x == c)?;
        let before = &line[..p];
        let after_stop = before.ends_with([' ', '\u{3000}', '。']);
        let after_word = before
            .as_bytes()
            .last()
            .is_some_and(u8::is_ascii_alphabetic);
        (after_stop || after_word).then_some((p, d))
    })
}

/// Does a line hold three or more top-level numbers, after a space, a full stop or the
/// end of an address, each followed within a few characters by a word of a report's part?
fn has_outline_of_parts(line: &str) -> bool {
    let mut seen = [false; 10];
    for (i, d) in top_level_numbers(line) {
        let after: String = line[i..].chars().skip(2).take(12).collect();
        if PART_WORDS.iter().any(|w| after.contains(w)) {
            seen[d] = true;
        }
    }
    seen.iter().filter(|s| **s).count() >= 3
}

/// Does `s` start with a heading number of the first two levels (`二、`, `（三）`)?
fn outline_number(s: &str) -> bool {
    const DIGITS: &str = "一二三四五六七八九十";
    let (body, close) = match s.strip_prefix('（').or_else(|| s.strip_prefix('(')) {
        Some(rest) => (rest, Some(())),
        None => (s, None),
    };
    let digits: usize = body
        .chars()
        .take_while(|c| DIGITS.contains(*c))
        .take(4)
        .map(char::len_utf8)
        .sum();
    if digits == 0 || digits > 9 {
        return false;
    }
    let rest = &body[digits..];
    match close {
        Some(()) => rest.starts_with('）') || rest.starts_with(')'),
        None => rest.starts_with('、'),
    }
}

impl Normalized {
    pub fn new(src: &str) -> Self {
        let mut text = String::with_capacity(src.len());
        let mut map: Vec<Seg> = Vec::new();
        let mut unwrapped = Unwrapped::new(src);
        // Pending run of spaces: (source offset, source length) of each space.
        let mut pending: Vec<(u32, u8)> = Vec::new();
        let mut prev: Option<char> = None;
        let mut runs = Runs::default();
        let bytes = src.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if pending.is_empty() {
                // Copy a run of characters that are never folded in one go.
                let start = i;
                if unwrapped.any() {
                    while i < bytes.len()
                        && never_folded(bytes, i)
                        && !(bytes[i..].starts_with(STOP) || after_ascii_letter(src, i))
                    {
                        i += utf8_len(bytes[i]);
                    }
                } else {
                    i = unfolded_run(bytes, i, &mut runs, text.len());
                }
                if i > start {
                    let run = &src[start..i];
                    if unwrapped.any() {
                        runs.feed_str(run, text.len());
                    }
                    push_same(&mut text, &mut map, run, start);
                    prev = run.chars().next_back();
                    continue;
                }
                // One ASCII space between two characters copied unchanged, neither a
                // line break nor a tab (` | ` between table cells, `2021 年`): what the
                // general road below does, without its steps. (Lines of crawled pages
                // take that road: their spaces may become breaks.)
                if !unwrapped.any() && bytes[i] == b' ' {
                    if let (Some(p), Some(&nb)) = (prev, bytes.get(i + 1)) {
                        if !LOOK[nb as usize]
                            && nb != b'\n'
                            && nb != b'\t'
                            && p != '\n'
                            && p != '\t'
                        {
                            let next = src[i + 1..].chars().next().unwrap_or(' ');
                            if !(is_cjk(p) || is_cjk(next)) {
                                runs.feed(0, text.len(), 1);
                                push_same(&mut text, &mut map, " ", i);
                            }
                            i += 1;
                            continue;
                        }
                    }
                }
            }
            // What this step writes is classed at its end (the steps that write nothing
            // go on before that).
            let written = text.len();
            let Some(c) = src[i..].chars().next() else {
                break;
            };
            let at = i;
            i += c.len_utf8();
            let Some(f) = fold(c) else { continue };
            if f == ' ' {
                pending.push((at as u32, c.len_utf8() as u8));
                continue;
            }
            if !pending.is_empty() {
                let edge = f == '\n' || f == '\t' || prev.is_none_or(|p| p == '\n' || p == '\t');
                // A wide gap before or after a number is a column gap of a laid-out table: a cell separator.
                let column_gap = !edge
                    && pending.len() >= 2
                    && (f.is_ascii_digit() || f == '-' || prev.is_some_and(|p| p.is_ascii_digit()));
                let drop = edge || prev.is_some_and(is_cjk) || is_cjk(f);
                let table_gap = if edge {
                    None
                } else {
                    unwrapped.table_gap(src, at, prev)
                };
                if let Some(g) = table_gap {
                    let (s, l) = pending[0];
                    emit(&mut text, &mut map, g, s as usize, l as usize, false);
                } else if !edge && !column_gap && unwrapped.breaks_before(src, at, text.len()) {
                    // A page crawled into one line: its headings start lines again.
                    let (s, l) = pending[0];
                    emit(&mut text, &mut map, '\n', s as usize, l as usize, false);
                } else if column_gap {
                    let (s, l) = pending[0];
                    emit(&mut text, &mut map, '\t', s as usize, l as usize, false);
                } else if !drop {
                    for &(s, l) in &pending {
                        emit(&mut text, &mut map, ' ', s as usize, l as usize, l == 1);
                    }
                }
                pending.clear();
            }
            if unwrapped.any()
                && after_ascii_letter(src, at)
                && unwrapped.breaks_before(src, at, text.len())
            {
                // `…@163.com一、概述`: the heading starts a line; the break stands for
                // the heading's first character, as the heading itself does.
                emit(&mut text, &mut map, '\n', at, c.len_utf8(), false);
            }
            emit(&mut text, &mut map, f, at, c.len_utf8(), f == c);
            prev = Some(f);
            if c == '。' && unwrapped.breaks_before(src, i, text.len()) {
                // `。二、` in a crawled line: the heading starts a line; the break
                // stands for the full stop it follows.
                emit(&mut text, &mut map, '\n', at, c.len_utf8(), false);
                prev = Some('\n');
            }
            runs.feed_str(&text[written..], written);
        }
        map.push(Seg {
            n: text.len() as u32,
            s: src.len() as u32,
            l: 0,
            run: false,
        });
        Normalized {
            text,
            runs: runs.finish(),
            map,
            recovered_breaks: unwrapped.breaks,
        }
    }

    /// Map a normalized byte offset to the corresponding source byte offset
    /// (inside a character: the start of its source character).
    pub fn to_source(&self, off: usize) -> usize {
        let i = self.map.partition_point(|e| e.n as usize <= off);
        if i == 0 {
            return 0;
        }
        let e = self.map[i - 1];
        let (n, s) = (e.n as usize, e.s as usize);
        if e.run {
            let mut b = off;
            while b > n && !self.text.is_char_boundary(b) {
                b -= 1;
            }
            return s + (b - n);
        }
        // Past the end: the sentinel.
        if off > n && off - n >= e.l as usize {
            return s + e.l as usize;
        }
        s
    }

    /// The normalized offset of the first char at or after a source offset.
    pub fn from_source(&self, src: usize) -> usize {
        let j = self.map.partition_point(|e| (e.s as usize) < src);
        if j > 0 {
            let e = self.map[j - 1];
            if e.run {
                let len = self.map[j].n - e.n;
                if src < (e.s + len) as usize {
                    let mut b = e.n as usize + (src - e.s as usize);
                    while !self.text.is_char_boundary(b) {
                        b += 1;
                    }
                    return b;
                }
            }
        }
        self.map
            .get(j)
            .map(|e| e.n as usize)
            .unwrap_or(self.text.len())
    }

    /// Map a normalized byte range to a source byte range (start, len).
    pub fn span(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.to_source(start);
        let e = if end > start {
            self.to_source_end(end)
        } else {
            s
        };
        (s, e.saturating_sub(s))
    }

    /// Source offset just past the normalized char that ends at `end`.
    fn to_source_end(&self, end: usize) -> usize {
        let i = self.map.partition_point(|e| (e.n as usize) < end);
        if i == 0 {
            return 0;
        }
        let e = self.map[i - 1];
        if !e.run {
            return (e.s + e.l as u32) as usize;
        }
        let n = e.n as usize;
        let mut b = end - 1;
        while b > n && !self.text.is_char_boundary(b) {
            b -= 1;
        }
        let len = self.text[b..].chars().next().map_or(0, char::len_utf8);
        e.s as usize + (b - n) + len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crawled_line_gets_its_headings_back() {
        let filler = "本机关依法做好政府信息公开工作".repeat(80);
        let src = format!(
            "联系邮箱xxgk@163.com一、概述 {filler}。二、主动公开情况 （一）数量 {filler}。 三、依申请公开 {filler}"
        );
        let n = Normalized::new(&src);
        let lines: Vec<&str> = n.text.lines().map(|l| l.get(..15).unwrap_or(l)).collect();
        // Before each heading, and after each short title (its body starts a line).
        assert_eq!(lines.len(), 8, "{lines:?}");
        assert_eq!(lines[1], "一、概述");
        assert!(lines[3].starts_with("二、主动"));
        assert!(lines[4].starts_with("(一)数量"));
        assert!(lines[6].starts_with("三、依申"));
        assert!(lines[2].starts_with("本机关") && lines[7].starts_with("本机关"));
        assert_eq!(n.recovered_breaks, 7);
        // Every break maps to the source character it stands for.
        for (i, _) in n.text.match_indices('\n') {
            let s = n.to_source(i);
            assert!(
                [" ", "。", "一"].iter().any(|c| src[s..].starts_with(c)),
                "{:?}",
                &src[s..s + 6]
            );
        }
        // The same text with line breaks of its own is left as it is.
        let short = "联系邮箱xxgk@163.com一、概述 正文。二、主动公开情况";
        assert!(!Normalized::new(short).text.contains('\n'));
    }
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        /// The byte-table run ends where the character-by-character walk ended: at the
        /// first character [`never_folded`] refuses, unless it is a space inside the run
        /// that the one-space road keeps ([`kept_space_by_chars`]).
        #[test]
        fn unfolded_runs_agree_with_never_folded(s in "[a  |　\u{a0}\u{85}\u{2014}\u{201c}\u{2009}\u{3001}\u{3002}\u{3000}\u{ff08}\u{feff}\u{fe50}é年\u{1f600}\u{2e80}\u{9fff}\u{f900}\u{303f}2\t\n]{0,30}") {
            let b = s.as_bytes();
            for (from, _) in s.char_indices() {
                let mut i = from;
                while i < b.len()
                    && (never_folded(b, i) || (i > from && kept_space_by_chars(&s, i)))
                {
                    i += utf8_len(b[i]);
                }
                prop_assert_eq!(unfolded_run(b, from, &mut Runs::default(), 0), i, "from {}", from);
            }
        }
    }

    /// The one-space road of `Normalized::new` as first written, by characters: a single
    /// ASCII space, the next character neither marked in [`LOOK`] nor a break or a tab,
    /// the one before neither a break nor a tab, and neither of them CJK.
    fn kept_space_by_chars(s: &str, i: usize) -> bool {
        if s.as_bytes()[i] != b' ' {
            return false;
        }
        let (Some(p), Some(next)) = (s[..i].chars().next_back(), s[i + 1..].chars().next()) else {
            return false;
        };
        !(LOOK[s.as_bytes()[i + 1] as usize]
            || matches!(next, '\n' | '\t')
            || matches!(p, '\n' | '\t')
            || is_cjk(p)
            || is_cjk(next))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        /// The jumps find a long line exactly when one of the lines is long.
        #[test]
        fn long_lines_found_by_jumps(s in "[a\\n一]{0,40}", len in 1usize..8) {
            let longest = s.split('\n').map(str::len).max().unwrap_or(0);
            prop_assert_eq!(has_line_of(s.as_bytes(), len), longest >= len, "{:?}", s);
        }
    }

    #[test]
    fn wide_gaps_next_to_numbers_become_tabs() {
        let n = Normalized::new("规章            1          0        11\n信息内容   本年制发件数");
        assert_eq!(n.text, "规章\t1\t0\t11\n信息内容本年制发件数");
    }

    #[test]
    fn folds_width_and_spaces() {
        let n = Normalized::new("一 、概 述\n（一）１２件　２０２４ 年1 月");
        assert_eq!(n.text, "一、概述\n(一)12件2024年1月");
    }

    #[test]
    fn keeps_ascii_spaces_and_tabs() {
        let n = Normalized::new("电话: 020 1234\t5");
        assert_eq!(n.text, "电话: 020 1234\t5");
    }

    #[test]
    fn maps_back_to_source() {
        let src = "联系电话：０８５１－８７７２１３３９";
        let n = Normalized::new(src);
        let start = n.text.find("0851").unwrap();
        let (s, len) = n.span(start, n.text.len());
        assert_eq!(&src[s..s + len], "０８５１－８７７２１３３９");
    }

    /// The per-character map this module built before runs were merged: the oracle.
    struct PerChar {
        n: Vec<(u32, u32, u8)>,
        len: usize,
    }

    impl PerChar {
        /// The former construction, one entry per normalized character.
        fn new(src: &str) -> Self {
            let mut text = String::new();
            let mut map = Vec::new();
            let mut pending: Vec<u32> = Vec::new();
            let mut pending_len: Vec<u8> = Vec::new();
            let mut prev: Option<char> = None;
            for (i, c) in src.char_indices() {
                let Some(f) = fold(c) else { continue };
                if f == ' ' {
                    pending.push(i as u32);
                    pending_len.push(c.len_utf8() as u8);
                    continue;
                }
                if !pending.is_empty() {
                    let edge =
                        f == '\n' || f == '\t' || prev.is_none_or(|p| p == '\n' || p == '\t');
                    let column_gap = !edge
                        && pending.len() >= 2
                        && (f.is_ascii_digit()
                            || f == '-'
                            || prev.is_some_and(|p| p.is_ascii_digit()));
                    let drop = edge || prev.is_some_and(is_cjk) || is_cjk(f);
                    if column_gap {
                        map.push((text.len() as u32, pending[0], pending_len[0]));
                        text.push('\t');
                    } else if !drop {
                        for (s, l) in pending.iter().zip(pending_len.iter()) {
                            map.push((text.len() as u32, *s, *l));
                            text.push(' ');
                        }
                    }
                    pending.clear();
                    pending_len.clear();
                }
                map.push((text.len() as u32, i as u32, c.len_utf8() as u8));
                text.push(f);
                prev = Some(f);
            }
            map.push((text.len() as u32, src.len() as u32, 0));
            assert_eq!(text, Normalized::new(src).text);
            PerChar {
                n: map,
                len: text.len(),
            }
        }
        fn to_source(&self, off: usize) -> usize {
            let off = off as u32;
            let i = self.n.partition_point(|(n, _, _)| *n <= off);
            if i == 0 {
                return 0;
            }
            let (n, s, l) = self.n[i - 1];
            if off > n && (off - n) >= l as u32 {
                return (s + l as u32) as usize;
            }
            s as usize
        }
        fn source_to_norm(&self, src: usize) -> usize {
            let src = src as u32;
            let i = self.n.partition_point(|(_, s, _)| *s < src);
            self.n
                .get(i)
                .map(|(n, _, _)| *n as usize)
                .unwrap_or(self.len)
        }
        fn to_source_end(&self, end: usize) -> usize {
            let end = end as u32;
            let i = self.n.partition_point(|(n, _, _)| *n < end);
            if i == 0 {
                return 0;
            }
            let (_, s, l) = self.n[i - 1];
            (s + l as u32) as usize
        }
    }

    proptest! {
        /// Segments answer every lookup exactly as one entry per character did.
        #[test]
        fn segments_agree_with_per_char_map(s in "[a-z0-9 　（）一二三，。年月日\\n\\t１２\u{200b}“”\u{a0}「」é→\u{feff}\u{2009}-]{0,60}") {
            let n = Normalized::new(&s);
            let o = PerChar::new(&s);
            for off in 0..=n.text.len() + 1 {
                prop_assert_eq!(n.to_source(off), o.to_source(off), "to_source {}", off);
                if off > 0 {
                    prop_assert_eq!(n.to_source_end(off), o.to_source_end(off), "to_source_end {}", off);
                }
            }
            for src in 0..=s.len() + 1 {
                prop_assert_eq!(n.from_source(src), o.source_to_norm(src), "from_source {}", src);
            }
        }
    }

    proptest! {
        #[test]
        fn offsets_land_on_char_boundaries(s in "[a-z0-9 　（）一二三，。年月日\\n\\t１２]{0,40}") {
            let n = Normalized::new(&s);
            for (i, _) in n.text.char_indices() {
                let o = n.to_source(i);
                prop_assert!(s.is_char_boundary(o));
                prop_assert!(o <= s.len());
            }
            let (a, l) = n.span(0, n.text.len());
            prop_assert!(s.is_char_boundary(a) && s.is_char_boundary(a + l));
        }
    }

    /// The outline numbers as first written: from every space, ideographic space, full
    /// stop and end of an ASCII word, skip the run of those, and look for `N、`.
    fn top_level_numbers_by_scan(line: &str) -> Vec<(usize, usize)> {
        let ascii_end = line
            .bytes()
            .enumerate()
            .filter(|(i, b)| {
                b.is_ascii_alphabetic() && !line.as_bytes().get(i + 1).is_some_and(u8::is_ascii)
            })
            .map(|(i, _)| (i + 1, ""));
        let mut out: Vec<(usize, usize)> = line
            .match_indices(' ')
            .chain(line.match_indices('\u{3000}'))
            .chain(line.match_indices('。'))
            .chain(ascii_end)
            .filter_map(|(i, _)| {
                let next = line[i..].trim_start_matches([' ', '\u{3000}', '。']);
                let at = line.len() - next.len();
                let c = next.chars().next()?;
                let d = "一二三四五六七八九十".chars().position(|x| x == c)?;
                next[c.len_utf8()..].starts_with('、').then_some((at, d))
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    proptest! {
        /// The `、`-led search finds the numbers the scan from every separator found.
        #[test]
        fn outline_numbers_agree_with_the_scan(s in "[a-zA-Z0-9 　。，、一二三四十五年]{0,50}") {
            let mut got: Vec<(usize, usize)> = top_level_numbers(&s).collect();
            got.sort_unstable();
            got.dedup();
            prop_assert_eq!(got, top_level_numbers_by_scan(&s));
        }
    }
}
