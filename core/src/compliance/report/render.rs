//! The report as text (Chinese or English), CSV tables and JSON.

use std::fmt::Write as _;

use crate::Lang;
use crate::catalog::Stage;
#[cfg(feature = "csv")]
use crate::compliance::Component;
use crate::compliance::tally::status::percent;
use crate::compliance::{GroupRow, Report, StageRow};
use serde::Serialize;

/// How much of a long report the text shows.
///
/// ```
/// let o = huying::compliance::TextOptions::default();
/// assert_eq!(o.max_rows, 40);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextOptions {
    /// Group rows shown (the rest are counted; CSV and JSON have them all).
    pub max_rows: usize,
    /// Accountable units shown.
    pub max_accountable: usize,
    /// Bad lines shown.
    pub max_bad_lines: usize,
}

impl Default for TextOptions {
    fn default() -> TextOptions {
        TextOptions {
            max_rows: 40,
            max_accountable: 10,
            max_bad_lines: 5,
        }
    }
}

/// Display width of text in a terminal: East Asian wide characters take two
/// columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let c = c as u32;
            let wide = (0x1100..=0x115F).contains(&c)
                || (0x2E80..=0xA4CF).contains(&c)
                || (0xAC00..=0xD7A3).contains(&c)
                || (0xF900..=0xFAFF).contains(&c)
                || (0xFE30..=0xFE4F).contains(&c)
                || (0xFF00..=0xFF60).contains(&c)
                || (0xFFE0..=0xFFE6).contains(&c);
            if wide { 2 } else { 1 }
        })
        .sum()
}

/// Cuts text to at most `max` columns, with an ellipsis.
fn clip(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = width(c.encode_utf8(&mut [0; 4]));
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// A text table: left-aligned text columns, right-aligned numbers.
struct Table {
    head: Vec<String>,
    right: Vec<bool>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn new(head: Vec<(String, bool)>) -> Table {
        let (head, right) = head.into_iter().unzip();
        Table {
            head,
            right,
            rows: Vec::new(),
        }
    }

    fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    fn render(&self, out: &mut String) {
        let n = self.head.len();
        let mut widths = vec![0; n];
        for row in std::iter::once(&self.head).chain(&self.rows) {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(width(cell));
            }
        }
        for row in std::iter::once(&self.head).chain(&self.rows) {
            let mut line = String::new();
            for (i, ((cell, w), right)) in row.iter().zip(&widths).zip(&self.right).enumerate() {
                let pad = " ".repeat(w.saturating_sub(width(cell)));
                if i > 0 {
                    line.push_str("  ");
                }
                if *right {
                    line.push_str(&pad);
                    line.push_str(cell);
                } else {
                    line.push_str(cell);
                    if i + 1 < n {
                        line.push_str(&pad);
                    }
                }
            }
            out.push_str("  ");
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
}

/// A duration in words: `12分` / `2小时05分` / `3天4小时` (or `12m`, `2h05m`, `3d04h`).
fn duration(secs: Option<u32>, lang: Lang) -> String {
    let Some(s) = secs else {
        return "-".into();
    };
    let (d, h, m) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60);
    match (lang, s) {
        (Lang::Zh, 0..60) => format!("{s}秒"),
        (Lang::Zh, 60..3600) => format!("{m}分"),
        (Lang::Zh, 3600..86_400) => format!("{h}小时{m:02}分"),
        (Lang::Zh, _) => format!("{d}天{h}小时"),
        (Lang::En, 0..60) => format!("{s}s"),
        (Lang::En, 60..3600) => format!("{m}m"),
        (Lang::En, 3600..86_400) => format!("{h}h{m:02}m"),
        (Lang::En, _) => format!("{d}d{h:02}h"),
    }
}

fn n(x: u64) -> String {
    x.to_string()
}

fn stage_label(s: Stage, lang: Lang) -> &'static str {
    match s {
        Stage::Dispatch => lang.pick("转办", "Dispatch"),
        Stage::Arrival => lang.pick("到达", "Arrival"),
        Stage::Reply => lang.pick("答复", "Reply"),
    }
}

const SECTION: [&str; 6] = ["一", "二", "三", "四", "五", "六"];

