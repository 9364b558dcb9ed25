//! The report's year and agency as its title and opening name them, read by hand.
//!
//! These were three regular expressions (the title's year, the opening's year, the
//! opening's agency). Every draft asks them once, so building them was most of their
//! cost: four million instructions of a one-file check's main thread. Each reader
//! answers exactly what its expression answered (the expressions are the tests'
//! reference); only the parts of a match the callers use are returned.

/// `^(.{0,40}?)([0-9]{4})年`: the text before the first four digits followed by `年` that
/// start within the first 40 characters of the first line, and the four digits.
pub fn title_year(title: &str) -> Option<(&str, &str)> {
    for (n, (i, c)) in title.char_indices().enumerate() {
        if four_digits_then_nian(&title[i..]) {
            return Some((&title[..i], &title[i..i + 4]));
        }
        if n == 40 || c == '\n' {
            return None;
        }
    }
    None
}

/// Built once: `memmem::find` builds its searcher again at every call (here once per `年`).
static YEAR_WORD: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("年"));

/// `([0-9]{4})年度?(?:的)?(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:报告|年报|工作|情况)`:
/// the first four digits that open such a phrase, and where they start; a match followed
/// by one of `PLAN_WORDS` names a plan (`2020年政务公开工作要点`) and is passed over.
pub fn opening_year(text: &str) -> Option<(&str, usize)> {
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(k) = YEAR_WORD.find(&b[from..]) {
        let at = from + k;
        from = at + 1;
        if at < 4 || !b[at - 4..at].iter().all(u8::is_ascii_digit) {
            continue;
        }
        if phrase_after_nian(&text[at + "年".len()..]).is_some_and(|rest| !names_a_plan(rest)) {
            return Some((&text[at - 4..at], at - 4));
        }
    }
    None
}

/// `(?:现(?:予以|予)?公布|现将|组织开展|发布)([^,。()0-9]{2,40}?)(?:\([^)]{0,20}\))?[0-9]{4}年`:
/// the words between the first such opener and the year that closes them.
pub fn opening_agency(text: &str) -> Option<&str> {
    for (p, c) in text.char_indices() {
        if !matches!(c, '现' | '组' | '发') {
            continue;
        }
        let rest = &text[p..];
        let Some(opener) = [
            "现予以公布",
            "现予公布",
            "现公布",
            "现将",
            "组织开展",
            "发布",
        ]
        .into_iter()
        .find(|o| rest.starts_with(o)) else {
            continue;
        };
        let words = &rest[opener.len()..];
        // The lazy run of name characters can only end where the next character is no
        // name character: `(` or a digit must follow it, and neither is one.
        let run = words
            .char_indices()
            .find(|&(_, c)| !is_name_char(c))
            .map_or(words.len(), |(i, _)| i);
        let n = words[..run].chars().count();
        if !(2..=40).contains(&n) {
            continue;
        }
        let after = &words[run..];
        let year_follows = match after.strip_prefix('(') {
            // `\([^)]{0,20}\)`: the first `)` within 20 characters, then the year.
            Some(inner) => inner
                .char_indices()
                .take(21)
                .find(|&(_, c)| c == ')')
                .is_some_and(|(i, _)| four_digits_then_nian(&inner[i + 1..])),
            None => four_digits_then_nian(after),
        };
        if year_follows {
            return Some(&words[..run]);
        }
    }
    None
}

/// `[^,。()0-9]`.
fn is_name_char(c: char) -> bool {
    !matches!(c, ',' | '。' | '(' | ')' | '0'..='9')
}

/// `[0-9]{4}年` at the start of `s`.
fn four_digits_then_nian(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 4 && b[..4].iter().all(u8::is_ascii_digit) && s[4..].starts_with('年')
}

/// A Chinese numeral digit as clerks write years (`二〇一五`, `二○一五`, `二零一五`).
fn zh_digit(c: char) -> Option<i32> {
    super::number::zh_digit(c).map(|d| d as i32)
}

/// A year written in four Chinese numeral digits followed by `年` at the start of `s`
/// (`二〇一五年`), 1990–2099 only; `None` otherwise. The character before must be checked
/// by the caller (`十二〇一五` is no year).
fn zh_year_then_nian(s: &str) -> Option<i32> {
    let mut chars = s.chars();
    let mut year = 0;
    for _ in 0..4 {
        year = year * 10 + zh_digit(chars.next()?)?;
    }
    (chars.next() == Some('年') && (1990..=2099).contains(&year)).then_some(year)
}

