//! Line forms the outline looks for, read by hand: website chrome around a report
//! (debris), the line that opens an appendix and the closing date line (落款).
//!
//! Both were regular expressions. Building them was a tenth of the main thread's work in a
//! one-file check, while reading the few lines they are asked about costs next to nothing.
//! The expressions stay in the tests as the reference these readers must agree with.

/// Chrome words found anywhere in a line.
const ANYWHERE: [&str; 22] = [
    "版权所有",
    "ICP备",
    "ICP证",
    "公安备案",
    "公网安备",
    "技术支持",
    "网站标识码",
    "主办单位",
    "承办单位",
    "原文链接",
    "打印本页",
    "关闭窗口",
    "【打印】",
    "[打印]",
    "返回顶部",
    "网站地图",
    "扫一扫",
    "分享到",
    "当前位置",
    "您所在的位置",
    "全真版",
    "文字版",
];

/// Chrome words that open a line.
const OPENING: [&str; 15] = [
    "标题:",
    "发布时间:",
    "发布日期:",
    "来源:",
    "索引号",
    "发布机构",
    "浏览次数",
    "字号",
    "文号:",
    "主题分类",
    "生成日期",
    "成文日期",
    "相关链接",
    "文件下载",
    "-->",
];

/// Whether a line holds website chrome: a word of [`ANYWHERE`], a line opened by a word
/// of [`OPENING`] or by `首页 >` (a breadcrumb), or the font-size switch `【大 中 小】`.
pub fn is_chrome(s: &str) -> bool {
    OPENING.iter().any(|w| s.starts_with(w))
        || ANYWHERE.iter().any(|w| s.contains(w))
        || s.strip_prefix("首页")
            .is_some_and(|r| r.trim_start_matches(char::is_whitespace).starts_with('>'))
        || s.match_indices("【大").any(|(i, w)| {
            let r = s[i + w.len()..].trim_start_matches(char::is_whitespace);
            r.strip_prefix("中").is_some_and(|r| {
                r.trim_start_matches(char::is_whitespace)
                    .starts_with("小】")
            })
        })
}

/// Whether a line opens an appendix: `附表…`, or `附件` with an optional number and colon,
/// alone or followed by a title of at most 40 characters (no `,` or `。`) ending in `表`
/// or `报告`.
pub fn opens_appendix(s: &str) -> bool {
    if s.starts_with("附表") {
        return true;
    }
    let Some(r) = s.strip_prefix("附件") else {
        return false;
    };
    // The longest `\s* [0-9一…十]* \s* :? \s*` lead: a title further right is shorter,
    // so the longest lead decides.
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    let r = r.trim_start_matches(char::is_whitespace);
    let r = r.trim_start_matches(numeral);
    let r = r.trim_start_matches(char::is_whitespace);
    let r = r.strip_prefix(':').unwrap_or(r);
    let r = r.trim_start_matches(char::is_whitespace);
    if r.is_empty() {
        return true;
    }
    let Some(title) = r.strip_suffix('表').or_else(|| r.strip_suffix("报告")) else {
        return false;
    };
    !title.contains([',', '。']) && title.chars().count() <= 40
}

/// The text before the date of a line that ends with a date (`2024年1月20日`, or in
/// numerals `二〇二四年一月二十日`) after at most 40 other characters and any spaces: the
/// words before the date, without the spaces. `None` when the line is no such line.
pub fn date_line_prefix(s: &str) -> Option<&str> {
    let t = s.strip_suffix('日')?;
    let date = numeric_date_start(t).or_else(|| numeral_date_start(t))?;
    let prefix = s[..date].trim_end_matches(char::is_whitespace);
    (prefix.chars().count() <= 40 && !prefix.contains('\n')).then_some(prefix)
}

/// Where `Y年M月D` (4 ASCII digits, then 1–2, then 1–2) ending `t` starts.
fn numeric_date_start(t: &str) -> Option<usize> {
    let digit = |c: char| c.is_ascii_digit();
    let t = run_before(t, '月', 1, 2, digit)?;
    let t = run_before(t, '年', 1, 2, digit)?;
    year_start(t, |c| c.is_ascii_digit())
}

/// Where `Y年M月D` in Chinese numerals ending `t` starts.
fn numeral_date_start(t: &str) -> Option<usize> {
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    let t = run_before(t, '月', 1, 3, numeral)?;
    let t = run_before(t, '年', 1, 2, numeral)?;
    year_start(t, |c| "〇零一二三四五六七八九".contains(c))
}

/// `t` ends with `min..=max` characters of a class right after `mark`: the text before
/// `mark`.
fn run_before(
    t: &str,
    mark: char,
    min: usize,
    max: usize,
    class: impl Fn(char) -> bool,
) -> Option<&str> {
    let mut rest = t;
    for n in 0..=max {
        if n >= min {
            if let Some(before) = rest.strip_suffix(mark) {
                return Some(before);
            }
        }
        let c = rest.chars().next_back()?;
        if !class(c) {
            return None;
        }
        rest = &rest[..rest.len() - c.len_utf8()];
    }
    None
}

