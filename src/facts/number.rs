//! Numbers in prose: Arabic, full-width (after folding), Chinese numerals with
//! 〇/零/两, 万/亿 multipliers, decimals, units, and approximate markers
//! (余/多/近/约/超过) which make a number unusable in a sum.

use super::lex::{Lex, Run, DIGIT, NUMERAL, UNIT};
use regex::Regex;
use std::cmp::Ordering;
use std::fmt;
use std::sync::LazyLock;

/// An exact decimal: `mantissa / 10^scale`. Money is never a float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Dec {
    pub mantissa: i128,
    pub scale: u32,
}

impl Dec {
    pub const ZERO: Dec = Dec {
        mantissa: 0,
        scale: 0,
    };

    pub fn int(v: i128) -> Dec {
        Dec {
            mantissa: v,
            scale: 0,
        }
    }

    /// Parse `123`, `-4`, `96171.6`, `5949.088667`. None for anything else or overflow.
    /// One pass over the bytes; a text with other bytes than digits, `.` and `-`
    /// (whitespace to trim, anything else) is read by [`Dec::parse_general`].
    pub fn parse(s: &str) -> Option<Dec> {
        let b = s.as_bytes();
        let (neg, body) = match b.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, b),
        };
        let (mut m, mut int, mut frac, mut dot) = (0i128, 0u32, 0u32, false);
        for &x in body {
            match x {
                b'0'..=b'9' => {
                    // At most 30 digits: no overflow of i128.
                    if int + frac == 30 {
                        return None;
                    }
                    m = m * 10 + i128::from(x - b'0');
                    if dot {
                        frac += 1;
                    } else {
                        int += 1;
                    }
                }
                // A second point, or a sign inside the number.
                b'.' if dot => return None,
                b'.' => dot = true,
                b'-' => return None,
                _ => return Dec::parse_general(s),
            }
        }
        if int == 0 || (dot && frac == 0) {
            return None;
        }
        Some(Dec {
            mantissa: if neg { -m } else { m },
            scale: frac,
        })
    }

    /// [`Dec::parse`] as first written: trim, sign, split at the point.
    fn parse_general(s: &str) -> Option<Dec> {
        let s = s.trim();
        let (neg, body) = match s.strip_prefix('-') {
            Some(b) => (true, b),
            None => (false, s),
        };
        let (ip, fp) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        if ip.is_empty()
            || !ip.bytes().all(|b| b.is_ascii_digit())
            || !fp.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        if body.contains('.') && fp.is_empty() {
            return None;
        }
        if ip.len() + fp.len() > 30 {
            return None;
        }
        // At most 30 digits: no overflow of i128.
        let m = ip
            .bytes()
            .chain(fp.bytes())
            .fold(0i128, |m, b| m * 10 + i128::from(b - b'0'));
        Some(Dec {
            mantissa: if neg { -m } else { m },
            scale: fp.len() as u32,
        })
    }

    fn rescale(self, scale: u32) -> Option<i128> {
        self.mantissa
            .checked_mul(10i128.checked_pow(scale.checked_sub(self.scale)?)?)
    }

    pub fn checked_add(self, o: Dec) -> Option<Dec> {
        let s = self.scale.max(o.scale);
        Some(Dec {
            mantissa: self.rescale(s)?.checked_add(o.rescale(s)?)?,
            scale: s,
        })
    }

    pub fn checked_mul_int(self, k: i128) -> Option<Dec> {
        Some(Dec {
            mantissa: self.mantissa.checked_mul(k)?,
            scale: self.scale,
        })
    }

    pub fn is_integer(self) -> bool {
        self.scale == 0 || self.mantissa % 10i128.pow(self.scale) == 0
    }

    pub fn is_negative(self) -> bool {
        self.mantissa < 0
    }

    pub fn is_zero(self) -> bool {
        self.mantissa == 0
    }

    /// Drop trailing fractional zeros.
    pub fn trimmed(self) -> Dec {
        let mut d = self;
        while d.scale > 0 && d.mantissa % 10 == 0 {
            d.mantissa /= 10;
            d.scale -= 1;
        }
        d
    }

    /// Integer value, if exact and within i64.
    pub fn as_i64(self) -> Option<i64> {
        let t = self.trimmed();
        if t.scale == 0 {
            i64::try_from(t.mantissa).ok()
        } else {
            None
        }
    }
}

