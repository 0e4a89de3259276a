//! Compliance statistics over many calls.
