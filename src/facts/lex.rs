//! One pass over a text that finds where numbers and dates can be: maximal runs of the
//! characters their patterns are made of (digits, Chinese numerals, units, 年月日, date
//! separators, the words of approximation). The number and date readers then search only
//! those runs that hold what a match needs, instead of the whole text once per pattern.
//!
//! Why this is exact: every match of the number and date patterns is made of run
//! characters only, plus at most one character of context on either side (`[^0-9]`,
//! `^`, `$`). A match therefore lies inside one run's *window* (the run and one character
//! either side), and searching the windows in order, each from where the last match
//! ended, finds the same matches as one search over the whole text
//! (`tests::runs_find_what_the_whole_text_finds` compares both on every fixture).

use regex::{Captures, Regex};

use super::scan::{Found, Matcher};

use crate::normalize::classes::{wide_class, ASCII};
pub use crate::normalize::classes::{Run, APPROX, DATE_SEP, DIGIT, JOIN, NUMERAL, UNIT, YMD};
use crate::normalize::utf8_len;

/// A run with one character of context either side: where a reader's match may lie.
fn window(text: &str, r: &Run) -> (usize, usize) {
    let ws = text[..r.start]
        .chars()
        .next_back()
        .map_or(r.start, |c| r.start - c.len_utf8());
    let we = text[r.end..]
        .chars()
        .next()
        .map_or(r.end, |c| r.end + c.len_utf8());
    (ws, we)
}

/// The runs of a text, in order.
#[derive(Debug, Default)]
pub struct Lex {
    pub runs: Vec<Run>,
}

