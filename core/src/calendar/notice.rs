//! Reading the State Council's holiday notice: [`Notice`].

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};

use super::{Calendar, CalendarError, DayOverride, Festival, OverrideKind, data};

/// One festival's line of a notice: its holidays and working days in lieu.
///
/// ```
/// let n = huying::calendar::Notice::parse("关于2026年部分节假日安排的通知\n三、清明节：4月4日（周六）至6日（周一）放假，共3天。\n")?;
/// let item = &n.items()[0];
/// assert_eq!(item.festival.name_zh, "清明节");
/// assert_eq!((item.line, item.holidays.len(), item.workdays.len()), (2, 3, 0));
/// # Ok::<(), huying::calendar::CalendarError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoticeItem {
    /// 1-based line of the notice's text.
    pub line: usize,
    /// The festival (several festivals on one line are named together:
    /// `中秋节、国庆节`).
    pub festival: Festival,
    /// The holidays, in date order.
    pub holidays: Vec<NaiveDate>,
    /// The working days in lieu, in date order.
    pub workdays: Vec<NaiveDate>,
    /// For an amendment that extends the festival's holiday (延长……至): the
    /// new last day.
    pub extended_to: Option<NaiveDate>,
}

/// A State Council holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知),
/// read and checked.
///
/// Each year's arrangement is published as a short notice, and that text is
/// what officials have in hand:
///
/// ```text
/// 国务院办公厅关于2026年部分节假日安排的通知
/// 各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
/// 经国务院批准，现将2026年元旦、春节、……放假调休日期的具体安排通知如下。
/// 一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
/// 二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
/// ……
/// 国务院办公厅
/// 2025年11月4日
/// ```
///
/// [`Notice::parse`] reads such a text into the year's days: every date the
/// notice names as a holiday (放假, 补休, 调休) or as a working day in lieu
/// (上班), with its festival. It takes the notice as published in any year
/// since 2004: full-width or ASCII punctuation, 周四 or 星期四, lunar-date
/// asides in brackets (read, not checked), several festivals on one line
/// (中秋节、国庆节), 与周末连休 and 不调休 (remarks: no day is added), 补休,
/// ranges within a month or across months (9月30日至10月8日), ranges
/// written 至, —, - or ～, explanations (其中……为法定节假日, 将……两个公休日调至……),
/// and working days in lieu that fall in the previous year (the notice for
/// 2006 names 12月31日（星期六） of 2005). A December date on the New Year's
/// Day line without a year is in the previous year.
///
/// The text is checked against itself, and any mismatch is an error with its
/// line and column ([`CalendarError::BadNotice`]): a stated day count (共N天,
/// 放假N天) must equal the span; a weekday in brackets must match its date;
/// a working day in lieu must fall on a weekend; a date may not be both a
/// holiday and a working day; every sentence of a festival's line must be
/// read (an unknown phrase is an error, not skipped). A sentence that
/// encourages rather than arranges (2024's 鼓励……安排职工在除夕休息) is not
/// a holiday and is passed over; so are lunar dates, which are not checked.
/// A festival's line may run on over the lines after it (其中……, one
/// statement a line, as in 2009).
///
/// Separate notices that change a year already published — 2015's
/// victory-day holiday (国务院关于中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日调休放假的通知)
/// and 2020's extended Spring Festival (国务院办公厅关于延长2020年春节假期的通知)
/// — are read the same way and are *amendments* ([`Notice::is_amendment`]):
/// loaded after the year's notice, they change only the dates they name.
/// "延长……假期至2月2日" extends the festival's holiday, in the calendar it is
/// applied to, up to that date ([`Notice::resolve`]).
///
/// ```
/// use chrono::NaiveDate;
/// use huying::calendar::{Notice, OverrideKind};
/// let text = "国务院办公厅关于2026年部分节假日安排的通知\n\
///     一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。\n\
///     国务院办公厅\n2025年11月4日\n";
/// let notice = Notice::parse(text)?;
/// assert_eq!(notice.year(), 2026);
/// assert_eq!(notice.issued(), NaiveDate::from_ymd_opt(2025, 11, 4));
/// let days = notice.days();
/// assert_eq!(days.len(), 4);
/// assert_eq!(days[3].date, NaiveDate::from_ymd_opt(2026, 1, 4).unwrap());
/// assert_eq!(days[3].kind, OverrideKind::Workday);
/// assert!(notice.to_tsv().contains("2026-01-04\tworkday\tNew Year's Day\t元旦"));
///
/// // A count that does not match the span is an error at its line and column.
/// let err = Notice::parse("关于2026年部分节假日安排的通知\n一、元旦：1月1日至3日放假调休，共4天。\n").unwrap_err();
/// assert_eq!(err.code(), "calendar.bad_notice");
/// assert!(err.to_string().starts_with("notice:2:"), "{err}");
/// # Ok::<(), huying::calendar::CalendarError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    year: i32,
    amendment: bool,
    title: String,
    issued: Option<NaiveDate>,
    items: Vec<NoticeItem>,
    source: String,
}

/// Reads a notice's text: [`Notice::parse`].
///
/// # Errors
/// [`CalendarError::BadNotice`] as [`Notice::parse`].
///
/// ```
/// let n = huying::calendar::parse_notice("关于2026年部分节假日安排的通知\n五、端午节：6月19日（周五）至21日（周日）放假，共3天。\n")?;
/// assert_eq!(n.days().len(), 3);
/// # Ok::<(), huying::calendar::CalendarError>(())
/// ```
pub fn parse_notice(text: &str) -> Result<Notice, CalendarError> {
    Notice::parse(text)
}

