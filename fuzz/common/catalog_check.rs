//! The checks shared by the catalog loader targets.

use huying::catalog::{Catalog, CatalogError};

/// A refused list has every problem typed; a loaded list round-trips.
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
    let tsv = catalog.to_delimited(b'\t');
    let again = Catalog::from_tsv(&tsv.files()).expect("a loaded list reads back from TSV");
    assert_eq!(again.data(), catalog.data());
    let _ = catalog.latest().len();
}
