//! The main job: a county's year of township calls, judged.
//!
//! ```text
//! cargo run --release -p huying --example county_report                 # the sample county's year, in Chinese
//! cargo run --release -p huying --example county_report -- --lang en --by department,quarter
//! cargo run --release -p huying --example county_report -- --log calls.jsonl [--catalog list.json]
//! cargo run --release -p huying --example county_report -- --list examples/data/county-list.xlsx --effective 2025-07-01
//! ```
//!
//! Without `--log`, it generates the sample county's calls (`--calls`,
//! `--seed`, `--from`, `--days`), replays them as they are generated and
//! prints the compliance report and the department ranking. With `--log` it
//! judges that log (JSON lines, or CSV for a `.csv` path) by the given list
//! (JSON or XLSX; the sample list by default). With `--list` the list is
//! the county's own sheet in the officials' layout (`Catalog::import_sheet`):
//! what was understood is printed to stderr before the report.
#![allow(missing_docs)]

use std::fs::File;
use std::io::{BufReader, BufWriter, Write};

use chrono::{DateTime, FixedOffset, NaiveDate};
use huying::Lang;
use huying::calendar::Calendar;
use huying::catalog::{Catalog, ImportOptions, UnitSource};
use huying::compliance::generate::{Generator, GeneratorConfig};
use huying::compliance::{
    Dimension, LogFormat, OnError, Replay, ReportConfig, TextOptions, Weights,
};

const HELP: &str = "county_report — compliance report of township calls (乡呼县应)

USAGE:
  county_report [OPTIONS]

GENERATE (default):
  --calls N          calls to generate [600; the article's county: 176 in its first months]
  --seed S           seed [2025]
  --from DATE        first day [2025-07-01, when the sample list took effect]
  --days D           days [365]
  --write-log PATH   also write the generated log (JSON lines; CSV for *.csv)

JUDGE A LOG:
  --log PATH         an event log (JSON lines; CSV for *.csv)
  --log-format F     jsonl | csv (instead of guessing from the path)
  --catalog PATH     the responsibility list: JSON, XLSX, or a folder of CSV/TSV tables [the sample list]
  --list PATH        the list as officials keep it: an XLSX or CSV sheet in Chinese (instead of --catalog)
  --effective DATE   the date the --list takes effect (required with --list)
  --reference TEXT   the --list's approval reference (文号) [read from the sheet's title rows]
  --units PATH       where the --list's units are: a units sheet (XLSX/CSV) or a list (JSON)
                     [the workbook's sheet 单位]
  --on-error M       skip | fail [skip]
  --calendar PATH    years to add to the embedded calendar: a State Council notice (text),
                     TSV or JSON [the file named by HUYING_CALENDAR_FILE, if set]

REPORT:
  --as-of T          RFC 3339 instant or a date (00:00 UTC+08:00)
                     [the end of the generated period; the latest event of --log]
  --by LIST          department,unit,township,matter,domain,day,week,month,quarter,year
                     combined with commas; '' for the total only [department]
  --weights SPEC     e.g. arrival=0.3,reply=0.4,satisfaction=0.3,min_calls=1
  --format F         text | csv | ranking-csv | json [text]
  --lang L           zh | en [zh]
  --rows N           group rows shown in the text report [40]
  --records PATH     write every call's record (stages, rounds, accountability) as JSON lines
";

struct Args {
    calls: u64,
    seed: u64,
    from: NaiveDate,
    days: u32,
    write_log: Option<String>,
    log: Option<String>,
    log_format: Option<LogFormat>,
    catalog: Option<String>,
    calendar: Option<String>,
    list: Option<String>,
    effective: Option<NaiveDate>,
    reference: Option<String>,
    units: Option<String>,
    on_error: OnError,
    as_of: Option<DateTime<FixedOffset>>,
    by: Vec<Dimension>,
    weights: Weights,
    format: String,
    lang: Lang,
    rows: usize,
    records: Option<String>,
}

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn parse_instant(s: &str) -> Res<DateTime<FixedOffset>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t);
    }
    let d: NaiveDate = s
        .parse()
        .map_err(|_| format!("--as-of: {s:?} is neither an RFC 3339 instant nor a date"))?;
    let t = d.and_hms_opt(0, 0, 0).ok_or("--as-of: bad date")?;
    Ok(t.and_local_timezone(huying::china_offset())
        .single()
        .ok_or("--as-of: bad date")?)
}