impl Notice {
    /// Reads a notice's text (see [`Notice`]).
    ///
    /// # Errors
    /// [`CalendarError::BadNotice`] with the line and column of the first
    /// thing that cannot be read or does not agree with the rest.
    ///
    /// ```
    /// let err = huying::calendar::Notice::parse("关于2026年部分节假日安排的通知\n一、元旦：1月1日（周五）放假。\n").unwrap_err();
    /// assert!(err.to_string().contains("Thursday"), "{err}");
    /// ```
    pub fn parse(text: &str) -> Result<Notice, CalendarError> {
        Notice::parse_at(text, "notice", 0)
    }

    /// Reads a notice that starts at line `offset + 1` of the source `source`.
    pub(crate) fn parse_at(
        text: &str,
        source: &str,
        offset: usize,
    ) -> Result<Notice, CalendarError> {
        Parser::new(text, source, offset).notice()
    }

    /// The year the notice arranges.
    ///
    /// ```
    /// let n = huying::calendar::Notice::parse("关于2027年部分节假日安排的通知\n一、元旦：1月1日（周五）放假，与周末连休。\n")?;
    /// assert_eq!(n.year(), 2027);
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn year(&self) -> i32 {
        self.year
    }

    /// Whether this is a separate notice changing a year already arranged
    /// (it changes only the dates it names) rather than the year's notice.
    ///
    /// ```
    /// let n = huying::calendar::Notice::parse("国务院办公厅关于延长2020年春节假期的通知\n一、延长2020年春节假期至2月2日（农历正月初九，星期日），2月3日（星期一）起正常上班。\n")?;
    /// assert!(n.is_amendment());
    /// assert_eq!(n.items()[0].extended_to, chrono::NaiveDate::from_ymd_opt(2020, 2, 2));
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn is_amendment(&self) -> bool {
        self.amendment
    }

    /// The title line, if the text has one.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The date the notice was issued (its last dated line), if the text has it.
    pub fn issued(&self) -> Option<NaiveDate> {
        self.issued
    }

    /// The festivals' lines, in the notice's order.
    pub fn items(&self) -> &[NoticeItem] {
        &self.items
    }

    /// Where the text came from (`notice` unless read from a file).
    pub(crate) fn source(&self) -> &str {
        &self.source
    }

    /// Every date the notice names, in date order, as dated overrides (the
    /// rows of the calendar data). An amendment's extension (延长……至) is
    /// here only as its last day; [`Notice::resolve`] gives the days it
    /// covers in a calendar.
    pub fn days(&self) -> Vec<DayOverride> {
        let mut out: BTreeMap<NaiveDate, DayOverride> = BTreeMap::new();
        for item in &self.items {
            let add = |out: &mut BTreeMap<NaiveDate, DayOverride>, date, kind| {
                out.insert(
                    date,
                    DayOverride {
                        date,
                        kind,
                        festival: item.festival.clone(),
                    },
                );
            };
            for &d in &item.holidays {
                add(&mut out, d, OverrideKind::Holiday);
            }
            if let Some(d) = item.extended_to {
                add(&mut out, d, OverrideKind::Holiday);
            }
            for &d in &item.workdays {
                add(&mut out, d, OverrideKind::Workday);
            }
        }
        out.into_values().collect()
    }

    /// The days the notice sets in `calendar`: [`Notice::days`], and for an
    /// extension (延长……假期至D) every day of the festival's holiday before D
    /// in the calendar, and the days after it up to D.
    ///
    /// # Errors
    /// [`CalendarError::NotCovered`] if the calendar does not cover the
    /// year; [`CalendarError::BadNotice`] if an extension's festival has no
    /// holiday in the calendar before the date it extends to.
    ///
    /// ```
    /// use huying::calendar::{Calendar, Notice};
    /// let n = Notice::parse("国务院办公厅关于延长2020年春节假期的通知\n一、延长2020年春节假期至2月2日（农历正月初九，星期日），2月3日（星期一）起正常上班。\n")?;
    /// // The Spring Festival of 01-24 to 01-30, extended to 02-02.
    /// let days = n.resolve(&Calendar::china())?;
    /// assert_eq!(days.len(), 10);
    /// assert_eq!(days[9].date, chrono::NaiveDate::from_ymd_opt(2020, 2, 2).unwrap());
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn resolve(&self, calendar: &Calendar) -> Result<Vec<DayOverride>, CalendarError> {
        let mut out: BTreeMap<NaiveDate, DayOverride> =
            self.days().into_iter().map(|d| (d.date, d)).collect();
        for item in &self.items {
            let Some(until) = item.extended_to else {
                continue;
            };
            if !calendar.years().contains(&until.year()) {
                return Err(CalendarError::NotCovered { year: until.year() });
            }
            // The festival's holidays before the new last day: walk back to
            // them, then to the first day of their run.
            let spec = &calendar.inner.spec;
            let festival_holiday = |d: &NaiveDate| {
                spec.overrides.get(d).is_some_and(|(k, f)| {
                    *k == OverrideKind::Holiday && f.name_zh == item.festival.name_zh
                })
            };
            let last = until
                .iter_days()
                .rev()
                .take(32)
                .find(festival_holiday)
                .ok_or_else(|| CalendarError::BadNotice {
                    source_name: self.source.clone(),
                    line: item.line,
                    column: 1,
                    message: format!(
                        "extends {} to {until}, but the calendar has no holiday of {} in the month before",
                        item.festival.name_zh, item.festival.name_zh
                    ),
                })?;
            let first = last
                .iter_days()
                .rev()
                .take_while(festival_holiday)
                .last()
                .unwrap_or(last);
            for date in first.iter_days().take_while(|d| *d <= until) {
                out.insert(
                    date,
                    DayOverride {
                        date,
                        kind: OverrideKind::Holiday,
                        festival: item.festival.clone(),
                    },
                );
            }
        }
        Ok(out.into_values().collect())
    }

