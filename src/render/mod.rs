//! Backends: pure functions from a Scene (or SVG) to bytes. No file I/O here.

pub mod pdf;
pub mod raster;
pub mod svg;