fn args(it: impl IntoIterator<Item = String>) -> Res<Args> {
    let defaults = GeneratorConfig::default();
    let mut a = Args {
        calls: defaults.calls,
        seed: defaults.seed,
        from: defaults.from,
        days: defaults.days,
        write_log: None,
        log: None,
        log_format: None,
        catalog: None,
        calendar: None,
        list: None,
        effective: None,
        reference: None,
        units: None,
        on_error: OnError::Skip,
        as_of: None,
        by: vec![Dimension::Department],
        weights: Weights::default(),
        format: "text".into(),
        lang: Lang::Zh,
        rows: 40,
        records: None,
    };
    let mut it = it.into_iter();
    while let Some(flag) = it.next() {
        if flag == "-h" || flag == "--help" {
            print!("{HELP}");
            std::process::exit(0);
        }
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--calls" => a.calls = value()?.replace('_', "").parse()?,
            "--seed" => a.seed = value()?.parse()?,
            "--from" => a.from = value()?.parse()?,
            "--days" => a.days = value()?.parse()?,
            "--write-log" => a.write_log = Some(value()?),
            "--log" => a.log = Some(value()?),
            "--log-format" => a.log_format = Some(value()?.parse()?),
            "--catalog" => a.catalog = Some(value()?),
            "--calendar" => a.calendar = Some(value()?),
            "--list" => a.list = Some(value()?),
            "--effective" => a.effective = Some(value()?.parse()?),
            "--reference" => a.reference = Some(value()?),
            "--units" => a.units = Some(value()?),
            "--on-error" => a.on_error = value()?.parse()?,
            "--as-of" => a.as_of = Some(parse_instant(&value()?)?),
            "--by" => a.by = Dimension::parse_list(&value()?)?,
            "--weights" => a.weights = value()?.parse()?,
            "--format" => a.format = value()?,
            "--lang" => a.lang = value()?.parse()?,
            "--rows" => a.rows = value()?.parse()?,
            "--records" => a.records = Some(value()?),
            other => return Err(format!("unknown option {other:?} (see --help)").into()),
        }
    }
    if a.list.is_some() && a.catalog.is_some() {
        return Err("--list and --catalog: give one list".into());
    }
    if a.list.is_some() && a.effective.is_none() {
        return Err("--list needs --effective YYYY-MM-DD: the date the list takes effect".into());
    }
    if a.list.is_none() && (a.effective.is_some() || a.reference.is_some() || a.units.is_some()) {
        return Err("--effective, --reference and --units go with --list".into());
    }
    if !["text", "csv", "ranking-csv", "json"].contains(&a.format.as_str()) {
        return Err(format!("--format {:?}: text, csv, ranking-csv or json", a.format).into());
    }
    Ok(a)
}

