//! Thin binary: parse arguments, run, exit with the run's code.

use clap::Parser;

fn main() {
    let cli = gongkai::cli::Cli::parse();
    let code = gongkai::run(cli);
    std::process::exit(code);
}
