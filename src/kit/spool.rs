//! Finished products wait on disk, not in memory, until every product of the run is made
//! (nothing is written into the output folder before that). One anonymous temporary file
//! beside the output folder (on its file system, never in `$TMPDIR`, which is often a small
//! tmpfs; already unlinked, so a crash leaves nothing behind) holds them end to end;
//! each product keeps only its place in it, its length and its SHA-256. Memory therefore
//! stays flat however many campaigns, groups or images a run makes.

use std::io;
use std::sync::atomic::{AtomicU64, Ordering};

/// Products smaller than this stay in memory (text files, small images).
pub(crate) const MIN_SPILL: usize = 32 * 1024;

pub(crate) struct Spool {
    file: std::fs::File,
    end: AtomicU64,
}

/// Where one product's bytes are in the spool.
#[derive(Debug, Clone)]
pub(crate) struct Spilled {
    at: u64,
    pub(crate) len: usize,
    pub(crate) sha256: String,
}

impl Spool {
    #[cfg(test)]
    pub(crate) fn new() -> io::Result<Self> {
        Self::beside(&std::env::temp_dir().join("out"))
    }

    /// A spool on the file system of `out` (in the nearest folder of its path that exists;
    /// nothing is created).
    pub(crate) fn beside(out: &std::path::Path) -> io::Result<Self> {
        let mut dir = out.parent();
        while let Some(d) = dir {
            let d = if d.as_os_str().is_empty() {
                std::path::Path::new(".")
            } else {
                d
            };
            if d.is_dir() {
                return Ok(Spool {
                    file: tempfile::tempfile_in(d)?,
                    end: AtomicU64::new(0),
                });
            }
            dir = d.parent();
        }
        Err(io::Error::other("no folder for the spool"))
    }

    /// Store `bytes`; safe to call from many threads at once (each gets its own range).
    pub(crate) fn put(&self, bytes: &[u8]) -> io::Result<Spilled> {
        let at = self.end.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        write_at(&self.file, bytes, at)?;
        Ok(Spilled {
            at,
            len: bytes.len(),
            sha256: crate::kit::product::sha256_hex(bytes),
        })
    }

    /// Read a product back.
    pub(crate) fn get(&self, s: &Spilled) -> io::Result<Vec<u8>> {
        let mut buf = vec![0; s.len];
        read_at(&self.file, &mut buf, s.at)?;
        Ok(buf)
    }
}

#[cfg(unix)]
fn write_at(f: &std::fs::File, bytes: &[u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(f, bytes, at)
}

#[cfg(unix)]
fn read_at(f: &std::fs::File, buf: &mut [u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(f, buf, at)
}

#[cfg(not(unix))]
fn write_at(_: &std::fs::File, _: &[u8], _: u64) -> io::Result<()> {
    Err(io::Error::other(
        "no spool on this system; products stay in memory",
    ))
}

#[cfg(not(unix))]
fn read_at(_: &std::fs::File, _: &mut [u8], _: u64) -> io::Result<()> {
    Err(io::Error::other("no spool on this system"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn products_come_back_whole_from_many_threads() {
        let spool = Spool::new().unwrap();
        let stored: Vec<(Vec<u8>, Spilled)> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8u8)
                .map(|i| {
                    let spool = &spool;
                    s.spawn(move || {
                        let bytes: Vec<u8> = (0..50_000u32).map(|n| (n as u8) ^ i).collect();
                        let at = spool.put(&bytes).unwrap();
                        (bytes, at)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for (bytes, at) in &stored {
            assert_eq!(&spool.get(at).unwrap(), bytes);
            assert_eq!(at.sha256, crate::kit::product::sha256_hex(bytes));
        }
    }
}
