//! Byte-to-text decoding for plain-text drafts.
//!
//! Order: BOM (UTF-8, UTF-16LE/BE) → strict UTF-8 → GB18030/GBK by detection.
//! Never guesses silently: bytes that decode to nothing sensible are an error.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// Why a byte buffer could not be turned into text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("文件为空")]
    Empty,
    #[error("文件不是文本（含有二进制数据），无法检查")]
    Binary,
    #[error("无法识别文件编码（既不是 UTF-8 也不是 GBK/GB18030），请另存为 UTF-8 后再检查")]
    Undecodable,
}

/// The decoded text and the name of the encoding it came from.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let (text, had_errors) = enc.decode_without_bom_handling(body);
        if had_errors {
            return Err(DecodeError::Undecodable);
        }
        return finish(text.into_owned(), enc.name());
    }
    // SIMD validation: std's is byte by byte on CJK text, a tenth of loading a draft.
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return finish(s.to_owned(), UTF_8.name());
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if !had_errors {
            return finish(text.into_owned(), enc.name());
        }
    }
    if looks_binary(bytes) {
        return Err(DecodeError::Binary);
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let guess = det.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    // Chinese drafts that are not UTF-8 are GBK/GB18030 in practice; the GB18030
    // decoder is a superset of GBK. Other guesses are accepted only if they decode cleanly.
    let candidates: [&'static Encoding; 2] = [GB18030, guess];
    for enc in candidates {
        if let Some(text) = enc.decode_without_bom_handling_and_without_replacement(bytes) {
            if plausible_chinese(&text) {
                return finish(text.into_owned(), enc.name());
            }
        }
    }
    Err(DecodeError::Undecodable)
}

fn finish(text: String, encoding: &'static str) -> Result<Decoded, DecodeError> {
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    // Almost every draft has no control character at all (NUL included): one pass to
    // know that, over the whole text.
    if any_suspect(text.as_bytes()) && (text.contains('\0') || control_ratio(&text) > 0.05) {
        return Err(DecodeError::Binary);
    }
    Ok(Decoded { text, encoding })
}

/// UTF-16 text saved without a BOM: one byte of every pair is mostly zero for ASCII.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let even_zero = bytes.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_zero = bytes.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    if odd_zero * 3 > pairs && even_zero * 10 < pairs {
        Some(UTF_16LE)
    } else if even_zero * 3 > pairs && odd_zero * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    let ctrl = sample
        .iter()
        .filter(|b| **b < 0x20 && !matches!(**b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    ctrl * 20 > sample.len()
}

/// Does any byte start a control character (C0 other than the whitespace ones, DEL, or
/// a C2 lead that may start a C1 control)? Branch-free over 32-byte blocks, so that the
/// compiler vectorizes it.
fn any_suspect(b: &[u8]) -> bool {
    let suspect = |x: u8| {
        ((x < 0x20) & (x != b'\n') & (x != b'\r') & (x != b'\t') & (x != 0x0c))
            | (x == 0x7f)
            | (x == 0xC2)
    };
    let mut blocks = b.chunks_exact(32);
    let found = blocks
        .by_ref()
        .any(|c| c.iter().fold(false, |acc, &x| acc | suspect(x)));
    found || blocks.remainder().iter().any(|&x| suspect(x))
}

fn control_ratio(text: &str) -> f64 {
    // By bytes, over the first 8192 characters: `char::is_control` is U+0000–U+001F,
    // U+007F (one byte each) and U+0080–U+009F (C2 80–C2 9F). Simple counting loops
    // that the compiler vectorizes; a character starts at every non-continuation byte.
    // Counting characters is vectorized; finding the 8192nd walks them one by one, so
    // it is done only for texts that have more.
    let end = if text.len() <= 8192 || text.chars().count() <= 8192 {
        text.len()
    } else {
        text.char_indices().nth(8192).map_or(text.len(), |(i, _)| i)
    };
    let b = &text.as_bytes()[..end];
    if !any_suspect(b) {
        return 0.0;
    }
    let total = b.iter().filter(|&&x| x & 0xC0 != 0x80).count();
    let ascii = b
        .iter()
        .filter(|&&x| (x < 0x20 && !matches!(x, b'\n' | b'\r' | b'\t' | 0x0c)) || x == 0x7f)
        .count();
    let c1 = b
        .windows(2)
        .filter(|w| w[0] == 0xC2 && (0x80..=0x9F).contains(&w[1]))
        .count();
    if total == 0 {
        0.0
    } else {
        (ascii + c1) as f64 / total as f64
    }
}

/// Legacy-decoded text is accepted only when it reads like Chinese prose:
/// mostly CJK ideographs and common punctuation, few rare symbols.
fn plausible_chinese(text: &str) -> bool {
    let mut cjk = 0usize;
    let mut odd = 0usize;
    for c in text.chars().take(20000) {
        let u = c as u32;
        if (0x4E00..=0x9FFF).contains(&u)
            || (0x3000..=0x303F).contains(&u)
            || (0xFF00..=0xFFEF).contains(&u)
        {
            cjk += 1;
        } else if c.is_ascii() {
        } else {
            odd += 1;
        }
    }
    cjk > 0 && odd * 4 < cjk
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// The one-pass test for control characters decides as the full check does:
        /// texts of CJK, ASCII, C0/C1 controls and NUL, short and over 8192 characters.
        #[test]
        fn the_quick_control_test_decides_as_the_full_one(
            parts in proptest::collection::vec("[a公\n\t\u{0}\u{1}\u{7f}\u{85}\u{a0}é]{0,8}", 0..40),
            long in 0usize..3,
        ) {
            let mut text = parts.concat();
            if long > 0 {
                text = format!("{}{}", "公开".repeat(4100 * long), text);
            }
            let full = text.contains('\0') || control_ratio(&text) > 0.05;
            let quick = any_suspect(text.as_bytes()) && full;
            prop_assert_eq!(quick, full);
            prop_assert_eq!(
                any_suspect(text.as_bytes()),
                text.bytes().any(|x| (x < 0x20 && !matches!(x, b'\n' | b'\r' | b'\t' | 0x0c)) || x == 0x7f || x == 0xC2)
            );
        }
    }

    /// The byte-level count agrees with counting `char::is_control`.
    #[test]
    fn control_ratio_by_bytes() {
        let by_chars = |text: &str| {
            let (mut total, mut ctrl) = (0usize, 0usize);
            for c in text.chars().take(8192) {
                total += 1;
                if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
                    ctrl += 1;
                }
            }
            ctrl as f64 / total.max(1) as f64
        };
        let mut all = String::new();
        for u in 0..0x800u32 {
            if let Some(c) = char::from_u32(u) {
                all.push(c);
                all.push('字');
            }
        }
        let long = "字\u{1}".repeat(9000);
        for t in [
            all.as_str(),
            "abc",
            "\u{85}x\u{9f}\u{a0}",
            long.as_str(),
            "\u{7f}\u{0}\n",
        ] {
            assert_eq!(control_ratio(t), by_chars(t), "{t:?}");
        }
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("年度报告".as_bytes()).unwrap().text, "年度报告");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("年度报告".as_bytes());
        assert_eq!(decode(&b).unwrap().text, "年度报告");
    }

    #[test]
    fn gbk_is_detected() {
        let (bytes, _, _) = GB18030.encode("联系电话：020-83831691，政府信息公开工作年度报告");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "联系电话：020-83831691，政府信息公开工作年度报告");
    }

    #[test]
    fn utf16_with_bom_and_without() {
        let s = "政府信息公开 2019";
        let mut le = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&le).unwrap().text, s);
        let ascii_heavy = "Report 2019 年度报告 contact 020-1234567";
        let mut raw = Vec::new();
        for u in ascii_heavy.encode_utf16() {
            raw.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&raw).unwrap().text, ascii_heavy);
    }

    #[test]
    fn empty_binary_and_garbage() {
        assert_eq!(decode(b"").unwrap_err(), DecodeError::Empty);
        assert_eq!(decode(b"  \n ").unwrap_err(), DecodeError::Empty);
        let bin: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
        assert!(decode(&bin).is_err());
        assert!(decode(&[0x80, 0x81, 0xFF, 0xFE, 0x80, 0x30, 0xFF, 0x81]).is_err());
    }
}