impl PartialOrd for Dec {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Dec {
    fn cmp(&self, o: &Self) -> Ordering {
        let s = self.scale.max(o.scale);
        match (self.rescale(s), o.rescale(s)) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => self.scale.cmp(&o.scale),
        }
    }
}

impl fmt::Display for Dec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.trimmed();
        if t.scale == 0 {
            return write!(f, "{}", t.mantissa);
        }
        let neg = t.mantissa < 0;
        let digits = t.mantissa.unsigned_abs().to_string();
        let scale = t.scale as usize;
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (i, fr) = padded.split_at(padded.len() - scale);
        write!(f, "{}{}.{}", if neg { "-" } else { "" }, i, fr)
    }
}

/// A plain Chinese numeral digit: 〇 (also ○, 零) to 九, as years and ordinals are written.
pub fn zh_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '○' | '零' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Value of a Chinese numeral (一百二十三, 两千, 一千零五, 十二, 二〇二三 read digit by digit).
pub fn chinese_value(s: &str) -> Option<i128> {
    let digit = |c: char| -> Option<i128> {
        zh_digit(c).map(i128::from).or(match c {
            '壹' => Some(1),
            '两' | '贰' => Some(2),
            '叁' => Some(3),
            '肆' => Some(4),
            '伍' => Some(5),
            '陆' => Some(6),
            '柒' => Some(7),
            '捌' => Some(8),
            '玖' => Some(9),
            _ => None,
        })
    };
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return None;
    }
    // Digit-by-digit form (年份 二〇二三): only digits, more than one.
    if chars.len() > 1 && chars.iter().all(|c| digit(*c).is_some()) {
        let mut v: i128 = 0;
        for c in &chars {
            v = v.checked_mul(10)?.checked_add(digit(*c)?)?;
        }
        return Some(v);
    }
    let mut total: i128 = 0; // completed 万/亿 groups
    let mut section: i128 = 0; // below 万
    let mut pending: Option<i128> = None;
    for c in chars {
        if let Some(d) = digit(c) {
            pending = Some(d);
            continue;
        }
        let unit: i128 = match c {
            '十' | '拾' => 10,
            '百' | '佰' => 100,
            '千' | '仟' => 1000,
            '万' | '萬' => 10_000,
            '亿' => 100_000_000,
            _ => return None,
        };
        if unit >= 10_000 {
            section += pending.take().unwrap_or(0);
            if section == 0 && total == 0 {
                return None;
            }
            total = (total + section).checked_mul(unit)?;
            section = 0;
        } else {
            let d = pending.take().unwrap_or(1);
            section += d * unit;
        }
    }
    section += pending.unwrap_or(0);
    total.checked_add(section)
}

/// A number found in prose, with its unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberFact {
    /// Normalized byte range of the whole expression (markers, digits, unit).
    pub start: usize,
    pub end: usize,
    /// Byte range of the digits alone.
    pub value_start: usize,
    pub value: Dec,
    pub unit: String,
    /// 余/多/近/约/超过…: never summed.
    pub approximate: bool,
    /// `1600余条`, `300多件`, `超过50条`, `逾20件`: the number is a lower bound (the count is at
    /// least this). Such a number is `approximate` too; a sum of lower bounds is a lower bound.
    pub at_least: bool,
}

#[cfg_attr(not(test), allow(dead_code))] // the oracle of `scan::number`
pub(super) static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(约|近|超过|逾|多达|将近|大约)?",
        r"([0-9]+(?:\.[0-9]+)?|[〇零一二两三四五六七八九十百千万亿]+)",
        r"(余|多)?(万|亿)?",
        r"(万元|元|件次|人次|件|条|篇|次|人|个|宗|项|期|批次|份|场|家|页)"
    ))
    .unwrap()
});