/// [`title_year`] for a year written in Chinese numerals (`某某镇二〇一五年政府信息公开工作年度报告`):
/// the text before it and the year, when it starts within the first 40 characters of
/// the first line and follows no other numeral.
pub fn title_year_zh(title: &str) -> Option<(&str, i32)> {
    let mut prev_numeral = false;
    for (n, (i, c)) in title.char_indices().enumerate() {
        if !prev_numeral {
            if let Some(y) = zh_year_then_nian(&title[i..]) {
                return Some((&title[..i], y));
            }
        }
        if n == 40 || c == '\n' {
            return None;
        }
        prev_numeral = zh_digit(c).is_some() || c == '十';
    }
    None
}

/// [`opening_year`] for a year written in Chinese numerals: the first such year that
/// opens the phrase, and where it starts.
pub fn opening_year_zh(text: &str) -> Option<(i32, usize)> {
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(k) = YEAR_WORD.find(&b[from..]) {
        let at = from + k;
        from = at + 1;
        // Four numerals of three bytes each before `年`.
        let Some(start) = at.checked_sub(12) else {
            continue;
        };
        if !text.is_char_boundary(start) {
            continue;
        }
        let before_numeral = text[..start]
            .chars()
            .next_back()
            .is_some_and(|c| zh_digit(c).is_some() || c == '十');
        match zh_year_then_nian(&text[start..]) {
            Some(y)
                if !before_numeral
                    && phrase_after_nian(&text[at + "年".len()..])
                        .is_some_and(|rest| !names_a_plan(rest)) =>
            {
                return Some((y, start));
            }
            _ => {}
        }
    }
    None
}

/// `度?(?:的)?(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:报告|年报|工作|情况)` at the
/// start of `s` (any of the optional words present or not: only whether it matches counts).
fn phrase_after_nian(s: &str) -> Option<&str> {
    let mut heads: Vec<&str> = Vec::with_capacity(4);
    for a in [s.strip_prefix('度'), Some(s)].into_iter().flatten() {
        for b in [a.strip_prefix('的'), Some(a)].into_iter().flatten() {
            heads.push(b);
        }
    }
    // Tried in the pattern's order (greedy options first, alternatives left to right):
    // the first that matches is the leftmost-first match, and what follows it is returned.
    heads.into_iter().find_map(|h| {
        ["政府信息公开", "政务公开", "信息公开"]
            .iter()
            .filter_map(|w| h.strip_prefix(w))
            .find_map(|r| {
                [r.strip_prefix("工作"), Some(r)]
                    .into_iter()
                    .flatten()
                    .flat_map(|r| [r.strip_prefix("年度"), Some(r)])
                    .flatten()
                    .find_map(|r| {
                        ["报告", "年报", "工作", "情况"]
                            .iter()
                            .find_map(|w| r.strip_prefix(w))
                    })
            })
    })
}

/// What names another document, not the report: a year's work plan or its points
/// (`《天水市2020年政务公开工作要点》`, `2021年政务公开工作方案`). A report of 2021 that was
/// written “按照……2020年政务公开工作要点要求” is not a report of 2020.
const PLAN_WORDS: [&str; 5] = ["要点", "方案", "计划", "安排", "任务"];