impl Lex {
    pub fn new(text: &str) -> Lex {
        let mut runs = Vec::new();
        let mut cur: Option<Run> = None;
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let x = b[i];
            // ASCII and three-byte characters through the tables; others have no class.
            let (k, len) = match x {
                0..0x80 => (ASCII[x as usize] as u16, 1),
                0xE0..=0xEF => (wide_class(b, i), 3),
                0xF0.. => (0, 4),
                _ => (0, 2),
            };
            if k == 0 {
                if let Some(r) = cur.take() {
                    runs.push(r);
                }
            } else {
                match &mut cur {
                    Some(r) => {
                        r.end = i + len;
                        r.classes |= k;
                    }
                    None => {
                        cur = Some(Run {
                            start: i,
                            end: i + len,
                            classes: k,
                        })
                    }
                }
            }
            i += len;
        }
        if let Some(r) = cur {
            runs.push(r);
        }
        Lex { runs }
    }

    /// Every match of an anchored matcher of [`scan`](super::scan) in `text`, as its
    /// regex's `captures_iter(text)` finds them (leftmost first, not overlapping): the
    /// matcher is tried at each position of the windows of the runs `may` says can hold
    /// one, from where the last match ended.
    pub fn scan<'t>(
        &self,
        matcher: Matcher,
        text: &'t str,
        may: impl Fn(&Run) -> bool,
        mut f: impl FnMut(Found<'t>),
    ) {
        let b = text.as_bytes();
        let mut from = 0;
        for r in &self.runs {
            if !may(r) {
                continue;
            }
            let (ws, we) = window(text, r);
            let mut at = from.max(ws);
            while at < we {
                match matcher(text, at) {
                    // The readers' patterns never match empty.
                    Some(slots) if slots[0].is_some_and(|(_, e)| e > at) => {
                        at = slots[0].map_or(at + 1, |(_, e)| e);
                        from = at;
                        f(Found::new(text, slots));
                    }
                    _ => at += utf8_len(b[at]),
                }
            }
        }
    }

    /// Every match of `re` in `text` (as `re.captures_iter(text)` finds them), searching
    /// only the windows of the runs `may` says can hold one. `re` must be a pattern whose
    /// matches are made of run characters, with at most one character of context either
    /// side.
    pub fn captures<'t>(
        &self,
        re: &Regex,
        text: &'t str,
        may: impl Fn(&Run) -> bool,
        mut f: impl FnMut(Captures<'t>),
    ) {
        let mut from = 0;
        for r in &self.runs {
            if !may(r) {
                continue;
            }
            let (ws, we) = window(text, r);
            let hay = &text[..we];
            let mut at = from.max(ws);
            while at < we {
                let Some(c) = re.captures_at(hay, at) else {
                    break;
                };
                let Some(m) = c.get(0) else { break };
                // An empty match would not move on (the readers' patterns never match empty).
                at = if m.end() > m.start() {
                    m.end()
                } else {
                    m.end() + 1
                };
                from = at;
                f(c);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    type May = fn(&Run) -> bool;

    /// The patterns searched run by run, each with the runs it is searched in and its
    /// hand-written matcher.
    fn readers() -> Vec<(&'static str, &'static Regex, May, Matcher)> {
        vec![
            (
                "number",
                &super::super::number::NUMBER,
                super::super::number::may_hold_number,
                super::super::scan::number,
            ),
            (
                "date",
                &super::super::date::DATE,
                super::super::date::may_hold_date,
                super::super::scan::date,
            ),
            (
                "malformed period",
                &super::super::date::MALFORMED_PERIOD,
                super::super::date::may_hold_malformed,
                super::super::scan::malformed_period,
            ),
            (
                "bare phone",
                &super::super::contact::PHONE_BARE,
                super::super::contact::may_hold_phone,
                super::super::scan::bare_phone,
            ),
        ]
    }

    /// Spans of every group of every match, found run by run and over the whole text.
    /// Group spans of each match.
    type Found = Vec<Vec<Option<(usize, usize)>>>;

    /// The matches of the regex searched run by run, of the hand-written matcher tried
    /// run by run, and of the regex over the whole text.
    fn both(re: &Regex, may: May, m: Matcher, text: &str) -> (Found, Found, Found) {
        let spans = |c: &Captures| -> Vec<Option<(usize, usize)>> {
            c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect()
        };
        let groups = re.captures_len();
        let lex = Lex::new(text);
        let mut by_runs = Vec::new();
        lex.captures(re, text, may, |c| by_runs.push(spans(&c)));
        let mut scanned = Vec::new();
        lex.scan(m, text, may, |c| scanned.push(c.slots()[..groups].to_vec()));
        let whole = re.captures_iter(text).map(|c| spans(&c)).collect();
        (by_runs, scanned, whole)
    }

    fn texts(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                texts(&p, out);
            } else if p.extension().is_some_and(|x| x == "txt") {
                if let Ok(t) = std::fs::read_to_string(&p) {
                    let norm = crate::normalize::Normalized::new(&t).text;
                    out.push((p.display().to_string(), norm));
                }
            }
        }
    }

    #[test]
    fn runs_find_what_the_whole_text_finds() {
        let mut all = Vec::new();
        texts(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
            &mut all,
        );
        assert!(all.len() > 50, "fixture texts found: {}", all.len());
        let mut matches = 0;
        for (name, text) in &all {
            for (what, re, may, m) in readers() {
                let (by_runs, scanned, whole) = both(re, may, m, text);
                assert_eq!(by_runs, whole, "{what} in {name}");
                assert_eq!(scanned, whole, "{what} (scanned) in {name}");
                matches += whole.len();
            }
        }
        assert!(matches > 1000, "matches compared: {matches}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn runs_find_what_the_whole_text_finds_on_any_mix(
            text in proptest::collection::vec(proptest::sample::select(vec![
                "0", "1", "2", "3", "9", "13", "0591", "12345678", "2020", ".", "-", "/", "~",
                "年", "月", "日", "号", "至", "起", "止", "—", "－", "一", "二", "十", "百", "万",
                "亿", "〇", "○", "两", "件", "人次", "元", "条", "余", "多", "约", "超过", "近",
                "将近", "大约", "逾", "多达", "申请", "，", "。", " ", "\n", "a", "@", "中",
            ]), 0..40).prop_map(|v| v.concat())
        ) {
            for (what, re, may, m) in readers() {
                let (by_runs, scanned, whole) = both(re, may, m, &text);
                prop_assert_eq!(&by_runs, &whole, "{} in {:?}", what, text);
                prop_assert_eq!(scanned, whole, "{} (scanned) in {:?}", what, text);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(6000))]
        /// The hand-written matchers on texts dense in what their patterns are made of.
        #[test]
        fn matchers_find_what_the_regexes_find(
            text in proptest::collection::vec(proptest::sample::select(vec![
                "0", "1", "2", "4", "7", "9", "00", "13", "19", "20", "139", "0591", "1234567",
                ".", "-", "/", "~", "—", "－", "年", "月", "日", "号", "至", "到", "起", "止",
                "〇", "○", "零", "一", "二", "两", "三", "八", "九", "十", "百", "千", "万",
                "亿", "件", "件次", "人", "人次", "元", "万元", "批次", "次", "页", "家", "余",
                "多", "约", "近", "超过", "逾", "多达", "将近", "大约", "，", " ", "\n", "a",
                "中", "é", "😀",
            ]), 0..30).prop_map(|v| v.concat())
        ) {
            for (what, re, may, m) in readers() {
                let (_, scanned, whole) = both(re, may, m, &text);
                prop_assert_eq!(scanned, whole, "{} in {:?}", what, text);
            }
        }
    }

    /// The shortest dates of each form, alone and between other characters, are found:
    /// the runs that hold them are searched (`date::may_hold_date`'s length bound).
    #[test]
    fn the_shortest_dates_are_found() {
        let (_, re, may, m) = readers()[1];
        for d in [
            "2020.1.1",
            "2020-1-1",
            "2020/1/1",
            "2020年1月1日",
            "2020年1月1号",
            "二〇二〇年一月一日",
        ] {
            for t in [
                d.to_string(),
                format!("于{d}发布"),
                format!("a{d}"),
                format!("{d},"),
            ] {
                let (_, scanned, whole) = both(re, may, m, &t);
                assert_eq!(whole.len(), 1, "{t}");
                assert_eq!(scanned, whole, "{t}");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        /// Short texts made of dates' pieces: the date reader, run by run, finds what its
        /// regex finds over the whole text.
        #[test]
        fn dates_in_short_mixes(
            text in proptest::collection::vec(proptest::sample::select(vec![
                "2020", ".1", "-1", "/1", ".12", "-31", "1", "12", ".", "年", "月", "日",
                "号", "二〇二〇年", "一月", "一日", "十", "中", "a", "，", "5",
            ]), 0..10).prop_map(|v| v.concat())
        ) {
            let (what, re, may, m) = readers()[1];
            let (_, scanned, whole) = both(re, may, m, &text);
            prop_assert_eq!(scanned, whole, "{} in {:?}", what, text);
        }
    }

    /// The runs the normalize pass classes while writing (`Normalized::runs`, what the
    /// facts read) are this lexer's runs of the written text.
    fn runs_as_lexed(src: &str) -> Result<(), TestCaseError> {
        let n = crate::normalize::Normalized::new(src);
        let lexed = Lex::new(&n.text).runs;
        prop_assert_eq!(&n.runs, &lexed, "{:?}", src);
        Ok(())
    }

    #[test]
    fn runs_are_the_lexers_on_every_fixture() {
        fn walk(dir: &std::path::Path, n: &mut usize) {
            for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, n);
                } else if p.extension().is_some_and(|x| x == "txt") {
                    if let Ok(t) = std::fs::read_to_string(&p) {
                        runs_as_lexed(&t).unwrap();
                        *n += 1;
                    }
                }
            }
        }
        let mut n = 0;
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
            &mut n,
        );
        assert!(n > 50, "fixture texts: {n}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn runs_are_the_lexers(s in "[a-z0-9 　（）一二三十年月日件人，。；\\n\\t１２－—~\u{200b}“”\u{a0}é\u{1f600}.-]{0,60}") {
            runs_as_lexed(&s)?;
        }
    }

    /// A crawled page (one long line) takes the normalize pass's slow road.
    #[test]
    fn runs_are_the_lexers_on_a_crawled_line() {
        let filler = "本机关依法做好政府信息公开工作，收到申请12件".repeat(80);
        let src = format!(
            "联系邮箱xxgk@163.com一、概述 {filler}。二、主动公开情况 （一）数量 {filler}。 三、依申请公开 {filler}"
        );
        assert!(crate::normalize::Normalized::new(&src).recovered_breaks > 0);
        runs_as_lexed(&src).unwrap();
    }

    #[test]
    fn runs_are_maximal_and_classed() {
        let t = "共收到申请12件,其中2020年3月1日答复三件。";
        let l = Lex::new(t);
        let words: Vec<&str> = l.runs.iter().map(|r| &t[r.start..r.end]).collect();
        assert_eq!(words, vec!["到", "12件", "2020年3月1日", "三件"]);
        assert_eq!(l.runs[1].classes, DIGIT | UNIT);
        assert_eq!(l.runs[2].classes, DIGIT | YMD);
    }
}
