//! What may be read as a draft, and how a path is named to the user.
//!
//! A batch comes from other people: folders unzipped from Windows archives (file
//! names in GBK bytes), named pipes and sockets, symlinks that loop or lead out of
//! the folder given. This module decides from metadata alone, before anything is
//! opened, whether a path is a regular file that may be read — a FIFO is never
//! opened, so it can never block the run. It never reads file contents and never
//! prints.

use std::fs::{FileType, Metadata};
use std::io;
use std::path::Path;

/// Folders deeper than this below a path given on the command line are not entered.
pub const MAX_DEPTH: usize = 100;

/// A path as text for every output: UTF-8 names exactly, any other byte as `\xNN`
/// (a GBK name from a Windows archive stays distinguishable from its neighbours).
pub fn path_text(p: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = p.as_os_str().as_bytes();
        let mut out = String::with_capacity(bytes.len());
        for chunk in bytes.utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02X}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        p.to_string_lossy().into_owned()
    }
}

/// The cause of an I/O error, in Chinese.
pub fn io_cause(e: &io::Error) -> String {
    // ELOOP and ENAMETOOLONG have no stable `ErrorKind` yet.
    #[cfg(target_os = "linux")]
    const ELOOP: i32 = 40;
    #[cfg(not(target_os = "linux"))]
    const ELOOP: i32 = 62;
    #[cfg(target_os = "linux")]
    const ENAMETOOLONG: i32 = 36;
    #[cfg(not(target_os = "linux"))]
    const ENAMETOOLONG: i32 = 63;
    match (e.kind(), e.raw_os_error()) {
        (io::ErrorKind::NotFound, _) => "不存在".into(),
        (io::ErrorKind::PermissionDenied, _) => "没有读取权限".into(),
        (_, Some(ELOOP)) => "符号链接形成循环（或层数过多），无法解析".into(),
        (_, Some(ENAMETOOLONG)) => "路径过长".into(),
        _ => e.to_string(),
    }
}

/// What a file that is neither a regular file nor a folder is, for messages.
pub fn special_kind(t: &FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "命名管道（FIFO）";
        }
        if t.is_socket() {
            return "套接字（socket）";
        }
        if t.is_block_device() || t.is_char_device() {
            return "设备文件";
        }
    }
    if t.is_symlink() {
        return "符号链接";
    }
    "特殊文件"
}

/// Why a path named on the command line cannot be read as a draft, from its
/// metadata (the link itself, then what it points to); `None` when it is a regular
/// file or a folder.
pub fn refuse(p: &Path) -> Option<String> {
    let link = match std::fs::symlink_metadata(p) {
        Ok(m) => m,
        Err(e) => return Some(format!("无法读取：{}", io_cause(&e))),
    };
    let target: Metadata = match std::fs::metadata(p) {
        Ok(m) => m,
        Err(e) if link.file_type().is_symlink() => return Some(unresolved(&e)),
        Err(e) => return Some(format!("无法读取：{}", io_cause(&e))),
    };
    if target.is_file() || target.is_dir() {
        return None;
    }
    Some(format!(
        "不是普通文件，而是{}，不会读取；请指定普通文件",
        special_kind(&target.file_type())
    ))
}

/// Why a symbolic link cannot be followed.
pub fn unresolved(e: &io::Error) -> String {
    if e.kind() == io::ErrorKind::NotFound {
        "找不到文件：符号链接指向的目标不存在".into()
    } else {
        format!("符号链接无法解析：{}", io_cause(e))
    }
}

/// A long path shortened for a message: the first and last few components.
pub fn short_path(p: &Path) -> String {
    let parts: Vec<_> = p.components().collect();
    if parts.len() <= 8 {
        return path_text(p);
    }
    let head: std::path::PathBuf = parts[..3].iter().collect();
    let tail: std::path::PathBuf = parts[parts.len() - 3..].iter().collect();
    format!(
        "{}/…（共 {} 层）…/{}",
        path_text(&head),
        parts.len(),
        path_text(&tail)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn non_utf8_bytes_are_escaped() {
        use std::os::unix::ffi::OsStrExt;
        let p = Path::new(std::ffi::OsStr::from_bytes(
            b"d/\xb1\xa8\xb8\xe6\xe6\x8a\xa5.txt",
        ));
        assert_eq!(path_text(p), "d/\\xB1\\xA8\\xB8\\xE6报.txt");
        assert_eq!(path_text(Path::new("年报/a.txt")), "年报/a.txt");
    }

    #[test]
    fn long_paths_are_shortened() {
        let p: std::path::PathBuf = (0..20).map(|i| format!("d{i}")).collect();
        assert_eq!(short_path(&p), "d0/d1/d2/…（共 20 层）…/d17/d18/d19");
    }
}
