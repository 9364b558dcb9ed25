//! The character classes of the lexer (`crate::facts::lex`): which characters numbers
//! and dates are made of, looked up by table. Here, below the facts, because the
//! normalize pass classes every character it writes ([`Runs`]) while it writes it, so
//! the runs of the normalized text come out of the same pass as the text.

pub const DIGIT: u16 = 1;
/// 〇零一二两三四五六七八九十百千万亿 (and ○, the white circle typed for 〇).
pub const NUMERAL: u16 = 1 << 1;
/// A counting unit's character: 元件次人条篇个宗项期批份场家页.
pub const UNIT: u16 = 1 << 2;
/// 年月日号.
pub const YMD: u16 = 1 << 3;
/// `-` `.` `/` between the parts of a date.
pub const DATE_SEP: u16 = 1 << 4;
/// Words of approximation and the like before or after a count: 约近超过逾多达将大余.
pub const APPROX: u16 = 1 << 5;
/// What joins the two dates of a period: 起至到—~－止.
pub const JOIN: u16 = 1 << 6;

/// The classes of a character; 0 for a character no number or date is made of.
pub(crate) const fn class(c: char) -> u16 {
    match c {
        '0'..='9' => DIGIT,
        '.' | '-' | '/' => DATE_SEP,
        '〇' | '○' | '零' | '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
        | '十' | '百' | '千' | '万' | '亿' => NUMERAL,
        '元' | '件' | '次' | '人' | '条' | '篇' | '个' | '宗' | '项' | '期' | '批' | '份'
        | '场' | '家' | '页' => UNIT,
        '年' | '月' | '日' | '号' => YMD,
        '约' | '近' | '超' | '过' | '逾' | '多' | '达' | '将' | '大' | '余' => APPROX,
        '起' | '至' | '到' | '—' | '~' | '－' | '止' => JOIN,
        _ => 0,
    }
}

/// Classes of the ASCII characters, from [`class`].
pub(crate) static ASCII: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = class(i as u8 as char) as u8;
        i += 1;
    }
    t
};

/// The classes of the three-byte characters (U+0800..U+FFFF) in two levels, built at
/// compile time from [`class`] (every class fits in a byte): [`BLOCK_OF`] gives, for
/// each block of 64 characters (`cp >> 6`, which the lead byte and the first
/// continuation byte decide), its row of [`BLOCKS`]; row 0 is all zeros, shared by the
/// many blocks without a classed character. About 4 KB in all, where one byte per
/// character was 56 KB: the lookups stay in the first-level cache.
const fn block_has_class(block: usize) -> bool {
    let mut j = 0;
    while j < 64 {
        if let Some(c) = char::from_u32((block * 64 + j) as u32) {
            if class(c) != 0 {
                return true;
            }
        }
        j += 1;
    }
    false
}

/// Rows of [`BLOCKS`]: the zero row and one per block with a classed character.
const ROWS: usize = {
    let mut n = 1;
    let mut b = 0;
    while b < 1024 {
        if block_has_class(b) {
            n += 1;
        }
        b += 1;
    }
    n
};

// Row numbers fit in a byte.
const _: () = assert!(ROWS <= 256);

static BLOCK_OF: [u8; 1024] = {
    let mut t = [0u8; 1024];
    let mut n = 1;
    let mut b = 0;
    while b < 1024 {
        if block_has_class(b) {
            t[b] = n as u8;
            n += 1;
        }
        b += 1;
    }
    t
};

static BLOCKS: [[u8; 64]; ROWS] = {
    let mut t = [[0u8; 64]; ROWS];
    let mut n = 1;
    let mut b = 0;
    while b < 1024 {
        if block_has_class(b) {
            let mut j = 0;
            while j < 64 {
                if let Some(c) = char::from_u32((b * 64 + j) as u32) {
                    t[n][j] = class(c) as u8;
                }
                j += 1;
            }
            n += 1;
        }
        b += 1;
    }
    t
};

/// Per block of [`BLOCK_OF`], the set of its characters that have a class (bit `cp & 63`):
/// what [`skip_plain`] reads.
static CLASSED: [u64; 1024] = {
    let mut t = [0u64; 1024];
    let mut b = 0;
    while b < 1024 {
        let mut j = 0;
        while j < 64 {
            if let Some(c) = char::from_u32((b * 64 + j) as u32) {
                if class(c) != 0 {
                    t[b] |= 1 << j;
                }
            }
            j += 1;
        }
        b += 1;
    }
    t
};

/// Lead bytes [`skip_plain`] may pass over: 1 for an ASCII character without a class
/// (but the space), 3 for the lead of a three-byte character but E2, E3 and EF (those
/// the normalize pass may fold); 0 for every other byte.
static PLAIN: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut x = 0;
    while x < 256 {
        t[x] = if x < 0x80 {
            if x != b' ' as usize && ASCII[x] == 0 {
                1
            } else {
                0
            }
        } else if x >= 0xE0 && x <= 0xEF && x != 0xE2 && x != 0xE3 && x != 0xEF {
            3
        } else {
            0
        };
        x += 1;
    }
    t
};

