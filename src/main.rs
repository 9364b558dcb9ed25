//! Thin binary: parse arguments, run, exit with the run's code.

use clap::Parser;

/// mimalloc instead of the system allocator: a draft's check makes tens of thousands
/// of small allocations, and glibc's malloc/free were a tenth of the time (BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = gongkai::cli::Cli::parse();
    let code = gongkai::run(cli);
    std::process::exit(code);
}
