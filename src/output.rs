//! Report files a run writes (`--output FORMAT:FILE`, `--html`, `--summary-csv`).
//!
//! Inputs are read-only: an output path that is one of the drafts (or the
//! configuration in use), or that two options name, is refused before any file is
//! checked. Every report is written to a temporary file in the same folder and
//! renamed into place, so an interrupted run leaves the old file or none — never
//! half a report. Nothing here renders or prints.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The file an output path names, whether or not it exists yet: canonical when it
/// exists, else its canonical folder joined with its name.
pub fn identity(p: &Path) -> PathBuf {
    if let Ok(c) = std::fs::canonicalize(p) {
        return c;
    }
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    match (abs.parent(), abs.file_name()) {
        (Some(dir), Some(name)) => std::fs::canonicalize(dir)
            .map(|d| d.join(name))
            .unwrap_or(abs.clone()),
        _ => abs,
    }
}

/// Refuse outputs that would overwrite an input or each other. `outputs` are
/// (option as the user wrote it, path); `inputs` are canonical paths. Returns the
/// message for the first conflict.
pub fn check(outputs: &[(String, &Path)], inputs: &HashSet<PathBuf>) -> Result<(), String> {
    let mut taken: Vec<(PathBuf, &str)> = Vec::new();
    for (option, path) in outputs {
        let id = identity(path);
        let shown = crate::render::escape::line(&crate::input::path_text(path)).into_owned();
        if inputs.contains(&id) {
            return Err(format!(
                "错误：输出文件 {shown}（{option}）是本次要检查或读取的文件，写入会覆盖它；请换一个输出路径\n"
            ));
        }
        if let Some((_, first)) = taken.iter().find(|(p, _)| *p == id) {
            return Err(format!(
                "错误：输出文件 {shown} 被指定了两次（{first} 与 {option}），后写的会覆盖先写的；请给每种输出一个不同的文件\n"
            ));
        }
        taken.push((id, option));
    }
    Ok(())
}

/// Write `text` to `path` through a temporary file in the same folder.
pub fn write(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.gongkai-{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_file_under_two_spellings_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.html");
        let b = dir.path().join("sub/../a.html");
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let outs = [
            ("--html".to_string(), a.as_path()),
            ("-o junit".to_string(), b.as_path()),
        ];
        let e = check(&outs, &HashSet::new()).unwrap_err();
        assert!(e.contains("被指定了两次"), "{e}");
        let inputs: HashSet<PathBuf> = [identity(&a)].into();
        let e = check(&outs[..1], &inputs).unwrap_err();
        assert!(e.contains("要检查"), "{e}");
    }

    #[test]
    fn written_through_a_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.csv");
        std::fs::write(&p, "old").unwrap();
        write(&p, "new").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
