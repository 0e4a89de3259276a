//! The main job: a county's year of township calls, judged.
//!
//! ```text
//! cargo run --release -p huying --example county_report                 # the sample county's year, in Chinese
//! cargo run --release -p huying --example county_report -- --lang en --by department,quarter
//! cargo run --release -p huying --example county_report -- --log calls.jsonl [--catalog list.json]
//! ```
//!
//! Without `--log`, it generates the sample county's calls (`--calls`,
//! `--seed`, `--from`, `--days`), replays them as they are generated and
//! prints the compliance report and the department ranking. With `--log` it
//! judges that log (JSON lines, or CSV for a `.csv` path) by the given list
//! (JSON or XLSX; the sample list by default).
#![allow(missing_docs)]

use std::fs::File;
use std::io::{BufReader, BufWriter, Write};

use chrono::{DateTime, FixedOffset, NaiveDate};
use huying::Lang;
use huying::calendar::Calendar;
use huying::catalog::Catalog;
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

fn args() -> Res<Args> {
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
        on_error: OnError::Skip,
        as_of: None,
        by: vec![Dimension::Department],
        weights: Weights::default(),
        format: "text".into(),
        lang: Lang::Zh,
        rows: 40,
        records: None,
    };
    let mut it = std::env::args().skip(1);
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
    if !["text", "csv", "ranking-csv", "json"].contains(&a.format.as_str()) {
        return Err(format!("--format {:?}: text, csv, ranking-csv or json", a.format).into());
    }
    Ok(a)
}

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn run() -> Res<()> {
    let a = args()?;
    let cal = Calendar::china_with_file(a.calendar.as_deref())?;
    let list = match &a.catalog {
        Some(p) => Catalog::load(p)?,
        None => Catalog::sample(),
    };
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
                eprintln!("wrote {n} events to {path}");
            }
            replay.push_events(g.events())?;
        }
        (None, None) => {}
    }
    let report = replay.finish();
    eprintln!(
        "{} calls, {} events, at most {} open at once",
        report.input.calls, report.input.events, report.input.max_open_calls,
    );
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
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    if a.format == "json" {
        stdout.write_all(b"\n")?;
    }
    Ok(())
}