    /// The notice's days as TSV rows (see [`Calendar::extend_from_tsv`]),
    /// with the `# years:` header of an annual notice.
    pub fn to_tsv(&self) -> String {
        data::write_tsv(&self.days(), self.whole_years())
    }

    /// The notice's days as JSON (see [`Calendar::extend_from_json`]):
    /// `{"years": [Y, Y], "days": [...]}` for an annual notice, a list for an
    /// amendment.
    ///
    /// ```
    /// let n = huying::calendar::Notice::parse("关于2026年部分节假日安排的通知\n五、端午节：6月19日（周五）至21日（周日）放假，共3天。\n")?;
    /// assert!(n.to_json().contains("\"years\""));
    /// # Ok::<(), huying::calendar::CalendarError>(())
    /// ```
    pub fn to_json(&self) -> String {
        data::write_json(&self.days(), self.whole_years())
    }

    fn whole_years(&self) -> Option<(i32, i32)> {
        (!self.amendment).then_some((self.year, self.year))
    }
}

/// The notices in a text that holds several, one after another: each part
/// starts at a title line (…关于…的通知) and runs to the next; with one
/// title or none, the whole text. Yields the line offset of each part.
pub(crate) fn split_notices(text: &str) -> Vec<(usize, &str)> {
    let mut starts = Vec::new();
    let mut pos = 0usize;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if is_title(line.trim()) {
            starts.push((n, pos));
        }
        pos += line.len();
    }
    if starts.len() <= 1 {
        return vec![(0, text)];
    }
    let mut out = Vec::new();
    for (i, &(line, start)) in starts.iter().enumerate() {
        let begin = if i == 0 { 0 } else { start };
        let end = starts.get(i + 1).map_or(text.len(), |&(_, s)| s);
        let line = if i == 0 { 0 } else { line };
        if let Some(part) = text.get(begin..end) {
            out.push((line, part));
        }
    }
    out
}

fn is_title(line: &str) -> bool {
    line.contains("关于") && line.ends_with("通知") && line.chars().count() < 80
}

// ----- the text, normalized, with positions -----

/// One character of the normalized text, with where it was.
#[derive(Clone, Copy, Debug)]
struct Ch {
    c: char,
    line: usize,
    col: usize,
}

/// Full-width forms and the variants of dashes and brackets, made one;
/// white space dropped.
fn normalize(c: char) -> Option<char> {
    Some(match c {
        c if c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}' => return None,
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '：' => ':',
        '，' | '﹐' => ',',
        '。' | '．' => '.',
        '；' => ';',
        '（' | '［' | '【' | '〔' | '[' => '(',
        '）' | '］' | '】' | '〕' | ']' => ')',
        '—' | '–' | '－' | '～' | '~' | '―' | '‐' | '−' | '〜' => '-',
        '､' | '﹑' => '、',
        c => c,
    })
}

/// What every item of a notice shares.
struct Ctx {
    year: i32,
    /// The festival the title names (a separate notice's items name none).
    title_festival: Option<Festival>,
}

struct Parser<'a> {
    lines: Vec<Vec<Ch>>,
    raw: Vec<&'a str>,
    source: String,
}

/// A date as written: the parts it states.
#[derive(Clone, Copy, Debug)]
struct Written {
    year: Option<i32>,
    month: Option<u32>,
    day: u32,
    /// Index (in the clause) of its first character.
    at: usize,
}

#[derive(Clone, Debug)]
enum Tok {
    Date(Written),
    /// A bracketed aside after a date: its weekdays, in order.
    Aside(Vec<Weekday>, usize),
    To,
    Sep,
    /// A count of days (3天, 三天).
    Days(u32, usize),
    Word(String),
}

/// One statement of a clause, before its dates are resolved.
#[derive(Debug, Default)]
struct Group {
    /// Ranges of written dates, each with the weekdays stated for its ends.
    ranges: Vec<(Written, Option<Written>)>,
    weekdays: Vec<(usize, Weekday, usize)>,
}

const FESTIVALS: [(&str, &str, &[&str]); 8] = [
    ("元旦", "New Year's Day", &["元旦节"]),
    ("春节", "Spring Festival", &["春节假期"]),
    ("清明节", "Tomb-sweeping Day", &["清明"]),
    (
        "劳动节",
        "Labour Day",
        &["国际劳动节", "五一劳动节", "五一国际劳动节", "五一"],
    ),
    ("端午节", "Dragon Boat Festival", &["端午"]),
    ("中秋节", "Mid-autumn Festival", &["中秋"]),
    ("国庆节", "National Day", &["国庆", "十一"]),
    (
        "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
        "Anti-Fascist 70th Day",
        &["抗战胜利70周年纪念日", "中国人民抗日战争胜利70周年纪念日"],
    ),
];

fn festival_named(name: &str) -> Option<(&'static str, &'static str)> {
    FESTIVALS
        .iter()
        .find(|(zh, _, aliases)| *zh == name || aliases.contains(&name))
        .map(|(zh, en, _)| (*zh, *en))
}

const NUMERALS: &str = "一二三四五六七八九十";

fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| NUMERALS.chars().position(|n| n == c).map(|p| p as u32 + 1);
    let cs: Vec<char> = s.chars().collect();
    match cs.as_slice() {
        [a] => digit(*a),
        ['十', b] => Some(10 + digit(*b)?),
        [a, '十'] => Some(digit(*a)? * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

/// A line that is a date alone, in digits or in words.
fn date_alone(s: &str) -> Option<NaiveDate> {
    let (y, rest) = s.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日')?;
    let year_digit = |c: char| match c {
        '〇' | '○' | '零' | 'O' | 'o' => Some(0),
        c => c.to_digit(10).or_else(|| {
            NUMERALS
                .chars()
                .position(|n| n == c)
                .map(|p| p as u32 + 1)
                .filter(|&v| v < 10)
        }),
    };
    let year = y
        .chars()
        .try_fold(0i32, |acc, c| {
            Some(acc * 10 + i32::try_from(year_digit(c)?).ok()?)
        })
        .filter(|_| y.chars().count() == 4)?;
    let number = |s: &str| s.parse::<u32>().ok().or_else(|| chinese_number(s));
    NaiveDate::from_ymd_opt(year, number(m)?, number(d)?)
}

fn weekday_of(c: char) -> Option<Weekday> {
    Some(match c {
        '一' => Weekday::Mon,
        '二' => Weekday::Tue,
        '三' => Weekday::Wed,
        '四' => Weekday::Thu,
        '五' => Weekday::Fri,
        '六' => Weekday::Sat,
        '日' | '天' => Weekday::Sun,
        _ => return None,
    })
}

fn weekday_zh(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "星期一",
        Weekday::Tue => "星期二",
        Weekday::Wed => "星期三",
        Weekday::Thu => "星期四",
        Weekday::Fri => "星期五",
        Weekday::Sat => "星期六",
        Weekday::Sun => "星期日",
    }
}

fn text_of(chs: &[Ch]) -> String {
    chs.iter().map(|c| c.c).collect()
}

impl<'a> Parser<'a> {
    fn new(text: &'a str, source: &str, offset: usize) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let raw: Vec<&str> = text.lines().collect();
        let lines = raw
            .iter()
            .enumerate()
            .map(|(n, l)| {
                l.chars()
                    .enumerate()
                    .filter_map(|(col, c)| {
                        normalize(c).map(|c| Ch {
                            c,
                            line: offset + n + 1,
                            col: col + 1,
                        })
                    })
                    .collect()
            })
            .collect();
        Parser {
            lines,
            raw,
            source: source.to_string(),
        }
    }

    fn err_at(&self, at: Option<&Ch>, line: usize, message: String) -> CalendarError {
        CalendarError::BadNotice {
            source_name: self.source.clone(),
            line: at.map_or(line, |c| c.line),
            column: at.map_or(1, |c| c.col),
            message,
        }
    }

    fn notice(&self) -> Result<Notice, CalendarError> {
        let first_line = self
            .lines
            .iter()
            .find_map(|l| l.first())
            .map_or(1, |c| c.line);
        // The title, and whether the notice is the year's arrangement.
        let title_idx = self
            .raw
            .iter()
            .position(|l| is_title(l.trim()))
            .filter(|&i| i < 6);
        let title = title_idx
            .and_then(|i| self.raw.get(i))
            .map(|l| l.trim().to_string())
            .unwrap_or_default();
        let amendment = title_idx.is_some() && !title.contains("部分节假日安排");
        // The item lines: 一、… or a festival name and a colon.
        let mut items_at: Vec<(usize, usize)> = Vec::new(); // (line index, start char)
        for (i, l) in self.lines.iter().enumerate() {
            for start in item_starts(l) {
                items_at.push((i, start));
            }
        }
        let year = self.year(title_idx, items_at.first().map(|&(i, _)| i), first_line)?;
        let title_festival = festival_in(&title);
        let ctx = Ctx {
            year,
            title_festival,
        };
        let mut items = Vec::new();
        if items_at.is_empty() {
            // A notice in prose (2015's victory day): every line is read for
            // what it says of dates.
            for line in &self.lines {
                if let Some(item) = self.item(line, &ctx)? {
                    items.push(item);
                }
            }
        }
        for (k, &(i, start)) in items_at.iter().enumerate() {
            let line = self.lines.get(i).map(Vec::as_slice).unwrap_or_default();
            let next = items_at.get(k + 1).copied();
            let end = match next {
                Some((j, s)) if j == i => s,
                _ => line.len(),
            };
            let mut chs: Vec<Ch> = line.get(start..end).unwrap_or_default().to_vec();
            // The lines after an item that do not start one continue it
            // while they state dates (其中……, on lines of their own).
            if next.is_none_or(|(j, _)| j > i) {
                let stop = next.map_or(self.lines.len(), |(j, _)| j);
                for l in self.lines.iter().take(stop).skip(i + 1) {
                    if !states_dates(l) {
                        break;
                    }
                    chs.extend_from_slice(l);
                }
            }
            if let Some(item) = self.item(&chs, &ctx)? {
                items.push(item);
            }
        }
        if items.is_empty() {
            return Err(self.err_at(
                None,
                first_line,
                "no festival's arrangement found: expected lines such as \
                 \"一、元旦：1月1日放假，共1天。\""
                    .into(),
            ));
        }
        self.check_overlaps(&items)?;
        let issued = self.issued(items_at.last().map_or(0, |&(i, _)| i));
        Ok(Notice {
            year,
            amendment,
            title,
            issued,
            items,
            source: self.source.clone(),
        })
    }

    /// The year: the first `YYYY年` of the title, else of the lines before
    /// the first item, else of the first item.
    fn year(
        &self,
        title: Option<usize>,
        first_item: Option<usize>,
        first_line: usize,
    ) -> Result<i32, CalendarError> {
        let find = |i: usize| -> Option<i32> {
            let l = self.lines.get(i)?;
            let s = text_of(l);
            let cs: Vec<char> = s.chars().collect();
            (0..cs.len()).find_map(|k| {
                let digits: String = cs.get(k..k + 4)?.iter().collect();
                let next = *cs.get(k + 4)?;
                let before_digit = k > 0 && cs.get(k - 1).is_some_and(char::is_ascii_digit);
                (next == '年' && !before_digit && digits.chars().all(|c| c.is_ascii_digit()))
                    .then(|| digits.parse().ok())
                    .flatten()
            })
        };
        let stop = first_item.unwrap_or(self.lines.len());
        title
            .and_then(find)
            .or_else(|| (0..stop).find_map(find))
            .or_else(|| first_item.and_then(find))
            .filter(|y| (1949..=9999).contains(y))
            .ok_or_else(|| {
                self.err_at(
                    None,
                    first_line,
                    "cannot tell which year the notice arranges: expected a title such as \
                     \"国务院办公厅关于2027年部分节假日安排的通知\""
                        .into(),
                )
            })
    }

    /// The issuing date: the last line after the items that is a date alone
    /// (2025年11月4日, or in words: 二〇〇六年十二月十四日).
    fn issued(&self, after: usize) -> Option<NaiveDate> {
        self.lines
            .iter()
            .skip(after + 1)
            .rev()
            .find_map(|l| date_alone(&text_of(l)))
    }

    fn check_overlaps(&self, items: &[NoticeItem]) -> Result<(), CalendarError> {
        let mut seen: BTreeMap<NaiveDate, (bool, usize)> = BTreeMap::new();
        for item in items {
            for (dates, holiday) in [(&item.holidays, true), (&item.workdays, false)] {
                for &d in dates {
                    if let Some(&(h, line)) = seen.get(&d) {
                        if h != holiday {
                            return Err(self.err_at(
                                None,
                                item.line,
                                format!(
                                    "{d} is named both a holiday and a working day (also on line {line})"
                                ),
                            ));
                        }
                    }
                    seen.insert(d, (holiday, item.line));
                }
            }
        }
        Ok(())
    }
}

/// Whether a line states a date (…月…日 or …日) other than being a date alone
/// (the notice's date of issue).
fn states_dates(line: &[Ch]) -> bool {
    let s = text_of(line);
    let bare_date = s.split_once('年').is_some_and(|(y, rest)| {
        y.chars().count() == 4 && rest.ends_with('日') && rest.chars().count() <= 6
    });
    !bare_date && tokenize(line).iter().any(|t| matches!(t, Tok::Date(_))) && !s.starts_with("鼓励")
}

/// Where the items of a line start: after `一、` (a numbering of Chinese
/// numerals) at the start of the line or after a full stop or colon.
fn item_starts(line: &[Ch]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < line.len() {
        let at_boundary = k == 0 || matches!(line.get(k - 1).map(|c| c.c), Some('.' | ':'));
        if at_boundary {
            let mut j = k;
            while line.get(j).is_some_and(|c| NUMERALS.contains(c.c)) {
                j += 1;
            }
            if j > k && line.get(j).is_some_and(|c| c.c == '、') {
                out.push(j + 1);
                k = j + 1;
                continue;
            }
            if k == 0 {
                // A line starting with a festival's name and a colon.
                let colon = line.iter().position(|c| c.c == ':');
                if let Some(colon) = colon {
                    let head: String = line.iter().take(colon).map(|c| c.c).collect();
                    if festivals_of(&head).is_some() {
                        out.push(0);
                    }
                }
            }
        }
        k += 1;
    }
    out
}

/// The festivals a heading names (`中秋节、国庆节`, `“五一”`), as one festival.
fn festivals_of(head: &str) -> Option<Festival> {
    let cleaned: String = head
        .chars()
        .filter(|c| !matches!(c, '“' | '”' | '"' | '‘' | '’' | '\'' | '「' | '」'))
        .collect();
    let names: Vec<(&str, &str)> = cleaned
        .split(['、', '和', '及'])
        .map(festival_named)
        .collect::<Option<_>>()?;
    let (zh, en): (Vec<&str>, Vec<&str>) = names.into_iter().unzip();
    (!zh.is_empty()).then(|| Festival::new(zh.join("、"), en.join(", ")))
}

/// The festival a title names, if any (the longest name found).
fn festival_in(title: &str) -> Option<Festival> {
    FESTIVALS
        .iter()
        .flat_map(|(zh, en, aliases)| {
            std::iter::once(*zh)
                .chain(aliases.iter().copied())
                .map(move |name| (name, *zh, *en))
        })
        .filter(|(name, _, _)| title.contains(name))
        .max_by_key(|(name, _, _)| name.chars().count())
        .map(|(_, zh, en)| Festival::new(zh, en))
}

/// Splits at the separators outside brackets.
fn split_outside<'c>(chs: &'c [Ch], seps: &[char]) -> Vec<&'c [Ch]> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in chs.iter().enumerate() {
        match c.c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 && seps.contains(&c) => {
                out.push(chs.get(start..i).unwrap_or_default());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(chs.get(start..).unwrap_or_default());
    out.retain(|s| !s.is_empty());
    out
}

