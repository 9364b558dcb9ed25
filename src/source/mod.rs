//! Load stage: bytes on disk (or stdin) → `Source` (decoded text + origin map).
//!
//! Every later stage addresses the draft by byte ranges into `Source::text`.
//! This module never writes to the input and never panics on its content.

pub mod encoding;

use std::fmt;
use std::io::Read;
use std::path::Path;

pub use encoding::DecodeError;

/// Default cap on the size of one input file (bytes). Real reports are < 1 MB.
pub const DEFAULT_MAX_BYTES: u64 = 32 * 1024 * 1024;

/// Where a piece of virtual text came from in the original file.
#[derive(Debug, Clone, PartialEq, Eq)]
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridCell {
    /// Cell text (paragraphs joined by '\n' inside the cell are folded to spaces in the virtual text).
    pub text: String,
    /// Byte range of the cell's text in `Source::text` (empty for merged continuations).
    pub start: usize,
    pub end: usize,
    /// A continuation of a merged cell (`gridSpan`/`vMerge`/`rowspan`/`colspan`): its value
    /// belongs to the cell it continues, at `origin` (row, column).
    pub merged_from: Option<(usize, usize)>,
}

/// A table with merged cells expanded: every row has the same number of columns.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
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
    line_starts: Vec<usize>,
}

impl Source {
    pub fn new(path: impl Into<String>, text: String, encoding: &'static str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Source {
            path: path.into(),
            text,
            encoding,
            origins: Vec::new(),
            grids: Vec::new(),
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
    #[error("不支持的文件类型「{0}」：目前可检查 .txt、.md 文件")]
    Unsupported(String),
}

/// File extensions this build can read.
pub fn supported_extension(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref(),
        Some("txt" | "md" | "markdown" | "text")
    )
}

pub fn load_path(path: &Path, max_bytes: u64) -> Result<Source, LoadError> {
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
    if !supported_extension(path) {
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
    }
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
    from_bytes(display, &bytes)
}

pub fn load_stdin(max_bytes: u64) -> Result<Source, LoadError> {
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
    from_bytes("-".to_string(), &bytes)
}

pub fn from_bytes(path: String, bytes: &[u8]) -> Result<Source, LoadError> {
    let decoded = encoding::decode(bytes)?;
    let text = decoded.text.replace("\r\n", "\n").replace('\r', "\n");
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
}
