//! Load stage: bytes on disk (or stdin) → `Source` (decoded text + origin map).
//!
//! Every later stage addresses the draft by byte ranges into `Source::text`.
//! This module never writes to the input and never panics on its content.

mod docx;
pub mod encoding;
mod html;
#[cfg(feature = "pdf")]
mod inflate;
pub mod layout;
#[cfg(test)]
mod mutation;
#[cfg(feature = "pdf")]
mod pdf;
pub mod process;
mod sniff;

use std::fmt;
use std::io::Read;
use std::path::Path;

pub use encoding::DecodeError;

/// Default cap on the size of one input file (bytes). Real reports are < 1 MB.
pub const DEFAULT_MAX_BYTES: u64 = 32 * 1024 * 1024;

/// Limits of the readers that no real report comes near. Each can be raised with an
/// environment variable (read once per process; a contained reader inherits it).
#[derive(Debug, Clone, Copy)]
pub struct ReaderLimits {
    /// Deepest element nesting (.docx XML, HTML): `GONGKAI_MAX_DEPTH`.
    pub depth: usize,
    /// Cells of all tables of a file, merged cells expanded: `GONGKAI_MAX_TABLE_CELLS`.
    pub table_cells: usize,
    /// Bytes decompressed from a .docx, all parts together (and so the most text a
    /// .docx can give), and from a PDF's streams: `GONGKAI_MAX_UNPACKED`.
    pub unpacked: u64,
    /// Bytes decompressed from one .docx part or one PDF stream: `GONGKAI_MAX_STREAM`.
    pub stream: u64,
}

impl ReaderLimits {
    pub const DEFAULT: ReaderLimits = ReaderLimits {
        depth: 512,
        table_cells: 200_000,
        unpacked: 64 * 1024 * 1024,
        stream: 64 * 1024 * 1024,
    };
}

/// The limits in force: the defaults, raised (or lowered) by the environment.
pub fn reader_limits() -> &'static ReaderLimits {
    static LIMITS: std::sync::LazyLock<ReaderLimits> = std::sync::LazyLock::new(|| {
        let env = |name: &str, default: u64| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.trim().parse::<u64>().ok())
                .filter(|v| *v > 0)
                .unwrap_or(default)
        };
        let d = ReaderLimits::DEFAULT;
        ReaderLimits {
            depth: env("GONGKAI_MAX_DEPTH", d.depth as u64) as usize,
            table_cells: env("GONGKAI_MAX_TABLE_CELLS", d.table_cells as u64) as usize,
            unpacked: env("GONGKAI_MAX_UNPACKED", d.unpacked),
            stream: env("GONGKAI_MAX_STREAM", d.stream),
        }
    });
    &LIMITS
}

/// Where a piece of virtual text came from in the original file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Place {
    Paragraph(usize),
    Cell {
        table: usize,
        row: usize,
        col: usize,
    },
    Page(usize),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Paragraph(n) => write!(f, "第{n}段"),
            Place::Cell { table, row, col } => write!(f, "表{table} 第{row}行 第{col}列"),
            Place::Page(n) => write!(f, "第{n}页"),
        }
    }
}

/// One cell of a table grid.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GridCell {
    /// Cell text as it stands in the virtual text (line breaks and tabs inside the cell folded to spaces).
    pub text: String,
    /// Byte range of the cell's text in `Source::text` (empty for merged continuations);
    /// `text == source.text[start..end]`.
    pub start: usize,
    pub end: usize,
    /// A continuation of a merged cell (`gridSpan`/`vMerge`/`rowspan`/`colspan`): its value
    /// belongs to the cell it continues, at 0-based (row, column) indices into `Grid::rows`.
    pub merged_from: Option<(usize, usize)>,
}

/// A table with merged cells expanded: every row has the same number of columns.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Grid {
    /// 1-based table number in the document (表1, 表2 … in locations).
    pub number: usize,
    pub rows: Vec<Vec<GridCell>>,
}

/// A decoded draft.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path as given by the user (or `-` for stdin).
    pub path: String,
    pub text: String,
    pub encoding: &'static str,
    /// Sorted by start offset; empty for plain text, whose lines are their own place.
    pub origins: Vec<(usize, Place)>,
    /// Tables read with their real structure (.docx/.html), merged cells expanded.
    /// Plain text has none: its tables are recovered from the flattened text later.
    pub grids: Vec<Grid>,
    /// Lines the file itself marks as headings (Word heading styles / outline levels,
    /// HTML h1–h6): (offset of the line start, 0-based outline level), sorted.
    pub headings: Vec<(usize, u8)>,
    line_starts: Vec<usize>,
}

