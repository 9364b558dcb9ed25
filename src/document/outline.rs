//! The outline of a draft: headings (一、 / (一) / 1. / (1)), the report body
//! between website debris, the title, the appendix and the closing date line.
//!
//! Works on the normalized view only; it knows nothing about rule packs.

/// A line of the normalized text: byte range without the newline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
}

/// A heading found in the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub line: usize,
    /// 1 = 一、  2 = (一)  3 = 1.  4 = (1)
    pub level: u8,
    /// The ordinal (一 → 1).
    pub number: u32,
    /// Normalized byte range of the whole heading (numbering and title).
    pub start: usize,
    pub end: usize,
    /// The heading title without its numbering, normalized.
    pub title: String,
}

pub fn chinese_ordinal(s: &str) -> Option<u32> {
    let digit = |c: char| crate::facts::number::zh_digit(c).filter(|&d| d > 0);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// Split the normalized text into lines.
pub fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::with_capacity(text.len() / 32);
    let mut start = 0;
    for i in memchr::memchr_iter(b'\n', text.as_bytes()) {
        out.push(Line { start, end: i });
        start = i + 1;
    }
    out.push(Line {
        start,
        end: text.len(),
    });
    out
}

/// Is this line part of a flattened table (pipes or tabs)?
pub fn is_table_line(s: &str) -> bool {
    memchr::memchr2(b'|', b'\t', s.as_bytes()).is_some() || trailing_numbers(s) >= 3
}

/// How many space-separated numbers end the line (`…申请数量3001 53 0 0 61 4 3119` → 7).
fn trailing_numbers(s: &str) -> usize {
    let mut n = 0;
    let mut rest = s.trim_end();
    loop {
        let cut = rest
            .rfind(|c: char| !(c.is_ascii_digit() || c == '.'))
            .map(|i| i + rest[i..].chars().next().map_or(1, |c| c.len_utf8()))
            .unwrap_or(0);
        if cut == rest.len() {
            return n;
        }
        n += 1;
        let head = &rest[..cut];
        if !head.ends_with(' ') {
            return n;
        }
        rest = head.trim_end();
    }
}

/// Website chrome around the report. A long line is content even when it mentions such words.
pub fn is_debris(s: &str) -> bool {
    let s = s.trim();
    s.chars().count() < 120 && super::line_forms::is_chrome(s)
}

/// First and last line (inclusive) of the report itself, skipping website debris.
pub fn body_range(text: &str, lines: &[Line]) -> (usize, usize) {
    let content = |l: &Line| text[l.start..l.end].trim();
    let mut first = 0;
    while first < lines.len()
        && (content(&lines[first]).is_empty() || is_debris(content(&lines[first])))
    {
        first += 1;
    }
    let mut last = lines.len().saturating_sub(1);
    while last > first && (content(&lines[last]).is_empty() || is_debris(content(&lines[last]))) {
        last -= 1;
    }
    (first.min(last), last)
}

/// Line index where an appendix (附件 / 附表) starts, if any, within the body.
pub fn appendix_start(text: &str, lines: &[Line], from: usize, to: usize) -> Option<usize> {
    (from..=to).find(|&i| {
        let s = text[lines[i].start..lines[i].end].trim();
        // Both of the pattern's forms start with 附.
        s.starts_with('附') && super::line_forms::opens_appendix(s)
    })
}

/// Headings between `from` and `to` (inclusive line indices).
pub fn headings(text: &str, lines: &[Line], from: usize, to: usize) -> Vec<Heading> {
    headings_in(text, lines, from, to, None)
}

