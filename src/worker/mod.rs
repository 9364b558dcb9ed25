//! Contained readers: the readers of untrusted binary and markup formats (.docx, HTML,
//! PDF) run in a worker process, so that a panic, an abort, a stack overflow, a runaway
//! allocation or an endless loop ends that one file and never the run.
//!
//! The binary re-executes itself as `gongkai __worker MEMORY_BYTES` (see `main.rs`):
//! the parent writes requests to the worker's stdin — a JSON header line (the file's
//! name and byte count), then the bytes — and the worker answers each on stdout with
//! one frame (eight bytes of length, then the reply in [`wire`]'s binary form): the
//! loaded `Source` or the load error's message. The worker limits
//! its own address space (`RLIMIT_AS`); the parent enforces the wall-clock limit by
//! killing it. A worker serves the files of one thread of the parent in turn
//! ([`pool`]): starting a process per file cost about 3 ms, more than reading a
//! generated .docx. A worker that fails in any way is never used again, and a file a
//! reused worker failed on is read once more by a fresh one, so what a file gives does
//! not depend on the files read before it.
//!
//! [`load_contained`] (bytes + name → `Source`) is the reusable entry point (for
//! `gongkai check` and a future `gongkai serve`). Containment is only available when the
//! running executable is `gongkai` itself ([`enable`], called by `main.rs`); library
//! callers and unit tests read in-process. This module never prints.

pub use crate::source::process::{allocation_failed, in_worker, OUT_OF_MEMORY_EXIT};
use crate::source::{self, Grid, LoadError, Place, Source};
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// The hidden first argument that turns the binary into a worker.
pub const WORKER_ARG: &str = "__worker";

mod pool;
mod wire;

/// Default wall-clock limit of one file's reader.
pub const DEFAULT_TIMEOUT_SECS: u64 = 30;

/// Default address-space limit of one worker (MB). Peak memory of a batch is about
/// `--jobs` × this, plus the parent.
pub const DEFAULT_MAX_MEMORY_MB: u64 = 512;

/// Stderr kept from a dying worker, to name the cause.
const STDERR_KEEP: usize = 4096;

static AVAILABLE: AtomicBool = AtomicBool::new(false);

/// Declare that the running executable is the `gongkai` binary, which answers
/// [`WORKER_ARG`]. Without it every load is in-process.
pub fn enable() {
    AVAILABLE.store(true, Ordering::Relaxed);
}

/// Limits of one contained read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Address-space limit of the worker (bytes).
    pub memory: u64,
    pub timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            memory: DEFAULT_MAX_MEMORY_MB * 1024 * 1024,
            timeout: Duration::from_secs(DEFAULT_TIMEOUT_SECS),
        }
    }
}

/// How files are read: in a worker process under limits, or in this process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Contained(Limits),
    InProcess,
}

impl Mode {
    /// Contained when the binary supports it and `in_process` was not asked for.
    pub fn new(limits: Limits, in_process: bool) -> Mode {
        if in_process || !AVAILABLE.load(Ordering::Relaxed) {
            Mode::InProcess
        } else {
            Mode::Contained(limits)
        }
    }

    /// Load a file from disk: plain text in-process, the other formats as `self` says.
    pub fn load_path(&self, path: &Path, max_bytes: u64) -> Result<Source, LoadError> {
        match self {
            Mode::InProcess => source::load_path(path, max_bytes),
            Mode::Contained(limits) => {
                let (name, bytes) = source::read_file(path, max_bytes)?;
                load(&name, &bytes, limits)
            }
        }
    }

    /// Load bytes named `name` (an upload), like [`Mode::load_path`].
    pub fn load_bytes(&self, name: &str, bytes: &[u8]) -> Result<Source, LoadError> {
        match self {
            Mode::InProcess => source::load_bytes(name, bytes),
            Mode::Contained(limits) => load(name, bytes, limits),
        }
    }

    /// Load standard input (type sniffed), like [`Mode::load_path`].
    pub fn load_stdin(&self, max_bytes: u64) -> Result<Source, LoadError> {
        match self {
            Mode::InProcess => source::load_stdin(max_bytes),
            Mode::Contained(limits) => load("-", &source::read_stdin(max_bytes)?, limits),
        }
    }
}

fn load(name: &str, bytes: &[u8], limits: &Limits) -> Result<Source, LoadError> {
    if source::needs_reader(name, bytes) {
        load_contained(name, bytes, limits)
    } else {
        source::load_bytes(name, bytes)
    }
}

/// What crosses the pipe: a loaded source without its path (the parent names it),
/// in the binary form of [`wire`].
struct Wire {
    text: String,
    encoding: String,
    origins: Vec<(usize, Place)>,
    grids: Vec<Grid>,
    headings: Vec<(usize, u8)>,
}

enum Reply {
    Loaded(Wire),
    Failed(String),
    /// The reader panicked (caught): this worker is not used again.
    Panicked(String),
}

