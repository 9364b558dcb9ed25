//! Bounded inflation of a PDF's data streams, before the PDF reader sees the file.
//!
//! The PDF reader (lopdf under pdf-extract) inflates every stream it needs — content
//! streams, Form XObjects, fonts, CMaps, object streams — into memory, with no limit. A
//! stream of a few kilobytes can inflate to gigabytes. This pass walks the raw bytes,
//! inflates each FlateDecode stream into a counter (never into memory) and refuses the
//! file when one stream or all of them together exceed the limits, naming the object.
//! Image streams are skipped: the reader never inflates them. Streams it cannot
//! inflate (other filters, encrypted data) are left to the reader and its memory limit.
//! The pass is linear in the file size: the scan resumes after each inflated stream.

use crate::source::LoadError;
use std::io::Read;

/// Limits of one PDF's streams (bytes after inflation).
#[derive(Debug, Clone, Copy)]
pub struct StreamLimits {
    pub per_stream: u64,
    pub total: u64,
}

/// Check every stream of `bytes` against `limits`; the error names the first stream
/// over a limit.
pub fn check_streams(bytes: &[u8], limits: StreamLimits) -> Result<(), LoadError> {
    let mut total = 0u64;
    let mut at = 0;
    while let Some(found) = memchr::memmem::find(&bytes[at..], b"stream") {
        let keyword = at + found;
        at = keyword + b"stream".len();
        if bytes[..keyword].ends_with(b"end") {
            continue;
        }
        let data = match bytes.get(at..) {
            Some([b'\r', b'\n', rest @ ..]) | Some([b'\n' | b'\r', rest @ ..]) => rest,
            _ => continue,
        };
        let data_start = bytes.len() - data.len();
        let dict = dictionary_before(bytes, keyword);
        if is_image(dict) {
            continue;
        }
        let Some((out, consumed)) = inflated_size(data, limits.per_stream) else {
            continue;
        };
        let object = object_name(dict);
        if out > limits.per_stream {
            return Err(LoadError::StreamBomb {
                what: object,
                limit: limits.per_stream,
            });
        }
        total += out;
        if total > limits.total {
            return Err(LoadError::PdfUnpackedTooLarge {
                limit: limits.total,
            });
        }
        at = data_start + consumed.max(1);
    }
    Ok(())
}

/// The stream's dictionary: the bytes from the last `obj` keyword before `keyword`
/// (at most 64 KB back).
fn dictionary_before(bytes: &[u8], keyword: usize) -> &[u8] {
    let from = keyword.saturating_sub(64 * 1024);
    let window = &bytes[from..keyword];
    match memchr::memmem::rfind(window, b" obj") {
        // Keep the `N G` before the keyword.
        Some(i) => &window[i.saturating_sub(24)..],
        None => window,
    }
}

/// `/Subtype /Image` (any whitespace, no delimiter after `Image`).
fn is_image(dict: &[u8]) -> bool {
    let mut rest = dict;
    while let Some(i) = memchr::memmem::find(rest, b"/Subtype") {
        let after = &rest[i + b"/Subtype".len()..];
        let value = after.trim_ascii_start();
        if let Some(tail) = value.strip_prefix(b"/Image") {
            if tail
                .first()
                .is_none_or(|c| !c.is_ascii_alphanumeric() && *c != b'_')
            {
                return true;
            }
        }
        rest = after;
    }
    false
}

/// "对象 N G " from the `N G obj` header that starts the dictionary window.
fn object_name(dict: &[u8]) -> String {
    let head = &dict[..dict.len().min(40)];
    if let Some(i) = memchr::memmem::rfind(head, b" obj") {
        let text = String::from_utf8_lossy(&head[..i]);
        let mut words = text.split_ascii_whitespace().rev();
        if let (Some(g), Some(n)) = (words.next(), words.next()) {
            if n.bytes().all(|b| b.is_ascii_digit()) && g.bytes().all(|b| b.is_ascii_digit()) {
                return format!("PDF 的数据流（对象 {n} {g}）");
            }
        }
    }
    "PDF 的一个数据流".to_string()
}

/// Bytes `data` inflates to (zlib, or raw deflate as the reader falls back to), counted
/// up to `limit + 1`, and the compressed bytes consumed; `None` if it is not deflate
/// data at all.
fn inflated_size(data: &[u8], limit: u64) -> Option<(u64, usize)> {
    if data.len() < 2 || !is_zlib_header(data[0], data[1]) {
        return None;
    }
    let mut decoder = flate2::bufread::ZlibDecoder::new(data);
    let mut buf = vec![0u8; 64 * 1024];
    let mut out = 0u64;
    loop {
        match decoder.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                out += n as u64;
                if out > limit {
                    break;
                }
            }
            // Corrupt or truncated data: what was inflated so far is what the reader
            // will hold too.
            Err(_) => break,
        }
    }
    if out == 0 {
        return None;
    }
    Some((out, decoder.total_in() as usize))
}

/// A zlib header: deflate method, a window of at most 32 KB, a valid check value.
fn is_zlib_header(cmf: u8, flg: u8) -> bool {
    cmf & 0x0F == 8 && cmf >> 4 <= 7 && (u16::from(cmf) << 8 | u16::from(flg)) % 31 == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn obj(n: usize, dict: &str, data: &[u8]) -> Vec<u8> {
        let mut o =
            format!("{n} 0 obj\n<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
        o.extend_from_slice(data);
        o.extend_from_slice(b"\nendstream\nendobj\n");
        o
    }

    const LIMITS: StreamLimits = StreamLimits {
        per_stream: 1 << 20,
        total: 3 << 20,
    };

    #[test]
    fn a_stream_over_the_limit_is_named() {
        let mut pdf = b"%PDF-1.4\n".to_vec();
        pdf.extend(obj(4, "/Filter /FlateDecode", &zlib(&vec![b' '; 1 << 19])));
        pdf.extend(obj(
            7,
            "/Filter /FlateDecode",
            &zlib(&vec![b' '; (1 << 20) + 1]),
        ));
        let e = check_streams(&pdf, LIMITS).unwrap_err().to_string();
        assert!(e.contains("对象 7 0") && e.contains("1048576"), "{e}");
        assert!(e.contains("GONGKAI_MAX_STREAM"), "{e}");
    }

    #[test]
    fn the_total_is_limited_and_images_are_skipped() {
        let mut pdf = b"%PDF-1.4\n".to_vec();
        let big = zlib(&vec![b'a'; 1 << 20]);
        for n in 0..3 {
            pdf.extend(obj(n + 1, "/Filter /FlateDecode", &big));
        }
        pdf.extend(obj(
            9,
            "/Type /XObject /Subtype /Image /Filter /FlateDecode",
            &zlib(&vec![0; 8 << 20]),
        ));
        assert!(check_streams(&pdf, LIMITS).is_ok());
        pdf.extend(obj(10, "/Filter /FlateDecode", &big));
        let e = check_streams(&pdf, LIMITS).unwrap_err().to_string();
        assert!(
            e.contains("3145728") && e.contains("GONGKAI_MAX_UNPACKED"),
            "{e}"
        );
    }

    #[test]
    fn plain_and_broken_streams_pass() {
        let mut pdf = b"%PDF-1.4\n".to_vec();
        pdf.extend(obj(1, "", b"BT (stream\n) Tj ET"));
        pdf.extend(obj(2, "/Filter /FlateDecode", &[0x78, 0x9c, 0xff, 0xff]));
        pdf.extend(b"stream");
        assert!(check_streams(&pdf, LIMITS).is_ok());
    }
}