/// Headings, when the caller knows exactly which lines are table rows (`rows`, by line
/// index, from a structured reader's grids) instead of guessing from the text.
pub fn headings_in(
    text: &str,
    lines: &[Line],
    from: usize,
    to: usize,
    rows: Option<&dyn Fn(usize) -> bool>,
) -> Vec<Heading> {
    let table_row = |i: usize, s: &str| match rows {
        Some(f) => f(i),
        None => is_table_line(s),
    };
    let mut out = Vec::new();
    // Per heading: the line holds the heading alone (no body text run into it).
    let mut whole_line = Vec::new();
    // Short lines behind a list bullet (`• 总体情况`): parts whose numbering a web page drew.
    let mut bullets = Vec::new();
    let mut last_l1 = 0;
    for (i, line) in lines.iter().enumerate().take(to + 1).skip(from) {
        let raw = &text[line.start..line.end];
        let lead = raw.len() - raw.trim_start().len();
        let s = raw.trim();
        if let Some(h) = bulleted(s, i, line.start + lead) {
            bullets.push(h);
            continue;
        }
        // Every heading pattern is anchored: its first character must be one of these.
        let starts = s.chars().next().is_some_and(|c| {
            c.is_ascii_digit()
                || matches!(
                    c,
                    '第' | '('
                        | '一'
                        | '二'
                        | '三'
                        | '四'
                        | '五'
                        | '六'
                        | '七'
                        | '八'
                        | '九'
                        | '十'
                )
        });
        // (Checked before the table-row test, which costs more; both only skip the line.)
        if !starts || table_row(i, s) {
            continue;
        }
        let Some((level, number, rest)) = numbering(s) else {
            continue;
        };
        let Some(number) = number else { continue };
        // A lone "三、" is a character of a vertical merged label, not a heading; so is a
        // top-level-looking label between two rows of a laid-out table.
        if s[rest.min(s.len())..].trim().is_empty()
            || (level == 1 && rows.is_none() && inside_table(text, lines, i, number, last_l1))
            || (level == 1 && number <= last_l1 && is_table_row_title(&s[rest.min(s.len())..]))
        {
            continue;
        }
        if level == 1 {
            last_l1 = number;
        }
        let rest = rest.min(s.len());
        let after = &s[rest..];
        let ws = after.len() - after.trim_start().len();
        let title_full = after.trim();
        // A heading line may carry body text: the title ends at the first sentence stop.
        let cut = title_full
            .char_indices()
            .find(|(_, c)| matches!(c, '。' | ':' | ';' | ','))
            .map(|(i, _)| i)
            .unwrap_or(title_full.len());
        let title_cut = &title_full[..cut];
        let title = match title_cut.char_indices().nth(60) {
            Some((i, _)) => title_cut[..i].to_string(),
            None => title_cut.to_string(),
        };
        let start = line.start + lead;
        let end = start + rest + ws + title.len();
        whole_line.push(cut == title_full.len() && title.len() == title_full.len());
        out.push(Heading {
            line: i,
            level,
            number,
            start,
            end: end.min(line.end),
            title,
        });
    }
    if !promote_bulleted_parts(&mut out, bullets) {
        promote_parenthesized_parts(&mut out, &whole_line);
    }
    out
}

/// The bullets a web page's list draws before its items.
const BULLETS: [char; 5] = ['•', '●', '◆', '■', '▪'];

/// A line that is a bullet and a short title alone (`• 总体情况`): a heading whose number
/// the page's list drew (level 1 if `promote_bulleted_parts` takes it; number 0 until then).
fn bulleted(s: &str, line: usize, start: usize) -> Option<Heading> {
    let after = s.strip_prefix(BULLETS)?;
    let title = after.trim_start();
    let n = title.chars().count();
    let alone = (2..=20).contains(&n)
        && !title.contains(['。', ',', ':', ';', '、', '!', '?'])
        && !title.starts_with(|c: char| c.is_ascii_digit());
    alone.then(|| Heading {
        line,
        level: 1,
        number: 0,
        start,
        end: start + s.len(),
        title: title.to_string(),
    })
}

