//! Call replay benchmark (filled in below).
fn main() {}
