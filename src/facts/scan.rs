//! Hand-written matchers for the fact patterns searched run by run (numbers, dates,
//! malformed periods, bare phone numbers). Each tries one pattern *anchored* at a
//! position and returns the spans of its groups, exactly as the pattern's regex
//! (`number::NUMBER`, `date::DATE`, `date::MALFORMED_PERIOD`, `contact::PHONE_BARE`,
//! kept as the oracle of the tests) would match there: alternatives in their order,
//! greedy repetitions longest first, backtracking into earlier choices when a later
//! part fails. A regex search cost about two thousand instructions per window; these
//! cost a few dozen per position tried.
//!
//! They are written in continuation-passing style: each piece of a pattern is given
//! what must follow it (`k`) and tries its choices in the regex's order until `k`
//! accepts one.

use crate::normalize::classes::{class_at, APPROX, DIGIT, NUMERAL};

/// Spans of the groups of a match: 0 is the whole match.
pub type Slots = [Option<(usize, usize)>; 10];

/// What follows a piece of a pattern: given where it ends, does the rest match?
type K<'k> = &'k mut dyn FnMut(usize) -> bool;

/// A found match: its text and the spans of its groups.
#[derive(Debug, Clone, Copy)]
pub struct Found<'t> {
    text: &'t str,
    slots: Slots,
}

/// One group of a [`Found`] match.
#[derive(Debug, Clone, Copy)]
pub struct Span<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Span<'t> {
    pub fn start(&self) -> usize {
        self.start
    }
    pub fn end(&self) -> usize {
        self.end
    }
    pub fn as_str(&self) -> &'t str {
        &self.text[self.start..self.end]
    }
}

impl<'t> Found<'t> {
    pub fn new(text: &'t str, slots: Slots) -> Found<'t> {
        Found { text, slots }
    }

    /// Group `i`, if it took part in the match.
    pub fn get(&self, i: usize) -> Option<Span<'t>> {
        let (start, end) = (*self.slots.get(i)?)?;
        Some(Span {
            text: self.text,
            start,
            end,
        })
    }

    /// The group spans, for comparing with a regex's captures.
    pub fn slots(&self) -> &Slots {
        &self.slots
    }
}

/// An anchored matcher: the group spans of the match at `p` of `text`, if any.
pub type Matcher = fn(&str, usize) -> Option<Slots>;

fn is_digit(b: &[u8], p: usize) -> bool {
    b.get(p).is_some_and(u8::is_ascii_digit)
}

/// `[0-9]{min,max}`, greedy.
fn digits(b: &[u8], p: usize, min: usize, max: usize, k: K) -> bool {
    let n = (0..max).take_while(|&i| is_digit(b, p + i)).count();
    (min..=n).rev().any(|l| k(p + l))
}

/// `s`.
fn lit(b: &[u8], p: usize, s: &str, k: K) -> bool {
    b[p..].starts_with(s.as_bytes()) && k(p + s.len())
}

/// `(?:a|b|…)`, in order.
fn alt(b: &[u8], p: usize, words: &[&str], k: K) -> bool {
    words
        .iter()
        .any(|w| b[p..].starts_with(w.as_bytes()) && k(p + w.len()))
}

/// `(?:s)?`, greedy.
fn opt(b: &[u8], p: usize, s: &str, k: K) -> bool {
    (b[p..].starts_with(s.as_bytes()) && k(p + s.len())) || k(p)
}

/// `[chars]{min,max}` over characters of `set` (each three bytes long), greedy;
/// `min` is at least 1.
fn chars_of(b: &[u8], p: usize, set: &[char], min: usize, max: usize, k: K) -> bool {
    let n = (0..max)
        .take_while(|&i| char_at(b, p + 3 * i).is_some_and(|c| set.contains(&c)))
        .count();
    (min..=n).rev().any(|l| k(p + 3 * l))
}

/// The character starting at `b[p]` (`b` is valid UTF-8), if `p` is a character
/// boundary before the end.
fn char_at(b: &[u8], p: usize) -> Option<char> {
    let x = *b.get(p)?;
    let cont = |i: usize| b.get(p + i).map(|&c| u32::from(c & 0x3F));
    let u = match x {
        0..0x80 => return Some(x as char),
        0xC0..0xE0 => (u32::from(x & 0x1F) << 6) | cont(1)?,
        0xE0..0xF0 => (u32::from(x & 0x0F) << 12) | (cont(1)? << 6) | cont(2)?,
        0xF0.. => (u32::from(x & 0x07) << 18) | (cont(1)? << 12) | (cont(2)? << 6) | cont(3)?,
        _ => return None,
    };
    char::from_u32(u)
}

