//! handbill turns one YAML campaign file into an outreach kit.
//!
//! The pipeline: `raw` (YAML → raw types, every mistake recorded) → `model` (validated,
//! units resolved, files read) → `layout` → `scene` → `render` → `kit` (products, proven)
//! → `output` (written together, manifest last). A program needs only the calls re-exported
//! here: `load`, `check`, `make` (then `Kit::write`), `init`. See ARCHITECTURE.md.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]
#![allow(clippy::result_large_err)] // diagnostics are returned by value; they are rare and rich

pub mod app;
pub mod assets;
pub mod cli;
pub mod design;
pub mod diag;
pub mod fonts;
pub mod kit;
pub mod layout;
pub mod manifest;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod raw;
pub mod render;
pub mod review;
pub mod scene;
pub mod suggest;

pub use kit::Session;
pub use model::Campaign;
pub use pipeline::{BuildOptions, Kit, Lint, Loaded, campaign_files, check, init, load, make};
