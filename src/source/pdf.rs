//! .pdf → virtual text, best effort: the text layer, page by page (feature `pdf`).
//!
//! The extractor (pdf-extract) panics on some files and may loop on others, so it runs
//! on its own thread under `catch_unwind`, with its panic message silenced and a
//! timeout. Many Chinese official PDFs use CID fonts without a Unicode map; their text
//! comes out as U+FFFD, private-use or random characters. Such a file is refused with
//! one clear message rather than checked, since every section would look "missing".
//! A PDF has no table structure: its tables stay flattened lines.

use crate::source::inflate;
use crate::source::layout::{is_blank, Layout};
use crate::source::{LoadError, Place, Source};
use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{mpsc, Once};
use std::time::Duration;

pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

thread_local! {
    /// Set on the extractor thread: its panics are expected and reported as load errors.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Wrap the process panic hook once so that panics on a quiet thread print nothing;
/// every other thread keeps the previous hook's behaviour.
fn install_quiet_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

pub fn read(path: String, bytes: &[u8], timeout: Duration) -> Result<Source, LoadError> {
    let limits = crate::source::reader_limits();
    inflate::check_streams(
        bytes,
        inflate::StreamLimits {
            per_stream: limits.stream,
            total: limits.unpacked,
        },
    )?;
    let pages = extract(bytes.to_vec(), timeout)?;
    assess(&pages)?;
    let mut layout = Layout::new();
    for (i, page) in pages.iter().enumerate() {
        let mut place = Some(Place::Page(i + 1));
        for line in page.lines() {
            let line = line.trim_matches(|c: char| c.is_ascii_whitespace());
            if !is_blank(line) {
                layout.line_at(line, place.take());
            }
        }
    }
    layout.finish(path, "pdf")
}

/// Text of each page, extracted on a worker thread.
fn extract(bytes: Vec<u8>, timeout: Duration) -> Result<Vec<String>, LoadError> {
    install_quiet_hook();
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("gongkai-pdf".into())
        .stack_size(32 * 1024 * 1024)
        .spawn(move || {
            QUIET.with(|q| q.set(true));
            let result = panic::catch_unwind(AssertUnwindSafe(|| {
                pdf_extract::extract_text_from_mem_by_pages(&bytes)
            }));
            let _ = tx.send(result.map(|r| r.map_err(|e| e.to_string())));
        })
        .map_err(|e| {
            // In a contained reader, no memory for the thread's stack is the memory
            // limit reached: end the worker as an allocation failure would.
            crate::source::process::allocation_failed();
            LoadError::PdfFailed(format!("无法启动 PDF 解析线程（{e}）"))
        })?;
    match rx.recv_timeout(timeout) {
        Ok(Ok(Ok(pages))) => Ok(pages),
        Ok(Ok(Err(e))) if e.to_ascii_lowercase().contains("decrypt") => {
            Err(LoadError::PdfFailed(format!("文件已加密（{e}）")))
        }
        Ok(Ok(Err(e))) => Err(LoadError::PdfFailed(format!("文件结构无法解析（{e}）"))),
        Ok(Err(_)) => Err(LoadError::PdfFailed("PDF 解析器无法处理这个文件".into())),
        // The worker cannot be stopped; it is left to finish on its own.
        Err(mpsc::RecvTimeoutError::Timeout) => Err(LoadError::PdfFailed(format!(
            "提取文字超过 {} 秒仍未完成",
            timeout.as_secs()
        ))),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(LoadError::PdfFailed("PDF 解析线程意外退出".into()))
        }
    }
}

/// Characters that make up a large share of any report's text.
const COMMON: &str = "的政府信息公开年工作申请报告本机关人民行中国法一二三是和在有了不为对";