impl Source {
    pub fn new(path: impl Into<String>, text: String, encoding: &'static str) -> Self {
        let mut line_starts = vec![0];
        // memchr: `match_indices` costs a few hundred instructions per line.
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Source {
            path: path.into(),
            text,
            encoding,
            origins: Vec::new(),
            grids: Vec::new(),
            headings: Vec::new(),
            line_starts,
        }
    }

    /// 1-based line and 1-based column counted in characters.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let col = self.text[start..end].chars().count() + 1;
        (line + 1, col)
    }

    /// The human place of an offset in the original file, if the reader recorded one.
    pub fn place(&self, offset: usize) -> Option<&Place> {
        let i = self.origins.partition_point(|(s, _)| *s <= offset);
        if i == 0 {
            None
        } else {
            Some(&self.origins[i - 1].1)
        }
    }
}

/// Why a file could not be loaded. Each is reported for that file only.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("找不到文件或目录：{0}")]
    NotFound(String),
    #[error("无法读取文件：{0}")]
    Io(String),
    #[error("文件过大（{size} 字节，上限 {limit} 字节）；可用 --max-file-size 调整上限")]
    TooLarge { size: u64, limit: u64 },
    #[error("{0}")]
    Decode(#[from] DecodeError),
    #[error("不支持的文件类型「{0}」：目前可检查 {SUPPORTED_HINT} 文件")]
    Unsupported(String),
    #[error(
        "这是旧版 Word/WPS 二进制格式（{0}），无法直接检查；请在 WPS/Word 中另存为 .docx 后再检查"
    )]
    Legacy(String),
    #[error(
        "文档已加密（设置了打开密码），无法读取；请在 WPS/Word 中取消密码，另存为 .docx 后再检查"
    )]
    Encrypted,
    #[error("文件扩展名是 .docx，但内容不是 .docx（zip）格式，可能已损坏或改过扩展名；请在 WPS/Word 中另存为 .docx 后再检查")]
    NotZip,
    #[error("无法读取 .docx：{0}；文件可能已损坏，请在 WPS/Word 中打开并另存为 .docx 后再检查")]
    Corrupt(String),
    #[error("文档解压后超过 {limit} 字节的上限，疑似压缩炸弹，已拒绝检查（可设置环境变量 GONGKAI_MAX_UNPACKED 调整上限）")]
    ZipBomb { limit: u64 },
    #[error("{what}解压后超过 {limit} 字节的上限，疑似压缩炸弹，已拒绝检查（可设置环境变量 GONGKAI_MAX_STREAM 调整上限）")]
    StreamBomb { what: String, limit: u64 },
    #[error("PDF 的数据流解压后合计超过 {limit} 字节的上限，疑似压缩炸弹，已拒绝检查（可设置环境变量 GONGKAI_MAX_UNPACKED 调整上限）")]
    PdfUnpackedTooLarge { limit: u64 },
    #[error("文档包含 {count} 个压缩条目（上限 {limit}），不像正常的 Word 文档，已拒绝检查")]
    TooManyEntries { count: usize, limit: usize },
    #[error("文档的标签嵌套超过 {limit} 层，已拒绝检查（文件可能已损坏或是恶意构造的；可设置环境变量 GONGKAI_MAX_DEPTH 调整上限）")]
    TooDeep { limit: usize },
    #[error("文档中的表格过大（展开合并单元格后超过 {limit} 个单元格），已拒绝检查（可设置环境变量 GONGKAI_MAX_TABLE_CELLS 调整上限）")]
    TableTooLarge { limit: usize },
    #[error("文档中没有可检查的文字")]
    NoText,
    #[error("无法可靠地提取这份 PDF 的文字层（{0}）；请改用 .docx 原稿或网页版再检查")]
    PdfUnreliable(String),
    #[error("无法读取 PDF：{0}；请改用 .docx 原稿或网页版再检查")]
    PdfFailed(String),
    /// A load error reported by a contained reader (`worker`), message as it was.
    #[error("{0}")]
    Reader(String),
    #[error("读取超时：超过 {secs} 秒仍未读完，已终止读取器（可用 --timeout 调整上限）")]
    Timeout { secs: u64 },
    #[error("内存超限：读取时占用内存超过 {mb} MB，已终止读取器（文件可能是恶意构造的；可用 --max-memory 调整上限）")]
    OutOfMemory { mb: u64 },
    #[error("读取器崩溃（{0}），已跳过此文件；文件可能已损坏或是恶意构造的")]
    Crashed(String),
}

