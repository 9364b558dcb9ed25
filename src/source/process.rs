//! Process state the readers share with the worker above them: whether this process is
//! a contained worker, and what an allocation failure does there. It lives in the load
//! stage so that a reader (the PDF reader's thread start) can end a worker as an
//! allocation failure would, without importing `worker`.

use std::sync::atomic::{AtomicBool, Ordering};

/// Exit code of a worker whose allocation failed under its memory limit.
pub const OUT_OF_MEMORY_EXIT: i32 = 86;

static IN_WORKER: AtomicBool = AtomicBool::new(false);

/// Declare that this process is a worker (set once by `worker`, before it reads).
pub fn mark_worker() {
    IN_WORKER.store(true, Ordering::Relaxed);
}

/// Whether this process is a worker (its allocation failures end it with
/// [`OUT_OF_MEMORY_EXIT`]).
pub fn in_worker() -> bool {
    IN_WORKER.load(Ordering::Relaxed)
}

/// Called by the binary's allocator when an allocation fails. In a worker the limit
/// was reached: exit at once with the agreed code (no allocation, no unwinding).
/// Elsewhere it returns and the allocation failure takes its usual course.
pub fn allocation_failed() {
    if in_worker() {
        // SAFETY: `_exit` ends the process immediately; it is async-signal-safe.
        unsafe { libc::_exit(OUT_OF_MEMORY_EXIT) }
    }
}