fn heading(out: &mut String, k: &mut usize, zh: &str, en: &str, lang: Lang) {
    let _ = match lang {
        Lang::Zh => writeln!(out, "\n{}、{zh}", SECTION.get(*k).copied().unwrap_or("·")),
        Lang::En => writeln!(out, "\n{}. {en}", *k + 1),
    };
    *k += 1;
}

fn stage_table(row: &GroupRow, lang: Lang, out: &mut String) {
    let h = |zh: &str, en: &str, right| (lang.pick(zh, en).to_string(), right);
    let mut t = Table::new(vec![
        h("环节", "Stage", false),
        h("应结案", "Due", true),
        h("按时", "Met", true),
        h("超时", "Missed", true),
        h("在办超时", "Overdue", true),
        h("在办正常", "On track", true),
        h("按时率", "On time", true),
        h("用时中位数", "Median", true),
        h("用时P90", "P90", true),
    ]);
    for (s, r) in row.stages.iter() {
        t.push(vec![
            s.name(lang).to_string(),
            n(r.status.due()),
            n(r.status.met),
            n(r.status.missed),
            n(r.status.open_overdue),
            n(r.status.open_on_track),
            percent(r.on_time_rate),
            duration(r.median_secs, lang),
            duration(r.p90_secs, lang),
        ]);
    }
    t.render(out);
}