/// A count has a numeral and a unit.
pub(super) fn may_hold_number(r: &Run) -> bool {
    r.classes & UNIT != 0 && r.classes & (DIGIT | NUMERAL) != 0
}

/// Every counted or priced number in the text.
pub fn numbers(text: &str) -> Vec<NumberFact> {
    numbers_in(text, &Lex::new(text))
}

/// [`numbers`] with the text's runs already found.
pub fn numbers_in(text: &str, lex: &Lex) -> Vec<NumberFact> {
    let mut out = Vec::new();
    lex.scan(super::scan::number, text, may_hold_number, |c| {
        let mut whole = c.get(0).map(|m| (m.start(), m.end())).unwrap_or((0, 0));
        let Some(vm) = c.get(2) else { return };
        let Some(unit) = c.get(5).map(|u| u.as_str()) else {
            return;
        };
        // `1,200条`: the match starts at the last group of a number written with thousands
        // separators; the number is the whole of it, never its last three digits.
        let mut value_start = vm.start();
        let joined = c
            .get(1)
            .is_none()
            .then(|| thousands_head(text.as_bytes(), vm.start(), vm.as_str()))
            .flatten()
            .map(|head| {
                whole.0 = head;
                value_start = head;
                text[head..vm.end()].replace(',', "")
            });
        let digits = joined.as_deref().unwrap_or(vm.as_str());
        let mut value = if digits.as_bytes()[0].is_ascii_digit() {
            match Dec::parse(digits) {
                Some(v) => v,
                None => return,
            }
        } else {
            // A lone numeral glued to the preceding word ("一是", "统一") is not a count.
            if digits.chars().count() == 1
                && !matches!(
                    unit,
                    "件" | "条" | "篇" | "次" | "人" | "个" | "元" | "项" | "宗"
                )
            {
                return;
            }
            match chinese_value(digits) {
                Some(v) => Dec::int(v),
                None => return,
            }
        };
        let mut unit = unit.to_string();
        if c.get(4).is_some_and(|m| m.as_str() == "万") && unit == "元" {
            unit = "万元".to_string();
        } else if let Some(m) = c.get(4) {
            let k = if m.as_str() == "万" {
                10_000
            } else {
                100_000_000
            };
            match value.checked_mul_int(k) {
                Some(v) => value = v,
                None => return,
            }
        }
        // `1 200条` (a thin space grouping the digits, or a rendering that split them): the
        // digits before the space may be part of this number or not; `10-20条` is a range.
        // Neither is summed.
        let split = joined.is_none()
            && (digits_before_space(text.as_bytes(), vm.start()) || range_end(text, vm.start()));
        let approximate = split
            || c.get(1).is_some()
            || c.get(3).is_some()
            || text[..whole.0].ends_with("上百")
            // `上百条`, `上千人`: “some hundreds”, not 100.
            || (text[..whole.0].ends_with('上') && matches!(digits, "百" | "千" | "万"))
            || preceded_by_approx(text, whole.0)
            // `达126件` is the count reached; a rounded figure after it (`达5.2万次`) is not exact.
            || (text[..whole.0].ends_with('达') && (c.get(4).is_some() || digits.contains('.')));
        // A bound only from the number's own marks: `约`/`近` (either side) is no bound,
        // and a prefix other than 超过/逾 (`多达`, `大约`) is none either.
        let at_least = approximate
            && !split
            && (c.get(3).is_some()
                || c.get(1)
                    .is_some_and(|m| matches!(m.as_str(), "超过" | "逾")))
            && !c
                .get(1)
                .is_some_and(|m| !matches!(m.as_str(), "超过" | "逾"))
            && !text[..whole.0].ends_with('上')
            && !text[..whole.0].ends_with("上百")
            && !(c.get(1).is_none() && preceded_by_approx(text, whole.0));
        out.push(NumberFact {
            start: whole.0,
            end: whole.1,
            value_start,
            value,
            unit,
            approximate,
            at_least,
        });
    });
    out
}

