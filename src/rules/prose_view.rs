//! The report body in the flat view with its table lines blanked, for the count patterns
//! of prose (prose-table statements, repeated quantities), which drop every match whose
//! number lies on a table line.
//!
//! A table's labels hold the very words those patterns look for (予以公开, 办结, 结转…),
//! so in the plain body each of those words is a candidate the regex must verify, pass
//! after pass. In the blanked body every character of a table line is `\n`, which the
//! flat view (line breaks removed) never holds otherwise.
//!
//! Why a blanked search finds exactly the matches kept from a plain one, for a pattern
//! with a [`Pattern::line_alphabet`] `A` (no match holds `\n`, none is empty, no
//! look-around but the ends of the whole text) when, at each edge of a blanked block,
//! one of the two neighbouring characters is outside `A`:
//! - no match of the plain body crosses an edge (it would hold both neighbours), so each
//!   lies inside a block or inside the prose between blocks;
//! - a match inside a block has its number on a table line: dropped by the rule; the
//!   blanked body has no match there (only `\n`, outside `A`), nor across an edge;
//! - at a start inside the prose, both bodies have the same matches (same characters
//!   up to the edges, which no match reaches; `^`/`$` see the same two ends), so the
//!   leftmost-first choice is the same one;
//! - a plain search never leaves a block past its end (no match crosses it), so each
//!   stretch of prose is entered with the search at or before its start in both.
//!
//! So the leftmost-first matches of the two bodies in the prose are the same, groups
//! included, and the blanked body has no others. A pattern without an alphabet, or with
//! an edge both of whose characters are in its alphabet, is searched in the plain body.

use super::pattern::{in_ranges, Pattern};
use crate::document::outline::{is_table_line, Line};
use crate::document::{Document, Flat};

#[derive(Debug, Default)]
pub struct ProseView {
    /// The body's flat text with the characters of its table lines replaced by `\n`;
    /// `None` when the body has no table line.
    blanked: Option<String>,
    /// At each edge of a blanked block inside the body: the plain characters just
    /// before and just after it.
    edges: Vec<(char, char)>,
}

impl ProseView {
    pub fn new(doc: &Document) -> Self {
        Self::of(doc.text(), &doc.lines, &doc.flat, doc.body_lines)
    }

    /// The view of the body lines `first..=last` of `text` (split into `lines`, flat
    /// view `flat`).
    pub fn of(text: &str, lines: &[Line], flat: &Flat, (first, last): (usize, usize)) -> Self {
        let (Some(f), Some(l)) = (lines.get(first), lines.get(last)) else {
            return Self::default();
        };
        // Lines are cut at every `\n` and the flat view drops every `\n`: line `i` starts
        // `i` bytes earlier there.
        if flat.text.len() + lines.len() != text.len() + 1 {
            return Self::default();
        }
        let (from, to) = (f.start - first, l.end - last);
        let Some(body) = flat.text.get(from..to) else {
            return Self::default();
        };
        // Blocks of table lines, in the body's flat offsets; touching blocks merged. The
        // lines holding `|` or a tab are found by one search over the body; the others
        // can be table lines only when they end with a number.
        let b = text.as_bytes();
        let mut pipes = memchr::memchr2_iter(b'|', b'\t', &b[f.start..l.end]).map(|i| f.start + i);
        let mut pipe = pipes.next();
        let mut blocks: Vec<(usize, usize)> = Vec::new();
        for (i, line) in lines[first..=last].iter().enumerate() {
            while pipe.is_some_and(|p| p < line.start) {
                pipe = pipes.next();
            }
            let table = if pipe.is_some_and(|p| p < line.end) {
                true
            } else {
                let Some(s) = text.get(line.start..line.end) else {
                    return Self::default();
                };
                s.trim_end()
                    .ends_with(|c: char| c.is_ascii_digit() || c == '.')
                    && is_table_line(s)
            };
            if !table {
                continue;
            }
            let at = line.start - (first + i) - from;
            let (a, b) = (at, at + (line.end - line.start));
            match blocks.last_mut() {
                Some(last) if last.1 == a => last.1 = b,
                _ => blocks.push((a, b)),
            }
        }
        if blocks.is_empty() {
            return Self::default();
        }
        const BREAKS: &str = "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n";
        let mut blanked = String::with_capacity(body.len());
        let mut edges = Vec::with_capacity(2 * blocks.len());
        let mut at = 0;
        for &(a, b) in &blocks {
            let (Some(before), Some(inside)) = (body.get(at..a), body.get(a..b)) else {
                return Self::default();
            };
            blanked.push_str(before);
            let mut n = inside.len();
            while n > 0 {
                let k = n.min(BREAKS.len());
                blanked.push_str(&BREAKS[..k]);
                n -= k;
            }
            for edge in [a, b] {
                if edge == 0 || edge == body.len() {
                    continue;
                }
                if let (Some(x), Some(y)) = (
                    body[..edge].chars().next_back(),
                    body[edge..].chars().next(),
                ) {
                    edges.push((x, y));
                }
            }
            at = b;
        }
        blanked.push_str(&body[at..]);
        ProseView {
            blanked: Some(blanked),
            edges,
        }
    }

