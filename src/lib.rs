//! handbill turns one YAML campaign file into an outreach kit.
//!
//! The pipeline: `spec` (YAML → raw types, every mistake recorded) → `model` (validated,
//! units resolved, files read) → layout → render → output. See ARCHITECTURE.md.

pub mod app;
pub mod cli;
pub mod designs;
pub mod diag;
pub mod fonts;
pub mod kit;
pub mod layout;
pub mod output;
pub mod render;
pub mod scene;
pub mod verify;
pub mod model;
pub mod spec;
pub mod suggest;

pub use model::{Campaign, load_campaign};