impl Report {
    /// The report as pretty-printed JSON (every group, every field).
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::log, compliance::{Replay, ReportConfig}};
    /// let mut r = Replay::new(&Calendar::china(), None, ReportConfig::new(None))?;
    /// r.read_json_lines(log::EXAMPLE.as_bytes())?;
    /// let json: serde_json::Value = serde_json::from_str(&r.finish().to_json()).unwrap();
    /// assert_eq!(json["total"]["calls"], 1);
    /// assert_eq!(json["total"]["stages"]["reply"]["on_time_rate"], 1.0);
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".into())
    }

    /// The groups as a flat table, the total first (`row` = `total`, then
    /// `group`): one column per dimension (id) and its name in `lang`, then
    /// the counts, rates (0–1, [`Cell::Empty`] when undefined) and times
    /// (seconds). The columns of [`Report::to_csv`], with typed cells and
    /// rates at full precision: what data frames are built from.
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::log, Lang};
    /// use huying::compliance::{Cell, Dimension, Replay, ReportConfig};
    /// let mut r = Replay::new(&Calendar::china(), None, ReportConfig::new(None).by(&[Dimension::Township]))?;
    /// r.read_json_lines(log::EXAMPLE.as_bytes())?;
    /// let t = r.finish().table(Lang::En);
    /// assert_eq!(&t.columns[..4], ["row", "township", "township_name", "calls"]);
    /// assert_eq!(t.rows[0][0], Cell::Text("total".into()));
    /// assert_eq!(t.rows[1][1], Cell::Text("U068".into()));
    /// assert_eq!(t.rows[1][3], Cell::Int(1));
    /// let rate = t.columns.iter().position(|c| c == "reply_on_time_rate").unwrap();
    /// assert_eq!(t.rows[1][rate], Cell::Rate(1.0));
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    pub fn table(&self, lang: Lang) -> ReportTable {
        let mut columns: Vec<String> = vec!["row".into()];
        for d in &self.by {
            columns.push(d.code().into());
            columns.push(format!("{}_name", d.code()));
        }
        for c in [
            "calls",
            "calls_due",
            "calls_met",
            "calls_missed",
            "calls_open_overdue",
            "calls_open_on_track",
            "calls_not_due",
            "calls_undetermined",
            "on_time_rate",
        ] {
            columns.push(c.into());
        }
        for s in Stage::ALL {
            for c in [
                "due",
                "met",
                "missed",
                "open_overdue",
                "open_on_track",
                "not_due",
                "undetermined",
                "on_time_rate",
                "missed_overrun_secs",
                "median_secs",
                "p90_secs",
            ] {
                columns.push(format!("{}_{c}", s.code()));
            }
        }
        for c in [
            "response_num",
            "response_den",
            "response_rate",
            "resolution_num",
            "resolution_den",
            "resolution_rate",
            "satisfaction_num",
            "satisfaction_den",
            "satisfaction_rate",
            "withdrawn",
            "returned",
            "reopened",
            "paused",
            "extended",
            "supervised",
        ] {
            columns.push(c.into());
        }
        let rate = |r: Option<f64>| r.map_or(Cell::Empty, Cell::Rate);
        let opt = |v: Option<u32>| v.map_or(Cell::Empty, |v| Cell::Int(u64::from(v)));
        let row = |kind: &str, g: &GroupRow| {
            let mut r: Vec<Cell> = vec![Cell::Text(kind.into())];
            if g.key.is_empty() {
                r.extend(self.by.iter().flat_map(|_| [Cell::Empty, Cell::Empty]));
            }
            for k in &g.key {
                r.push(Cell::Text(k.id.clone()));
                r.push(Cell::Text(k.name(lang).to_string()));
            }
            let s = &g.status;
            r.push(Cell::Int(g.calls));
            r.extend(
                [
                    s.due(),
                    s.met,
                    s.missed,
                    s.open_overdue,
                    s.open_on_track,
                    s.not_due,
                    s.undetermined,
                ]
                .map(Cell::Int),
            );
            r.push(rate(g.on_time_rate));
            for (_, st) in g.stages.iter() {
                let c = &st.status;
                r.extend(
                    [
                        c.due(),
                        c.met,
                        c.missed,
                        c.open_overdue,
                        c.open_on_track,
                        c.not_due,
                        c.undetermined,
                    ]
                    .map(Cell::Int),
                );
                r.push(rate(st.on_time_rate));
                r.push(Cell::Int(st.missed_overrun_secs));
                r.push(opt(st.median_secs));
                r.push(opt(st.p90_secs));
            }
            for x in [&g.response, &g.resolution, &g.satisfaction] {
                r.push(Cell::Int(x.num));
                r.push(Cell::Int(x.den));
                r.push(rate(x.rate));
            }
            r.extend(
                [
                    g.withdrawn,
                    g.returned,
                    g.reopened,
                    g.paused,
                    g.extended,
                    g.supervised,
                ]
                .map(Cell::Int),
            );
            r
        };
        let mut rows = vec![row("total", &self.total)];
        rows.extend(self.groups.iter().map(|g| row("group", g)));
        ReportTable { columns, rows }
    }

    /// [`Report::table`] as CSV: rates with four decimals, empty cells for
    /// undefined values.
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::log, catalog::Catalog, Lang};
    /// use huying::compliance::{Dimension, Replay, ReportConfig};
    /// let mut r = Replay::new(&Calendar::china(), Some(&Catalog::sample()), ReportConfig::new(None).by(&[Dimension::Township]))?;
    /// r.read_json_lines(log::EXAMPLE.as_bytes())?;
    /// let csv = r.finish().to_csv(Lang::Zh);
    /// let mut lines = csv.lines();
    /// assert!(lines.next().unwrap().starts_with("row,township,township_name,calls,calls_due,"));
    /// assert!(lines.next().unwrap().starts_with("total,,,1,1,"));
    /// assert!(lines.next().unwrap().starts_with("group,U068,夏津县南城镇,1,1,"));
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    #[cfg(feature = "csv")]
    pub fn to_csv(&self, lang: Lang) -> String {
        let t = self.table(lang);
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record(&t.columns);
        for r in &t.rows {
            let _ = w.write_record(r.iter().map(Cell::to_text));
        }
        w.into_inner()
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .unwrap_or_default()
    }

    /// The department evaluation as a CSV table: rank, department, name,
    /// score, calls, missed stages, then each weighted component's rate.
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::log, catalog::Catalog, Lang};
    /// use huying::compliance::{Replay, ReportConfig};
    /// let mut r = Replay::new(&Calendar::china(), Some(&Catalog::sample()), ReportConfig::new(None))?;
    /// r.read_json_lines(log::EXAMPLE.as_bytes())?;
    /// let csv = r.finish().ranking_csv(Lang::En);
    /// assert_eq!(csv.lines().next().unwrap(), "rank,department,name,score,calls,missed,arrival,reply,satisfaction");
    /// assert!(csv.lines().nth(1).unwrap().starts_with("1,U010,County Natural Resources Bureau,100.00,1,0,"));
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    #[cfg(feature = "csv")]
    pub fn ranking_csv(&self, lang: Lang) -> String {
        let comps: Vec<Component> = self.evaluation.weights.weighted().map(|(c, _)| c).collect();
        let mut w = csv::Writer::from_writer(Vec::new());
        let mut head: Vec<String> = ["rank", "department", "name", "score", "calls", "missed"]
            .map(String::from)
            .to_vec();
        head.extend(comps.iter().map(|c| c.code().to_string()));
        let _ = w.write_record(&head);
        for d in &self.evaluation.ranking {
            let mut r = vec![
                d.rank.to_string(),
                d.department.id.clone(),
                d.department.name(lang).to_string(),
                format!("{:.2}", d.score),
                d.calls.to_string(),
                d.missed.to_string(),
            ];
            for c in &comps {
                let rate = d
                    .components
                    .iter()
                    .find(|x| x.component == *c)
                    .and_then(|x| x.rate);
                r.push(rate.map(|r| format!("{r:.4}")).unwrap_or_default());
            }
            let _ = w.write_record(&r);
        }
        w.into_inner()
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .unwrap_or_default()
    }

    /// The report as readable text, with at most 40 group rows.
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::log, catalog::Catalog, Lang};
    /// use huying::compliance::{Replay, ReportConfig};
    /// let mut r = Replay::new(&Calendar::china(), Some(&Catalog::sample()), ReportConfig::new(None))?;
    /// r.read_json_lines(log::EXAMPLE.as_bytes())?;
    /// let report = r.finish();
    /// assert!(report.to_text(Lang::Zh).contains("按时办结率 100.0%"));
    /// assert!(report.to_text(Lang::En).contains("on time 100.0%"));
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    pub fn to_text(&self, lang: Lang) -> String {
        self.to_text_with(lang, TextOptions::default())
    }

    /// The report as readable text, showing as much as `opts` allows.
    ///
    /// ```
    /// use huying::{calendar::Calendar, call::log, catalog::Catalog, Lang};
    /// use huying::compliance::{Dimension, Replay, ReportConfig, TextOptions};
    /// let mut r = Replay::new(&Calendar::china(), Some(&Catalog::sample()), ReportConfig::new(None).by(&[Dimension::Department]))?;
    /// r.read_json_lines(log::EXAMPLE.as_bytes())?;
    /// let text = r.finish().to_text_with(Lang::En, TextOptions { max_rows: 1, ..Default::default() });
    /// assert!(text.contains("1 more group"));
    /// # Ok::<(), huying::compliance::LogError>(())
    /// ```
    pub fn to_text_with(&self, lang: Lang, opts: TextOptions) -> String {
        let mut out = String::new();
        let zh = lang == Lang::Zh;
        let as_of = self.as_of.map_or_else(
            || "-".to_string(),
            |t| t.format("%Y-%m-%d %H:%M").to_string(),
        );
        let _ = if zh {
            writeln!(out, "乡呼县应 合规报告 · 截至 {as_of}（UTC+08:00）")
        } else {
            writeln!(
                out,
                "Township calls, county responds — compliance report as of {as_of} (UTC+08:00)"
            )
        };
        if let Some(l) = &self.list {
            let eds = l.editions.join(lang.pick("、", ", "));
            let _ = if zh {
                writeln!(
                    out,
                    "清单：{}（版本 {eds}{}）；超时责任按呼叫时有效的版本认定",
                    l.id,
                    if l.illustrative {
                        "；示例清单"
                    } else {
                        ""
                    }
                )
            } else {
                writeln!(
                    out,
                    "List: {} (editions {eds}{}); a missed stage is attributed by the edition in force when the call was raised",
                    l.id,
                    if l.illustrative {
                        "; illustrative sample"
                    } else {
                        ""
                    }
                )
            };
        } else {
            let _ = if zh {
                writeln!(out, "清单：未提供；事件中的单位身份未经核验（按事件所述）")
            } else {
                writeln!(
                    out,
                    "List: none; the units' identities were not checked (taken as the events state them)"
                )
            };
        }
        let i = &self.input;
        let _ = if zh {
            writeln!(
                out,
                "输入：{} 行，{} 个事件，{} 件呼叫；截至时点之后的事件 {} 个（不计）；坏行 {} 行（已跳过）；同时在办最多 {} 件，期末在办 {} 件",
                i.lines,
                i.events,
                i.calls,
                i.after_as_of,
                i.skipped,
                i.max_open_calls,
                i.open_at_end
            )
        } else {
            writeln!(
                out,
                "Input: {} lines, {} events, {} calls; {} events after as-of (ignored); {} bad lines (skipped); at most {} calls open at once, {} open at the end",
                i.lines,
                i.events,
                i.calls,
                i.after_as_of,
                i.skipped,
                i.max_open_calls,
                i.open_at_end
            )
        };

        let mut k = 0;
        heading(&mut out, &mut k, "总体", "Overall", lang);
        let t = &self.total;
        let s = &t.status;
        let _ = if zh {
            writeln!(
                out,
                "  呼叫 {} 件：应结案 {}（按时 {}，超时 {}，在办超时 {}），在办正常 {}，未到期 {}；按时办结率 {}",
                t.calls,
                s.due(),
                s.met,
                s.missed,
                s.open_overdue,
                s.open_on_track,
                s.not_due,
                percent(t.on_time_rate)
            )
        } else {
            writeln!(
                out,
                "  {} calls: {} due ({} met, {} missed, {} open and overdue), {} open on track, {} never due; on time {}",
                t.calls,
                s.due(),
                s.met,
                s.missed,
                s.open_overdue,
                s.open_on_track,
                s.not_due,
                percent(t.on_time_rate)
            )
        };
        if s.undetermined > 0 {
            let _ = if zh {
                writeln!(
                    out,
                    "  另有 {} 件待定：其时限跨入日历尚未覆盖的年份，载入该年国务院节假日通知后可判定",
                    s.undetermined
                )
            } else {
                writeln!(
                    out,
                    "  {} more undetermined: their deadlines run into a year the calendar does not cover yet (load that year's State Council notice)",
                    s.undetermined
                )
            };
        }
        let rate = |r: &crate::compliance::Rate| format!("{}（{}/{}）", r.percent(), r.num, r.den);
        let rate_en =
            |r: &crate::compliance::Rate| format!("{} ({}/{})", r.percent(), r.num, r.den);
        let _ = if zh {
            writeln!(
                out,
                "  响应率 {} · 解决率 {} · 满意率 {}",
                rate(&t.response),
                rate(&t.resolution),
                rate(&t.satisfaction)
            )
        } else {
            writeln!(
                out,
                "  response {} · resolution {} · satisfaction {}",
                rate_en(&t.response),
                rate_en(&t.resolution),
                rate_en(&t.satisfaction)
            )
        };
        let _ = if zh {
            writeln!(
                out,
                "  撤回 {} · 退回 {} · 返工 {} · 暂停计时 {} · 延期 {} · 督办 {}",
                t.withdrawn, t.returned, t.reopened, t.paused, t.extended, t.supervised
            )
        } else {
            writeln!(
                out,
                "  withdrawn {} · returned {} · reworked {} · paused {} · extended {} · supervised {}",
                t.withdrawn, t.returned, t.reopened, t.paused, t.extended, t.supervised
            )
        };
        stage_table(t, lang, &mut out);

        if !self.by.is_empty() {
            let dims: Vec<&str> = self.by.iter().map(|d| d.name(lang)).collect();
            let title_zh = format!("按{}（{} 组）", dims.join("×"), self.groups.len());
            let title_en = format!("By {} ({} groups)", dims.join(" × "), self.groups.len());
            heading(&mut out, &mut k, &title_zh, &title_en, lang);
            let mut head: Vec<(String, bool)> = self
                .by
                .iter()
                .map(|d| (d.name(lang).to_string(), false))
                .collect();
            let h = |zh: &str, en: &str| (lang.pick(zh, en).to_string(), true);
            head.extend([
                h("呼叫", "Calls"),
                h("应结案", "Due"),
                h("按时办结率", "On time"),
                h("转办", "Disp."),
                h("到达", "Arr."),
                h("答复", "Reply"),
                h("响应率", "Resp."),
                h("解决率", "Resol."),
                h("满意率", "Satisf."),
            ]);
            let mut table = Table::new(head);
            let name_width = if zh { 30 } else { 36 };
            for g in self.groups.iter().take(opts.max_rows) {
                let mut r: Vec<String> = g
                    .key
                    .iter()
                    .zip(&self.by)
                    .map(|(v, d)| match d {
                        crate::compliance::Dimension::Period(_)
                        | crate::compliance::Dimension::Domain => clip(v.name(lang), 24),
                        _ => clip(v.name(lang), name_width),
                    })
                    .collect();
                let rates = |st: &StageRow| percent(st.on_time_rate);
                r.extend([
                    n(g.calls),
                    n(g.status.due()),
                    percent(g.on_time_rate),
                    rates(&g.stages.dispatch),
                    rates(&g.stages.arrival),
                    rates(&g.stages.reply),
                    g.response.percent(),
                    g.resolution.percent(),
                    g.satisfaction.percent(),
                ]);
                table.push(r);
            }
            table.render(&mut out);
            let rest = self.groups.len().saturating_sub(opts.max_rows);
            if rest > 0 {
                let _ = if zh {
                    writeln!(out, "  ……其余 {rest} 组从略（完整表格见 CSV 或 JSON 输出）")
                } else {
                    writeln!(
                        out,
                        "  … {rest} more groups (the CSV and JSON outputs have them all)"
                    )
                };
            }
            let _ = if zh {
                writeln!(
                    out,
                    "  注：转办环节计入指挥中心；整件呼叫的计数计入最后承办单位"
                )
            } else {
                writeln!(
                    out,
                    "  Note: dispatch counts for the command centre; whole-call counts for the unit that last held the call"
                )
            };
        }

        let e = &self.evaluation;
        heading(
            &mut out,
            &mut k,
            "部门考核评价",
            "Department evaluation",
            lang,
        );
        let formula: Vec<String> = e
            .weights
            .weighted()
            .map(|(c, w)| format!("{w}×{}", c.name(lang)))
            .collect();
        let _ = if zh {
            writeln!(
                out,
                "  得分 = 100 ×（{}）÷ 权重之和；无数据的项不计，其余按权重折算；办理不足 {} 件不排名",
                formula.join(" + "),
                e.weights.min_calls
            )
        } else {
            writeln!(
                out,
                "  score = 100 × ({}) ÷ sum of weights; a rate without data is left out and the rest re-weighted; fewer than {} calls: not ranked",
                formula.join(" + "),
                e.weights.min_calls
            )
        };
        let mut head = vec![
            (lang.pick("名次", "Rank").to_string(), true),
            (lang.pick("部门", "Department").to_string(), false),
            (lang.pick("得分", "Score").to_string(), true),
        ];
        head.extend(
            e.weights
                .weighted()
                .map(|(c, _)| (c.name(lang).to_string(), true)),
        );
        head.push((lang.pick("办理", "Calls").to_string(), true));
        head.push((lang.pick("超时环节", "Missed").to_string(), true));
        let mut table = Table::new(head);
        for d in e.ranking.iter().take(opts.max_rows) {
            let mut r = vec![
                d.rank.to_string(),
                clip(d.department.name(lang), if zh { 30 } else { 36 }),
                format!("{:.1}", d.score),
            ];
            r.extend(d.components.iter().map(|c| percent(c.rate)));
            r.push(n(d.calls));
            r.push(n(d.missed));
            table.push(r);
        }
        table.render(&mut out);
        if !e.unranked.is_empty() {
            let names: Vec<String> = e
                .unranked
                .iter()
                .take(8)
                .map(|d| clip(d.name(lang), 24))
                .collect();
            let more = e.unranked.len().saturating_sub(8);
            let _ = if zh {
                writeln!(
                    out,
                    "  未排名（无计分数据）：{}{}",
                    names.join("、"),
                    if more > 0 {
                        format!(" 等 {} 个", e.unranked.len())
                    } else {
                        String::new()
                    }
                )
            } else {
                writeln!(
                    out,
                    "  Not ranked (no scored data): {}{}",
                    names.join(", "),
                    if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    }
                )
            };
        }

        heading(
            &mut out,
            &mut k,
            "依单问责（超时环节的责任单位）",
            "Accountability by the list (who answers for missed stages)",
            lang,
        );
        if self.accountability.is_empty() && self.unattributed.is_empty() {
            let _ = writeln!(out, "  {}", lang.pick("无超时环节", "No stage was missed"));
        } else {
            let h = |zh: &str, en: &str, right| (lang.pick(zh, en).to_string(), right);
            let mut table = Table::new(vec![
                h("责任单位", "Unit", false),
                h("所属部门", "Department", false),
                (stage_label(Stage::Dispatch, lang).to_string(), true),
                (stage_label(Stage::Arrival, lang).to_string(), true),
                (stage_label(Stage::Reply, lang).to_string(), true),
                h("合计", "Total", true),
            ]);
            for a in self.accountability.iter().take(opts.max_accountable) {
                table.push(vec![
                    clip(a.unit.name(lang), if zh { 30 } else { 40 }),
                    a.department
                        .as_ref()
                        .map_or_else(|| "-".to_string(), |d| clip(d.name(lang), 24)),
                    n(a.missed.dispatch),
                    n(a.missed.arrival),
                    n(a.missed.reply),
                    n(a.total),
                ]);
            }
            table.render(&mut out);
            let rest = self
                .accountability
                .len()
                .saturating_sub(opts.max_accountable);
            if rest > 0 {
                let _ = if zh {
                    writeln!(out, "  ……其余 {rest} 个单位从略")
                } else {
                    writeln!(out, "  … {rest} more units")
                };
            }
            for u in &self.unattributed {
                let total: u64 = u.missed.iter().map(|(_, x)| *x).sum();
                let _ = if zh {
                    writeln!(out, "  清单无法认定（{}）：{} 个超时环节", u.code, total)
                } else {
                    writeln!(
                        out,
                        "  Not attributable by the list ({}): {} missed stages",
                        u.code, total
                    )
                };
            }
        }

        if i.skipped > 0 {
            let title_zh = format!("跳过的坏行（共 {} 行）", i.skipped);
            let title_en = format!("Skipped lines ({} in all)", i.skipped);
            heading(&mut out, &mut k, &title_zh, &title_en, lang);
            for b in i.bad_lines.iter().take(opts.max_bad_lines) {
                let _ = writeln!(out, "  {}", clip(&b.to_string(), 160));
            }
            let listed = i.bad_lines.len().min(opts.max_bad_lines) as u64;
            if i.skipped > listed {
                let _ = if zh {
                    writeln!(
                        out,
                        "  ……其余 {} 行（JSON 输出列出前 {} 行）",
                        i.skipped - listed,
                        i.bad_lines.len()
                    )
                } else {
                    writeln!(
                        out,
                        "  … {} more (the JSON output lists the first {})",
                        i.skipped - listed,
                        i.bad_lines.len()
                    )
                };
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_and_clipping() {
        assert_eq!(width("县自然资源局"), 12);
        assert_eq!(width("U010"), 4);
        assert_eq!(clip("County Natural Resources Bureau", 10), "County Na…");
        assert_eq!(width(&clip("夏津县南城镇自然资源所", 9)), 9);
    }

    #[test]
    fn durations_read_well() {
        assert_eq!(duration(Some(720), Lang::Zh), "12分");
        assert_eq!(duration(Some(7500), Lang::En), "2h05m");
        assert_eq!(duration(Some(3 * 86_400 + 4 * 3600), Lang::Zh), "3天4小时");
        assert_eq!(duration(None, Lang::En), "-");
    }
}

/// A report as a flat table ([`Report::table`]): column names, and one row
/// of cells per total or group.
///
/// ```
/// use huying::{calendar::Calendar, compliance::{Replay, ReportConfig}, Lang};
/// let t = Replay::new(&Calendar::china(), None, ReportConfig::new(None))?.finish().table(Lang::Zh);
/// assert_eq!(t.rows.len(), 1); // the total only
/// assert!(t.rows.iter().all(|r| r.len() == t.columns.len()));
/// # Ok::<(), huying::compliance::LogError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReportTable {
    /// The column names.
    pub columns: Vec<String>,
    /// The rows, each as long as `columns`.
    pub rows: Vec<Vec<Cell>>,
}

/// One cell of a [`ReportTable`].
///
/// ```
/// use huying::compliance::Cell;
/// assert_eq!(Cell::Rate(0.8).to_text(), "0.8000");
/// assert_eq!(Cell::Empty.to_text(), "");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    /// Text: the row kind, an id, a name.
    Text(String),
    /// A count, or a time in seconds.
    Int(u64),
    /// A rate from 0 to 1.
    Rate(f64),
    /// An undefined value (a rate with nothing due, a median of no times).
    Empty,
}

impl Cell {
    /// The cell as CSV writes it: rates with four decimals, empty for
    /// [`Cell::Empty`].
    pub fn to_text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Rate(r) => format!("{r:.4}"),
            Cell::Empty => String::new(),
        }
    }
}
