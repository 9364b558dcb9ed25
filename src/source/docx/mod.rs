//! .docx (Word and WPS) → virtual text, read by hand from the zip package.
//!
//! Only three parts matter: the main document, its styles and its numbering. Headers,
//! footers, comments and footnotes are ignored. The package is untrusted: the number of
//! entries and the bytes actually decompressed are capped, and every failure becomes a
//! `LoadError` with advice for the clerk, never a panic.

mod body;
mod emit;
mod numbering;
mod numfmt;
mod styles;
#[cfg(test)]
pub(crate) mod tests;
mod xml;

#[cfg(test)]
pub(crate) use tests::{docx as build_docx, package as build_package};

use crate::source::{LoadError, Source};
use std::borrow::Cow;
use std::io::{Cursor, Read};
use xml::{attr, walk, Ns, Step};

/// Caps for one package.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Total bytes decompressed from all parts read.
    pub max_unpacked: u64,
    /// Bytes decompressed from one part.
    pub max_part: u64,
    pub max_entries: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_unpacked: crate::source::reader_limits().unpacked,
            max_part: crate::source::reader_limits().stream,
            max_entries: 4096,
        }
    }
}

/// Largest buffer reserved up front for a part from its declared size.
const MAX_PRESIZE: u64 = 16 * 1024 * 1024;

struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    budget: u64,
    limit: u64,
    max_part: u64,
}

impl Package<'_> {
    /// The text of a part, `None` if the package has no such part.
    fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, LoadError> {
        let index = match self.zip.index_for_name(name) {
            Some(i) => i,
            None => {
                let found = self
                    .zip
                    .file_names()
                    .flatten()
                    .find(|n| n.eq_ignore_ascii_case(name))
                    .map(|n| n.to_string());
                match found.and_then(|n| self.zip.index_for_name(&n)) {
                    Some(i) => i,
                    None => return Ok(None),
                }
            }
        };
        let limit = self.limit;
        let max_part = self.max_part;
        let part_bomb = || LoadError::StreamBomb {
            what: format!("压缩包中的 {name} "),
            limit: max_part,
        };
        let mut file = self.zip.by_index(index).map_err(|e| zip_error(&e))?;
        if file.size() > max_part {
            return Err(part_bomb());
        }
        if file.size() > self.budget {
            return Err(LoadError::ZipBomb { limit });
        }
        // Sized from the declared size (never trusted past the budget, nor beyond what a
        // draft plausibly holds) so that the part is read without regrowing.
        let declared = file.size().min(self.budget).min(MAX_PRESIZE);
        let mut bytes = Vec::with_capacity(declared as usize);
        (&mut file)
            .take(self.budget.min(max_part) + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| LoadError::Corrupt(format!("无法解压 {name}（{e}）")))?;
        if bytes.len() as u64 > max_part {
            return Err(part_bomb());
        }
        if bytes.len() as u64 > self.budget {
            return Err(LoadError::ZipBomb { limit });
        }
        self.budget -= bytes.len() as u64;
        Ok(Some(bytes))
    }
}

fn zip_error(e: &zip::result::ZipError) -> LoadError {
    match e {
        zip::result::ZipError::UnsupportedArchive(m) if m.contains("assword") => {
            LoadError::Encrypted
        }
        _ => LoadError::Corrupt(format!("压缩包结构损坏（{e}）")),
    }
}

/// XML parts are UTF-8, rarely UTF-16 with a BOM. Valid UTF-8 is borrowed as is.
fn xml_text(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return Cow::Owned(
            enc.decode_without_bom_handling(&bytes[bom..])
                .0
                .into_owned(),
        );
    }
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

pub fn read(path: String, bytes: &[u8], limits: &Limits) -> Result<Source, LoadError> {
    if !bytes.starts_with(b"PK") {
        return Err(LoadError::NotZip);
    }
    let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| zip_error(&e))?;
    if zip.len() > limits.max_entries {
        return Err(LoadError::TooManyEntries {
            count: zip.len(),
            limit: limits.max_entries,
        });
    }
    let mut pkg = Package {
        zip,
        budget: limits.max_unpacked,
        limit: limits.max_unpacked,
        max_part: limits.max_part,
    };
    let main = match pkg.part("_rels/.rels")? {
        Some(rels) => targets(&xml_text(&rels), "", "/officeDocument")
            .into_iter()
            .next(),
        None => None,
    }
    .unwrap_or_else(|| "word/document.xml".to_string());
    let Some(document) = pkg.part(&main)? else {
        return Err(LoadError::Corrupt(
            "压缩包里没有 Word 正文（word/document.xml），不是 Word 文档".into(),
        ));
    };
    let (dir, file) = main.rsplit_once('/').unwrap_or(("", main.as_str()));
    let rels = pkg
        .part(&format!(
            "{}{}_rels/{file}.rels",
            dir,
            if dir.is_empty() { "" } else { "/" }
        ))?
        .unwrap_or_default();
    let rels = xml_text(&rels);
    let styles_part = targets(&rels, dir, "/styles")
        .into_iter()
        .next()
        .unwrap_or_else(|| join(dir, "styles.xml"));
    let numbering_part = targets(&rels, dir, "/numbering")
        .into_iter()
        .next()
        .unwrap_or_else(|| join(dir, "numbering.xml"));
    // Styles and numbering only refine the text: a broken one is ignored, limits are not.
    let styles = match pkg.part(&styles_part)? {
        Some(x) => lenient(styles::Styles::parse(&xml_text(&x)))?,
        None => Default::default(),
    };
    let numbering = match pkg.part(&numbering_part)? {
        Some(x) => lenient(numbering::Numbering::parse(&xml_text(&x)))?,
        None => Default::default(),
    };
    let blocks = body::parse(&xml_text(&document))?;
    let mut emitter = emit::Emitter::new(numbering, styles);
    emitter.blocks(blocks)?;
    emitter.layout.finish(path, "docx")
}

fn lenient<T: Default>(r: Result<T, LoadError>) -> Result<T, LoadError> {
    match r {
        Err(LoadError::Corrupt(_)) => Ok(T::default()),
        other => other,
    }
}

/// Targets of the relationships whose type ends with `kind`, resolved against `base`.
fn targets(rels: &str, base: &str, kind: &str) -> Vec<String> {
    let (out, _) = walk(rels, ".rels", |out: &mut Vec<String>, step| {
        if let Step::Open {
            ns: Ns::Rel | Ns::Other,
            name: "Relationship",
            tag,
        } = step
        {
            let external =
                attr(tag, "TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("external"));
            if let (Some(t), Some(target)) = (attr(tag, "Type"), attr(tag, "Target")) {
                if t.ends_with(kind) && !external {
                    out.push(match target.strip_prefix('/') {
                        Some(abs) => normalize(abs),
                        None => join(base, &target),
                    });
                }
            }
        }
    });
    out
}

fn join(base: &str, rel: &str) -> String {
    if base.is_empty() {
        normalize(rel)
    } else {
        normalize(&format!("{base}/{rel}"))
    }
}

/// Resolve `.` and `..` segments of a part name.
fn normalize(p: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}