/// A report whose parts are list items of a web page (`• 总体情况`, the numbering drawn by the
/// page and lost in its text) has no numbered part heading. When no heading is of level 1
/// and the first bulleted title is the first part's (`总体情况`, `概述`), the bulleted titles
/// are its parts, numbered in their order. Bulleted lines of a page that numbers its parts
/// are not headings. Says whether it took them.
fn promote_bulleted_parts(out: &mut Vec<Heading>, bullets: Vec<Heading>) -> bool {
    let first_part = bullets.first().is_some_and(|h| {
        let t = h.title.as_str();
        t.starts_with("总体情况") || t.starts_with("概述")
    });
    if !first_part || out.iter().any(|h| h.level == 1) {
        return false;
    }
    for (k, mut h) in bullets.into_iter().enumerate() {
        h.number = k as u32 + 1;
        out.push(h);
    }
    out.sort_by_key(|h| h.line);
    true
}

/// A report whose parts are numbered `(一)总体情况`, `(二)主动公开政府信息的情况` (and whose
/// sub-headings then run `(一)主动公开方面。……` inside them) has no `一、` heading at all.
/// When no heading is of level 1, the level-2 headings that stand alone on their lines
/// are its parts if they run (一)(二)(三)… from the first part's title (`总体情况`, `概述`):
/// they become level 1. Sub-headings of a page cut before its parts do not start with
/// the first part's title and stay where they are.
fn promote_parenthesized_parts(out: &mut [Heading], whole_line: &[bool]) {
    if out.iter().any(|h| h.level == 1) {
        return;
    }
    let alone: Vec<usize> = (0..out.len())
        .filter(|&i| out[i].level == 2 && whole_line[i])
        .collect();
    let runs = alone.len() >= 2
        && alone
            .iter()
            .enumerate()
            .all(|(k, &i)| out[i].number == k as u32 + 1);
    let first_part = alone.first().is_some_and(|&i| {
        let t = out[i].title.as_str();
        t.starts_with("总体情况") || t.starts_with("概述")
    });
    if runs && first_part {
        for i in alone {
            out[i].level = 1;
        }
    }
}

/// The numbering a line starts with, as the heading patterns (kept in the tests) read
/// it, L1 `一、`/`第一部分`, L2 `(一)`, L4 `(1)`, L3 `1.`, tried in that order: (level, its number if it is one, byte length of the
/// numbering). `None` when no pattern matches.
///
/// Read by hand (the patterns are the reference: `tests::numbering_reads_what_the_patterns_match`).
/// Each pattern's repeat is greedy over a run of one class of characters followed by a
/// character outside it, so it matches exactly when the whole run is short enough.
fn numbering(s: &str) -> Option<(u8, Option<u32>, usize)> {
    /// Byte length of the run of chars of `class` at the start of `s`, and their count.
    fn run(s: &str, class: impl Fn(char) -> bool) -> (usize, usize) {
        s.chars()
            .take_while(|&c| class(c))
            .fold((0, 0), |(b, n), c| (b + c.len_utf8(), n + 1))
    }
    let numeral = |c: char| {
        matches!(
            c,
            '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
        )
    };
    let digit = |c: char| c.is_ascii_digit();
    // L1: 第N部分 with an optional 、.: after it, or N followed by 、., .
    if let Some(after) = s.strip_prefix('第') {
        let (b, n) = run(after, numeral);
        if (1..=3).contains(&n) && after[b..].starts_with("部分") {
            let mut end = '第'.len_utf8() + b + "部分".len();
            if let Some(c) = s[end..]
                .chars()
                .next()
                .filter(|c| matches!(c, '、' | '.' | ':'))
            {
                end += c.len_utf8();
            }
            return Some((1, chinese_ordinal(&after[..b]), end));
        }
    }
    let (b, n) = run(s, numeral);
    if (1..=3).contains(&n) {
        if let Some(c) = s[b..]
            .chars()
            .next()
            .filter(|c| matches!(c, '、' | '.' | ','))
        {
            return Some((1, chinese_ordinal(&s[..b]), b + c.len_utf8()));
        }
    }
    if let Some(inner) = s.strip_prefix('(') {
        // L2: (N)
        let (b, n) = run(inner, numeral);
        if (1..=3).contains(&n) && inner[b..].starts_with(')') {
            return Some((2, chinese_ordinal(&inner[..b]), 1 + b + 1));
        }
        // L4: (12)
        let (b, n) = run(inner, digit);
        if (1..=2).contains(&n) && inner[b..].starts_with(')') {
            return Some((4, inner[..b].parse().ok(), 1 + b + 1));
        }
    }
    // L3: 12、 or 12. followed by a non-digit; the numbering ends after the separator.
    let (b, n) = run(s, digit);
    if (1..=2).contains(&n) {
        let mut after = s[b..].chars();
        let sep = match (after.next(), after.next()) {
            (Some('、'), _) => Some('、'),
            (Some('.'), Some(c)) if !c.is_ascii_digit() => Some('.'),
            _ => None,
        };
        if let Some(sep) = sep {
            return Some((3, s[..b].parse().ok(), b + sep.len_utf8()));
        }
    }
    None
}