/// Refuse a text layer that would only produce false findings.
fn assess(pages: &[String]) -> Result<(), LoadError> {
    let (mut total, mut bad, mut cjk, mut common) = (0usize, 0usize, 0usize, 0usize);
    for c in pages
        .iter()
        .flat_map(|p| p.chars())
        .filter(|c| !c.is_whitespace())
    {
        total += 1;
        let u = c as u32;
        if c == '\u{FFFD}' || (0xE000..=0xF8FF).contains(&u) || u >= 0xF0000 || c.is_control() {
            bad += 1;
        } else if (0x4E00..=0x9FFF).contains(&u) || (0x3400..=0x4DBF).contains(&u) {
            cjk += 1;
            if COMMON.contains(c) {
                common += 1;
            }
        }
    }
    let reason = if total < 20 {
        "几乎没有可提取的文字，可能是扫描件或图片".to_string()
    } else if bad * 10 > total {
        format!(
            "{}% 的字符无法识别，字体缺少 Unicode 映射",
            bad * 100 / total
        )
    } else if cjk < 20 {
        "提取出的文字中几乎没有汉字".to_string()
    } else if cjk >= 100 && common * 100 < cjk * 3 {
        "提取出的汉字不成文，字体编码无法还原".to_string()
    } else {
        return Ok(());
    };
    Err(LoadError::PdfUnreliable(reason))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/real")
            .join(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    #[test]
    fn real_pdfs_have_text_and_pages() {
        for (name, pages) in [
            ("001_huaian-hongze-district-2023.pdf", 5),
            ("002_huaian-hongze-district-2024.pdf", 5),
            ("003_huaian-city-2024.pdf", 6),
        ] {
            let s = read(name.into(), &fixture(name), DEFAULT_TIMEOUT)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(s.text.contains("政府信息公开"), "{name}");
            let seen: Vec<usize> = s
                .origins
                .iter()
                .filter_map(|(_, p)| {
                    if let Place::Page(n) = p {
                        Some(*n)
                    } else {
                        None
                    }
                })
                .collect();
            assert_eq!(seen, (1..=pages).collect::<Vec<_>>(), "{name}");
            let last = s.text.rfind("政府信息公开").unwrap();
            assert!(matches!(s.place(last), Some(Place::Page(_))));
            assert!(s.grids.is_empty());
        }
    }

    #[test]
    fn unreliable_text_layers_are_refused() {
        let garbage = vec!["\u{FFFD}\u{E001}\u{E002} 一二".repeat(20)];
        let e = assess(&garbage).unwrap_err();
        assert!(e.to_string().contains("请改用 .docx"), "{e}");
        assert!(matches!(
            assess(&["   ".into(), "-1-".into()]),
            Err(LoadError::PdfUnreliable(_))
        ));
        let latin = vec!["Annual report of the government information disclosure".repeat(3)];
        assert!(assess(&latin).is_err());
        let mojibake = vec![
            "鍒嗘瀽缁撴灉鐨勬椂鍊欐垜浠彂鐜拌繖閲岄潰鏈夐棶棰樻槸鍚﹂渶瑕佽В鍐宠€屼笖".repeat(5),
        ];
        assert!(assess(&mojibake).is_err());
        assert!(
            assess(&["本年度政府信息公开工作报告，收到申请人的申请二十件。".repeat(5)]).is_ok()
        );
    }

    #[test]
    fn broken_pdfs_fail_cleanly_without_output() {
        let good = fixture("003_huaian-city-2024.pdf");
        for bytes in [
            b"%PDF-1.7\n garbage".to_vec(),
            good[..good.len() / 3].to_vec(),
            b"%PDF-".to_vec(),
        ] {
            let e = read("x.pdf".into(), &bytes, DEFAULT_TIMEOUT).unwrap_err();
            assert!(
                matches!(e, LoadError::PdfFailed(_) | LoadError::PdfUnreliable(_)),
                "{e}"
            );
        }
    }

    #[test]
    fn extractor_panics_are_contained() {
        install_quiet_hook();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            QUIET.with(|q| q.set(true));
            let r = panic::catch_unwind(|| panic!("simulated extractor bug"));
            let _ = tx.send(r.is_err());
        });
        assert_eq!(rx.recv_timeout(Duration::from_secs(5)), Ok(true));
    }
}
