//! Reads the header of `data/cn-holidays.tsv` (`# years: A-B`, `# version: V`)
//! and writes them as constants, so that the data file is the one thing a new
//! year's release changes. Refuses to build when the header is missing or a
//! row's date lies outside the stated years (a row of December A-1 is
//! allowed: a working day in lieu that the notice for year A puts in the
//! previous year).

use std::env;
use std::fs;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=data/cn-holidays.tsv");
    println!("cargo:rerun-if-changed=build.rs");
    let text = match fs::read_to_string("data/cn-holidays.tsv") {
        Ok(t) => t,
        Err(e) => fail(&format!("cannot read data/cn-holidays.tsv: {e}")),
    };
    let mut years: Option<(i32, i32)> = None;
    let mut version: Option<String> = None;
    let mut rows = 0usize;
    for (n, line) in text.lines().enumerate() {
        if let Some(rest) = line.strip_prefix("# years:") {
            let (a, b) = rest.trim().split_once('-').unwrap_or(("", ""));
            match (a.trim().parse(), b.trim().parse()) {
                (Ok(a), Ok(b)) if a <= b => years = Some((a, b)),
                _ => fail(&format!("line {}: `# years: A-B` expected", n + 1)),
            }
        } else if let Some(rest) = line.strip_prefix("# version:") {
            version = Some(rest.trim().to_string());
        } else if line.starts_with('#') || line.starts_with("date\t") || line.trim().is_empty() {
            continue;
        } else {
            let Some((first, last)) = years else {
                fail("the `# years:` line must come before the rows")
            };
            let year: i32 = line
                .get(..4)
                .and_then(|y| y.parse().ok())
                .unwrap_or_else(|| fail(&format!("line {}: a row must start with a date", n + 1)));
            let december_before = year == first - 1 && line.get(4..8) == Some("-12-");
            if !(first..=last).contains(&year) && !december_before {
                fail(&format!(
                    "line {}: {year} lies outside the years {first}-{last}",
                    n + 1
                ));
            }
            rows += 1;
        }
    }
    let Some((first, last)) = years else {
        fail("no `# years: A-B` line")
    };
    let Some(version) = version else {
        fail("no `# version: V` line")
    };
    let out = Path::new(&env::var("OUT_DIR").unwrap_or_else(|_| fail("OUT_DIR is not set")))
        .join("header.rs");
    let code = format!(
        "/// The first year the data covers.\npub const FIRST_YEAR: i32 = {first};\n\
         /// The last year the data covers.\npub const LAST_YEAR: i32 = {last};\n\
         /// The data's version: its years, its release and the last notice it holds.\n\
         pub const VERSION: &str = {:?};\n\
         /// The number of dated rows.\npub const ROWS: usize = {rows};\n",
        format!("cn-holidays {first}-{last}, {version}")
    );
    if let Err(e) = fs::write(&out, code) {
        fail(&format!("cannot write {}: {e}", out.display()));
    }
}

fn fail(message: &str) -> ! {
    eprintln!("huying-calendar-data: {message}");
    std::process::exit(1)
}