/// `(?:^|[^0-9])`, then `k` from where the group after it starts.
fn start_or_non_digit(b: &[u8], p: usize, k: K) -> bool {
    if p == 0 && k(p) {
        return true;
    }
    match char_at(b, p) {
        Some(c) if !c.is_ascii_digit() => k(p + c.len_utf8()),
        _ => false,
    }
}

/// `(?:[^0-9]|$)`: where the match ends.
fn non_digit_or_end(b: &[u8], p: usize) -> Option<usize> {
    match char_at(b, p) {
        Some(c) if !c.is_ascii_digit() => Some(p + c.len_utf8()),
        Some(_) => None,
        None => (p == b.len()).then_some(p),
    }
}

const APPROX_WORDS: [&str; 7] = ["约", "近", "超过", "逾", "多达", "将近", "大约"];
const NUMERALS: [char; 17] = [
    '〇', '零', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万',
    '亿',
];
const UNITS: [&str; 18] = [
    "万元", "元", "件次", "人次", "件", "条", "篇", "次", "人", "个", "宗", "项", "期", "批次",
    "份", "场", "家", "页",
];

/// `number::NUMBER`:
/// `(约|近|超过|逾|多达|将近|大约)?([0-9]+(?:\.[0-9]+)?|[〇零一二两三四五六七八九十百千万亿]+)(余|多)?(万|亿)?(万元|元|…|页)`.
pub fn number(text: &str, p: usize) -> Option<Slots> {
    let b = text.as_bytes();
    // A match starts with a digit, a numeral or a word of approximation.
    if p >= b.len() || class_at(b, p).0 & (DIGIT | NUMERAL | APPROX) == 0 {
        return None;
    }
    let mut out = None;
    let mut from_value = |q: usize, g1: Option<(usize, usize)>| -> bool {
        let mut after_value = |e2: usize| -> bool {
            let mut after_about = |r: usize| -> bool {
                let g3 = (r > e2).then_some((e2, r));
                let mut after_mult = |u: usize| -> bool {
                    let g4 = (u > r).then_some((r, u));
                    alt(b, u, &UNITS, &mut |e| {
                        out = Some([
                            Some((p, e)),
                            g1,
                            Some((q, e2)),
                            g3,
                            g4,
                            Some((u, e)),
                            None,
                            None,
                            None,
                            None,
                        ]);
                        true
                    })
                };
                alt(b, r, &["万", "亿"], &mut after_mult) || after_mult(r)
            };
            alt(b, e2, &["余", "多"], &mut after_about) || after_about(e2)
        };
        if is_digit(b, q) {
            // `[0-9]+(?:\.[0-9]+)?`: the decimal part only after all the digits.
            let n = (q..b.len()).take_while(|&i| is_digit(b, i)).count();
            let int_end = q + n;
            if b.get(int_end) == Some(&b'.')
                && digits(b, int_end + 1, 1, usize::MAX, &mut after_value)
            {
                return true;
            }
            (1..=n).rev().any(|l| after_value(q + l))
        } else {
            chars_of(b, q, &NUMERALS, 1, usize::MAX, &mut after_value)
        }
    };
    for w in APPROX_WORDS {
        if b[p..].starts_with(w.as_bytes()) && from_value(p + w.len(), Some((p, p + w.len()))) {
            return out;
        }
    }
    if from_value(p, None) {
        return out;
    }
    None
}

