//! Thin binary: parse arguments, run, exit with the run's code. The hidden first
//! argument `__worker` makes it a contained reader instead (`gongkai::worker`).

use clap::Parser;
use std::alloc::{GlobalAlloc, Layout};

/// mimalloc instead of the system allocator: a draft's check makes tens of thousands
/// of small allocations, and glibc's malloc/free were a tenth of the time (BENCHMARKS.md).
/// A failed allocation is reported to `worker` first: in a worker process it means the
/// memory limit was reached, and the worker exits with the code the parent expects.
struct Allocator;

// SAFETY: every call is forwarded to mimalloc unchanged; on failure `allocation_failed`
// either ends the process or returns, and the null pointer is passed on.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { mimalloc::MiMalloc.alloc(layout) };
        if p.is_null() {
            gongkai::worker::allocation_failed();
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) };
        if p.is_null() {
            gongkai::worker::allocation_failed();
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) };
        if p.is_null() {
            gongkai::worker::allocation_failed();
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Allocator = Allocator;

/// Transparent huge pages off for this process (and its workers): mimalloc asks for them
/// on its arenas, and the kernel then zeroes 2 MB at the first touch of each. That was a
/// third of a one-file run's time and 7 % of a 5,000-draft batch (BENCHMARKS.md, stop 11).
/// Checked at each page fault, so it holds for memory mapped before `main` too.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_THP_DISABLE only sets a flag of this process; the
    // result is not needed (on failure the process runs as before).
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn main() {
    no_huge_pages();
    let mut args = std::env::args_os().skip(1);
    if args
        .next()
        .is_some_and(|a| a == gongkai::worker::WORKER_ARG)
    {
        let rest: Vec<String> = args.map(|a| a.to_string_lossy().into_owned()).collect();
        std::process::exit(gongkai::worker::serve_stdio(&rest));
    }
    gongkai::worker::enable();
    let cli = gongkai::cli::Cli::parse();
    let code = gongkai::run(cli);
    std::process::exit(code);
}
