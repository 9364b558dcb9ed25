//! The inputs of a `gongkai check` run: the command-line paths expanded into the
//! files to read (folders walked, globs expanded), each file once, with the one
//! configuration of the run and the notes about what was skipped.
//!
//! Only regular files are read — a FIFO, socket or device is never opened, a link
//! leading out of the folder given is not followed — and the configuration comes from
//! `--config` or the current folder upward, never from inside the paths being
//! checked: a submission must not decide its own verdict. Output paths are checked
//! against the inputs here too, before any work. Nothing here reads a draft or prints.

use crate::cli::CheckArgs;
use crate::config::{self, Loaded};
use crate::source::{self, LoadError};
use crate::{input, output, render};
use std::path::{Path, PathBuf};

pub(crate) enum What {
    Stdin,
    File(PathBuf),
    Missing(PathBuf, String),
}

pub(crate) struct Input {
    pub(crate) what: What,
    /// Index into the loaded configurations.
    pub(crate) config: Option<usize>,
}

/// The configuration of a run: `--config`, or the nearest `gongkai.yaml` from the
/// current folder upward — never one found inside the paths being checked (a
/// submission must not decide its own verdict), and none with `--isolated`.
pub(crate) struct Configs {
    pub(crate) loaded: Vec<Loaded>,
    /// The configuration file in use, canonical (to recognise it while walking).
    trusted: Option<PathBuf>,
    /// Configuration files found inside the checked folders and ignored.
    ignored: Vec<PathBuf>,
}

impl Configs {
    pub(crate) fn new(args: &CheckArgs) -> Result<Configs, Box<config::ConfigError>> {
        let mut c = Configs {
            loaded: Vec::new(),
            trusted: None,
            ignored: Vec::new(),
        };
        let path = match &args.config {
            Some(p) => Some(p.clone()),
            None if args.no_config => None,
            None => config::discover(Path::new(".")),
        };
        if let Some(p) = path {
            let key = std::path::absolute(&p).unwrap_or_else(|_| p.clone());
            c.loaded.push(Loaded::read(&p, shown(&key))?);
            c.trusted = std::fs::canonicalize(&p).ok();
        }
        Ok(c)
    }

    /// The configuration for every file of the run.
    fn for_file(&self) -> Option<usize> {
        (!self.loaded.is_empty()).then_some(0)
    }

    /// A configuration file met while walking a checked folder: ignored unless it
    /// is the one in use.
    fn met(&mut self, path: &Path) {
        let canon = std::fs::canonicalize(path).ok();
        if canon.is_none() || canon != self.trusted {
            self.ignored.push(path.to_path_buf());
        }
    }
}

/// A path as shown to the user: relative to the working directory when inside it.
fn shown(abs: &Path) -> String {
    let rel = std::env::current_dir()
        .ok()
        .and_then(|cwd| abs.strip_prefix(cwd).ok().map(Path::to_path_buf));
    input::path_text(&rel.unwrap_or_else(|| abs.to_path_buf()))
}

fn is_glob(p: &str) -> bool {
    p.contains(['*', '?', '['])
}

fn hidden(e: &walkdir::DirEntry) -> bool {
    e.depth() > 0 && e.file_name().to_str().is_some_and(|n| n.starts_with('.'))
}

/// The inputs of a run, each file once, and the notes about what was skipped.
#[derive(Default)]
pub(crate) struct Collected {
    pub(crate) inputs: Vec<Input>,
    pub(crate) notes: Vec<String>,
    /// Canonical paths of the files to check (a file given twice is checked once).
    seen: std::collections::HashSet<PathBuf>,
    /// Files found so far, duplicates included.
    found: usize,
    noted: std::collections::HashSet<PathBuf>,
}

impl Collected {
    /// Add a file unless it is already in the run under another spelling.
    fn file(&mut self, path: PathBuf, config: Option<usize>) {
        let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        self.file_keyed(path, key, config);
    }