/// Per block of [`CLASSED`], the characters [`skip_plain`] stops at: those with a class,
/// and every character of the blocks whose lead byte is E2, E3 or EF (those the normalize
/// pass may fold, so it asks about them).
static WIDE_STOP: [u64; 1024] = {
    let mut t = [0u64; 1024];
    let mut b = 0;
    while b < 1024 {
        t[b] = if matches!(b >> 6, 0x2 | 0x3 | 0xF) {
            u64::MAX
        } else {
            CLASSED[b]
        };
        b += 1;
    }
    t
};

/// The end of the characters from `b[i]` that have no class and are never folded, as
/// far as their lead byte tells: most of a Chinese text, passed over with one table
/// read per three-byte character ([`WIDE_STOP`]: the class and the lead byte in one
/// bit), ASCII through [`PLAIN`]. What [`skip_plain_by_lead`] finds
/// (`skip_plain_is_the_lead_byte_walk`).
#[inline]
fn skip_plain(b: &[u8], i: usize) -> usize {
    let mut j = i.min(b.len());
    loop {
        while let Some(&[x, y, z]) = b.get(j..j + 3) {
            if x & 0xF0 != 0xE0 {
                break;
            }
            let block = ((x as usize & 0x0F) << 6) | (y as usize & 0x3F);
            if (WIDE_STOP[block] >> (z & 0x3F)) & 1 != 0 {
                return j;
            }
            j += 3;
        }
        match b.get(j) {
            Some(&x) if PLAIN[x as usize] == 1 => j += 1,
            _ => return j,
        }
    }
}

/// [`skip_plain`] as it was written first, by the lead byte's [`PLAIN`] entry: the
/// tests' oracle.
#[cfg(test)]
fn skip_plain_by_lead(b: &[u8], i: usize) -> usize {
    let mut s = &b[i.min(b.len())..];
    while let [x, rest @ ..] = s {
        match PLAIN[*x as usize] {
            1 => s = rest,
            3 => {
                let [y, z, rest @ ..] = rest else { break };
                let block = ((*x as usize & 0x0F) << 6) | (*y as usize & 0x3F);
                if (CLASSED[block] >> (*z & 0x3F)) & 1 != 0 {
                    break;
                }
                s = rest;
            }
            _ => break,
        }
    }
    b.len() - s.len()
}

/// The class of the three-byte character whose bytes start at `b[i]` (valid UTF-8).
#[inline]
pub(crate) fn wide_class(b: &[u8], i: usize) -> u16 {
    let block = ((b[i] as usize & 0x0F) << 6) | (b[i + 1] as usize & 0x3F);
    BLOCKS[BLOCK_OF[block] as usize][b[i + 2] as usize & 0x3F] as u16
}

/// A maximal run of classified characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Run {
    pub start: usize,
    pub end: usize,
    /// The classes of its characters, or-ed.
    pub classes: u16,
}

/// Builds the maximal runs of classed characters of a text written piece by piece, in
/// order: what `Lex::new` finds on the finished text (`normalize::tests`). The open
/// run is `cur` while its classes are not 0.
#[derive(Debug, Default)]
pub(crate) struct Runs {
    pub runs: Vec<Run>,
    cur: Run,
}

impl Runs {
    /// The character at `off` (`len` bytes) has classes `k`.
    #[inline]
    pub fn feed(&mut self, k: u16, off: usize, len: usize) {
        if k == 0 {
            if self.cur.classes != 0 {
                self.runs.push(self.cur);
                self.cur.classes = 0;
            }
        } else if self.cur.classes != 0 {
            self.cur.end = off + len;
            self.cur.classes |= k;
        } else {
            self.cur = Run {
                start: off,
                end: off + len,
                classes: k,
            };
        }
    }

