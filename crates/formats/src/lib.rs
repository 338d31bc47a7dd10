#![doc = include_str!("../README.md")]
//! Blog interchange formats, without I/O: the crate takes bytes and returns values.

pub mod mt;