const YEAR_NUMERALS: [char; 12] = [
    '〇', '○', '零', '一', '二', '三', '四', '五', '六', '七', '八', '九',
];
const MD_NUMERALS: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// `date::DATE`: `([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})[日号]`
/// `|([0-9]{4})[-./]([0-9]{1,2})[-./]([0-9]{1,2})(?:[^0-9]|$)`
/// `|([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日`.
pub fn date(text: &str, p: usize) -> Option<Slots> {
    let b = text.as_bytes();
    // A match starts with a digit or a numeral.
    if p >= b.len() || class_at(b, p).0 & (DIGIT | NUMERAL) == 0 {
        return None;
    }
    let mut out: Option<Slots> = None;
    // Three groups at `first` (1, 4 or 7) of an alternative.
    let mut set =
        |first: usize, y: (usize, usize), m: (usize, usize), d: (usize, usize), e: usize| {
            let mut s: Slots = [None; 10];
            s[0] = Some((p, e));
            s[first] = Some(y);
            s[first + 1] = Some(m);
            s[first + 2] = Some(d);
            out = Some(s);
            true
        };
    let year_end = p + 4;
    let four_digits = (0..4).all(|i| is_digit(b, p + i));
    if four_digits {
        let ok = lit(b, year_end, "年", &mut |ms| {
            digits(b, ms, 1, 2, &mut |me| {
                lit(b, me, "月", &mut |ds| {
                    digits(b, ds, 1, 2, &mut |de| {
                        alt(b, de, &["日", "号"], &mut |e| {
                            set(1, (p, year_end), (ms, me), (ds, de), e)
                        })
                    })
                })
            })
        });
        if ok {
            return out;
        }
        let ok = alt(b, year_end, &["-", ".", "/"], &mut |ms| {
            digits(b, ms, 1, 2, &mut |me| {
                alt(b, me, &["-", ".", "/"], &mut |ds| {
                    digits(b, ds, 1, 2, &mut |de| match non_digit_or_end(b, de) {
                        Some(e) => set(4, (p, year_end), (ms, me), (ds, de), e),
                        None => false,
                    })
                })
            })
        });
        if ok {
            return out;
        }
    }
    let ok = chars_of(b, p, &YEAR_NUMERALS, 4, 4, &mut |ye| {
        lit(b, ye, "年", &mut |ms| {
            chars_of(b, ms, &MD_NUMERALS, 1, 2, &mut |me| {
                lit(b, me, "月", &mut |ds| {
                    chars_of(b, ds, &MD_NUMERALS, 1, 3, &mut |de| {
                        lit(b, de, "日", &mut |e| {
                            set(7, (p, ye), (ms, me), (ds, de), e)
                        })
                    })
                })
            })
        })
    });
    if ok {
        return out;
    }
    None
}

/// The joins of a period's two dates: `至|到|-|—|~|－`.
const JOINS: [&str; 6] = ["至", "到", "-", "—", "~", "－"];

/// `date::MALFORMED_PERIOD`: `(?:^|[^0-9])((?:19|20)[0-9]{2}[0-9]{1,2}月[0-9]{1,2}日(?:起)?`
/// `(?:至|到|-|—|~|－)(?:(?:19|20)[0-9]{2}年?)?[0-9]{1,2}月[0-9]{1,2}日)`.
pub fn malformed_period(text: &str, p: usize) -> Option<Slots> {
    let b = text.as_bytes();
    let mut out = None;
    let ok = start_or_non_digit(b, p, &mut |gs| {
        let mut second = |q: usize| -> bool {
            digits(b, q, 1, 2, &mut |q| {
                lit(b, q, "月", &mut |q| {
                    digits(b, q, 1, 2, &mut |q| {
                        lit(b, q, "日", &mut |e| {
                            let mut s: Slots = [None; 10];
                            s[0] = Some((p, e));
                            s[1] = Some((gs, e));
                            out = Some(s);
                            true
                        })
                    })
                })
            })
        };
        alt(b, gs, &["19", "20"], &mut |q| {
            digits(b, q, 2, 2, &mut |q| {
                digits(b, q, 1, 2, &mut |q| {
                    lit(b, q, "月", &mut |q| {
                        digits(b, q, 1, 2, &mut |q| {
                            lit(b, q, "日", &mut |q| {
                                opt(b, q, "起", &mut |q| {
                                    alt(b, q, &JOINS, &mut |q| {
                                        let with_year = alt(b, q, &["19", "20"], &mut |y| {
                                            digits(b, y, 2, 2, &mut |y| {
                                                opt(b, y, "年", &mut second)
                                            })
                                        });
                                        with_year || second(q)
                                    })
                                })
                            })
                        })
                    })
                })
            })
        })
    });
    if ok {
        out
    } else {
        None
    }
}

/// `contact::PHONE_BARE`: `(?:^|[^0-9])(0[0-9]{2,3}-[0-9]{7,8}|1[3-9][0-9]{9})(?:[^0-9]|$)`.
pub fn bare_phone(text: &str, p: usize) -> Option<Slots> {
    let b = text.as_bytes();
    let mut out = None;
    let ok = start_or_non_digit(b, p, &mut |gs| {
        let mut end = |ge: usize| -> bool {
            match non_digit_or_end(b, ge) {
                Some(e) => {
                    let mut s: Slots = [None; 10];
                    s[0] = Some((p, e));
                    s[1] = Some((gs, ge));
                    out = Some(s);
                    true
                }
                None => false,
            }
        };
        let landline = lit(b, gs, "0", &mut |q| {
            digits(b, q, 2, 3, &mut |q| {
                lit(b, q, "-", &mut |q| digits(b, q, 7, 8, &mut end))
            })
        });
        landline
            || lit(b, gs, "1", &mut |q| {
                b.get(q).is_some_and(|x| (b'3'..=b'9').contains(x))
                    && digits(b, q + 1, 9, 9, &mut end)
            })
    });
    if ok {
        out
    } else {
        None
    }
}
