//! The calendar's data: read a State Council notice, add a year, see the end coming.
//!
//! ```text
//! cargo run -p huying --example calendar -- add-notice NOTICE.txt [--data PATH]
//! cargo run -p huying --example calendar -- parse-notice NOTICE.txt [--format text|tsv|json]
//! cargo run -p huying --example calendar -- coverage [--file PATH] [--today YYYY-MM-DD]
//! ```
//!
//! `add-notice` reads the notice (国务院办公厅关于YYYY年部分节假日安排的通知,
//! as published), checks it against itself, and rewrites the project's data
//! file (`calendar-data/data/cn-holidays.tsv`, or `--data PATH`) with the
//! year added, its header (years, version) updated, and — for the project's
//! own file — the `huying-calendar-data` crate's version raised to match: a
//! release with the new year is this one command and the test run.
//!
//! `parse-notice` prints the days a notice names, as text, TSV or JSON.
//! `coverage` prints the years covered (with the file of `--file`, or of
//! `HUYING_CALENDAR_FILE`, added) and, with `--today`, whether the end is
//! within 30 days.
#![allow(missing_docs)]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use huying::Lang;
use huying::calendar::{Calendar, Notice, OverrideKind};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

const USAGE: &str = "usage:
  calendar add-notice NOTICE.txt [--data PATH]
  calendar parse-notice NOTICE.txt [--format text|tsv|json]
  calendar coverage [--file PATH] [--today YYYY-MM-DD]";

fn project_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../calendar-data/data/cn-holidays.tsv")
}

fn main() {
    if let Err(e) = run(std::env::args().skip(1).collect()) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn run(args: Vec<String>) -> Res<()> {
    let (command, rest) = args.split_first().ok_or(USAGE)?;
    let mut positional = Vec::new();
    let mut options = std::collections::HashMap::new();
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        if a == "-h" || a == "--help" {
            println!("{USAGE}");
            return Ok(());
        }
        if let Some(name) = a.strip_prefix("--") {
            let value = it.next().ok_or_else(|| format!("--{name} needs a value"))?;
            options.insert(name.to_string(), value.clone());
        } else {
            positional.push(a.clone());
        }
    }
    match command.as_str() {
        "add-notice" => {
            let notice = positional.first().ok_or(USAGE)?;
            let data = options.get("data").map_or_else(project_data, PathBuf::from);
            let own = !options.contains_key("data");
            add_notice(Path::new(notice), &data, own)
        }
        "parse-notice" => {
            let notice = positional.first().ok_or(USAGE)?;
            let format = options.get("format").map_or("text", String::as_str);
            parse_notice(Path::new(notice), format)
        }
        "coverage" => coverage(options.get("file"), options.get("today")),
        "-h" | "--help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command {other:?}\n{USAGE}").into()),
    }
}

fn read(path: &Path) -> Res<String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()).into())
}

