//! The one integration test binary: each module covers one area.

mod bad_input;
mod bad_inputs;
mod batch;
mod config;
mod corpus;
mod encodings;
mod formats;
mod fuzz_regressions;
mod readers;
mod rule_packs;
mod schemas;
mod seeds;
mod support;
mod tables;
mod years;