/// The kinds of file this build reads, for messages.
#[cfg(feature = "pdf")]
pub const SUPPORTED_HINT: &str = ".txt、.md、.docx、.html、.pdf";
#[cfg(not(feature = "pdf"))]
pub const SUPPORTED_HINT: &str = ".txt、.md、.docx、.html";

/// How a file is read, chosen by extension and corrected by its leading bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Docx,
    Html,
    Pdf,
    /// .doc / .wps: refused with advice unless the bytes are really a .docx.
    Legacy,
}

fn kind_of(path: &Path) -> Option<Kind> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())?
        .to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "md" | "markdown" | "text" => Some(Kind::Text),
        "docx" | "docm" | "dotx" | "dotm" => Some(Kind::Docx),
        "html" | "htm" | "xhtml" | "shtml" => Some(Kind::Html),
        "pdf" if cfg!(feature = "pdf") => Some(Kind::Pdf),
        "doc" | "dot" | "wps" | "wpt" => Some(Kind::Legacy),
        _ => None,
    }
}

/// File extensions this build can read (legacy Word/WPS files are included so that a
/// directory scan tells the clerk how to convert them instead of skipping them).
pub fn supported_extension(path: &Path) -> bool {
    kind_of(path).is_some()
}

pub fn load_path(path: &Path, max_bytes: u64) -> Result<Source, LoadError> {
    let (display, kind, bytes) = read_path(path, max_bytes)?;
    read_kind(display, kind, &bytes)
}

/// The bytes of a file that [`load_path`] would read (size limit and extension
/// checked), with the path as shown; [`load_bytes`] on them reads it as `load_path` does.
pub fn read_file(path: &Path, max_bytes: u64) -> Result<(String, Vec<u8>), LoadError> {
    read_path(path, max_bytes).map(|(display, _, bytes)| (display, bytes))
}

/// Whether these bytes, named `path`, go to a reader of a binary or markup format
/// (.docx, HTML, PDF) rather than the plain-text decoder: the readers a hostile file
/// can crash, exhaust or hang, which `worker` runs in a separate process.
pub fn needs_reader(path: &str, bytes: &[u8]) -> bool {
    let kind = match kind_of(Path::new(path)) {
        Some(k) => k,
        None if sniff::looks_like_html(bytes) => Kind::Html,
        None => Kind::Text,
    };
    match sniff::container(bytes) {
        Some(sniff::Container::Zip) => true,
        Some(sniff::Container::Pdf) if cfg!(feature = "pdf") => true,
        Some(sniff::Container::Cfb) => false,
        Some(sniff::Container::Rtf) if kind != Kind::Text => false,
        _ => matches!(kind, Kind::Docx | Kind::Html | Kind::Pdf),
    }
}

fn read_path(path: &Path, max_bytes: u64) -> Result<(String, Kind, Vec<u8>), LoadError> {
    let display = path.to_string_lossy().into_owned();
    let meta = std::fs::metadata(path).map_err(|e| io_error(&display, e))?;
    if meta.is_dir() {
        return Err(LoadError::Io(format!("{display} 是目录")));
    }
    if meta.len() > max_bytes {
        return Err(LoadError::TooLarge {
            size: meta.len(),
            limit: max_bytes,
        });
    }
    let Some(kind) = kind_of(path) else {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_string();
        return Err(LoadError::Unsupported(if ext.is_empty() {
            display
        } else {
            format!(".{ext}")
        }));
    };
    let file = std::fs::File::open(path).map_err(|e| io_error(&display, e))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // Read at most one byte past the limit: the file may have grown since stat.
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(&display, e))?;
    if bytes.len() as u64 > max_bytes {
        return Err(LoadError::TooLarge {
            size: bytes.len() as u64,
            limit: max_bytes,
        });
    }
    Ok((display, kind, bytes))
}

/// Bytes read elsewhere, typed by the extension of `path` as [`load_path`] types a file
/// (the leading bytes still win); an unknown extension is sniffed like stdin.
/// Entry point for tests, benchmarks and fuzzing of the readers.
pub fn load_bytes(path: &str, bytes: &[u8]) -> Result<Source, LoadError> {
    match kind_of(Path::new(path)) {
        Some(kind) => read_kind(path.to_string(), kind, bytes),
        None => from_bytes(path.to_string(), bytes),
    }
}

pub fn load_stdin(max_bytes: u64) -> Result<Source, LoadError> {
    from_bytes("-".to_string(), &read_stdin(max_bytes)?)
}

