//! The one integration test binary: each module covers one area.

mod accuracy;
mod bad_input;
mod bad_inputs;
mod batch;
mod config;
mod corpus;
mod encodings;
mod files;
mod formats;
mod fuzz_regressions;
mod hostile;
mod hostile_shapes;
mod layers;
mod old_reports;
mod old_tables;
mod outputs;
mod readers;
mod renderings;
mod rule_packs;
mod scaling;
mod schemas;
mod seeds;
mod serve;
mod support;
mod tables;
mod years;
