//! Reading the files a campaign names: only regular files inside the campaign's folder,
//! only PNG, JPEG or WebP, within size and pixel limits.

use std::path::{Component, Path, PathBuf};

/// Largest image file accepted, in bytes.
pub const MAX_IMAGE_BYTES: u64 = 50 * 1024 * 1024;
/// Largest image accepted, in pixels per side and in total.
pub const MAX_IMAGE_SIDE: u32 = 20_000;
pub const MAX_IMAGE_PIXELS: u64 = 50_000_000;
/// Most bytes of distinct pictures one command loads (a picture shared by many campaigns is
/// read and counted once).
pub const MAX_TOTAL_IMAGE_BYTES: u64 = 512 * 1024 * 1024;

/// Pictures already read and checked by this process, by real path, size and change time:
/// campaigns of a batch that share a picture share its bytes and its check.
struct Seen {
    kind: ImageKind,
    width: u32,
    height: u32,
    bytes: std::sync::Arc<[u8]>,
}

type SeenKey = (PathBuf, u64, Option<std::time::SystemTime>);

type SeenMap = std::collections::HashMap<SeenKey, Seen>;

/// The pictures one session has read, and their total bytes (counted against
/// `MAX_TOTAL_IMAGE_BYTES`).
#[derive(Default)]
pub(crate) struct Pictures(std::sync::Mutex<(u64, SeenMap)>);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
    Webp,
}

impl ImageKind {
    pub fn name(self) -> &'static str {
        match self {
            ImageKind::Png => "png",
            ImageKind::Jpeg => "jpeg",
            ImageKind::Webp => "webp",
        }
    }
}

/// An image file that was found, read and recognised.
#[derive(Debug, Clone)]
pub struct ImageFile {
    /// As written in the campaign file.
    pub written: String,
    pub path: PathBuf,
    pub kind: ImageKind,
    pub width: u32,
    pub height: u32,
    pub bytes: std::sync::Arc<[u8]>,
}

/// A problem with a named file: message and what to do.
pub type FileProblem = (String, String);

/// Resolve `written` (relative to `dir`) to a regular file that is really inside `dir`.
pub fn confined_file(dir: &Path, written: &str, what: &str) -> Result<PathBuf, FileProblem> {
    let real = confined(dir, written, what)?;
    let meta = std::fs::metadata(&real)
        .map_err(|e| (format!("cannot read `{written}`: {e}"), String::new()))?;
    if meta.is_dir() {
        return Err((
            format!("`{written}` is a folder, not a file"),
            format!("name the {what} file inside it"),
        ));
    }
    if !meta.is_file() {
        return Err((
            format!("`{written}` is not a regular file"),
            format!("name an ordinary {what} file"),
        ));
    }
    Ok(real)
}

/// Resolve `written` (relative to `dir`) to a folder that is really inside `dir`.
pub fn confined_dir(dir: &Path, written: &str, what: &str) -> Result<PathBuf, FileProblem> {
    let real = confined(dir, written, what)?;
    if !real.is_dir() {
        return Err((
            format!("`{written}` is not a folder"),
            format!("name the {what}"),
        ));
    }
    Ok(real)
}

/// Resolve `written` (relative to `dir`) to a path that is really inside `dir`, following
/// symbolic links before checking.
fn confined(dir: &Path, written: &str, what: &str) -> Result<PathBuf, FileProblem> {
    let rel = Path::new(written);
    if written.trim().is_empty() {
        return Err((
            format!("the {what} path is empty"),
            "write a path relative to the campaign file, e.g. `images/photo.jpg`".into(),
        ));
    }
    if rel.is_absolute() || written.starts_with('~') || written.starts_with('\\') {
        return Err((
            format!("`{written}` is an absolute path"),
            format!(
                "copy the {what} into the campaign's folder and write its path relative to the campaign file"
            ),
        ));
    }
    // `..` may step back inside the folder (`images/../images/x.jpg`), never above it.
    let mut depth = 0usize;
    for c in rel.components() {
        match c {
            Component::ParentDir if depth == 0 => {
                return Err((
                    format!("`{written}` leaves the campaign's folder (`..`)"),
                    format!(
                        "copy the {what} into the campaign's folder; handbill reads files only from there"
                    ),
                ));
            }
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            _ => {}
        }
    }
    let root = dir.canonicalize().map_err(|e| {
        (
            format!("cannot open the campaign folder: {e}"),
            String::new(),
        )
    })?;
    let joined = root.join(rel);
    let real = match joined.canonicalize() {
        Ok(p) => p,
        Err(_) => {
            let help = nearby_names(&joined)
                .map(|n| format!("did you mean `{n}`? Paths are relative to the campaign file"))
                .unwrap_or_else(|| {
                    "check the spelling; paths are relative to the campaign file".into()
                });
            return Err((format!("`{written}` does not exist"), help));
        }
    };
    if !real.starts_with(&root) {
        return Err((
            format!("`{written}` is a link to a place outside the campaign's folder"),
            format!("copy the {what} itself into the campaign's folder"),
        ));
    }
    Ok(real)
}