/// Standard input's bytes, at most `max_bytes`.
pub fn read_stdin(max_bytes: u64) -> Result<Vec<u8>, LoadError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| LoadError::Io(format!("标准输入：{e}")))?;
    if bytes.len() as u64 > max_bytes {
        return Err(LoadError::TooLarge {
            size: bytes.len() as u64,
            limit: max_bytes,
        });
    }
    Ok(bytes)
}

/// Bytes of unknown type (stdin): containers are recognised by their magic, HTML by its
/// opening tag, anything else is plain text.
pub fn from_bytes(path: String, bytes: &[u8]) -> Result<Source, LoadError> {
    let kind = if sniff::looks_like_html(bytes) {
        Kind::Html
    } else {
        Kind::Text
    };
    read_kind(path, kind, bytes)
}

fn read_kind(path: String, kind: Kind, bytes: &[u8]) -> Result<Source, LoadError> {
    // Whatever the extension, a 0-byte file has nothing to read (a .docx is no zip).
    if bytes.is_empty() {
        return Err(LoadError::Decode(DecodeError::Empty));
    }
    let declared = kind;
    // The leading bytes win over the extension: a renamed .docx is still a zip.
    let kind = match sniff::container(bytes) {
        Some(sniff::Container::Zip) => Kind::Docx,
        Some(sniff::Container::Pdf) if cfg!(feature = "pdf") => Kind::Pdf,
        Some(sniff::Container::Cfb) => {
            return Err(if sniff::cfb_is_encrypted_ooxml(bytes) {
                LoadError::Encrypted
            } else {
                LoadError::Legacy(legacy_label(&path))
            });
        }
        Some(sniff::Container::Rtf) if kind != Kind::Text => {
            return Err(LoadError::Legacy("RTF".into()));
        }
        _ => kind,
    };
    match kind {
        Kind::Text => text_source(path, bytes),
        Kind::Docx => docx::read(path, bytes, &docx::Limits::default()),
        Kind::Html => html::read(path, bytes),
        Kind::Pdf => read_pdf(path.clone(), bytes).map_err(|e| renamed(&path, declared, e)),
        Kind::Legacy => Err(LoadError::Legacy(legacy_label(&path))),
    }
}

/// A text file that is really a PDF and could not be read as one: say so.
fn renamed(path: &str, declared: Kind, e: LoadError) -> LoadError {
    if !matches!(declared, Kind::Text | Kind::Html) {
        return e;
    }
    let ext = Path::new(path)
        .extension()
        .map(|x| format!(".{}", x.to_string_lossy()))
        .unwrap_or_else(|| "（无）".into());
    LoadError::Io(format!(
        "文件扩展名是 {ext}，内容却以 %PDF 开头，实际是 PDF 文件（可能改过扩展名）；按 PDF 读取失败：{e}"
    ))
}

#[cfg(feature = "pdf")]
fn read_pdf(path: String, bytes: &[u8]) -> Result<Source, LoadError> {
    pdf::read(path, bytes, pdf::DEFAULT_TIMEOUT)
}

#[cfg(not(feature = "pdf"))]
fn read_pdf(_path: String, _bytes: &[u8]) -> Result<Source, LoadError> {
    Err(LoadError::Unsupported(
        ".pdf（此版本编译时未启用 pdf 功能）".into(),
    ))
}

fn legacy_label(path: &str) -> String {
    match Path::new(path).extension().and_then(|e| e.to_str()) {
        Some(e) if !e.eq_ignore_ascii_case("docx") => format!(".{}", e.to_ascii_lowercase()),
        _ => ".doc".to_string(),
    }
}

fn text_source(path: String, bytes: &[u8]) -> Result<Source, LoadError> {
    let decoded = encoding::decode(bytes)?;
    // A vectorized byte search: `str::contains(char)` reads the whole draft a word at a
    // time (about one instruction per byte; 0.7 % of a seed draft's instructions).
    let text = if memchr::memchr(b'\r', decoded.text.as_bytes()).is_some() {
        decoded.text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        decoded.text
    };
    Ok(Source::new(path, text, decoded.encoding))
}

