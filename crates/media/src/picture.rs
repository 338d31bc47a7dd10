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
/// Most pixels a picture may have (50 megapixels: larger than most cameras take). Checked
/// from the header before anything is decoded: a 1.9 MB PNG can declare 16,000 × 16,000
/// pixels of 16 bits each, gigabytes once decoded and resized.
pub const MAX_PIXELS: u64 = 50_000_000;
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
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(PictureError(format!(
            "it is {w} × {h} pixels; pictures of up to {} megapixels are taken",
            MAX_PIXELS / 1_000_000
        )));
    }
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| PictureError(e.to_string()))?;
    // The copies are 8 bits a channel anyway; resizing a 16-bit picture would take twice
    // the memory for nothing.
    if !matches!(
        img.color(),
        image::ColorType::L8
            | image::ColorType::La8
            | image::ColorType::Rgb8
            | image::ColorType::Rgba8
    ) {
        img = if img.color().has_alpha() {
            DynamicImage::ImageRgba8(img.to_rgba8())
        } else {
            DynamicImage::ImageRgb8(img.to_rgb8())
        };
    }
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

    /// A PNG that only declares its size: signature, IHDR (16-bit RGB), an empty IDAT, IEND.
    fn png_header(width: u32, height: u32) -> Vec<u8> {
        fn crc32(data: &[u8]) -> u32 {
            let mut crc = 0xFFFF_FFFFu32;
            for &b in data {
                crc ^= u32::from(b);
                for _ in 0..8 {
                    crc = if crc & 1 == 1 {
                        (crc >> 1) ^ 0xEDB8_8320
                    } else {
                        crc >> 1
                    };
                }
            }
            !crc
        }
        let chunk = |kind: &[u8], data: &[u8]| {
            let mut c = (data.len() as u32).to_be_bytes().to_vec();
            let mut body = kind.to_vec();
            body.extend_from_slice(data);
            c.extend_from_slice(&body);
            c.extend_from_slice(&crc32(&body).to_be_bytes());
            c
        };
        let mut ihdr = width.to_be_bytes().to_vec();
        ihdr.extend_from_slice(&height.to_be_bytes());
        ihdr.extend_from_slice(&[16, 2, 0, 0, 0]);
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend(chunk(b"IHDR", &ihdr));
        // An empty zlib stream: the pixels never come.
        png.extend(chunk(
            b"IDAT",
            &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
        ));
        png.extend(chunk(b"IEND", &[]));
        png
    }

    #[test]
    fn a_picture_of_too_many_pixels_is_refused_before_it_is_decoded() {
        let err = derive(&png_header(16_000, 16_000), sniff::PNG).expect_err("refused");
        assert!(err.to_string().contains("16000 × 16000 pixels"), "{err}");
        assert!(err.to_string().contains("50 megapixels"), "{err}");
    }

    #[test]
    fn a_truncated_picture_is_an_error_not_a_panic() {
        let bytes = png(400, 400);
        assert!(derive(&bytes[..bytes.len() / 3], sniff::PNG).is_err());
        assert!(derive(b"\xFF\xD8\xFF\xE0garbage", sniff::JPEG).is_err());
    }
}
