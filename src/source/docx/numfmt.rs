//! Rendering a list counter the way Word/WPS display it (`w:numFmt`).
//!
//! Only the formats that occur in Chinese official documents are spelled out; any other
//! format falls back to Arabic digits, which the outline recogniser also accepts.

const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const LEGAL: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const TIANGAN: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
const DIZHI: [char; 12] = [
    '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
];

/// The text of counter value `n` in format `fmt`; `None` for bullets (not text).
pub fn format(n: u32, fmt: &str) -> Option<String> {
    Some(match fmt {
        "bullet" => return None,
        "none" => String::new(),
        "chineseCounting" | "japaneseCounting" | "taiwaneseCounting" => {
            if n < 100 {
                chinese(n, &DIGITS, ['十', '百', '千'], '〇')
            } else {
                n.to_string()
                    .chars()
                    .map(|d| DIGITS[d as usize - '0' as usize])
                    .collect()
            }
        }
        "chineseCountingThousand" | "japaneseDigitalTenThousand" | "taiwaneseCountingThousand" => {
            chinese(n, &DIGITS, ['十', '百', '千'], '零')
        }
        "chineseLegalSimplified" | "japaneseLegal" => chinese(n, &LEGAL, ['拾', '佰', '仟'], '零'),
        "ideographTraditional" => cycle(n, &TIANGAN),
        "ideographZodiac" => cycle(n, &DIZHI),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1)
                .map(String::from)
                .unwrap_or_default()
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .filter_map(|d| char::from_u32(d as u32 - '0' as u32 + 0xFF10))
            .collect(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "upperLetter" => letters(n, b'A'),
        "lowerLetter" => letters(n, b'a'),
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        _ => n.to_string(),
    })
}

/// Positional Chinese numerals: 十一, 二十, 一百零五, 三千二百; 10–19 without a leading 一.
fn chinese(n: u32, digits: &[char; 10], units: [char; 3], zero: char) -> String {
    if n == 0 {
        return digits[0].to_string();
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let parts = [(n / 1000) % 10, (n / 100) % 10, (n / 10) % 10, n % 10];
    let unit_of = [Some(units[2]), Some(units[1]), Some(units[0]), None];
    let mut out = String::new();
    let mut pending_zero = false;
    for (i, &d) in parts.iter().enumerate() {
        if d == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if pending_zero {
            out.push(zero);
            pending_zero = false;
        }
        let tens_only = i == 2 && out.is_empty() && d == 1 && n < 20;
        if !tens_only {
            out.push(digits[d as usize]);
        }
        if let Some(u) = unit_of[i] {
            out.push(u);
        }
    }
    out
}

fn cycle(n: u32, set: &[char]) -> String {
    let i = (n.max(1) - 1) as usize % set.len();
    set[i].to_string()
}

fn letters(n: u32, base: u8) -> String {
    // Word repeats the letter: A … Z, AA … ZZ, AAA …
    let n = n.max(1) - 1;
    let c = (base + (n % 26) as u8) as char;
    std::iter::repeat_n(c, (n / 26 + 1).min(10) as usize).collect()
}

fn roman(mut n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in table {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counting() {
        let f = |n| format(n, "chineseCounting").unwrap();
        assert_eq!(
            [f(1), f(6), f(10), f(11), f(20), f(21), f(99)],
            ["一", "六", "十", "十一", "二十", "二十一", "九十九"]
        );
        let t = |n| format(n, "chineseCountingThousand").unwrap();
        assert_eq!(
            [t(10), t(105), t(110), t(1001), t(2300)],
            ["十", "一百零五", "一百一十", "一千零一", "二千三百"]
        );
        assert_eq!(format(3, "chineseLegalSimplified").unwrap(), "叁");
    }

    #[test]
    fn other_formats() {
        assert_eq!(format(2, "ideographTraditional").unwrap(), "乙");
        assert_eq!(format(11, "ideographTraditional").unwrap(), "甲");
        assert_eq!(format(3, "decimalEnclosedCircle").unwrap(), "③");
        assert_eq!(format(12, "decimalFullWidth").unwrap(), "１２");
        assert_eq!(format(28, "upperLetter").unwrap(), "BB");
        assert_eq!(format(14, "lowerRoman").unwrap(), "xiv");
        assert_eq!(format(7, "decimal").unwrap(), "7");
        assert_eq!(format(7, "somethingNew").unwrap(), "7");
        assert_eq!(format(1, "bullet"), None);
        assert_eq!(format(1, "none").unwrap(), "");
    }
}
