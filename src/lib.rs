//! handbill turns one YAML campaign file into an outreach kit.
//!
//! The pipeline: `spec` (YAML → raw types, every mistake recorded) → `model` (validated,
//! units resolved, files read) → layout → render → output. See ARCHITECTURE.md.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]
#![allow(clippy::result_large_err)] // diagnostics are returned by value; they are rare and rich

pub mod app;
pub mod cli;
pub mod designs;
pub mod diag;
pub mod fonts;
pub mod kit;
pub mod layout;
pub mod manifest;
pub mod model;
pub mod output;
pub mod render;
pub mod review;
pub mod scene;
pub mod spec;
pub mod spool;
pub mod suggest;
pub mod verify;

pub use model::{Campaign, load_campaign};
