//! Integration tests of the MT format reader and writer: the spec's conformance fixtures,
//! the real corpus files, encodings, property tests and a large file.
#![allow(clippy::unwrap_used)]

mod common;
mod corpus;
mod encodings;
mod fixtures;
mod large;
mod roundtrip;
