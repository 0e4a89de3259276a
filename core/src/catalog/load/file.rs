//! Reading a list from the file system, by its file type.

use std::io::Read;
use std::path::Path;

use super::MAX_CATALOG_BYTES;
#[cfg(feature = "csv")]
use super::TabularFiles;
use crate::catalog::{Catalog, CatalogError};

impl Catalog {
    /// Reads and validates a list from a file: `.json`; `.xlsx` (an `.xls`,
    /// `.xlsm` or `.ods` file is refused with a problem saying to save it as
    /// `.xlsx`); or a folder — or one file in it — holding the tables
    /// `list`, `units`, `matters` and optionally `revisions` as `.csv` or
    /// `.tsv` files (TSV when the path ends in `.tsv`, or is a folder with a
    /// `matters.tsv`). Problems name the file and row, as the other loaders do.
    ///
    /// A file is read to at most one byte past [`MAX_CATALOG_BYTES`], so a
    /// huge file is refused by the loader without being read whole.
    ///
    /// # Errors
    /// [`CatalogError::Read`] for a file that cannot be read (missing,
    /// unreadable, not UTF-8 where text is expected);
    /// [`CatalogError::Invalid`] with every problem found.
    ///
    /// ```
    /// use huying::catalog::Catalog;
    /// let dir = std::env::temp_dir().join(format!("huying-load-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).unwrap();
    /// let path = dir.join("list.json");
    /// std::fs::write(&path, Catalog::sample().to_json()).unwrap();
    /// assert_eq!(Catalog::load(&path)?.data(), Catalog::sample().data());
    /// assert_eq!(Catalog::load(dir.join("none.json")).unwrap_err().code(), "catalog.read");
    /// # std::fs::remove_dir_all(&dir).ok();
    /// # Ok::<(), huying::catalog::CatalogError>(())
    /// ```
    pub fn load(path: impl AsRef<Path>) -> Result<Catalog, CatalogError> {
        let path = path.as_ref();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        let file = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("list")
            .to_string();
        match ext.as_str() {
            "json" => Catalog::from_json(&file, &read_text(path)?),
            #[cfg(feature = "xlsx")]
            "xlsx" | "xls" | "xlsm" | "ods" => Catalog::from_xlsx(&file, &read_bytes(path)?),
            #[cfg(not(feature = "xlsx"))]
            "xlsx" | "xls" | "xlsm" | "ods" => Err(not_built(path, "xlsx", "workbooks")),
            #[cfg(not(feature = "csv"))]
            _ => Err(not_built(path, "csv", "CSV or TSV tables")),
            #[cfg(feature = "csv")]
            _ => {
                let dir = if path.is_dir() {
                    path.to_path_buf()
                } else {
                    path.parent().map(Path::to_path_buf).unwrap_or_default()
                };
                let tsv = ext == "tsv" || (ext.is_empty() && dir.join("matters.tsv").exists());
                let ext = if tsv { "tsv" } else { "csv" };
                let table = |stem: &str| dir.join(format!("{stem}.{ext}"));
                let (list, units, matters) = (
                    read_text(&table("list"))?,
                    read_text(&table("units"))?,
                    read_text(&table("matters"))?,
                );
                let revisions = table("revisions")
                    .exists()
                    .then(|| read_text(&table("revisions")))
                    .transpose()?;
                let r = revisions.as_deref();
                if tsv {
                    Catalog::from_tsv(&TabularFiles::tsv(&list, &units, &matters, r))
                } else {
                    Catalog::from_csv(&TabularFiles::csv(&list, &units, &matters, r))
                }
            }
        }
    }
}

/// A format this build was compiled without.
#[allow(dead_code)] // with every feature on, no format is missing
fn not_built(path: &Path, feature: &str, what: &str) -> CatalogError {
    read_error(
        path,
        format!("this build of huying reads no {what} (its `{feature}` feature is off)"),
    )
}

fn read_error(path: &Path, e: impl std::fmt::Display) -> CatalogError {
    CatalogError::Read {
        file: path.display().to_string(),
        message: e.to_string(),
    }
}

/// A file's bytes, at most one past the limit (the loaders refuse more).
pub(crate) fn read_bytes(path: &Path) -> Result<Vec<u8>, CatalogError> {
    let f = std::fs::File::open(path).map_err(|e| read_error(path, e))?;
    let mut out = Vec::new();
    f.take(MAX_CATALOG_BYTES as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| read_error(path, e))?;
    Ok(out)
}

/// A text file (UTF-8), at most one byte past the limit.
fn read_text(path: &Path) -> Result<String, CatalogError> {
    let bytes = read_bytes(path)?;
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        // Cut at the limit inside a character: the loader reports the size.
        Err(e) if e.as_bytes().len() > MAX_CATALOG_BYTES => {
            Ok(String::from_utf8_lossy(e.as_bytes()).into_owned())
        }
        Err(e) => Err(read_error(
            path,
            format!("not UTF-8 text: {}", e.utf8_error()),
        )),
    }
}