    /// Add a file whose canonical path is already known.
    fn file_keyed(&mut self, path: PathBuf, key: PathBuf, config: Option<usize>) {
        self.found += 1;
        if self.seen.insert(key) {
            self.inputs.push(Input {
                what: What::File(path),
                config,
            });
        }
    }

    fn missing(&mut self, path: PathBuf, why: String) {
        self.inputs.push(Input {
            what: What::Missing(path, why),
            config: None,
        });
    }

    fn note(&mut self, path: &Path, why: &str) {
        // Once per file, however many times its folder is given.
        let key = path
            .parent()
            .and_then(|d| {
                std::fs::canonicalize(if d.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    d
                })
                .ok()
            })
            .map(|d| d.join(path.file_name().unwrap_or_default()))
            .unwrap_or_else(|| path.to_path_buf());
        if !self.noted.insert(key) {
            return;
        }
        self.notes.push(format!(
            "{}：{why}",
            render::escape::line(&input::path_text(path))
        ));
    }
}

/// Walk one folder given on the command line.
fn walk(root: &Path, configs: &mut Configs, c: &mut Collected) {
    let resolved_root = std::fs::canonicalize(root).ok();
    let canonical_root = resolved_root.clone().unwrap_or_else(|| root.to_path_buf());
    let before = c.found;
    let mut excluded = 0;
    let mut too_deep = false;
    // `gongkai check .` shows `2024/a.txt`, not `./2024/a.txt`.
    let tidy = |p: &Path| {
        p.strip_prefix(".")
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| p.to_path_buf())
    };
    for entry in walkdir::WalkDir::new(root)
        .follow_links(false)
        .max_depth(input::MAX_DEPTH)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !hidden(e))
    {
        let e = match entry {
            Ok(e) => e,
            Err(e) => {
                let at = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| root.to_path_buf());
                let cause = e
                    .io_error()
                    .map(input::io_cause)
                    .unwrap_or_else(|| e.to_string());
                c.missing(tidy(&at), format!("无法读取目录：{cause}"));
                continue;
            }
        };
        let t = e.file_type();
        let path = e.path();
        if t.is_dir() {
            if e.depth() == input::MAX_DEPTH && !too_deep {
                too_deep = true;
                c.notes.push(format!(
                    "{}：目录层级超过 {} 层，更深的内容没有检查",
                    render::escape::line(&input::short_path(path)),
                    input::MAX_DEPTH
                ));
            }
            continue;
        }
        if t.is_file() && config::FILE_NAMES.iter().any(|n| e.file_name() == *n) {
            configs.met(path);
            continue;
        }
        let wanted = source::supported_extension(path);
        if t.is_symlink() {
            match std::fs::metadata(path) {
                Err(err) if wanted => c.missing(tidy(path), input::unresolved(&err)),
                Err(_) => {}
                Ok(m) => {
                    let target = std::fs::canonicalize(path).ok();
                    let inside = target
                        .as_ref()
                        .is_some_and(|t| t.starts_with(&canonical_root));
                    if !inside && (wanted || m.is_dir()) {
                        c.note(&tidy(path), "符号链接指向被检查的目录之外，已跳过");
                    } else if wanted && !m.is_file() && !m.is_dir() {
                        let why = format!(
                            "符号链接指向的是{}，不是普通文件，已跳过",
                            input::special_kind(&m.file_type())
                        );
                        c.note(&tidy(path), &why);
                    } else if wanted && m.is_file() {
                        accept(&tidy(path), None, configs, c, &mut excluded);
                    }
                }
            }
            continue;
        }
        if !wanted {
            continue;
        }
        if t.is_file() {
            // Below the root the walk enters real folders only (links are not
            // followed), so the file's canonical path is the root's and the names
            // under it: no `canonicalize`, which costs a system call per component.
            let key = resolved_root
                .as_ref()
                .zip(path.strip_prefix(root).ok())
                .map(|(r, rel)| r.join(rel));
            accept(&tidy(path), key, configs, c, &mut excluded);
        } else {
            let why = format!("这是{}，不是普通文件，已跳过", input::special_kind(&t));
            c.note(&tidy(path), &why);
        }
    }
    if c.found == before {
        let why = if excluded > 0 {
            format!("目录中的 {excluded} 个文件都被配置文件的 include/exclude 排除了")
        } else {
            format!("目录中没有可检查的 {} 文件", source::SUPPORTED_HINT)
        };
        c.missing(root.to_path_buf(), why);
    }
}