fn add_notice(notice_path: &Path, data_path: &Path, own: bool) -> Res<()> {
    let text = read(notice_path)?;
    let data = read(data_path)?;
    // The data file's own comments, years and version.
    let comments: Vec<&str> = data
        .lines()
        .take_while(|l| l.starts_with('#'))
        .filter(|l| !l.starts_with("# years:") && !l.starts_with("# version:"))
        .collect();
    let old_version = data
        .lines()
        .find_map(|l| l.strip_prefix("# version:"))
        .map(str::trim)
        .unwrap_or("0.0");
    let first = data
        .lines()
        .find_map(|l| l.strip_prefix("# years:"))
        .and_then(|y| y.trim().split('-').next()?.trim().parse::<i32>().ok())
        .ok_or_else(|| format!("{}: no `# years: A-B` line", data_path.display()))?;
    let mut cal = Calendar::builder("data").years(first..=first).build()?;
    cal.extend_from_tsv(&data, &data_path.display().to_string())?;
    let before = cal.years();
    let notice = Notice::parse(&text)?;
    cal.apply_notice(&notice)?;
    let last = *cal.years().end();
    // YYYY.N: the last year covered, and the N-th release of that data.
    let (old_year, old_n) = old_version
        .split_whitespace()
        .next()
        .and_then(|v| v.split_once('.'))
        .and_then(|(y, n)| Some((y.parse::<i32>().ok()?, n.parse::<u32>().ok()?)))
        .unwrap_or((0, 0));
    let n = if old_year == last { old_n + 1 } else { 1 };
    let to = notice.issued().map_or_else(
        || format!("the notice for {}", notice.year()),
        |d| d.to_string(),
    );
    let version = format!("{last}.{n}");
    let tsv = cal.to_tsv();
    let mut out = String::new();
    for c in &comments {
        out.push_str(c);
        out.push('\n');
    }
    let (years_line, rows) = tsv.split_once('\n').unwrap_or(("", &tsv));
    out.push_str(years_line);
    out.push('\n');
    out.push_str(&format!(
        "# version: {version} (State Council notices to {to})\n"
    ));
    out.push_str(rows);
    std::fs::write(data_path, out).map_err(|e| format!("{}: {e}", data_path.display()))?;
    let days = notice.days();
    let holidays = days
        .iter()
        .filter(|d| d.kind == OverrideKind::Holiday)
        .count();
    println!(
        "{}: {} notice for {} ({} holidays, {} working days in lieu); years {}-{} -> {}-{}; data {version}",
        data_path.display(),
        if notice.is_amendment() {
            "separate"
        } else {
            "annual"
        },
        notice.year(),
        holidays,
        days.len() - holidays,
        before.start(),
        before.end(),
        cal.years().start(),
        cal.years().end(),
    );
    if own {
        let manifest = data_path
            .parent()
            .and_then(Path::parent)
            .map(|p| p.join("Cargo.toml"))
            .ok_or("no crate folder")?;
        let toml = read(&manifest)?;
        let crate_version = format!("{last}.{n}.0");
        let updated: String = toml
            .lines()
            .map(|l| {
                if l.starts_with("version = ") {
                    format!("version = \"{crate_version}\"")
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n";
        std::fs::write(&manifest, updated)?;
        let workspace = manifest
            .parent()
            .and_then(Path::parent)
            .map(|p| p.join("Cargo.toml"))
            .ok_or("no workspace")?;
        let ws = read(&workspace)?;
        let ws: String = ws
            .lines()
            .map(|l| {
                if l.starts_with("huying-calendar-data = ") {
                    format!(
                        "huying-calendar-data = {{ path = \"calendar-data\", version = \"{last}.{n}\" }}"
                    )
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n";
        std::fs::write(&workspace, ws)?;
        println!(
            "huying-calendar-data is now {crate_version}: run the tests (bash scripts/test-all.sh) and release it"
        );
    }
    Ok(())
}

fn parse_notice(path: &Path, format: &str) -> Res<()> {
    let notice = Notice::parse(&read(path)?)?;
    match format {
        "tsv" => print!("{}", notice.to_tsv()),
        "json" => println!("{}", notice.to_json()),
        "text" => {
            println!(
                "{} — {} {}{}",
                notice.title(),
                if notice.is_amendment() {
                    "changes"
                } else {
                    "arranges"
                },
                notice.year(),
                notice
                    .issued()
                    .map_or(String::new(), |d| format!(", issued {d}"))
            );
            for item in notice.items() {
                let days = |v: &[NaiveDate]| {
                    v.iter()
                        .map(|d| d.format("%m-%d").to_string())
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                println!(
                    "  line {:>2} {}: holidays {}{}{}",
                    item.line,
                    item.festival.name(Lang::Zh),
                    days(&item.holidays),
                    if item.workdays.is_empty() {
                        String::new()
                    } else {
                        format!("; working days in lieu {}", days(&item.workdays))
                    },
                    item.extended_to
                        .map_or(String::new(), |d| format!("; extended to {d}"))
                );
            }
        }
        other => return Err(format!("unknown format {other:?}: text, tsv or json").into()),
    }
    Ok(())
}

fn coverage(file: Option<&String>, today: Option<&String>) -> Res<()> {
    let cal = Calendar::china_with_file(file)?;
    let range = cal.coverage();
    println!(
        "{} ({}): {} to {}",
        cal.name(),
        cal.data_version(),
        range.start(),
        range.end()
    );
    if let Some(today) = today {
        let today: NaiveDate = today.parse()?;
        match cal.coverage_warning(today, 30) {
            Some(w) => println!("{}\n{}", w.message(Lang::Zh), w.message(Lang::En)),
            None => println!("more than 30 days left on {today}"),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    const NOTICE: &str = "国务院办公厅关于2027年部分节假日安排的通知\n\
        一、元旦：1月1日（周五）至3日（周日）放假，共3天。2026年12月26日（周六）上班。\n\
        国务院办公厅\n2026年11月20日\n";

    /// A copy of the project's layout: the workspace manifest, the data
    /// crate's manifest and its table.
    fn layout(tag: &str) -> PathBuf {
        let root =
            std::env::temp_dir().join(format!("huying-add-notice-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(root.join("calendar-data/data")).unwrap();
        std::fs::copy(
            project_data(),
            root.join("calendar-data/data/cn-holidays.tsv"),
        )
        .unwrap();
        std::fs::write(
            root.join("calendar-data/Cargo.toml"),
            "[package]\nname = \"huying-calendar-data\"\nversion = \"2026.2.0\"\n",
        )
        .unwrap();
        std::fs::write(
            root.join("Cargo.toml"),
            "[workspace.dependencies]\nhuying-calendar-data = { path = \"calendar-data\", version = \"2026.2\" }\n",
        )
        .unwrap();
        std::fs::write(root.join("2027.txt"), NOTICE).unwrap();
        root
    }

    #[test]
    fn add_notice_writes_the_year_and_raises_the_versions() {
        let root = layout("own");
        let data = root.join("calendar-data/data/cn-holidays.tsv");
        add_notice(&root.join("2027.txt"), &data, true).unwrap();
        let text = std::fs::read_to_string(&data).unwrap();
        assert!(
            text.contains(
                "# years: 2004-2027\n# version: 2027.1 (State Council notices to 2026-11-20)\n"
            ),
            "{text}"
        );
        assert!(text.contains("2026-12-26\tworkday\tNew Year's Day\t元旦\n"));
        // The file loads as the embedded calendar plus 2027.
        let mut cal = Calendar::builder("x").years(2004..=2004).build().unwrap();
        cal.extend_from_tsv(&text, "cn-holidays.tsv").unwrap();
        assert_eq!(cal.years(), 2004..=2027);
        let china = Calendar::china();
        for year in 2004..=2025 {
            assert_eq!(
                cal.special_days(year).unwrap(),
                china.special_days(year).unwrap(),
                "{year}"
            );
        }
        let crate_toml = std::fs::read_to_string(root.join("calendar-data/Cargo.toml")).unwrap();
        assert!(
            crate_toml.contains("version = \"2027.1.0\""),
            "{crate_toml}"
        );
        let ws = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
        assert!(ws.contains("version = \"2027.1\" }"), "{ws}");
        // The same year again is the next release of that year's data.
        add_notice(&root.join("2027.txt"), &data, false).unwrap();
        let again = std::fs::read_to_string(&data).unwrap();
        assert!(again.contains("# version: 2027.2 "), "{again}");
        assert_eq!(again.lines().count(), text.lines().count());
        std::fs::remove_dir_all(&root).ok();
    }

    #[test]
    fn a_bad_notice_leaves_the_data_file_alone() {
        let root = layout("bad");
        let data = root.join("calendar-data/data/cn-holidays.tsv");
        let before = std::fs::read_to_string(&data).unwrap();
        std::fs::write(root.join("2027.txt"), NOTICE.replace("共3天", "共4天")).unwrap();
        let err = add_notice(&root.join("2027.txt"), &data, true).unwrap_err();
        assert!(err.to_string().contains("4 days"), "{err}");
        assert_eq!(std::fs::read_to_string(&data).unwrap(), before);
        std::fs::remove_dir_all(&root).ok();
    }
}