fn main() {
    let done = args(std::env::args().skip(1))
        .and_then(|a| run(&a, &mut std::io::stdout().lock(), &mut std::io::stderr()));
    if let Err(e) = done {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

/// The list to judge by: the officials' sheet (`--list`), a list file
/// (`--catalog`), or the sample.
fn list(a: &Args, log: &mut dyn Write) -> Res<Catalog> {
    let (Some(path), Some(effective)) = (&a.list, a.effective) else {
        return Ok(match &a.catalog {
            Some(p) => Catalog::load(p)?,
            None => Catalog::sample(),
        });
    };
    let mut options = ImportOptions::new(effective);
    if let Some(r) = &a.reference {
        options = options.reference(r.as_str());
    }
    if let Some(u) = &a.units {
        let units = if u.ends_with(".json") || std::path::Path::new(u).is_dir() {
            UnitSource::Catalog(Catalog::load(u)?)
        } else {
            UnitSource::read(u)?
        };
        options = options.units(units);
    }
    let imported = match Catalog::import_sheet_file(path, &options) {
        Ok(i) => i,
        Err(e) => {
            for p in e.problems() {
                writeln!(log, "  {p}")?;
            }
            return Err(e.into());
        }
    };
    write!(log, "{}", imported.report.to_text(a.lang))?;
    Ok(imported.catalog)
}

fn run(a: &Args, stdout: &mut dyn Write, log: &mut dyn Write) -> Res<()> {
    let cal = Calendar::china_with_file(a.calendar.as_deref())?;
    let list = list(a, log)?;
    let generator = match &a.log {
        Some(_) => None,
        None => Some(Generator::new(
            &list,
            &cal,
            GeneratorConfig {
                seed: a.seed,
                calls: a.calls,
                from: a.from,
                days: a.days,
                ..GeneratorConfig::default()
            },
        )?),
    };
    let as_of = a.as_of.or(generator.as_ref().map(Generator::period_end));
    let config = ReportConfig::new(as_of).by(&a.by).weights(a.weights);
    let mut replay = Replay::new(&cal, Some(&list), config)?.on_error(a.on_error);
    if let Some(path) = &a.records {
        let mut out = BufWriter::new(File::create(path)?);
        replay = replay.with_records(move |r| {
            let line = serde_json::to_string(r).unwrap_or_default();
            let _ = writeln!(out, "{line}");
        });
    }
    match (&a.log, &generator) {
        (Some(path), _) => {
            let format = a.log_format.unwrap_or_else(|| LogFormat::from_path(path));
            replay.read(BufReader::with_capacity(1 << 20, File::open(path)?), format)?;
        }
        (None, Some(g)) => {
            if let Some(path) = &a.write_log {
                let w = BufWriter::new(File::create(path)?);
                let n = match LogFormat::from_path(path) {
                    LogFormat::Csv => g.write_csv(w)?,
                    LogFormat::JsonLines => g.write_json_lines(w)?,
                };
                writeln!(log, "wrote {n} events to {path}")?;
            }
            replay.push_events(g.events())?;
        }
        (None, None) => {}
    }
    let report = replay.finish();
    writeln!(
        log,
        "{} calls, {} events, at most {} open at once",
        report.input.calls, report.input.events, report.input.max_open_calls,
    )?;
    let out = match a.format.as_str() {
        "csv" => report.to_csv(a.lang),
        "ranking-csv" => report.ranking_csv(a.lang),
        "json" => report.to_json(),
        _ => report.to_text_with(
            a.lang,
            TextOptions {
                max_rows: a.rows,
                ..TextOptions::default()
            },
        ),
    };
    stdout.write_all(out.as_bytes())?;
    if a.format == "json" {
        stdout.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_with(argv: &[&str]) -> Res<(String, String)> {
        let a = args(argv.iter().map(|s| s.to_string()))?;
        let (mut out, mut log) = (Vec::new(), Vec::new());
        run(&a, &mut out, &mut log)?;
        Ok((String::from_utf8(out)?, String::from_utf8(log)?))
    }

    /// The main job judges a year of calls by the county's own sheet, and
    /// says what it understood of the sheet first.
    #[test]
    fn the_main_job_takes_the_officials_list() {
        let book = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../examples/data/county-list.xlsx"
        );
        let (out, log) = run_with(&[
            "--list",
            book,
            "--effective",
            "2025-07-01",
            "--calls",
            "300",
            "--days",
            "60",
            "--format",
            "csv",
        ])
        .unwrap();
        assert!(log.contains("county-list.xlsx#事项清单"), "{log}");
        assert!(log.contains("读取事项 91 行"), "{log}");
        assert!(log.contains("300 calls"), "{log}");
        // The same calls judged by the same list from the sample give the same report.
        let dir = std::env::temp_dir().join(format!("huying-list-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let json = dir.join("list.json");
        let first = Catalog::sample().data().clone();
        let base = huying::catalog::CatalogData {
            revisions: Vec::new(),
            illustrative: false,
            title_en: String::new(),
            ..first
        };
        std::fs::write(&json, Catalog::new(base).unwrap().to_json()).unwrap();
        let (same, _) = run_with(&[
            "--catalog",
            json.to_str().unwrap(),
            "--calls",
            "300",
            "--days",
            "60",
            "--format",
            "csv",
        ])
        .unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(out, same);
        assert!(out.lines().count() > 5);
    }

    #[test]
    fn a_list_needs_its_effective_date_and_no_catalog() {
        let e = args(["--list", "x.xlsx"].map(String::from)).err().unwrap();
        assert!(e.to_string().contains("--effective"));
        let e = args(
            [
                "--list",
                "x.xlsx",
                "--effective",
                "2025-07-01",
                "--catalog",
                "y.json",
            ]
            .map(String::from),
        )
        .err()
        .unwrap();
        assert!(e.to_string().contains("one list"));
    }

    #[test]
    fn a_list_that_does_not_read_lists_its_problems_with_their_cells() {
        let dir = std::env::temp_dir().join(format!("huying-badlist-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let csv = dir.join("county.csv");
        std::fs::write(
            &csv,
            "序号,领域,事项名称,主体责任单位\n1,自然资源,违法占用土地查处,县住建委\n",
        )
        .unwrap();
        let a = args(
            [
                "--list",
                csv.to_str().unwrap(),
                "--effective",
                "2025-07-01",
                "--units",
                "/no/such.xlsx",
            ]
            .map(String::from),
        )
        .unwrap();
        let e = run(&a, &mut Vec::new(), &mut Vec::new()).err().unwrap();
        assert!(e.to_string().contains("such.xlsx"), "{e}");
        let json = dir.join("sample.json");
        std::fs::write(&json, Catalog::sample().to_json()).unwrap();
        let a = args(
            [
                "--list",
                csv.to_str().unwrap(),
                "--effective",
                "2025-07-01",
                "--units",
                json.to_str().unwrap(),
            ]
            .map(String::from),
        )
        .unwrap();
        let mut log = Vec::new();
        let e = run(&a, &mut Vec::new(), &mut log).err().unwrap();
        std::fs::remove_dir_all(&dir).ok();
        let log = String::from_utf8(log).unwrap();
        assert_eq!(
            e.to_string().split(':').next(),
            Some("the responsibility list is not valid (1 problem(s)); first")
        );
        assert!(log.contains("D2") && log.contains("县住建委"), "{log}");
    }
}