    /// The text `p` is searched in for its matches outside table lines: the blanked body
    /// when that is exact for `p` (module docs), else `body` (the plain flat body the view
    /// was made of).
    pub fn hay<'s>(&'s self, p: &Pattern, body: &'s str) -> &'s str {
        match (&self.blanked, p.line_alphabet()) {
            (Some(b), Some(a))
                if b.len() == body.len()
                    && self
                        .edges
                        .iter()
                        .all(|&(x, y)| !in_ranges(a, x) || !in_ranges(a, y)) =>
            {
                b
            }
            _ => body,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::outline::lines;
    use crate::rules::spec::Check;
    use proptest::prelude::*;

    type Groups = Vec<Option<(usize, usize)>>;

    /// The matches of `hay` whose `n` group (or whole match) starts on a line that is not
    /// a table line, as the rules keep them.
    fn kept(p: &Pattern, hay: &str, text: &str, flat: &Flat, from: usize) -> Vec<Groups> {
        p.re.captures_iter(hay)
            .filter(|c| {
                let at = c.name("n").or_else(|| c.get(0)).map_or(0, |m| m.start());
                let ns = flat.to_norm(from + at);
                let ls = text[..ns].rfind('\n').map_or(0, |i| i + 1);
                let le = text[ns..].find('\n').map_or(text.len(), |i| ns + i);
                !is_table_line(&text[ls..le])
            })
            .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
            .collect()
    }

    /// Both searches over the whole text as one body; the number of blanked searches.
    fn compare(patterns: &[Pattern], text: &str) -> usize {
        let ls = lines(text);
        let flat = Flat::new(text);
        let view = ProseView::of(text, &ls, &flat, (0, ls.len() - 1));
        let body = flat.text.as_str();
        let mut blanked = 0;
        for p in patterns {
            if view.hay(p, body).as_ptr() != body.as_ptr() {
                blanked += 1;
            }
            assert_eq!(
                kept(p, view.hay(p, body), text, &flat, 0),
                kept(p, body, text, &flat, 0),
                "pattern {} on {text:?}",
                p.re.as_str()
            );
        }
        blanked
    }

    /// The count patterns of the packs that are searched through the view.
    fn pack_patterns() -> Vec<Pattern> {
        let rs = crate::rules::RuleSet::builtin().unwrap();
        let mut out: Vec<String> = Vec::new();
        for r in &rs.rules {
            match &r.spec.check {
                Check::ProseTable(p) => {
                    out.extend(p.statements.iter().flat_map(|s| s.patterns.iter().cloned()))
                }
                Check::RepeatedCount(p) => {
                    out.extend(p.quantities.iter().flat_map(|q| q.patterns.iter().cloned()))
                }
                _ => {}
            }
        }
        out.sort();
        out.dedup();
        out.iter().map(|p| Pattern::new(p).unwrap()).collect()
    }

    #[test]
    fn alphabets_are_read_from_the_pattern() {
        let a = |p: &str| Pattern::new(p).unwrap().line_alphabet().map(<[_]>::to_vec);
        assert_eq!(
            a("办结[0-9]+件"),
            Some(vec![('0', '9'), ('件', '件'), ('办', '办'), ('结', '结')])
        );
        assert!(a("(?:^|[,。])共(?P<n>[0-9]+)件$").is_some());
        assert_eq!(a("[^。]{0,8}件"), None, "a negated class holds \\n");
        assert_eq!(a(r"\s件"), None);
        assert_eq!(a(r"\b件"), None);
        assert_eq!(a("(?m)^件"), None);
        assert_eq!(a("件?"), None, "an empty match");
    }

    #[test]
    fn blanked_searches_find_the_kept_matches_on_every_fixture() {
        let patterns = pack_patterns();
        assert!(patterns.len() > 20);
        let mut blanked = 0;
        for text in crate::facts::test_texts() {
            blanked += compare(&patterns, &text);
        }
        // The view is used (most fixtures with a table blank it for most patterns).
        assert!(blanked > 1000, "blanked searches: {blanked}");
    }

    #[test]
    fn blanked_searches_find_the_kept_matches_in_document_bodies() {
        let patterns = pack_patterns();
        for text in crate::facts::test_texts().into_iter().take(200) {
            let doc = Document::structure(crate::source::Source::new("-", text, "UTF-8"));
            let (bs, be) = doc.body_span();
            let (from, to) = (doc.flat.from_norm(bs), doc.flat.from_norm(be));
            let body = &doc.flat.text[from..to];
            let view = ProseView::new(&doc);
            for p in &patterns {
                let hay = view.hay(p, body);
                assert_eq!(
                    kept(p, hay, doc.text(), &doc.flat, from),
                    kept(p, body, doc.text(), &doc.flat, from)
                );
            }
        }
    }

    /// Lines of prose and of tables made of the patterns' own words.
    fn line() -> impl Strategy<Value = String> {
        let words = prop::sample::select(vec![
            "办结",
            "共",
            "已",
            "件",
            "予以公开",
            "部分公开",
            "结转",
            "下年度",
            "申请",
            "收到",
            "新收",
            "政府信息公开",
            "，",
            "。",
            "、",
            "|",
            " ",
            "\t",
            "1",
            "23",
            "0",
            "(",
            ")",
            "无法提供",
            "因",
            "原因",
            "上年",
            "受理",
        ]);
        prop::collection::vec(words, 0..12).prop_map(|w| w.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn blanked_searches_find_the_kept_matches(lines in prop::collection::vec(line(), 1..8)) {
            let patterns = [
                "(?:已|共|依法)?办结(?:各类)?(?:政府信息公开)?(?:申请)?(?P<n>[0-9]+)件",
                "(?:^|[,;:、。])(?:予以公开|同意公开)(?:及|和|与|、)部分公开(?P<n>[0-9]+)件",
                "(?P<n>[0-9]+)件(?:申请)?结转(?:至)?下(?:一)?年度?",
                "(?:^|[,;:、。])部分公开(?P<n>[0-9]+)件$",
                "(?:^|[,;:、。])(?:因[^,;:、。]{1,16}等?原因)?无法提供(?P<n>[0-9]+)件",
                "上年(?:度)?结转(?:政府信息公开)?(?:申请)?(?P<n>[0-9]+)件",
                "[0-9]+ [0-9]+",
                "件[0-9 |]+",
            ]
            .map(|p| Pattern::new(p).unwrap());
            compare(&patterns, &lines.join("\n"));
        }
    }
}
