//! One worker process per thread of the parent, reused for the files that thread reads.
//!
//! A worker is retired (never asked again) after any failure — a timeout, a death, a
//! reply that does not parse, a panic it caught — and after [`MAX_SERVED`] files. When a
//! worker that had already served other files fails, the file is read again by a fresh
//! worker, whose answer stands: what a file gives (an out-of-memory error included)
//! never depends on the files read before it in the same worker.

use super::{death, from_wire, wire, Limits, Reply, Request, STDERR_KEEP, WORKER_ARG};
use crate::source::{LoadError, Source};
use replies::{Exchange, Replies};
use std::cell::RefCell;
use std::io::Read;
use std::process::{Child, ChildStdin, Command, Stdio};

mod replies;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// Files one worker reads before it is replaced by a fresh one.
pub const MAX_SERVED: usize = 200;

thread_local! {
    static WORKER: RefCell<Option<Worker>> = const { RefCell::new(None) };
}

/// Read one file in this thread's worker (started on first use).
pub fn load(name: &str, bytes: &[u8], limits: &Limits) -> Result<Source, LoadError> {
    WORKER.with(|slot| {
        let mut slot = slot.borrow_mut();
        let reusable = slot
            .as_ref()
            .is_some_and(|w| w.limits == *limits && w.served < MAX_SERVED);
        if !reusable {
            *slot = None;
        }
        let reused = slot.is_some();
        let mut worker = match slot.take() {
            Some(w) => w,
            None => Worker::start(limits)?,
        };
        let (answer, healthy) = worker.ask(name, bytes);
        if healthy {
            *slot = Some(worker);
            return answer;
        }
        drop(worker);
        // A timeout is the file's own: reading it again would only double the wait.
        if reused && !matches!(answer, Err(LoadError::Timeout { .. })) {
            let mut fresh = Worker::start(limits)?;
            let (again, healthy) = fresh.ask(name, bytes);
            if healthy {
                *slot = Some(fresh);
            }
            return again;
        }
        answer
    })
}

struct Worker {
    child: Child,
    stdin: Option<ChildStdin>,
    /// Where reply frames come from.
    replies: Replies,
    /// The start of what the worker wrote to stderr since the current request.
    stderr: Arc<Mutex<Vec<u8>>>,
    stderr_reader: Option<JoinHandle<()>>,
    limits: Limits,
    served: usize,
}

impl Worker {
    fn start(limits: &Limits) -> Result<Worker, LoadError> {
        let exe = std::env::current_exe()
            .map_err(|e| LoadError::Crashed(format!("找不到 gongkai 程序本身：{e}")))?;
        let mut child = Command::new(exe)
            .arg(WORKER_ARG)
            .arg(limits.memory.to_string())
            // mimalloc (the binary's allocator) reserves 1 GiB of address space per arena
            // by default, which alone exceeds a small RLIMIT_AS; reserve in small steps.
            .env("MIMALLOC_ARENA_RESERVE", "32MiB")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| LoadError::Crashed(format!("无法启动读取进程：{e}")))?;
        let (Some(stdin), Some(stdout), Some(mut err)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(LoadError::Crashed("无法连接读取进程".into()));
        };
        let replies = Replies::new(stdout, limits.memory);
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let kept = Arc::clone(&stderr);
        // Keep the start of the stderr of each request; drain the rest so the worker
        // never blocks on a full pipe.
        let stderr_reader = std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    return;
                }
                if let Ok(mut k) = kept.lock() {
                    let room = STDERR_KEEP.saturating_sub(k.len());
                    k.extend_from_slice(&buf[..n.min(room)]);
                }
            }
        });
        Ok(Worker {
            child,
            stdin: Some(stdin),
            replies,
            stderr,
            stderr_reader: Some(stderr_reader),
            limits: *limits,
            served: 0,
        })
    }

    /// Send one request and wait for its answer; `false` when this worker must not be
    /// asked again.
    fn ask(&mut self, name: &str, bytes: &[u8]) -> (Result<Source, LoadError>, bool) {
        if let Ok(mut k) = self.stderr.lock() {
            k.clear();
        }
        self.served += 1;
        let header = serde_json::to_string(&Request {
            name: name.to_string(),
            len: bytes.len(),
        })
        .unwrap_or_default();
        let Some(stdin) = self.stdin.as_mut() else {
            return (Err(LoadError::Crashed("读取进程已关闭".into())), false);
        };
        let request = [header.as_bytes(), b"\n", bytes];
        let answer = self
            .replies
            .exchange(&mut self.child, stdin, &request, self.limits.timeout);
        match answer {
            Ok(frame) => match wire::decode(&frame) {
                Some(Reply::Loaded(w)) => (Ok(from_wire(name, w)), true),
                Some(Reply::Failed(m)) => (Err(LoadError::Reader(m)), true),
                Some(Reply::Panicked(m)) => (Err(LoadError::Crashed(m)), false),
                None => (
                    Err(LoadError::Crashed("读取进程的回复无法解析".into())),
                    false,
                ),
            },
            Err(Exchange::TimedOut) => (
                Err(LoadError::Timeout {
                    secs: self.limits.timeout.as_secs().max(1),
                }),
                false,
            ),
            // The worker closed its output: it died.
            Err(Exchange::Closed) => (Err(self.death()), false),
        }
    }

    /// Why the worker ended (it closed its output without answering).
    fn death(&mut self) -> LoadError {
        let status = self.child.wait();
        if let Some(h) = self.stderr_reader.take() {
            let _ = h.join();
        }
        let stderr = self
            .stderr
            .lock()
            .map(|k| String::from_utf8_lossy(&k).into_owned())
            .unwrap_or_default();
        match status {
            Ok(status) => death(status, &stderr, &self.limits),
            Err(e) => LoadError::Crashed(format!("读取进程状态未知：{e}")),
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Closing its input ends an idle worker; one that is not idle is stopped.
        drop(self.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
