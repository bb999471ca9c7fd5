//! The products of a kit, made in memory: poster PDFs (+ previews), social images (+ alt
//! text), QR files and the caption. Every QR code is decoded back from the pixels that carry it
//! before a product counts as made; products wait in the spool until the run writes them.
//!
//! Below `manifest`, `review` and `output`: those read products, never the reverse.

pub(crate) mod caption;
pub(crate) mod lint;
pub(crate) mod plan;
pub(crate) mod poster;
pub mod product;
pub mod proof;
pub(crate) mod qr;
pub(crate) mod session;
pub(crate) mod social;
pub(crate) mod spool;
mod trial;

pub(crate) use plan::{Job, Keep, Made, MakeOptions, Part, Progress, Shard, make, plan};
pub use poster::{poster_groups, poster_pdf, poster_scene};
pub(crate) use product::Product;
pub use product::ProductKind;
pub use session::Session;
pub use social::{canvas_for, social_image, social_scene};
pub(crate) use spool::Spool;
pub use trial::{draw_both, font_trial};
