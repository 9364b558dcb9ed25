//! gongkai: a linter for drafts of 政府信息公开工作年度报告.
//!
//! Data flow: load → normalize → structure → facts → evaluate → render.
//! Only `render/` and `main.rs` print; this module routes output to them.
#![warn(clippy::print_stdout, clippy::print_stderr)]

mod app;
mod batch;
pub mod cli;
mod commands;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod entry;
pub mod facts;
mod input;
pub mod normalize;
mod output;
pub mod render;
pub mod rules;
mod serve;
pub mod source;
mod walk;
pub mod worker;
pub mod years;

pub use app::run;
pub use commands::{check_text, CheckOptions};