/// The header line of a request: the bytes that follow and the name they are read as.
#[derive(Serialize, Deserialize)]
struct Request {
    name: String,
    len: usize,
}

/// Read `bytes` as a file named `name` (as [`source::load_bytes`] does) in a worker
/// process under `limits`. Any way the worker can die becomes a load error of this
/// file: [`LoadError::Timeout`], [`LoadError::OutOfMemory`] or [`LoadError::Crashed`].
pub fn load_contained(name: &str, bytes: &[u8], limits: &Limits) -> Result<Source, LoadError> {
    pool::load(name, bytes, limits)
}

/// Why a worker died, from its exit status and the start of its stderr.
fn death(status: std::process::ExitStatus, stderr: &str, limits: &Limits) -> LoadError {
    let mb = limits.memory / (1024 * 1024);
    if status.code() == Some(OUT_OF_MEMORY_EXIT) || stderr.contains("memory allocation of") {
        return LoadError::OutOfMemory { mb };
    }
    if stderr.contains("stack overflow") || stderr.contains("overflowed its stack") {
        return LoadError::Crashed("栈溢出，文件中可能有自我引用的结构".into());
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            if sig == libc::SIGKILL {
                // Killed from outside (the kernel's OOM killer, or a user).
                return LoadError::OutOfMemory { mb };
            }
            return LoadError::Crashed(format!("读取进程因信号 {sig} 异常终止"));
        }
    }
    LoadError::Crashed(match status.code() {
        Some(c) => format!("读取进程异常退出，退出码 {c}"),
        None => "读取进程异常退出".into(),
    })
}

fn from_wire(name: &str, w: Wire) -> Source {
    let mut s = Source::new(name, w.text, static_encoding(&w.encoding));
    s.origins = w.origins;
    s.grids = w.grids;
    s.headings = w.headings;
    s
}

/// The `&'static str` name of an encoding that came back over the pipe.
fn static_encoding(name: &str) -> &'static str {
    match name {
        "docx" => "docx",
        "pdf" => "pdf",
        _ => encoding_rs::Encoding::for_label(name.as_bytes())
            .map(|e| e.name())
            .filter(|n| *n == name)
            .unwrap_or("unknown"),
    }
}

/// The worker's main: `gongkai __worker MEMORY_BYTES`. Answers requests on stdin until
/// it closes, returns the exit code. Panics inside the reader are answered as load
/// errors; anything worse ends the process and the parent names it.
pub fn serve_stdio(args: &[String]) -> i32 {
    source::process::mark_worker();
    // Panic messages would only reach a pipe nobody shows; the parent names the cause.
    std::panic::set_hook(Box::new(|_| {}));
    if let Some(limit) = args.first().and_then(|a| a.parse::<u64>().ok()) {
        limit_memory(limit);
    }
    let mut input = std::io::BufReader::new(std::io::stdin().lock());
    let mut out = std::io::stdout().lock();
    loop {
        let mut header = Vec::new();
        match std::io::BufRead::read_until(&mut input, b'\n', &mut header) {
            Ok(0) => return 0,
            Ok(_) => {}
            Err(_) => return 3,
        }
        let Ok(req) = serde_json::from_slice::<Request>(&header) else {
            return 3;
        };
        let mut bytes = Vec::new();
        match (&mut input).take(req.len as u64).read_to_end(&mut bytes) {
            Ok(n) if n == req.len => {}
            _ => return 3,
        }
        let reply = match std::panic::catch_unwind(|| source::load_bytes(&req.name, &bytes)) {
            Ok(Ok(s)) => Reply::Loaded(Wire {
                text: s.text,
                encoding: s.encoding.to_string(),
                origins: s.origins,
                grids: s.grids,
                headings: s.headings,
            }),
            Ok(Err(e)) => Reply::Failed(e.to_string()),
            Err(_) => Reply::Panicked(LoadError::Crashed("读取器内部错误".into()).to_string()),
        };
        drop(bytes);
        // One write of the whole frame: stdout is line-buffered, and writing into it
        // piece by piece cost as much as reading the file.
        let payload = wire::encode(&reply);
        drop(reply);
        let mut frame = Vec::with_capacity(8 + payload.len());
        frame.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        frame.extend_from_slice(&payload);
        drop(payload);
        let sent = out.write_all(&frame).is_ok() && out.flush().is_ok();
        if !sent {
            return 3;
        }
    }
}

/// Limit this process's address space (Unix); elsewhere only the timeout applies.
fn limit_memory(bytes: u64) {
    #[cfg(unix)]
    {
        let lim = libc::rlimit {
            rlim_cur: bytes as libc::rlim_t,
            rlim_max: bytes as libc::rlim_t,
        };
        // SAFETY: setrlimit reads a valid, initialised struct.
        unsafe {
            libc::setrlimit(libc::RLIMIT_AS, &lim);
        }
    }
    #[cfg(not(unix))]
    let _ = bytes;
}
