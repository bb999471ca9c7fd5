//! The products of a kit, made in memory: poster PDFs (+ previews), social images (+ alt
//! text), QR files and the caption. Every QR code is decoded back from the pixels that carry it
//! before a product counts as made; products wait in the spool until the run writes them.
//!
//! Below `manifest`, `review` and `output`: those read products, never the reverse.

pub mod caption;
pub mod lint;
pub mod plan;
pub mod poster;
pub mod product;
pub mod proof;
pub mod qr;
pub mod session;
pub mod social;
pub mod spool;

pub use plan::{Job, Keep, Made, MakeOptions, Part, Progress, Shard, Silent, make, plan};
pub use poster::{poster_groups, poster_pdf, poster_scene};
pub use product::{Product, ProductKind, QrInfo};
pub use session::Session;
pub use social::{canvas_for, social_image, social_scene};
pub use spool::Spool;
