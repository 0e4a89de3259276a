//! The checks shared by the catalog loader targets.

use huying::catalog::{Catalog, CatalogError};

/// A refused list has every problem typed; a loaded list round-trips
/// through JSON exactly, and through the tabular form after one pass.
pub fn outcome(loaded: Result<Catalog, CatalogError>) {
    let catalog = match loaded {
        Ok(c) => c,
        Err(e) => {
            assert_eq!(e.code(), "catalog.invalid", "{e:?}");
            assert!(!e.problems().is_empty());
            for p in e.problems() {
                assert!(p.code.code().starts_with("catalog."));
                let _ = p.to_string();
            }
            return;
        }
    };
    let json = catalog.to_json();
    let again =
        Catalog::from_json("again.json", &json).expect("a loaded list reads back from JSON");
    assert_eq!(again.data(), catalog.data());
    // The tabular form keeps what fits in cells (texts are trimmed; line
    // breaks and arrows in some texts are separators), so a list need not
    // survive it; what does survive it once survives it again unchanged.
    let tsv = catalog.to_delimited(b'\t');
    if let Ok(once) = Catalog::from_tsv(&tsv.files()) {
        let tsv = once.to_delimited(b'\t');
        let twice = Catalog::from_tsv(&tsv.files())
            .expect("a list read from the tabular form reads back from it");
        assert_eq!(twice.data(), once.data());
    }
    let _ = catalog.latest().len();
}