/// Where a number written with thousands separators starts (`1,200`, `12,345,678`), when the
/// digits at `start` (`digits`, three before any decimal part) are its last group: every group
/// before them three digits long but the first (one to three), each followed by `,`.
fn thousands_head(b: &[u8], start: usize, digits: &str) -> Option<usize> {
    let int = digits.split('.').next()?;
    if int.len() != 3 || !int.bytes().all(|x| x.is_ascii_digit()) {
        return None;
    }
    let mut pos = start;
    let mut head = None;
    while pos >= 2 && b[pos - 1] == b',' {
        let j = pos - 1;
        let i = b[..j]
            .iter()
            .rposition(|x| !x.is_ascii_digit())
            .map_or(0, |k| k + 1);
        let run = j - i;
        if run == 0 || run > 3 || (i > 0 && b[i - 1] == b'.') {
            break;
        }
        head = Some(i);
        if run < 3 {
            break;
        }
        pos = i;
    }
    head
}

/// The upper end of a range (`10-20条`, `10至20条`, `十至二十条`): the count is somewhere in it.
fn range_end(text: &str, start: usize) -> bool {
    let before = &text[..start];
    let Some(rest) = ["-", "–", "—", "~", "～", "至", "到"]
        .iter()
        .find_map(|m| before.strip_suffix(m))
    else {
        return false;
    };
    rest.chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit() || "〇零一二两三四五六七八九十百千".contains(c))
}

/// Digits right before the spaces before `start` (`1 200`): the number at `start` may be
/// the end of a longer one.
fn digits_before_space(b: &[u8], start: usize) -> bool {
    let before = &b[..start];
    let trimmed = before.len()
        - before
            .iter()
            .rev()
            .take_while(|&&x| x == b' ' || x == b'\t')
            .count();
    trimmed < before.len() && trimmed > 0 && b[trimmed - 1].is_ascii_digit()
}

