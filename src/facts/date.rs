//! Dates as real reports write them (`2019年3月1日`, `2024 年1 月1 日` after
//! normalization, `2019-03-01`, `2019.03.01`, `二〇一九年三月一日`) and
//! statistical periods (`2018年1月1日至12月31日`).

use super::lex::{Lex, Run, DATE_SEP, DIGIT, JOIN, NUMERAL, YMD};
use super::number::chinese_value;
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ymd {
    pub y: i32,
    pub m: u32,
    pub d: u32,
}

impl Ymd {
    pub fn valid(self) -> bool {
        let dim = match self.m {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (self.y % 4 == 0 && self.y % 100 != 0) || self.y % 400 == 0 => 29,
            2 => 28,
            _ => return false,
        };
        (1900..=2200).contains(&self.y) && self.d >= 1 && self.d <= dim
    }

    pub fn zh(self) -> String {
        format!("{}年{}月{}日", self.y, self.m, self.d)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateFact {
    pub start: usize,
    pub end: usize,
    pub date: Ymd,
}

#[cfg_attr(not(test), allow(dead_code))] // the oracle of `scan::date`
pub(super) static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})[日号]",
        r"|([0-9]{4})[-./]([0-9]{1,2})[-./]([0-9]{1,2})(?:[^0-9]|$)",
        r"|([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日"
    ))
    .unwrap()
});

/// A date has digits or numerals and 年月日 or a separator, and at least eight bytes of
/// run characters: every match of [`DATE`] starts in the run (with a digit or numeral) and
/// is run characters up to its last (`[^0-9]`, which may lie past the run), so the run holds
/// at least `2020.1.1` (the shortest, eight bytes); `2020年1月1日` takes fifteen and the
/// numerals' form 27. The many runs like `2020年`, `一年` and `2月` are not searched.
pub(super) fn may_hold_date(r: &Run) -> bool {
    r.classes & (DIGIT | NUMERAL) != 0
        && r.classes & (YMD | DATE_SEP) != 0
        && r.end - r.start >= MIN_DATE_RUN
}

/// The fewest bytes of a run that holds a date.
const MIN_DATE_RUN: usize = 8;

/// A period without 年 has digits, 月日 and what joins its dates.
pub(super) fn may_hold_malformed(r: &Run) -> bool {
    r.classes & (DIGIT | YMD | JOIN) == DIGIT | YMD | JOIN
}

pub fn dates(text: &str) -> Vec<DateFact> {
    dates_in(text, &Lex::new(text))
}

/// [`dates`] with the text's runs already found.
pub fn dates_in(text: &str, lex: &Lex) -> Vec<DateFact> {
    let mut out = Vec::new();
    lex.scan(super::scan::date, text, may_hold_date, |c| {
        let Some(m) = c.get(0) else { return };
        let (y, mo, d, end) = if let (Some(y), Some(mo), Some(d)) = (c.get(1), c.get(2), c.get(3)) {
            (
                y.as_str().parse().ok(),
                mo.as_str().parse().ok(),
                d.as_str().parse().ok(),
                m.end(),
            )
        } else if let (Some(y), Some(mo), Some(d)) = (c.get(4), c.get(5), c.get(6)) {
            (
                y.as_str().parse().ok(),
                mo.as_str().parse().ok(),
                d.as_str().parse().ok(),
                d.end(),
            )
        } else if let (Some(y), Some(mo), Some(d)) = (c.get(7), c.get(8), c.get(9)) {
            (
                chinese_value(y.as_str()).map(|v| v as i32),
                chinese_value(mo.as_str()).map(|v| v as u32),
                chinese_value(d.as_str()).map(|v| v as u32),
                m.end(),
            )
        } else {
            return;
        };
        let (Some(y), Some(mo), Some(d)) = (y, mo, d) else {
            return;
        };
        let date = Ymd { y, m: mo, d };
        if date.valid() {
            out.push(DateFact {
                start: m.start(),
                end,
                date,
            });
        }
    });
    out
}

/// A stated statistical period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub start: usize,
    pub end: usize,
    pub from: Ymd,
    pub to: Ymd,
}

/// The two dates are joined by 至/到 (after 起 and a comma as some reports write it,
/// `自2025年1月1日起,至2025年12月31日止`) or by a dash, single or repeated
/// (`2015年1月1日——2015年12月31日`, `2012年1月1日----2012年12月31日`).
const PERIOD_SRC: &str = r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日(?:起)?(?:[,，]?(?:至|到)|[-—~－]{1,4})(?:([0-9]{4})年)?([0-9]{1,2})月([0-9]{1,2})日(?:止)?";

