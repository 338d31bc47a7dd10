//! Smaller copies of uploaded pictures: a thumbnail for the media library and a "medium"
//! size for entries, decoded with bounded memory and turned upright by their EXIF
//! orientation. Re-encoding drops EXIF, so the copies readers see carry no camera data or
//! location; the original file is kept as uploaded.

use crate::sniff::{self, Kind};
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use std::io::Cursor;

/// Longest side of the library thumbnail.
pub const THUMB_MAX: u32 = 320;
/// Widest a picture inserted into an entry is shown; wider uploads get a copy this wide.
pub const MEDIUM_MAX_WIDTH: u32 = 1024;
/// Pictures wider or taller than this are refused rather than decoded.
pub const MAX_SIDE: u32 = 16_384;
/// Memory one decode may take.
const MAX_DECODE_BYTES: u64 = 512 * 1024 * 1024;

/// A decoded picture's size and its derived copies (each with its own kind).
#[derive(Debug)]
pub struct Derived {
    pub width: u32,
    pub height: u32,
    pub thumb: Option<(Vec<u8>, Kind)>,
    pub medium: Option<(Vec<u8>, Kind)>,
}

#[derive(Debug, thiserror::Error)]
#[error("the picture could not be read: {0}")]
pub struct PictureError(String);

/// Decodes a raster picture of the given (sniffed) kind and makes its copies.
pub fn derive(bytes: &[u8], kind: Kind) -> Result<Derived, PictureError> {
    let format = match kind {
        k if k == sniff::JPEG => ImageFormat::Jpeg,
        k if k == sniff::PNG => ImageFormat::Png,
        k if k == sniff::GIF => ImageFormat::Gif,
        k if k == sniff::WEBP => ImageFormat::WebP,
        _ => {
            return Err(PictureError(format!(
                "{} is not a raster picture",
                kind.mime
            )));
        }
    };
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits);
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| PictureError(e.to_string()))?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| PictureError(e.to_string()))?;
    img.apply_orientation(orientation);
    let (width, height) = (img.width(), img.height());

    // Pictures with transparency stay PNG; photographs become JPEG.
    let out_kind = if img.color().has_alpha() || kind == sniff::PNG || kind == sniff::GIF {
        sniff::PNG
    } else {
        sniff::JPEG
    };
    let thumb = if width > THUMB_MAX || height > THUMB_MAX {
        Some((
            encode(&img.thumbnail(THUMB_MAX, THUMB_MAX), out_kind)?,
            out_kind,
        ))
    } else {
        None
    };
    // An animated GIF keeps its animation only in the original, so it is inserted as is.
    let medium = if width > MEDIUM_MAX_WIDTH && kind != sniff::GIF {
        let h = (u64::from(height) * u64::from(MEDIUM_MAX_WIDTH) / u64::from(width)).max(1);
        let h = u32::try_from(h).unwrap_or(MEDIUM_MAX_WIDTH);
        let resized = img.resize(MEDIUM_MAX_WIDTH, h, image::imageops::FilterType::CatmullRom);
        Some((encode(&resized, out_kind)?, out_kind))
    } else {
        None
    };
    Ok(Derived {
        width,
        height,
        thumb,
        medium,
    })
}

fn encode(img: &DynamicImage, kind: Kind) -> Result<Vec<u8>, PictureError> {
    let mut out = Cursor::new(Vec::new());
    if kind == sniff::JPEG {
        let rgb = DynamicImage::ImageRgb8(img.to_rgb8());
        let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85);
        rgb.write_with_encoder(encoder)
            .map_err(|e| PictureError(e.to_string()))?;
    } else {
        img.write_to(&mut out, ImageFormat::Png)
            .map_err(|e| PictureError(e.to_string()))?;
    }
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
        });
        let mut out = Cursor::new(Vec::new());
        DynamicImage::ImageRgb8(img)
            .write_to(&mut out, ImageFormat::Png)
            .expect("encode");
        out.into_inner()
    }

    #[test]
    fn a_large_picture_gets_a_thumbnail_and_a_medium_copy() {
        let d = derive(&png(2000, 1000), sniff::PNG).expect("derive");
        assert_eq!((d.width, d.height), (2000, 1000));
        let (thumb, k) = d.thumb.expect("thumb");
        assert_eq!(k, sniff::PNG);
        let t = image::load_from_memory(&thumb).expect("thumb decodes");
        assert_eq!((t.width(), t.height()), (320, 160));
        let (medium, _) = d.medium.expect("medium");
        let m = image::load_from_memory(&medium).expect("medium decodes");
        assert_eq!((m.width(), m.height()), (1024, 512));
    }

    #[test]
    fn a_small_picture_needs_no_copies() {
        let d = derive(&png(100, 80), sniff::PNG).expect("derive");
        assert_eq!((d.width, d.height), (100, 80));
        assert!(d.thumb.is_none() && d.medium.is_none());
    }

    #[test]
    fn a_truncated_picture_is_an_error_not_a_panic() {
        let bytes = png(400, 400);
        assert!(derive(&bytes[..bytes.len() / 3], sniff::PNG).is_err());
        assert!(derive(b"\xFF\xD8\xFF\xE0garbage", sniff::JPEG).is_err());
    }
}