/// `约`, `近`, `超过` and `多达` before a number make it approximate. A bare `达` does not: it
/// names the count reached (`解读总量达126件`), which is exact unless the figure is rounded.
fn preceded_by_approx(text: &str, at: usize) -> bool {
    let before = &text[..at];
    before.ends_with("约")
        || before.ends_with("近")
        || before.ends_with("过")
        || before.ends_with("多达")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn chinese() {
        assert_eq!(chinese_value("一百二十三"), Some(123));
        assert_eq!(chinese_value("十二"), Some(12));
        assert_eq!(chinese_value("两千"), Some(2000));
        assert_eq!(chinese_value("一千零五"), Some(1005));
        assert_eq!(chinese_value("零"), Some(0));
        assert_eq!(chinese_value("二〇二三"), Some(2023));
        assert_eq!(chinese_value("三万五千"), Some(35000));
        assert_eq!(chinese_value("六百"), Some(600));
        assert_eq!(chinese_value("壹佰贰拾叁"), Some(123));
    }

    #[test]
    fn prose_numbers() {
        let t = "新收申请118件,其中自然人113件;宣传稿件60余篇;六百多条信息;1.2万元;约30人;两件";
        let ns = numbers(t);
        let got: Vec<(String, &str, bool)> = ns
            .iter()
            .map(|n| (n.value.to_string(), n.unit.as_str(), n.approximate))
            .collect();
        assert_eq!(
            got,
            vec![
                ("118".into(), "件", false),
                ("113".into(), "件", false),
                ("60".into(), "篇", true),
                ("600".into(), "条", true),
                ("1.2".into(), "万元", false),
                ("30".into(), "人", true),
                ("2".into(), "件", false),
            ]
        );
    }

    #[test]
    fn thousands_separators_join_their_groups() {
        let t = "公开1,200条;收到12,345,678件;约2,500条;2023,100条;3.1,200条;1,20条;其中A1,200份";
        let got: Vec<(String, String, bool)> = numbers(t)
            .iter()
            .map(|n| {
                (
                    t[n.start..n.end].to_string(),
                    n.value.to_string(),
                    n.approximate,
                )
            })
            .collect();
        let want = [
            ("1,200条", "1200", false),
            ("12,345,678件", "12345678", false),
            ("2,500条", "2500", true),
            ("100条", "100", false),
            ("200条", "200", false),
            ("20条", "20", false),
            ("1,200份", "1200", false),
        ];
        let want: Vec<(String, String, bool)> = want
            .iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), *c))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn lower_bounds_are_the_counts_marked_as_more() {
        let t = "宣传稿件60余篇;六百多条信息;超过50件;逾20件;约30条;近40条;多达70条;达80条;达5.2万次;上百条;约100余条;12件";
        let got: Vec<(String, bool, bool)> = numbers(t)
            .iter()
            .map(|n| (n.value.to_string(), n.approximate, n.at_least))
            .collect();
        let want = [
            ("60", true, true),
            ("600", true, true),
            ("50", true, true),
            ("20", true, true),
            ("30", true, false),
            ("40", true, false),
            ("70", true, false),
            // A bare 达 names the count reached; a rounded figure after it is approximate.
            ("80", false, false),
            ("52000", true, false),
            ("100", true, false),
            ("100", true, false),
            ("12", false, false),
        ];
        let want: Vec<(String, bool, bool)> = want
            .iter()
            .map(|(v, a, b)| (v.to_string(), *a, *b))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn decimals() {
        let a = Dec::parse("96171.6").unwrap();
        let b = Dec::parse("0.40").unwrap();
        assert_eq!(a.checked_add(b).unwrap().to_string(), "96172");
        assert_eq!(
            Dec::parse("5949.088667").unwrap().to_string(),
            "5949.088667"
        );
        assert!(Dec::parse("1e5").is_none());
        assert!(Dec::parse("1000000000000000000000000000000").is_none());
        assert!(Dec::parse("2.").is_none());
        assert_eq!(Dec::parse("-3").unwrap().to_string(), "-3");
        assert!(Dec::parse("0.5").unwrap() < Dec::int(1));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5000))]
        /// The one-pass reading agrees with the general one on any mix of what numbers
        /// are made of.
        #[test]
        fn parse_agrees_with_the_general_reading(
            v in proptest::collection::vec(proptest::sample::select(vec![
                "0", "1", "7", "9", "12", "000000000", "99999999999", ".", "-", " ", "\u{3000}",
                "a", "１", "e",
            ]), 0..8)
        ) {
            let s = v.concat();
            prop_assert_eq!(Dec::parse(&s), Dec::parse_general(&s), "{:?}", s);
        }
    }

    fn to_chinese(n: u32) -> String {
        const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
        if n == 0 {
            return "零".into();
        }
        let units = [(1000, "千"), (100, "百"), (10, "十")];
        let mut s = String::new();
        let mut rest = n;
        let mut zero = false;
        for (u, name) in units {
            let d = rest / u;
            rest %= u;
            if d > 0 {
                if zero {
                    s.push('零');
                    zero = false;
                }
                s.push_str(D[d as usize]);
                s.push_str(name);
            } else if !s.is_empty() {
                zero = true;
            }
        }
        if rest > 0 {
            if zero {
                s.push('零');
            }
            s.push_str(D[rest as usize]);
        }
        s
    }

    proptest! {
        #[test]
        fn chinese_roundtrip(n in 1u32..10000) {
            prop_assert_eq!(chinese_value(&to_chinese(n)), Some(n as i128));
        }

        #[test]
        fn dec_roundtrip(i in 0u64..1_000_000_000, f in 0u32..1000) {
            let s = format!("{i}.{f:03}");
            let d = Dec::parse(&s).unwrap();
            let back = Dec::parse(&d.to_string()).unwrap();
            prop_assert_eq!(d.cmp(&back), Ordering::Equal);
        }
    }
}