/// [`PERIOD_SRC`], searched anchored at the places a period can start ([`periods`]).
static PERIOD: LazyLock<regex_automata::meta::Regex> = LazyLock::new(|| {
    regex_automata::meta::Regex::new(PERIOD_SRC).expect("the period pattern compiles")
});

/// The `年` every period has four digits before.
static YEAR_WORD: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("年"));

/// What `captures_iter` of [`PERIOD_SRC`] over `text` finds, as periods.
///
/// Searched only where a match can start: every match starts with four ASCII digits and
/// `年`, so it starts four bytes before a `年` with four digits before it. The leftmost
/// match at or after a position therefore starts at the first such place there where the
/// pattern matches anchored, and the leftmost-first match starting there is the anchored
/// search's; matches are never empty, so the next starts at or after the last one's end,
/// as `captures_iter`'s does (the `年`s before it are passed over).
pub fn periods(text: &str) -> Vec<Period> {
    use regex_automata::{Anchored, Input};
    let mut out = Vec::new();
    let b = text.as_bytes();
    let re = &*PERIOD;
    let mut caps = re.create_captures();
    let mut pos = 0;
    for y in YEAR_WORD.find_iter(b) {
        let Some(start) = y.checked_sub(4).filter(|s| *s >= pos) else {
            continue;
        };
        // Four ASCII digits: `start` is a character boundary.
        if !b[start..y].iter().all(u8::is_ascii_digit) {
            continue;
        }
        re.search_captures(
            &Input::new(text)
                .span(start..text.len())
                .anchored(Anchored::Yes),
            &mut caps,
        );
        let Some(m) = caps.get_match() else { continue };
        pos = m.end();
        let p = |i: usize| {
            caps.get_group(i)
                .and_then(|g| text[g.start..g.end].parse::<u32>().ok())
        };
        if let Some(period) = period_of(m.start(), m.end(), p) {
            out.push(period);
        }
    }
    out
}

/// The period of one match (`start..end`) from its groups' numbers (`group(i)`: group
/// `i` of [`PERIOD_SRC`] read as a number), when both its dates are valid.
fn period_of(start: usize, end: usize, group: impl Fn(usize) -> Option<u32>) -> Option<Period> {
    let (Some(y1), Some(m1), Some(d1), Some(m2), Some(d2)) =
        (group(1), group(2), group(3), group(5), group(6))
    else {
        return None;
    };
    let y2 = group(4).unwrap_or(y1);
    let from = Ymd {
        y: y1 as i32,
        m: m1,
        d: d1,
    };
    let to = Ymd {
        y: y2 as i32,
        m: m2,
        d: d2,
    };
    (from.valid() && to.valid()).then_some(Period {
        start,
        end,
        from,
        to,
    })
}

/// A period whose years lost their 年 (`20201月1日至202012月31日`, as published on a city's
/// page): four year digits run into the month.
#[cfg_attr(not(test), allow(dead_code))] // the oracle of `scan::malformed_period`
pub(super) static MALFORMED_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])((?:19|20)[0-9]{2}[0-9]{1,2}月[0-9]{1,2}日(?:起)?(?:至|到|-|—|~|－)(?:(?:19|20)[0-9]{2}年?)?[0-9]{1,2}月[0-9]{1,2}日)").unwrap()
});

/// Spans of statistical periods written without the 年 after a year (`periods` cannot
/// read them).
pub fn malformed_periods(text: &str) -> Vec<(usize, usize)> {
    malformed_periods_in(text, &Lex::new(text))
}

/// [`malformed_periods`] with the text's runs already found.
pub fn malformed_periods_in(text: &str, lex: &Lex) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    lex.scan(
        super::scan::malformed_period,
        text,
        may_hold_malformed,
        |c| out.extend(c.get(1).map(|m| (m.start(), m.end()))),
    );
    out
}

/// Compile the period pattern now (on the thread that compiles ahead).
pub(crate) fn warm() {
    LazyLock::force(&PERIOD);
    LazyLock::force(&YEAR_WORD);
}
#[cfg(test)]
mod tests {
    use super::*;

    /// [`periods`] as first written: the regex crate's `captures_iter` over the whole text.
    fn periods_by_captures_iter(text: &str) -> Vec<Period> {
        let re = Regex::new(PERIOD_SRC).unwrap();
        re.captures_iter(text)
            .filter_map(|c| {
                let m = c.get(0)?;
                let p = |i: usize| c.get(i).and_then(|x| x.as_str().parse::<u32>().ok());
                period_of(m.start(), m.end(), p)
            })
            .collect()
    }