/// Row labels of 表三 that are numbered like top-level headings (`一、本年新收…`,
/// `三、本年度办理结果`). A text rendering may put them anywhere, away from their values;
/// when such a line goes back in the outline's numbering it is a label, not a heading.
const TABLE_ROW_TITLES: [&str; 4] = ["本年新收", "上年结转", "本年度办理结果", "结转下年度"];

fn is_table_row_title(title: &str) -> bool {
    let t: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    TABLE_ROW_TITLES.iter().any(|w| t.starts_with(w))
}

/// Is a top-level-looking line a row label of a table? It is when its numbers follow it one per
/// line, or when it sits between two table rows without continuing the outline's numbering
/// (`三、本年度办理结果` inside part 三; a real `三、` after the 表二 of part 二 continues it).
fn inside_table(text: &str, lines: &[Line], i: usize, number: u32, last_l1: u32) -> bool {
    let content = |j: usize| text[lines[j].start..lines[j].end].trim();
    let prev = (0..i).rev().map(content).find(|s| !s.is_empty());
    let next = (i + 1..lines.len()).map(content).find(|s| !s.is_empty());
    // (A line that is only a cell border, `|`, is no number: a table may begin under a
    // heading with one.)
    let lone_number = |s: &str| {
        let v = s.trim_end_matches('|').trim();
        !v.is_empty() && v.chars().all(|c| c.is_ascii_digit() || c == '.')
    };
    // A row label followed by its numbers one per line is a table row, not a heading.
    next.is_some_and(lone_number)
        || (number != last_l1 + 1
            && matches!((prev, next), (Some(p), Some(n)) if is_table_line(p) && is_table_line(n)))
}

/// Title line: a short line before the first top-level heading naming the report.
pub fn title_line(
    text: &str,
    lines: &[Line],
    from: usize,
    first_heading: Option<usize>,
) -> Option<usize> {
    let line = |i: usize| text[lines[i].start..lines[i].end].trim();
    let names_report = |i: usize| {
        let s = line(i);
        s.chars().count() <= 70
            && (s.contains("年度报告") || s.contains("年报") || s.contains("工作报告"))
            && !s.contains("根据")
    };
    let end = first_heading.unwrap_or(lines.len()).min(lines.len());
    let first = (from..end.min(from + 6)).find(|&i| names_report(i))?;
    // A page's column label (`• 乡镇政府信息公开年度报告`) names the kind of report, not the
    // report: a line naming the report with its year a few lines on is the title.
    if has_year(line(first)) {
        return Some(first);
    }
    (first + 1..end.min(from + 16))
        .find(|&i| names_report(i) && has_year(line(i)))
        .or(Some(first))
}

