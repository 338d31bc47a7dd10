//! Wire formats of the protocols other sites use to talk to a blog: TrackBack and Pingback
//! (XML-RPC) and Webmention, and discovering where a page takes them. Pure functions from bytes to values and back: no network,
//! clock or database, so every parser here is property-tested.

pub mod discovery;
pub mod html_scan;
pub mod linkback;
pub mod mf2;
pub mod trackback;
pub mod xmlrpc;