    /// Every character of `s`, which starts at `off`.
    pub fn feed_str(&mut self, s: &str, off: usize) {
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let (k, len) = class_at(b, i);
            self.feed(k, off + i, len);
            i += len;
        }
    }

    /// The characters from `b[i]` on that are copied unchanged, up to the first one
    /// `stop.stops(b, at)` refuses (its offset is returned) or the end; they are written from
    /// `base` on. The loop behind the normalize pass's plain runs: the open run is kept
    /// in locals, and a three-byte character without a class and with no run open (most
    /// of a Chinese text) costs a few table reads.
    #[inline]
    pub fn feed_until(&mut self, b: &[u8], mut i: usize, base: usize, stop: impl Stop) -> usize {
        // Written offset of source byte `j`: `j + shift` (wrapping: `base` may be less).
        let shift = base.wrapping_sub(i);
        let mut cur = self.cur;
        loop {
            if cur.classes == 0 {
                i = skip_plain(b, i);
            }
            let Some(&x) = b.get(i) else { break };
            let (k, len) = if x < 0x80 {
                if LOOK_ASCII == x && stop.stops(b, i) {
                    break;
                }
                (ASCII[x as usize] as u16, 1)
            } else if let (0xE0..=0xEF, [_, y, z, ..]) = (x, &b[i..]) {
                if matches!(x, 0xE2 | 0xE3 | 0xEF) && stop.stops(b, i) {
                    break;
                }
                let block = ((x as usize & 0x0F) << 6) | (*y as usize & 0x3F);
                (
                    BLOCKS[BLOCK_OF[block] as usize][*z as usize & 0x3F] as u16,
                    3,
                )
            } else {
                if x == 0xC2 && stop.stops(b, i) {
                    break;
                }
                (0, if x >= 0xF0 { 4 } else { 2 })
            };
            let off = i.wrapping_add(shift);
            if k == 0 {
                if cur.classes != 0 {
                    self.runs.push(cur);
                    cur.classes = 0;
                }
            } else if cur.classes != 0 {
                cur.end = off + len;
                cur.classes |= k;
            } else {
                cur = Run {
                    start: off,
                    end: off + len,
                    classes: k,
                };
            }
            i += len;
        }
        self.cur = cur;
        i
    }

    pub fn finish(mut self) -> Vec<Run> {
        if self.cur.classes != 0 {
            self.runs.push(self.cur);
        }
        self.runs
    }
}

/// Where [`Runs::feed_until`] stops: asked at the space and at the lead bytes C2, E2, E3
/// and EF only. A trait rather than a closure so that the method can be inlined into the
/// loop (a closure's body was a call per question).
pub(crate) trait Stop {
    fn stops(&self, b: &[u8], i: usize) -> bool;
}

/// The one ASCII byte [`Runs::feed_until`] asks its `stop` about (the space).
const LOOK_ASCII: u8 = b' ';

/// The classes and byte length of the character at `b[i]` (valid UTF-8): ASCII and
/// three-byte characters through the tables; others have no class.
#[inline]
pub(crate) fn class_at(b: &[u8], i: usize) -> (u16, usize) {
    let x = b[i];
    match x {
        0..0x80 => (ASCII[x as usize] as u16, 1),
        0xE0..=0xEF => (wide_class(b, i), 3),
        0xF0.. => (0, 4),
        _ => (0, 2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The walk by [`WIDE_STOP`] ends where the walk by the lead byte does, from every
    /// character of made texts mixing every kind of lead byte.
    fn mixed_text() -> impl Strategy<Value = String> {
        let pool: Vec<char> =
            "ab Z9.-/\t\n政府信息公开申请一二年月件元至—“”。、,:()·é𠀀\u{a0}\u{3000}"
                .chars()
                .collect();
        prop::collection::vec(
            prop_oneof![
                4 => prop::sample::select(pool),
                1 => any::<char>(),
            ],
            0..80,
        )
        .prop_map(|cs| cs.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn skip_plain_is_the_lead_byte_walk(s in mixed_text()) {
            let b = s.as_bytes();
            for (i, _) in s.char_indices().chain([(s.len(), ' ')]) {
                prop_assert_eq!(skip_plain(b, i), skip_plain_by_lead(b, i), "{:?} at {}", s, i);
            }
        }
    }

    /// And on every fixture text from each of its characters.
    #[test]
    fn skip_plain_is_the_lead_byte_walk_on_the_fixtures() {
        fn walk(dir: &std::path::Path, n: &mut usize) {
            for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    // The held-out sets are left out.
                    if !p.to_string_lossy().contains("heldout") {
                        walk(&p, n);
                    }
                } else if p.extension().is_some_and(|x| x == "txt") {
                    let Ok(text) = std::fs::read_to_string(&p) else {
                        continue;
                    };
                    let b = text.as_bytes();
                    for (i, _) in text.char_indices() {
                        assert_eq!(skip_plain(b, i), skip_plain_by_lead(b, i), "at {i}");
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
        assert!(n > 100_000, "characters: {n}");
    }

    /// The tables give every character the class [`class`] defines.
    #[test]
    fn tables_agree_with_the_class_function() {
        for u in 0..0x10000u32 {
            let Some(c) = char::from_u32(u) else { continue };
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            let got = match b.len() {
                1 => ASCII[b[0] as usize] as u16,
                3 => wide_class(b, 0),
                _ => continue,
            };
            assert_eq!(got, class(c), "{c:?}");
        }
        // The skip tables pass over exactly the characters without a class that the
        // normalize pass never asks about (ASCII but the space; three-byte leads but
        // E2, E3, EF).
        for u in 0..0x10000u32 {
            let Some(c) = char::from_u32(u) else { continue };
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            let asked = matches!(b[0], b' ' | 0xC2 | 0xE2 | 0xE3 | 0xEF);
            let plain = matches!(b.len(), 1 | 3) && !asked && class(c) == 0;
            assert_eq!(skip_plain(b, 0) == b.len(), plain, "{c:?}");
        }
        // No two-byte or four-byte character has a class (they are passed over).
        for u in (0x80..0x800).chain(0x10000..0x20000) {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(class(c), 0, "{c:?}");
            }
        }
    }
}