/// The weekdays an aside names, in order (周四, 星期四, 礼拜四).
fn weekdays_in(aside: &[Ch]) -> Vec<Weekday> {
    let cs: Vec<char> = aside.iter().map(|c| c.c).collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < cs.len() {
        let skip = match (cs.get(k), cs.get(k + 1)) {
            (Some('星'), Some('期')) | (Some('礼'), Some('拜')) => 2,
            (Some('周'), _) => 1,
            _ => 0,
        };
        if skip > 0 {
            if let Some(w) = cs.get(k + skip).copied().and_then(weekday_of) {
                out.push(w);
                k += skip + 1;
                continue;
            }
        }
        k += 1;
    }
    out
}

fn tokenize(cl: &[Ch]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<Tok>| {
        if !word.is_empty() {
            out.push(Tok::Word(std::mem::take(word)));
        }
    };
    let mut i = 0;
    while let Some(ch) = cl.get(i) {
        let c = ch.c;
        if c == '(' {
            flush(&mut word, &mut out);
            let mut depth = 0usize;
            let mut j = i;
            while let Some(x) = cl.get(j) {
                match x.c {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            let inner = cl.get(i + 1..j.min(cl.len())).unwrap_or_default();
            out.push(Tok::Aside(weekdays_in(inner), i));
            i = j + 1;
            continue;
        }
        if c.is_ascii_digit() {
            // A date: [YYYY年][M月]D日, or a count: N天.
            let start = i;
            let mut parts: Vec<(u32, char)> = Vec::new();
            let mut j = i;
            loop {
                let digits_start = j;
                let mut n: u32 = 0;
                while let Some(d) = cl.get(j).and_then(|x| x.c.to_digit(10)) {
                    n = n.saturating_mul(10).saturating_add(d);
                    j += 1;
                }
                if j == digits_start {
                    break;
                }
                match cl.get(j).map(|x| x.c) {
                    Some(u @ ('年' | '月' | '日' | '天')) => {
                        parts.push((n, u));
                        j += 1;
                        if u == '日' || u == '天' {
                            break;
                        }
                    }
                    _ => {
                        parts.push((n, ' '));
                        break;
                    }
                }
            }
            let text: String = cl
                .get(start..j)
                .unwrap_or_default()
                .iter()
                .map(|x| x.c)
                .collect();
            match parts.as_slice() {
                [.., (d, '日')] => {
                    let mut w = Written {
                        year: None,
                        month: None,
                        day: *d,
                        at: start,
                    };
                    let mut ok = true;
                    for (n, u) in parts.iter().rev().skip(1) {
                        match u {
                            '月' if w.month.is_none() && w.year.is_none() => w.month = Some(*n),
                            '年' if w.year.is_none() => {
                                w.year =
                                    i32::try_from(*n).ok().filter(|y| (1000..=9999).contains(y));
                                ok &= w.year.is_some();
                            }
                            _ => ok = false,
                        }
                    }
                    if ok {
                        flush(&mut word, &mut out);
                        out.push(Tok::Date(w));
                    } else {
                        word.push_str(&text);
                    }
                }
                [(n, '天')] => {
                    flush(&mut word, &mut out);
                    out.push(Tok::Days(*n, start));
                }
                _ => {
                    word.push_str(&text);
                }
            }
            i = j.max(i + 1);
            continue;
        }
        if NUMERALS.contains(c) {
            // 七天, 三天: a count in words.
            let mut j = i;
            while cl.get(j).is_some_and(|x| NUMERALS.contains(x.c)) {
                j += 1;
            }
            if cl.get(j).is_some_and(|x| x.c == '天') {
                let s: String = cl
                    .get(i..j)
                    .unwrap_or_default()
                    .iter()
                    .map(|x| x.c)
                    .collect();
                if let Some(n) = chinese_number(&s) {
                    flush(&mut word, &mut out);
                    out.push(Tok::Days(n, i));
                    i = j + 1;
                    continue;
                }
            }
        }
        match c {
            '至' | '-' | '到' => {
                flush(&mut word, &mut out);
                out.push(Tok::To);
                while cl.get(i + 1).is_some_and(|x| x.c == '-') {
                    i += 1;
                }
            }
            '、' | '和' | '及' => {
                flush(&mut word, &mut out);
                out.push(Tok::Sep);
            }
            _ => {
                word.push(c);
            }
        }
        i += 1;
    }
    flush(&mut word, &mut out);
    out
}

/// A clause's date groups (dates joined by 至 or 、, with their asides) and
/// its words.
fn groups(toks: &[Tok]) -> (Vec<Group>, String, Vec<(u32, usize)>) {
    let mut groups: Vec<Group> = Vec::new();
    let mut words = String::new();
    let mut counts = Vec::new();
    let mut open = false;
    let mut k = 0;
    while let Some(t) = toks.get(k) {
        match t {
            Tok::Date(w) => {
                let joined =
                    open && matches!(toks.get(k.wrapping_sub(1)), Some(Tok::To | Tok::Sep));
                let to = matches!(toks.get(k.wrapping_sub(1)), Some(Tok::To));
                if !open || !joined {
                    groups.push(Group::default());
                }
                if let Some(g) = groups.last_mut() {
                    match (to && joined, g.ranges.last_mut()) {
                        (true, Some(last)) if last.1.is_none() => last.1 = Some(*w),
                        _ => g.ranges.push((*w, None)),
                    }
                }
                open = true;
            }
            Tok::Aside(days, at) => {
                if let Some(g) = groups.last_mut().filter(|_| open) {
                    let n = g
                        .ranges
                        .iter()
                        .map(|r| 1 + usize::from(r.1.is_some()))
                        .sum::<usize>();
                    let first = n.saturating_sub(days.len());
                    for (j, &d) in days.iter().enumerate() {
                        g.weekdays.push((first + j, d, *at));
                    }
                    if days.len() > n {
                        g.weekdays.push((usize::MAX, Weekday::Mon, *at));
                    }
                }
            }
            Tok::To | Tok::Sep => {
                let next_is_date = matches!(toks.get(k + 1), Some(Tok::Date(_)));
                if !(open && next_is_date) {
                    open = false;
                    words.push(if matches!(t, Tok::To) { '至' } else { '、' });
                }
            }
            Tok::Days(n, at) => {
                counts.push((*n, *at));
                words.push_str(&format!("{n}天"));
                open = false;
            }
            Tok::Word(w) => {
                words.push_str(w);
                open = false;
            }
        }
        k += 1;
    }
    (groups, words, counts)
}

/// What a clause says of its dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Says {
    /// 放假, 调休, 补休, 公休: holidays.
    Holiday,
    /// 上班: working days in lieu.
    Work,
    /// 将A调至B: A are weekend days, B holidays.
    Move,
    /// 为法定(节)假日: holidays named again.
    Statutory,
    /// 照常公休, 为公休日: weekend days.
    Weekend,
    /// 延长……至D: an extension.
    Extend,
    /// 起正常上班: the first day back, a remark.
    Resume,
}

fn says(words: &str) -> Option<Says> {
    let has = |k: &str| words.contains(k);
    Some(if has("调至") || has("调到") || has("调整为") {
        Says::Move
    } else if has("照常公休") || has("为公休日") || has("为周末") {
        Says::Weekend
    } else if has("法定节假日") || has("法定假日") || has("法定休假日") {
        Says::Statutory
    } else if has("正常上班") {
        Says::Resume
    } else if has("延长") {
        Says::Extend
    } else if has("上班") {
        Says::Work
    } else if has("放假") || has("补休") || has("调休") || has("公休") || has("休息") || has("休假")
    {
        Says::Holiday
    } else {
        return None;
    })
}

/// Remarks a festival's line may make without a date.
const REMARKS: [&str; 6] = ["与周末连休", "不调休", "放假调休", "放假", "调休", "其中"];

fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

impl Parser<'_> {
    /// Reads one item (a festival's line, or a line of a notice in prose).
    /// `None` for a line that says nothing of dates.
    fn item(&self, chs: &[Ch], ctx: &Ctx) -> Result<Option<NoticeItem>, CalendarError> {
        let Some(first) = chs.first() else {
            return Ok(None);
        };
        let colon = chs.iter().position(|c| c.c == ':');
        let named = colon.and_then(|k| {
            let head = text_of(chs.get(..k)?);
            Some((festivals_of(&head)?, k))
        });
        // A festival's line must be read whole; a line without a festival's
        // name is read for the dates it states, and its other words pass.
        let (festival, strict, body) = match named {
            Some((f, k)) => (Some(f), true, chs.get(k + 1..).unwrap_or_default()),
            None => (ctx.title_festival.clone(), false, chs),
        };
        let new_year = festival
            .as_ref()
            .is_some_and(|f| f.name_zh.starts_with("元旦"));
        let mut holidays = std::collections::BTreeSet::new();
        let mut workdays = std::collections::BTreeSet::new();
        let mut checks: Vec<(Says, NaiveDate, &Ch)> = Vec::new();
        let mut extended_to = None;
        let mut item_month: Option<u32> = None;
        let mut any = false;
        for sentence in split_outside(body, &['.', ';']) {
            // 鼓励……: an encouragement (to take leave on 除夕), not an arrangement.
            if sentence.first().is_some_and(|c| c.c == '鼓')
                && text_of(sentence).starts_with("鼓励")
            {
                continue;
            }
            let mut month: Option<u32> = item_month;
            let mut year: Option<i32> = None;
            // The last holiday statement of the sentence, for 共N天.
            let mut last_span: Option<(usize, &Ch)> = None;
            for clause in split_outside(sentence, &[',', ':']) {
                let toks = tokenize(clause);
                let (groups, words, counts) = groups(&toks);
                let at = |i: usize| clause.get(i).or(clause.first()).unwrap_or(first);
                if groups.is_empty() {
                    if !strict {
                        continue;
                    }
                    if let Some(&(n, i)) = counts.first() {
                        let Some((span, span_at)) = last_span else {
                            return Err(self.err_at(
                                Some(at(i)),
                                first.line,
                                format!("\"共{n}天\" follows no span of holidays"),
                            ));
                        };
                        if span != n as usize {
                            return Err(self.err_at(
                                Some(span_at),
                                first.line,
                                format!(
                                    "the notice says {n} days, but the span it gives has {span}: \"{}\"",
                                    text_of(sentence)
                                ),
                            ));
                        }
                        continue;
                    }
                    let w = words.trim_start_matches("其中");
                    if w.is_empty() || REMARKS.contains(&w) {
                        continue;
                    }
                    return Err(self.err_at(
                        Some(at(0)),
                        first.line,
                        format!(
                            "cannot read \"{}\": expected dates and 放假, 补休 or 上班",
                            text_of(clause)
                        ),
                    ));
                }
                let Some(what) = says(&words) else {
                    if !strict {
                        continue;
                    }
                    return Err(self.err_at(
                        Some(at(0)),
                        first.line,
                        format!(
                            "cannot tell what \"{}\" says of its dates: expected 放假, 补休, 调休 or 上班",
                            text_of(clause)
                        ),
                    ));
                };
                if festival.is_none() {
                    return Err(self.err_at(
                        Some(first),
                        first.line,
                        "cannot tell which festival this line arranges: expected \"元旦：\" or the like at its start".into(),
                    ));
                }
                any = true;
                // Resolve the groups' dates.
                let mut resolved: Vec<Vec<(NaiveDate, usize)>> = Vec::new();
                for g in &groups {
                    let mut ends: Vec<NaiveDate> = Vec::new();
                    let mut dates: Vec<(NaiveDate, usize)> = Vec::new();
                    for (a, b) in &g.ranges {
                        let da =
                            self.resolve(a, &mut year, &mut month, ctx.year, new_year, clause)?;
                        ends.push(da);
                        match b {
                            None => dates.push((da, a.at)),
                            Some(b) => {
                                let db = self.resolve(
                                    b, &mut year, &mut month, ctx.year, new_year, clause,
                                )?;
                                ends.push(db);
                                let len = (db - da).num_days();
                                if !(1..=40).contains(&len) {
                                    return Err(self.err_at(
                                        Some(at(b.at)),
                                        first.line,
                                        format!("{da} to {db} is not a span of holidays"),
                                    ));
                                }
                                dates.extend(
                                    da.iter_days().take_while(|d| *d <= db).map(|d| (d, a.at)),
                                );
                            }
                        }
                    }
                    for &(k, w, i) in &g.weekdays {
                        let Some(&d) = ends.get(k) else {
                            return Err(self.err_at(
                                Some(at(i)),
                                first.line,
                                "the brackets name more weekdays than there are dates".into(),
                            ));
                        };
                        if d.weekday() != w {
                            return Err(self.err_at(
                                Some(at(i)),
                                first.line,
                                format!(
                                    "{d} is a {}, but the notice says {} ({})",
                                    weekday_name(d.weekday()),
                                    weekday_name(w),
                                    weekday_zh(w)
                                ),
                            ));
                        }
                    }
                    resolved.push(dates);
                }
                if item_month.is_none() {
                    item_month = resolved
                        .first()
                        .and_then(|g| g.first())
                        .map(|d| d.0.month());
                }
                let clause_at = at(0);
                let all: Vec<(NaiveDate, usize)> = resolved.iter().flatten().copied().collect();
                match what {
                    Says::Holiday => {
                        if let Some(&(n, _)) = counts.first() {
                            if all.len() != n as usize {
                                return Err(self.err_at(
                                    Some(clause_at),
                                    first.line,
                                    format!(
                                        "the notice says {n} days, but \"{}\" gives {}",
                                        text_of(clause),
                                        all.len()
                                    ),
                                ));
                            }
                        }
                        last_span = Some((all.len(), clause_at));
                        holidays.extend(all.iter().map(|x| x.0));
                    }
                    Says::Work => {
                        for &(d, i) in &all {
                            if !is_weekend(d) {
                                return Err(self.err_at(
                                    Some(at(i)),
                                    first.line,
                                    format!(
                                        "{d} is named a working day in lieu, but it is a {}, not a weekend day",
                                        weekday_name(d.weekday())
                                    ),
                                ));
                            }
                        }
                        workdays.extend(all.iter().map(|x| x.0));
                    }
                    Says::Move => {
                        let (from, to) = match resolved.as_slice() {
                            [from, to, ..] => (from, to),
                            _ => {
                                return Err(self.err_at(
                                    Some(clause_at),
                                    first.line,
                                    format!(
                                        "\"{}\": expected the weekend days moved and the days they move to",
                                        text_of(clause)
                                    ),
                                ));
                            }
                        };
                        checks.extend(from.iter().map(|&(d, i)| (Says::Move, d, at(i))));
                        checks.extend(to.iter().map(|&(d, i)| (Says::Statutory, d, at(i))));
                    }
                    Says::Statutory | Says::Weekend => {
                        checks.extend(all.iter().map(|&(d, i)| (what, d, at(i))));
                    }
                    Says::Extend => {
                        extended_to = all.last().map(|x| x.0);
                    }
                    Says::Resume => {}
                }
            }
        }
        if !any {
            if strict {
                return Err(self.err_at(
                    Some(first),
                    first.line,
                    format!("no dates read from \"{}\"", text_of(chs)),
                ));
            }
            return Ok(None);
        }
        // A weekend day whose rest moves to a weekday (将……公休日调至……) is a
        // working day, unless it is a holiday itself.
        for &(what, d, _) in &checks {
            if what == Says::Move && !holidays.contains(&d) {
                workdays.insert(d);
            }
        }
        for (what, d, at) in checks {
            let ok = match what {
                Says::Statutory => holidays.contains(&d),
                _ => is_weekend(d),
            };
            if !ok {
                let expected = if what == Says::Statutory {
                    "a holiday of this line"
                } else {
                    "a weekend day"
                };
                return Err(self.err_at(
                    Some(at),
                    first.line,
                    format!("{d} is named {expected}, but it is not"),
                ));
            }
        }
        let festival = festival.unwrap_or_else(|| Festival::new("", ""));
        if holidays.is_empty() && workdays.is_empty() && extended_to.is_none() {
            return Ok(None);
        }
        Ok(Some(NoticeItem {
            line: first.line,
            festival,
            holidays: holidays.into_iter().collect(),
            workdays: workdays.into_iter().collect(),
            extended_to,
        }))
    }

    /// The date a written date stands for, carrying the year and month of
    /// the dates before it in the sentence.
    fn resolve(
        &self,
        w: &Written,
        year: &mut Option<i32>,
        month: &mut Option<u32>,
        notice_year: i32,
        new_year: bool,
        clause: &[Ch],
    ) -> Result<NaiveDate, CalendarError> {
        let at = clause.get(w.at).or(clause.first());
        let line = at.map_or(0, |c| c.line);
        if w.year.is_some() {
            *year = w.year;
        }
        if let Some(m) = w.month {
            *month = Some(m);
        }
        let Some(m) = *month else {
            return Err(self.err_at(at, line, format!("{}日 has no month", w.day)));
        };
        // A December date of the New Year's line without a year is in the
        // previous year.
        let y = year.unwrap_or(if new_year && m == 12 {
            notice_year - 1
        } else {
            notice_year
        });
        let date = NaiveDate::from_ymd_opt(y, m, w.day)
            .ok_or_else(|| self.err_at(at, line, format!("{y}年{m}月{}日 is not a date", w.day)))?;
        let in_year = y == notice_year || (y == notice_year - 1 && m == 12 && new_year);
        if !in_year {
            return Err(self.err_at(
                at,
                line,
                format!("{date} is outside the year {notice_year} that the notice arranges"),
            ));
        }
        Ok(date)
    }
}