/// The start of the four year characters that end `t`.
fn year_start(t: &str, class: impl Fn(char) -> bool) -> Option<usize> {
    let mut at = t.len();
    for _ in 0..4 {
        let c = t[..at].chars().next_back()?;
        if !class(c) {
            return None;
        }
        at -= c.len_utf8();
    }
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;
    use std::sync::LazyLock;

    /// The expressions the readers replace: the reference.
    static DEBRIS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"版权所有|ICP备|ICP证|公安备案|公网安备|技术支持|网站标识码|主办单位|承办单位|原文链接|",
            r"打印本页|关闭窗口|【打印】|\[打印\]|返回顶部|网站地图|扫一扫|分享到|当前位置|您所在的位置|",
            r"^首页\s*>|^标题:|^发布时间:|^发布日期:|^来源:|^索引号|^发布机构|^浏览次数|^字号|【大\s*中\s*小】|",
            r"^文号:|^主题分类|^生成日期|^成文日期|^相关链接|^文件下载|全真版|文字版|^-->"
        ))
        .unwrap()
    });
    static APPENDIX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:附件\s*[0-9一二三四五六七八九十]*\s*[:]?\s*(?:$|[^,。]{0,40}(?:表|报告)$)|附表)",
        )
        .unwrap()
    });
    static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(.{0,40}?)\s*(?:[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)$").unwrap()
    });

    fn prefix_by_pattern(s: &str) -> Option<&str> {
        DATE_LINE
            .captures(s)
            .map(|c| c.get(1).map(|m| m.as_str()).unwrap_or(""))
    }

    fn agree(s: &str) {
        assert_eq!(is_chrome(s), DEBRIS.is_match(s), "chrome {s:?}");
        assert_eq!(opens_appendix(s), APPENDIX.is_match(s), "appendix {s:?}");
        assert_eq!(date_line_prefix(s), prefix_by_pattern(s), "date line {s:?}");
    }

    #[test]
    fn the_readers_agree_with_the_patterns_on_every_fixture_line() {
        let all = crate::facts::test_lines();
        assert!(all.len() > 5000, "fixture lines: {}", all.len());
        let (mut chrome, mut dated, mut appendix) = (0, 0, 0);
        for line in &all {
            agree(line);
            chrome += usize::from(is_chrome(line));
            dated += usize::from(date_line_prefix(line).is_some());
            appendix += usize::from(opens_appendix(line));
        }
        assert!(appendix >= 4, "appendix lines {appendix}");
        assert!(
            chrome > 20 && dated > 10,
            "chrome {chrome}, date lines {dated}"
        );
    }

    #[test]
    fn examples() {
        assert_eq!(date_line_prefix("某某局 2024年1月2日"), Some("某某局"));
        assert_eq!(date_line_prefix("12024年10月20日"), Some("1"));
        assert_eq!(date_line_prefix("二〇二四年一月二十日"), Some(""));
        assert_eq!(date_line_prefix("2024年1月123日"), None);
        assert_eq!(
            date_line_prefix(&format!("{}2024年1月2日", "字".repeat(41))),
            None
        );
        assert!(opens_appendix("附件 2: 政府信息公开情况统计表"));
        assert!(opens_appendix("附件1"));
        assert!(!opens_appendix("附件:请见下表,共三页表"));
        assert!(is_chrome("首页 > 政务公开"));
        assert!(is_chrome("【大 中  小】"));
        assert!(!is_chrome("发布时间 2024"));
    }

    /// Titles and names around the 40-character limits, against the patterns.
    #[test]
    fn the_limits_agree_with_the_patterns() {
        for n in 0..=50 {
            let words = "字".repeat(n);
            for s in [
                format!("附件{words}表"),
                format!("附件 3:{words}报告"),
                format!("附件{words},表"),
                format!("{words}2024年1月2日"),
                format!("{words} 二〇二四年十二月三十一日"),
            ] {
                agree(&s);
            }
        }
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20000))]
        #[test]
        fn the_readers_agree_with_the_patterns(
            s in proptest::collection::vec(proptest::sample::select(vec![
                "2024", "1", "12", "0", "年", "月", "日", "号", "二〇二四", "〇", "零", "一", "十",
                "二十", "三", " ", "\u{3000}", "\n", "某某局", "字字字字字字字字字字", ",", "。", ":",
                "首页", ">", "【大", "中", "小】", "【打印】", "[打印]", "来源:", "-->", "版权所有",
                "ICP", "备", "发布日期:", "字号", "附件", "附表", "附", "表", "报告", "报",
                "字字字字字字字字字字字字字字字字字字字字",
            ]), 0..12).prop_map(|v| v.concat())
        ) {
            prop_assert_eq!(is_chrome(&s), DEBRIS.is_match(&s), "chrome {:?}", s);
            prop_assert_eq!(opens_appendix(&s), APPENDIX.is_match(&s), "appendix {:?}", s);
            prop_assert_eq!(date_line_prefix(&s), prefix_by_pattern(&s), "date line {:?}", s);
        }
    }
}