/// A regular file found in a folder (with its canonical path when known): checked
/// unless the configuration excludes it.
fn accept(
    path: &Path,
    key: Option<PathBuf>,
    configs: &Configs,
    c: &mut Collected,
    excluded: &mut usize,
) {
    let config = configs.for_file();
    if config.is_some_and(|i| !configs.loaded[i].selects(path)) {
        *excluded += 1;
        return;
    }
    match key {
        Some(key) => c.file_keyed(path.to_path_buf(), key, config),
        None => c.file(path.to_path_buf(), config),
    }
}

/// Expand the command-line paths into inputs, each with its configuration.
pub(crate) fn collect(paths: &[PathBuf], configs: &mut Configs) -> Collected {
    let mut c = Collected::default();
    for p in paths {
        let arg = p.to_string_lossy();
        if arg == "-" {
            c.inputs.push(Input {
                what: What::Stdin,
                config: configs.for_file(),
            });
            continue;
        }
        let exists = std::fs::symlink_metadata(p).is_ok();
        if !exists && is_glob(&arg) {
            let before = c.found;
            let mut matched = glob::glob(&arg)
                .map(|paths| paths.filter_map(Result::ok).collect::<Vec<_>>())
                .unwrap_or_default();
            matched.sort();
            for m in matched {
                if !source::supported_extension(&m)
                    || !std::fs::metadata(&m).is_ok_and(|m| m.is_file())
                {
                    continue;
                }
                let config = configs.for_file();
                if config.is_some_and(|i| !configs.loaded[i].selects(&m)) {
                    continue;
                }
                c.file(m, config);
            }
            if c.found == before {
                c.missing(p.clone(), format!("没有可检查的文件匹配「{arg}」"));
            }
        } else if !exists {
            c.missing(
                p.clone(),
                LoadError::NotFound(input::path_text(p)).to_string(),
            );
        } else if let Some(why) = input::refuse(p) {
            c.missing(p.clone(), why);
        } else if p.is_dir() {
            walk(p, configs, &mut c);
        } else {
            let config = configs.for_file();
            c.file(p.clone(), config);
        }
    }
    for ignored in std::mem::take(&mut configs.ignored) {
        c.note(
            &ignored,
            "被检查目录中的配置文件不会读取（配置只从当前目录及其上级目录或 --config 读取），已忽略",
        );
    }
    c
}

/// Refuse, before any work, an output file that is an input or named twice.
pub(crate) fn check_outputs(
    args: &CheckArgs,
    c: &Collected,
    configs: &Configs,
) -> Result<(), String> {
    use clap::ValueEnum;
    let mut outputs: Vec<(String, &Path)> = Vec::new();
    for o in &args.outputs {
        let name = o
            .format
            .to_possible_value()
            .map(|v| v.get_name().to_string())
            .unwrap_or_default();
        outputs.push((format!("--output {name}:…"), &o.path));
    }
    if let Some(p) = &args.summary_csv {
        outputs.push(("--summary-csv".into(), p));
    }
    if let Some(p) = &args.html {
        outputs.push(("--html".into(), p));
    }
    let mut inputs = c.seen.clone();
    inputs.extend(configs.trusted.iter().cloned());
    for a in &args.paths {
        if let Ok(p) = std::fs::canonicalize(a) {
            inputs.insert(p);
        }
    }
    output::check(&outputs, &inputs)
}
