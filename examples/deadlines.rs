//! The deadlines of a few real cases, with their explanations.
//!
//! `cargo run -p huying --example deadlines [zh|en]`
#![allow(missing_docs)]

use chrono::DateTime;
use huying::Lang;
use huying::calendar::Calendar;
use huying::sla::{DayEnd, Limit};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let lang: Lang = std::env::args().nth(1).as_deref().unwrap_or("zh").parse()?;
    let cal = Calendar::china();
    let office = cal.with_schedule("08:30-12:00,14:00-17:30".parse()?)?;
    println!(
        "{} ({}) — {}",
        cal.name(),
        cal.data_version(),
        lang.pick("乡呼县应 时限示例", "township call deadlines")
    );
    let cases: [(&str, &str, &str, DayEnd); 6] = [
        (
            "2025-09-26T16:00:00+08:00",
            "3个工作日",
            "reply, received Friday before National Day",
            DayEnd::Midnight,
        ),
        (
            "2025-09-29T10:00:00+08:00",
            "3wd",
            "reply, received Monday before National Day",
            DayEnd::Midnight,
        ),
        (
            "2025-01-27T09:00:00+08:00",
            "3wd",
            "reply, received on the eve of Spring Festival",
            DayEnd::Midnight,
        ),
        (
            "2025-09-29T10:00:00+08:00",
            "3wd",
            "reply, office closing at 17:30",
            DayEnd::CloseOfBusiness,
        ),
        (
            "2025-09-30T16:00:00+08:00",
            "4wh",
            "working hours across the holiday",
            DayEnd::Midnight,
        ),
        (
            "2025-09-30T23:40:00+08:00",
            "30m",
            "dispatch on natural time",
            DayEnd::Midnight,
        ),
    ];
    for (start, limit, what, policy) in cases {
        let limit: Limit = limit.parse()?;
        let deadline =
            office.deadline_with(DateTime::parse_from_rfc3339(start)?, &limit, policy)?;
        println!("\n== {what}: {} → {}", limit.display(lang), deadline);
        print!("{}", deadline.explain(lang));
    }
    // A year the data does not cover is an error, never a guess.
    let late = DateTime::parse_from_rfc3339("2026-12-30T10:00:00+08:00")?;
    match cal.deadline(late, &"3wd".parse()?) {
        Ok(d) => println!("\nunexpected: {d}"),
        Err(e) => println!("\n== 2026-12-30 + 3wd: {e} [{}]", e.code()),
    }
    Ok(())
}