fn nearby_names(missing: &Path) -> Option<String> {
    let parent = missing.parent()?;
    let want = missing.file_name()?.to_str()?;
    let names: Vec<String> = std::fs::read_dir(parent)
        .ok()?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    crate::suggest::closest(want, &refs).map(|n| {
        let rel_parent = missing
            .parent()
            .and_then(|p| p.file_name())
            .map(|p| p.to_string_lossy().into_owned());
        match rel_parent {
            Some(p) if missing.components().count() > 1 => format!("{p}/{n}"),
            _ => n.to_string(),
        }
    })
}

/// Recognise an image by its first bytes, not its name.
pub(crate) fn sniff(bytes: &[u8]) -> Result<ImageKind, String> {
    let looks = match image::guess_format(bytes) {
        Ok(image::ImageFormat::Png) => return Ok(ImageKind::Png),
        Ok(image::ImageFormat::Jpeg) => return Ok(ImageKind::Jpeg),
        Ok(image::ImageFormat::WebP) => return Ok(ImageKind::Webp),
        Ok(other) => {
            let name = other.extensions_str().first().unwrap_or(&"other");
            let name = name.to_ascii_uppercase();
            // Said letter by letter ("an SVG") or as a word ("an AVIF").
            let an = name.starts_with(['A', 'E', 'F', 'H', 'I', 'L', 'M', 'N', 'O', 'R', 'S', 'X']);
            format!("{} {name} image", if an { "an" } else { "a" })
        }
        // Kinds of file the image library does not know, but people send as pictures.
        Err(_) if bytes.starts_with(b"%PDF") => "a PDF document".into(),
        Err(_) if bytes.get(4..8) == Some(b"ftyp") => "a HEIC/AVIF image".into(),
        Err(_) if bytes.starts_with(b"<svg") || bytes.starts_with(b"<?xml") => {
            "an SVG or XML file".into()
        }
        Err(_) if bytes.is_empty() => "an empty file".into(),
        Err(_) => "something else".into(),
    };
    Err(format!(
        "is not a PNG, JPEG or WebP image (it looks like {looks})"
    ))
}

/// Whether the file has the ending its format promises (decoders may accept a file that
/// stops early and quietly fill in the rest).
fn complete(kind: ImageKind, bytes: &[u8]) -> bool {
    match kind {
        ImageKind::Png => {
            bytes.len() >= 12
                && bytes[bytes.len() - 12..].starts_with(&[0, 0, 0, 0])
                && &bytes[bytes.len() - 8..bytes.len() - 4] == b"IEND"
        }
        // The end-of-image marker, allowing for padding some cameras add after it.
        ImageKind::Jpeg => bytes[bytes.len().saturating_sub(4096)..]
            .windows(2)
            .any(|w| w == [0xFF, 0xD9]),
        ImageKind::Webp => {
            let declared = bytes
                .get(4..8)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
            declared.is_some_and(|n| n + 8 <= bytes.len())
        }
    }
}