/// Whether the phrase after `年` is the name of a plan (`PLAN_WORDS` right after it).
fn names_a_plan(rest: &str) -> bool {
    PLAN_WORDS.iter().any(|w| rest.starts_with(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;
    use std::sync::LazyLock;

    /// The expressions the readers replace: the reference.
    static TITLE_YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(.{0,40}?)([0-9]{4})年度?").unwrap());
    static OPENING_YEAR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"([0-9]{4})年度?(?:的)?(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:报告|年报|工作|情况)").unwrap()
    });
    static OPENING_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:现(?:予以|予)?公布|现将|组织开展|发布)([^,。()0-9]{2,40}?)(?:\([^)]{0,20}\))?[0-9]{4}年度?").unwrap()
    });

    #[test]
    fn years_in_chinese_numerals() {
        assert_eq!(
            title_year_zh("某镇二〇一五年政府信息公开工作年度报告"),
            Some(("某镇", 2015))
        );
        assert_eq!(title_year_zh("二○一九年度报告"), Some(("", 2019)));
        assert_eq!(title_year_zh("某镇十二〇一五年报告"), None);
        assert_eq!(title_year_zh("某镇一二三四年报告"), None);
        assert_eq!(title_year_zh("某镇二〇一五报告"), None);
        assert_eq!(
            opening_year_zh("现公布某镇二零二〇年政府信息公开工作年度报告。"),
            Some((2020, "现公布某镇".len()))
        );
        assert_eq!(opening_year_zh("二〇二〇年工作要点"), None);
    }

    fn agree(s: &str) {
        let t = TITLE_YEAR.captures(s).map(|c| {
            (
                c.get(1).map_or("", |m| m.as_str()),
                c.get(2).map_or("", |m| m.as_str()),
            )
        });
        assert_eq!(title_year(s), t, "title {s:?}");
        // Matches never overlap a later candidate (a phrase holds no digit), so the
        // reference is the first match not followed by a plan's word.
        let y = OPENING_YEAR
            .captures_iter(s)
            .find(|c| !names_a_plan(&s[c.get(0).unwrap().end()..]))
            .and_then(|c| {
                let m = c.get(1)?;
                Some((m.as_str(), m.start()))
            });
        assert_eq!(opening_year(s), y, "year {s:?}");
        let a = OPENING_AGENCY
            .captures(s)
            .and_then(|c| c.get(1).map(|m| m.as_str()));
        assert_eq!(opening_agency(s), a, "agency {s:?}");
    }

    #[test]
    fn the_readers_agree_with_the_patterns_on_every_fixture() {
        let texts = crate::facts::test_texts();
        let (mut years, mut agencies) = (0, 0);
        for t in &texts {
            // The whole text, each line (titles), and each line's tail from every
            // opener (so that more than the first match of a text is compared).
            agree(t);
            years += usize::from(opening_year(t).is_some());
            agencies += usize::from(opening_agency(t).is_some());
            for line in t.lines() {
                agree(line);
                for (i, _) in line.match_indices(['现', '发', '组']) {
                    agree(&line[i..]);
                    agree(&line[i + 3..]);
                }
            }
        }
        assert!(
            years > 50 && agencies > 20,
            "years {years}, agencies {agencies}"
        );
    }

    #[test]
    fn examples() {
        assert_eq!(
            opening_agency("现公布某某县人民政府2023年度政府信息公开工作年度报告"),
            Some("某某县人民政府")
        );
        assert_eq!(
            opening_agency("现将某某局(某某办)2023年度报告"),
            Some("某某局")
        );
        assert_eq!(
            opening_year("本报告是2023年度政府信息公开工作年度报告"),
            Some(("2023", 12))
        );
        assert_eq!(opening_year("2023年信息公开年度工作"), Some(("2023", 0)));
        // The year of a plan the report was written by is not the report's year.
        let t = "按照《天水市2020年政务公开工作要点》要求,编制并向社会公布《榆盘镇2021年政府信息公开工作年度报告》。";
        assert_eq!(opening_year(t).map(|y| y.0), Some("2021"));
        assert_eq!(opening_year("根据《2020年政务公开年度工作方案》"), None);
        assert_eq!(title_year("某某局2023年度报告"), Some(("某某局", "2023")));
    }

    /// Names, parentheses and titles around their limits, against the patterns.
    #[test]
    fn the_limits_agree_with_the_patterns() {
        for n in 0..=45 {
            let words = "字".repeat(n);
            agree(&format!("现公布{words}2023年度报告"));
            agree(&format!("{words}2023年度报告"));
            for k in [0, 1, 19, 20, 21, 22] {
                let inner = "办".repeat(k);
                agree(&format!("发布{words}({inner})2023年"));
            }
        }
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20000))]
        #[test]
        fn the_readers_agree_with_the_patterns(
            s in proptest::collection::vec(proptest::sample::select(vec![
                "现", "公布", "现公布", "现予以公布", "现予公布", "现将", "组织开展", "发布", "予以",
                "某某县人民政府", "局", "(", ")", "(办公室)", ",", "。", "2023", "12023", "1", "年",
                "年度", "度", "的", "政府信息公开", "政务公开", "信息公开", "工作", "报告", "年报",
                "情况", "\n", " ", "字字字字字字字字字字", "字字字字字字字字字字字字字字字字字字字字",
            ]), 0..14).prop_map(|v| v.concat())
        ) {
            let t = TITLE_YEAR
                .captures(&s)
                .map(|c| (c.get(1).map_or("", |m| m.as_str()), c.get(2).map_or("", |m| m.as_str())));
            prop_assert_eq!(title_year(&s), t, "title {:?}", s);
            let y = OPENING_YEAR.captures(&s).and_then(|c| {
                let m = c.get(1)?;
                Some((m.as_str(), m.start()))
            });
            prop_assert_eq!(opening_year(&s), y, "year {:?}", s);
            let a = OPENING_AGENCY.captures(&s).and_then(|c| c.get(1).map(|m| m.as_str()));
            prop_assert_eq!(opening_agency(&s), a, "agency {:?}", s);
        }
    }
}
