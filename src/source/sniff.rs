//! Recognising a file by its leading bytes, whatever its extension says.
//!
//! Clerks rename files (a .doc saved as "报告.docx", a web page saved as .txt); the
//! magic numbers decide which reader runs. This module only looks, it never decodes.

/// Binary containers we recognise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// A zip archive (.docx and the other OOXML/ODF files).
    Zip,
    /// An OLE compound file: legacy .doc/.wps, or an *encrypted* .docx.
    Cfb,
    Pdf,
    Rtf,
}

const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Built once: `memmem::find` builds its searcher again at every call.
static PDF_HEADER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("%PDF-"));

pub fn container(bytes: &[u8]) -> Option<Container> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Some(Container::Zip)
    } else if bytes.starts_with(&CFB_MAGIC) {
        Some(Container::Cfb)
    } else if PDF_HEADER.find(&bytes[..bytes.len().min(1024)]).is_some() {
        // The PDF header may follow a little junk; readers accept it within 1 KiB.
        Some(Container::Pdf)
    } else if bytes.starts_with(b"{\\rtf") {
        Some(Container::Rtf)
    } else {
        None
    }
}

/// An encrypted OOXML package is a compound file holding an `EncryptedPackage` stream;
/// its directory stores names in UTF-16LE.
pub fn cfb_is_encrypted_ooxml(bytes: &[u8]) -> bool {
    let needle: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

/// Text that starts (after a BOM and whitespace) with an HTML doctype or a common tag.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    let head: Vec<u8> = b[start..b.len().min(start + 16)].to_ascii_lowercase();
    [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<div",
        b"<p>",
        b"<p ",
        b"<table",
    ]
    .iter()
    .any(|t| head.starts_with(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_numbers() {
        assert_eq!(container(b"PK\x03\x04rest"), Some(Container::Zip));
        assert_eq!(container(&CFB_MAGIC), Some(Container::Cfb));
        assert_eq!(container(b"%PDF-1.7\n"), Some(Container::Pdf));
        assert_eq!(container(b"{\\rtf1\\ansi"), Some(Container::Rtf));
        // The PDF header after junk: within the first KiB, not after it.
        let mut junk = vec![b' '; 1019];
        junk.extend_from_slice(b"%PDF-1.4");
        assert_eq!(container(&junk), Some(Container::Pdf));
        junk.insert(0, b' ');
        assert_eq!(container(&junk), None);
        assert_eq!(container("一、总体情况".as_bytes()), None);
        assert_eq!(container(b""), None);
    }

    #[test]
    fn encrypted_package_name() {
        let mut b = CFB_MAGIC.to_vec();
        b.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(cfb_is_encrypted_ooxml(&b));
        assert!(!cfb_is_encrypted_ooxml(&CFB_MAGIC));
    }

    #[test]
    fn html_openings() {
        assert!(looks_like_html(b"\n  <!DOCTYPE html><html>"));
        assert!(looks_like_html("\u{feff}<p>一、总体情况</p>".as_bytes()));
        assert!(!looks_like_html("一、总体情况 <p>".as_bytes()));
    }
}