/// Read and recognise one image named in the campaign.
impl Pictures {
    /// Find, read and check a picture named in a campaign (once per session).
    pub(crate) fn load(
        &self,
        dir: &Path,
        written: &str,
        what: &str,
    ) -> Result<ImageFile, FileProblem> {
        let path = confined_file(dir, written, what)?;
        let meta = std::fs::metadata(&path).ok();
        let size = meta.as_ref().map_or(0, |m| m.len());
        if size > MAX_IMAGE_BYTES {
            return Err((
                format!(
                    "`{written}` is {size} bytes; images may be at most {MAX_IMAGE_BYTES} bytes"
                ),
                "export a smaller JPEG (a poster needs about 3000 px on the long side)".into(),
            ));
        }
        let key: SeenKey = (path.clone(), size, meta.and_then(|m| m.modified().ok()));
        let file = |s: &Seen| ImageFile {
            written: written.to_string(),
            path: path.clone(),
            kind: s.kind,
            width: s.width,
            height: s.height,
            bytes: s.bytes.clone(),
        };
        if let Ok(seen) = self.0.lock()
            && let Some(s) = seen.1.get(&key)
        {
            return Ok(file(s));
        }
        let bytes = std::fs::read(&path)
            .map_err(|e| (format!("cannot read `{written}`: {e}"), String::new()))?;
        let (kind, width, height) = inspect_image(&bytes, written)?;
        let seen = Seen {
            kind,
            width,
            height,
            bytes: bytes.into(),
        };
        let image = file(&seen);
        if let Ok(mut all) = self.0.lock() {
            let total = all.0 + seen.bytes.len() as u64;
            if total > MAX_TOTAL_IMAGE_BYTES {
                return Err((
                format!(
                    "the campaigns of this run name more than {} MiB of pictures in all (`{written}` is the one over)",
                    MAX_TOTAL_IMAGE_BYTES >> 20
                ),
                "build the campaigns in smaller batches (several commands), or use smaller pictures".into(),
            ));
            }
            all.0 = total;
            all.1.insert(key, seen);
        }
        Ok(image)
    }
}

/// Check the bytes of one image: its kind by content, its declared size against the limits
/// (before anything is decoded), that it is complete, and that it decodes within the memory
/// limit. Returns the kind and pixel size.
pub fn inspect_image(bytes: &[u8], written: &str) -> Result<(ImageKind, u32, u32), FileProblem> {
    let kind = sniff(bytes).map_err(|m| {
        (
            format!("`{written}` {m}"),
            "convert it to PNG or JPEG".into(),
        )
    })?;
    let format = match kind {
        ImageKind::Png => image::ImageFormat::Png,
        ImageKind::Jpeg => image::ImageFormat::Jpeg,
        ImageKind::Webp => image::ImageFormat::WebP,
    };
    let reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    let (width, height) = reader.into_dimensions().map_err(|e| {
        (
            format!("`{written}` is a damaged {} file ({e})", kind.name()),
            "export the image again".into(),
        )
    })?;
    if width == 0
        || height == 0
        || width > MAX_IMAGE_SIDE
        || height > MAX_IMAGE_SIDE
        || u64::from(width) * u64::from(height) > MAX_IMAGE_PIXELS
    {
        return Err((
            format!(
                "`{written}` claims to be {width}×{height} pixels; images may be at most {MAX_IMAGE_SIDE} px a side and {MAX_IMAGE_PIXELS} pixels in all"
            ),
            "export a smaller image".into(),
        ));
    }
    if !complete(kind, bytes) {
        return Err((
            format!(
                "`{written}` is cut short: the file ends before the {} image does",
                kind.name()
            ),
            "copy or export the image again".into(),
        ));
    }
    // Decode it once, within memory limits, so a damaged picture is an error now rather than a
    // hole in the kit later.
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    limits.max_alloc = Some(MAX_IMAGE_PIXELS * 4 + (64 << 20));
    reader.limits(limits);
    reader.decode().map_err(|e| {
        (
            format!("`{written}` is a damaged {} file ({e})", kind.name()),
            "export the image again".into(),
        )
    })?;
    Ok((kind, width, height))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_recognised_by_content() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n rest"), Ok(ImageKind::Png));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Ok(ImageKind::Jpeg));
        assert_eq!(sniff(b"RIFF\x10\0\0\0WEBPVP8 "), Ok(ImageKind::Webp));
        let refused = |bytes: &[u8]| sniff(bytes).unwrap_err();
        assert!(refused(b"GIF89a\x01\0").contains("a GIF image"));
        assert!(refused(b"II*\0rest").contains("a TIFF image"));
        assert!(refused(b"\0\0\0\x1cftypavif").contains("an AVIF image"));
        assert!(refused(b"\0\0\0\x18ftypheic").contains("a HEIC/AVIF image"));
        assert!(refused(b"%PDF-1.7").contains("a PDF document"));
        assert!(refused(b"<svg xmlns=").contains("an SVG or XML file"));
        assert!(refused(b"").contains("an empty file"));
        assert!(refused(b"just some text").contains("something else"));
        // A RIFF file that is not WebP, and a WebP header cut before its kind.
        assert!(refused(b"RIFF\x10\0\0\0WAVEfmt ").contains("something else"));
        assert!(refused(b"RIFF\x10\0\0\0WEB").contains("something else"));
        // A PNG signature cut short is not a PNG.
        assert!(refused(b"\x89PNG\r\n").contains("something else"));
    }
}