fn io_error(path: &str, e: std::io::Error) -> LoadError {
    match e.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound(path.to_string()),
        std::io::ErrorKind::PermissionDenied => LoadError::Io(format!("{path}：没有读取权限")),
        _ => LoadError::Io(format!("{path}：{e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let s = Source::new("x", "第一行\n政府信息abc".into(), "UTF-8");
        let off = s.text.find("abc").unwrap();
        assert_eq!(s.line_col(off), (2, 5));
        assert_eq!(s.line_col(0), (1, 1));
    }

    #[test]
    fn place_lookup() {
        let mut s = Source::new("x", "aaaa\nbbbb".into(), "UTF-8");
        s.origins = vec![
            (0, Place::Paragraph(1)),
            (
                5,
                Place::Cell {
                    table: 1,
                    row: 2,
                    col: 3,
                },
            ),
        ];
        assert_eq!(s.place(2), Some(&Place::Paragraph(1)));
        assert_eq!(s.place(7).unwrap().to_string(), "表1 第2行 第3列");
    }

    fn cfb(extra: &[u8]) -> Vec<u8> {
        let mut b = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        b.extend_from_slice(&[0u8; 504]);
        b.extend_from_slice(extra);
        b
    }

    fn load(name: &str, bytes: &[u8]) -> Result<Source, LoadError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        load_path(&path, DEFAULT_MAX_BYTES)
    }

    #[test]
    fn legacy_and_encrypted_files_are_refused_with_advice() {
        for name in ["报告.doc", "报告.wps", "报告.docx"] {
            let e = load(name, &cfb(b"WordDocument")).unwrap_err();
            assert!(matches!(e, LoadError::Legacy(_)), "{name}: {e}");
            assert!(
                e.to_string()
                    .contains("请在 WPS/Word 中另存为 .docx 后再检查"),
                "{e}"
            );
        }
        assert!(load("报告.doc", &cfb(b""))
            .unwrap_err()
            .to_string()
            .contains("（.doc）"));
        assert!(load("报告.wps", &cfb(b""))
            .unwrap_err()
            .to_string()
            .contains("（.wps）"));
        let enc: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let e = load("加密.docx", &cfb(&enc)).unwrap_err();
        assert!(matches!(e, LoadError::Encrypted), "{e}");
        assert!(e.to_string().contains("另存为 .docx"));
        let e = load("rtf.doc", b"{\\rtf1\\ansi hello}").unwrap_err();
        assert!(matches!(e, LoadError::Legacy(_)), "{e}");
    }

    #[test]
    fn not_a_zip_corrupt_and_truncated_docx() {
        let e = load("坏.docx", "一、总体情况".as_bytes()).unwrap_err();
        assert!(matches!(e, LoadError::NotZip), "{e}");
        assert!(e.to_string().contains("另存为 .docx"));
        let e = load("坏.docx", b"PK\x03\x04\x14\x00broken").unwrap_err();
        assert!(matches!(e, LoadError::Corrupt(_)), "{e}");
        let good = docx::build_docx("<w:p><w:r><w:t>正文</w:t></w:r></w:p>", None, None);
        for cut in [10, good.len() / 2, good.len() - 5] {
            let e = load("截断.docx", &good[..cut]).unwrap_err();
            assert!(matches!(e, LoadError::Corrupt(_)), "{cut}: {e}");
        }
        assert!(load("空.docx", b"").is_err());
    }

    #[test]
    fn magic_wins_over_extension() {
        let docx = docx::build_docx("<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>", None, None);
        for name in ["改名.doc", "改名.txt", "改名.html"] {
            let s = load(name, &docx).unwrap();
            assert_eq!(s.text, "一、总体情况\n", "{name}");
            assert_eq!(s.encoding, "docx");
        }
        let s = from_bytes("-".into(), &docx).unwrap();
        assert_eq!(s.origins[0].1, Place::Paragraph(1));
        let s = from_bytes("-".into(), "<p>一、总体情况</p><p>正文</p>".as_bytes()).unwrap();
        assert_eq!(s.text, "一、总体情况\n正文\n");
        let s = from_bytes("-".into(), "一、总体情况 <p>".as_bytes()).unwrap();
        assert_eq!(s.text, "一、总体情况 <p>");
    }

    #[test]
    fn supported_extensions() {
        for ok in [
            "a.txt", "a.MD", "a.docx", "a.htm", "a.HTML", "a.doc", "a.wps",
        ] {
            assert!(supported_extension(Path::new(ok)), "{ok}");
        }
        assert_eq!(
            supported_extension(Path::new("a.pdf")),
            cfg!(feature = "pdf")
        );
        for no in ["a.xlsx", "a.png", "a"] {
            assert!(!supported_extension(Path::new(no)), "{no}");
        }
        let e = load("表.xlsx", b"x").unwrap_err();
        assert!(e.to_string().contains(".docx"), "{e}");
    }
}
