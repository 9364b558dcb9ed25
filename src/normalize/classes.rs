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

/// The class of the three-byte character whose bytes start at `b[i]` (valid UTF-8).
#[inline]
pub(crate) fn wide_class(b: &[u8], i: usize) -> u16 {
    let block = ((b[i] as usize & 0x0F) << 6) | (b[i + 1] as usize & 0x3F);
    BLOCKS[BLOCK_OF[block] as usize][b[i + 2] as usize & 0x3F] as u16
}

/// A maximal run of classified characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    pub start: usize,
    pub end: usize,
    /// The classes of its characters, or-ed.
    pub classes: u16,
}

/// Builds the maximal runs of classed characters of a text written piece by piece, in
/// order: what `Lex::new` finds on the finished text (`normalize::tests`).
#[derive(Debug, Default)]
pub(crate) struct Runs {
    pub runs: Vec<Run>,
    cur: Option<Run>,
}

impl Runs {
    /// The character at `off` (`len` bytes) has classes `k`.
    #[inline]
    pub fn feed(&mut self, k: u16, off: usize, len: usize) {
        if k == 0 {
            if let Some(r) = self.cur.take() {
                self.runs.push(r);
            }
        } else {
            match &mut self.cur {
                Some(r) => {
                    r.end = off + len;
                    r.classes |= k;
                }
                None => {
                    self.cur = Some(Run {
                        start: off,
                        end: off + len,
                        classes: k,
                    })
                }
            }
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

    pub fn finish(mut self) -> Vec<Run> {
        if let Some(r) = self.cur.take() {
            self.runs.push(r);
        }
        self.runs
    }
}

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
        // No two-byte or four-byte character has a class (they are passed over).
        for u in (0x80..0x800).chain(0x10000..0x20000) {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(class(c), 0, "{c:?}");
            }
        }
    }
}