    /// Every fixture text (held-out sets left out), as it is and with its line breaks
    /// removed (the flat view periods are read on): the periods found at the `年`s are
    /// those of `captures_iter`.
    #[test]
    fn periods_at_the_year_words_are_those_of_captures_iter() {
        let mut n = 0;
        let mut texts = crate::facts::test_texts_without_heldout();
        // A period whose second date starts another (`captures_iter` resumes after the
        // first), and a year of five digits.
        texts.push("统计期限为2020年1月1日至2020年6月30日至12月31日;12020年1月1日至2月1日".into());
        for (k, t) in texts.iter().enumerate() {
            for text in [t.clone(), t.replace('\n', "")] {
                let got = periods(&text);
                // Positions only are printed: no fixture text.
                assert_eq!(
                    got.iter().map(|p| (p.start, p.end)).collect::<Vec<_>>(),
                    periods_by_captures_iter(&text)
                        .iter()
                        .map(|p| (p.start, p.end))
                        .collect::<Vec<_>>(),
                    "text {k}"
                );
                assert_eq!(got, periods_by_captures_iter(&text), "text {k}");
                n += got.len();
            }
        }
        assert!(n > 100, "periods: {n}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// Made texts of periods' pieces.
        #[test]
        fn periods_in_made_texts(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "2020年1月1日", "2020年12月31日", "12020年1月1日", "2020年1月", "12月31日",
                "1月1日起", "2020年", "2020", "1", "12", "31", "年", "月", "日", "起", "至",
                "到", ",", "，", ",至", "-", "—", "——", "~", "－", "止", "一", " ", "\n",
                "统计",
            ]), 0..16),
        ) {
            let t = pieces.concat();
            proptest::prop_assert_eq!(periods(&t), periods_by_captures_iter(&t), "{:?}", t);
        }
    }

    #[test]
    fn a_white_circle_is_a_zero_in_dates() {
        // Clerks type ○ (U+25CB) for the zero of 二○一二; it is the same date as 二〇一二.
        let ds: Vec<Ymd> = dates("二○一二年二月二十日")
            .into_iter()
            .map(|d| d.date)
            .collect();
        assert_eq!(ds.len(), 1);
        assert_eq!((ds[0].y, ds[0].m, ds[0].d), (2012, 2, 20));
    }

    #[test]
    fn date_forms() {
        let t = "2019年3月1日;2019-03-01 发布;二〇一九年三月一日;2019年2月30日";
        let ds: Vec<Ymd> = dates(t).into_iter().map(|d| d.date).collect();
        assert_eq!(
            ds,
            vec![
                Ymd {
                    y: 2019,
                    m: 3,
                    d: 1
                };
                3
            ]
        );
    }

    #[test]
    fn period_forms() {
        let ps = periods("统计期限为2020年1月1日起至12月31日止;2018年1月1日至2018年12月31日");
        assert_eq!(ps.len(), 2);
        assert_eq!(
            ps[0].to,
            Ymd {
                y: 2020,
                m: 12,
                d: 31
            }
        );
        assert_eq!(
            ps[1].from,
            Ymd {
                y: 2018,
                m: 1,
                d: 1
            }
        );
    }

    #[test]
    fn periods_joined_by_repeated_dashes_or_a_comma_before_zhi() {
        // As published (anhui-fengyang-fucheng-2015, fujian-zhangping-xiyuan-2012,
        // jiangxi-hukou-fulong-2025; tuning set): read as periods, not reported as missing.
        for t in [
            "本报告信息数据统计期限为:2015年1月1日——2015年12月31日。",
            "本报告中所列数据的统计日期为2012年1月1日----2012年12月31日。",
            "本报告所列统计数据的期限自2025年1月1日起,至2025年12月31日止,如对本报告",
        ] {
            let ps = periods(t);
            assert_eq!(ps.len(), 1, "{t}");
            assert_eq!((ps[0].from.m, ps[0].from.d), (1, 1), "{t}");
            assert_eq!((ps[0].to.m, ps[0].to.d), (12, 31), "{t}");
        }
        // A wrong end is then reported, not passed over.
        let ps = periods("统计期限为:2015年1月1日——2015年11月30日。");
        assert_eq!((ps[0].to.m, ps[0].to.d), (11, 30));
        // Two dates in a list are not a period.
        assert!(periods("2015年1月1日,2015年12月31日").is_empty());
    }

    #[test]
    fn a_period_whose_years_lost_their_nian() {
        // As published (henan-zhoukou-2020, tuning set).
        let t = "报告中所列数据的统计期限为20201月1日至202012月31日。若对本报告有疑问";
        let m = malformed_periods(t);
        assert_eq!(m.len(), 1);
        assert_eq!(&t[m[0].0..m[0].1], "20201月1日至202012月31日");
        assert!(periods(t).is_empty());
        // A well-formed period, a phone number and a date are not malformed periods.
        assert!(malformed_periods("统计期限为2020年1月1日至2020年12月31日").is_empty());
        assert!(malformed_periods("电话:0394-8276078,2021年3月9日").is_empty());
    }
}