/// Four digits and `年`, or a year in Chinese numerals and `年` (`二〇二五年`).
fn has_year(s: &str) -> bool {
    let zh = |c: char| "〇零一二三四五六七八九".contains(c);
    s.match_indices('年').any(|(i, _)| {
        let before: Vec<char> = s[..i].chars().rev().take(4).collect();
        before.len() == 4
            && (before.iter().all(char::is_ascii_digit) || before.iter().all(|&c| zh(c)))
    })
}

/// The closing date line (落款): the last line that ends with a date and carries at most a short name before it.
pub fn date_line(text: &str, lines: &[Line], from: usize, to: usize) -> Option<usize> {
    (from..=to).rev().find(|&i| {
        let s = text[lines[i].start..lines[i].end].trim();
        // The pattern ends in 日: most lines are ruled out without running it.
        s.ends_with('日')
            && super::line_forms::date_line_prefix(s).is_some_and(|before| {
                !before.contains(',')
                    && !before.contains('。')
                    && !before.contains(':')
                    && !is_table_line(s)
            })
    })
}

/// 1 → 一, 12 → 十二 (for messages).
pub fn zh_ordinal(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => "零".into(),
        1..=9 => D[n as usize].into(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[(n % 10) as usize]),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;
    use std::sync::LazyLock;

    // The heading patterns [`numbering`] was written from: the reference it is tested against.
    static L1: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:第([一二三四五六七八九十]{1,3})部分[、.:]?|([一二三四五六七八九十]{1,3})[、.,])",
        )
        .unwrap()
    });
    static L2: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\(([一二三四五六七八九十]{1,3})\)").unwrap());
    static L3: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^([0-9]{1,2})(?:[、]|\.[^0-9])").unwrap());
    static L4: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\(([0-9]{1,2})\)").unwrap());

    /// How `headings_in` read a line's numbering with the patterns.
    fn numbering_by_patterns(s: &str) -> Option<(u8, Option<u32>, usize)> {
        if let Some(c) = L1.captures(s) {
            let num = c.get(1).or(c.get(2)).map(|m| m.as_str()).unwrap_or("");
            Some((
                1,
                chinese_ordinal(num),
                c.get(0).map(|m| m.end()).unwrap_or(0),
            ))
        } else if let Some(c) = L2.captures(s) {
            Some((
                2,
                chinese_ordinal(&c[1]),
                c.get(0).map(|m| m.end()).unwrap_or(0),
            ))
        } else if let Some(c) = L4.captures(s) {
            Some((4, c[1].parse().ok(), c.get(0).map(|m| m.end()).unwrap_or(0)))
        } else if let Some(c) = L3.captures(s) {
            let m = c.get(1).map(|m| m.end()).unwrap_or(0);
            let sep = s[m..].chars().next().map(|c| c.len_utf8()).unwrap_or(0);
            Some((3, c[1].parse().ok(), m + sep))
        } else {
            None
        }
    }

    #[test]
    fn numbering_reads_what_the_patterns_match_in_every_fixture() {
        let all = crate::facts::test_lines();
        assert!(all.len() > 5000, "fixture lines: {}", all.len());
        let mut found = 0;
        for line in &all {
            let want = numbering_by_patterns(line);
            assert_eq!(numbering(line), want, "{line}");
            found += usize::from(want.is_some());
        }
        assert!(found > 1000, "numbered lines: {found}");
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5000))]
        #[test]
        fn numbering_reads_what_the_patterns_match(
            s in proptest::collection::vec(proptest::sample::select(vec![
                "一", "二", "十", "三", "第", "部分", "部", "、", ".", ",", ":", "(", ")", "1",
                "2", "0", "12", "x", "概述", " ", "。",
            ]), 0..8).prop_map(|v| v.concat())
        ) {
            prop_assert_eq!(numbering(&s), numbering_by_patterns(&s), "{:?}", s);
        }
    }

    #[test]
    fn ordinals() {
        assert_eq!(chinese_ordinal("一"), Some(1));
        assert_eq!(chinese_ordinal("十"), Some(10));
        assert_eq!(chinese_ordinal("十二"), Some(12));
        assert_eq!(chinese_ordinal("二十一"), Some(21));
        assert_eq!(chinese_ordinal("零"), None);
    }

    #[test]
    fn rows_with_trailing_numbers_are_table_lines() {
        assert!(is_table_line(
            "一、本年新收政府信息公开申请数量3001 53 0 0 61 4 3119"
        ));
        assert!(!is_table_line("一、总体情况"));
        assert!(!is_table_line("2024年,我区共收到申请12件"));
        assert_eq!(trailing_numbers("行政许可 447228"), 1);
    }

    #[test]
    fn bulleted_parts_of_a_page_without_numbered_parts() {
        let levels = |t: &str| -> Vec<(u8, u32, String)> {
            let ls = lines(t);
            headings(t, &ls, 0, ls.len() - 1)
                .into_iter()
                .map(|h| (h.level, h.number, h.title))
                .collect()
        };
        let page = "某局2020年政府信息公开工作年度报告\n  • 总体情况\n  • 2020年,我局认真落实条例。\n(一)主动公开政府信息情况\n• 收到和处理政府信息公开申请情况\n本年度收到申请2件。";
        assert_eq!(
            levels(page),
            vec![
                (1, 1, "总体情况".to_string()),
                (2, 1, "主动公开政府信息情况".to_string()),
                (1, 2, "收到和处理政府信息公开申请情况".to_string()),
            ]
        );
        // Bullets of a report that numbers its parts, or a list not opening on the first
        // part, are not headings.
        let numbered = "一、总体情况\n• 加强组织领导\n二、主动公开政府信息情况";
        assert_eq!(
            levels(numbered),
            vec![
                (1, 1, "总体情况".to_string()),
                (1, 2, "主动公开政府信息情况".to_string()),
            ]
        );
        assert!(levels("• 加强组织领导\n• 健全工作机制").is_empty());
    }

    #[test]
    fn heading_levels() {
        let t = "一、总体情况\n(一)主动公开。本年度...\n1.规章\n(2)其他\n一是加强领导\n三、本年度办理结果 | 1 |";
        let ls = lines(t);
        let hs = headings(t, &ls, 0, ls.len() - 1);
        let got: Vec<(u8, u32, &str)> = hs
            .iter()
            .map(|h| (h.level, h.number, h.title.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, 1, "总体情况"),
                (2, 1, "主动公开"),
                (3, 1, "规章"),
                (4, 2, "其他")
            ]
        );
        assert_eq!(&t[hs[1].start..hs[1].end], "(一)主动公开");
    }

    #[test]
    fn arabic_heading_with_ideographic_comma() {
        let t = "一、总体情况\n1、申请人无正当理由逾期不补正";
        let ls = lines(t);
        let hs = headings(t, &ls, 0, ls.len() - 1);
        assert_eq!(hs[1].title, "申请人无正当理由逾期不补正");
        assert_eq!(&t[hs[1].start..hs[1].end], "1、申请人无正当理由逾期不补正");
    }

    #[test]
    fn debris_and_body() {
        let t = "当前位置:首页>信息公开\n标题:XX报告\n正文第一行\n正文第二行\n原文链接:http://x\n版权所有 XX";
        let ls = lines(t);
        assert_eq!(body_range(t, &ls), (2, 3));
    }

    #[test]
    fn date_lines() {
        let t = "正文。2019年3月1日召开会议。\n广东省戒毒管理局\n2019年3月1日\n";
        let ls = lines(t);
        assert_eq!(date_line(t, &ls, 0, ls.len() - 1), Some(2));
        let t2 = "填报日期:2019年1月30日";
        assert_eq!(date_line(t2, &lines(t2), 0, 0), None);
    }
}
