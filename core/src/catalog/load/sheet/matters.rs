//! The matter rows of a sheet: ids from 编号 or 序号, domains continued
//! down, units by name, duty phrases, workflows, time limits.

use std::collections::HashMap;

use super::Sink;
use super::aliases::{
    DOMAINS, DUTY_PHRASES, Keywords, MATTER_HEADERS, NOTE_WORDS, STEP_ROLES, find_all, fold,
    keywords, sequence_number, strip_numbering, tidy_name, tidy_text, tidy_words,
};
use super::grid::Grid;
use super::header::{Header, M};
use super::names::{Found, How, Names};
use super::words::{domain_of, entry, is_territorial, phrase_parts, steps, unit_names};
use crate::catalog::{
    Domain, Duty, DutyKind, Holder, Matter, ProblemCode, SlaOverrides, Stage, Step, StepRole,
};
use crate::sla::Limit;

/// One matter row's cells.
pub(super) struct RowCells<'g> {
    grid: &'g Grid,
    header: &'g Header,
    row: u32,
}

impl<'g> RowCells<'g> {
    fn text(&self, m: M) -> &'g str {
        self.header
            .col(m as usize)
            .map_or("", |i| self.grid.get(self.row, i))
    }

    fn cell(&self, m: M) -> String {
        match self.header.col(m as usize) {
            Some(i) => self.grid.cell(self.row, i),
            None => MATTER_HEADERS
                .get(m as usize)
                .map_or("", |h| h.0)
                .to_string(),
        }
    }

    fn at(&self, m: M) -> (&'g str, u32, String) {
        (self.grid.file.as_str(), self.row, self.cell(m))
    }

    fn has(&self, m: M) -> bool {
        self.header.col(m as usize).is_some()
    }
}

/// The state of an import: what it found so far, and the units and words
/// it reads by.
pub(super) struct Import<'u> {
    pub sink: Sink,
    pub names: Names<'u>,
    duty_words: Keywords<DutyKind>,
    role_words: Keywords<StepRole>,
}

impl<'u> Import<'u> {
    pub(super) fn new(sink: Sink, names: Names<'u>) -> Import<'u> {
        Import {
            sink,
            names,
            duty_words: keywords(&DUTY_PHRASES),
            role_words: keywords(&STEP_ROLES),
        }
    }

    /// A holder written as a name.
    fn holder(&mut self, name: &str, at: (&str, u32, String)) -> Option<Holder> {
        if is_territorial(name) {
            self.sink.guess_once(
                "holder",
                at.2,
                name,
                "read as the township where the matter arises (属地)".into(),
                "读作事项发生地的乡镇（街道）（属地）".into(),
            );
            return Some(Holder::Territorial);
        }
        match self.names.find(name) {
            Found::One(i, how) => {
                let unit = self.names.unit(i)?;
                if !matches!(how, How::Id | How::Name) {
                    self.sink.guess_once(
                        "holder",
                        at.2,
                        name,
                        format!("read as {} ({})", unit.name_zh, unit.id),
                        format!("读作 {}（{}）", unit.name_zh, unit.id),
                    );
                }
                Some(Holder::Unit(unit.id.clone()))
            }
            Found::Many(list) => {
                let all: Vec<String> = list
                    .iter()
                    .filter_map(|&i| self.names.unit(i))
                    .map(|u| format!("{}（{}）", u.name_zh, u.id))
                    .collect();
                let all = all.join("、");
                self.sink.error(
                    ProblemCode::AmbiguousUnit,
                    at,
                    format!("“{name}” names more than one unit: {all}; write the unit's full name"),
                    format!("“{name}”可指多个单位：{all}；请写明单位全称"),
                );
                None
            }
            Found::None(near) => {
                let (en, zh) = if near.is_empty() {
                    (String::new(), String::new())
                } else {
                    let near = near.join("、");
                    (
                        format!("; the closest known names: {near}"),
                        format!("；最接近的有：{near}"),
                    )
                };
                self.sink.error(
                    ProblemCode::UnknownUnit,
                    at,
                    format!("no unit is named “{name}”{en}"),
                    format!("单位名单中没有“{name}”{zh}"),
                );
                None
            }
        }
    }

    /// The holders a cell names.
    fn holders(&mut self, text: &str, at: (&str, u32, String)) -> Vec<Option<Holder>> {
        let (names, etc) = unit_names(text);
        if etc {
            self.sink.guess(
                at.2.clone(),
                text,
                "“等” (and others) dropped: only the units named are read".into(),
                "“等”字略去：只读取写明的单位".into(),
            );
        }
        names
            .iter()
            .map(|n| self.holder(n, (at.0, at.1, at.2.clone())))
            .collect()
    }

    /// The duty kinds of a phrase; a part with no known duty is warned
    /// about (when `warn`) and stays in the text.
    fn phrase_kinds(&mut self, text: &str, at: (&str, u32, String), warn: bool) -> Vec<DutyKind> {
        let mut kinds: Vec<DutyKind> = Vec::new();
        for part in phrase_parts(text) {
            let found = find_all(&fold(&part), &self.duty_words);
            if found.is_empty() && warn {
                self.sink.warn(
                    ProblemCode::UnknownDuty,
                    (at.0, at.1, at.2.clone()),
                    format!(
                        "“{part}” is not a duty Huying knows (巡查, 上报, 劝阻, 协助执法, 建立台账, 宣传, 核查, 先期处置, …): kept as the duty's text, with no duty kind"
                    ),
                    format!(
                        "“{part}”不是已知的责任类型（巡查、上报、劝阻、协助执法、建立台账、宣传、核查、先期处置等）：保留为责任说明，未归入责任类型"
                    ),
                );
            }
            for k in found {
                if !kinds.contains(&k) {
                    kinds.push(k);
                }
            }
        }
        kinds
    }

    /// The kinds of a `主体责任类型` / `配合责任类型` line: duty codes or
    /// names (巡查、上报、劝阻制止), or phrases.
    fn kinds_line(&mut self, line: &str, at: (&str, u32, String)) -> Vec<DutyKind> {
        let mut kinds = Vec::new();
        for item in entry(line)
            .split(['、', '，', ',', '；', ';', ' ', '　'])
            .filter(|i| !i.is_empty())
        {
            let found = match item.parse::<DutyKind>() {
                Ok(k) => vec![k],
                Err(_) => find_all(&fold(item), &self.duty_words),
            };
            if found.is_empty() {
                self.sink.error(
                    ProblemCode::UnknownDuty,
                    (at.0, at.1, at.2.clone()),
                    format!("“{item}” is not a duty kind (巡查, 上报, 劝阻制止, 协助执法, …)"),
                    format!("“{item}”不是责任类型（巡查、上报、劝阻制止、协助执法等）"),
                );
            }
            for k in found {
                if !kinds.contains(&k) {
                    kinds.push(k);
                }
            }
        }
        kinds
    }

    /// The workflow of a row.
    fn workflow(&mut self, r: &RowCells<'_>, guessed: &mut usize) -> Vec<Step> {
        let texts = steps(r.text(M::Workflow));
        if texts.is_empty() {
            return Vec::new();
        }
        let given = r.text(M::Roles);
        if !given.is_empty() {
            let roles: Vec<Result<StepRole, String>> =
                steps(given).iter().map(|s| s.parse::<StepRole>()).collect();
            if roles.len() == texts.len() && roles.iter().all(Result::is_ok) {
                return roles
                    .into_iter()
                    .zip(texts)
                    .filter_map(|(role, t)| Some(Step::new(role.ok()?, t)))
                    .collect();
            }
            self.sink.error(
                ProblemCode::InvalidValue,
                r.at(M::Roles),
                format!(
                    "{} roles for {} workflow steps: give one role (网格员, 乡镇, 主体部门, 县级部门, 指挥中心, 联合处置) per step, separated by →",
                    roles.len(),
                    texts.len()
                ),
                format!(
                    "流程分工 {} 项、工作流程 {} 步：应每步一项（网格员、乡镇、主体部门、县级部门、指挥中心、联合处置），以 → 分隔",
                    roles.len(),
                    texts.len()
                ),
            );
            return Vec::new();
        }
        *guessed += 1;
        let mut last = StepRole::Township;
        texts
            .into_iter()
            .map(|t| {
                if let Some(&role) = find_all(&fold(&t), &self.role_words).first() {
                    last = role;
                }
                Step::new(last, t)
            })
            .collect()
    }

    /// The time limits of a `时限` cell: `到达现场：1小时；答复办理结果：5个工作日`.
    fn sla(&mut self, r: &RowCells<'_>) -> SlaOverrides {
        let mut sla = SlaOverrides::default();
        for part in r
            .text(M::Sla)
            .split(['；', ';', '，', ',', '\n', '、'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let (stage, limit) = match part.split_once([':', '：']) {
                Some(x) => x,
                None => part.split_at(part.find(|c: char| c.is_ascii_digit()).unwrap_or(0)),
            };
            match (stage.trim().parse::<Stage>(), limit.trim().parse::<Limit>()) {
                (Ok(s), Ok(l)) => sla.set(s, l),
                _ => self.sink.error(
                    ProblemCode::InvalidValue,
                    r.at(M::Sla),
                    format!(
                        "cannot read the time limit “{part}” (expected e.g. 到达现场：1小时 or 答复办理结果：5个工作日)"
                    ),
                    format!("时限“{part}”无法识别（应如 到达现场：1小时、答复办理结果：5个工作日）"),
                ),
            }
        }
        sla
    }

    /// The supporting duties of a row.
    fn supporting(&mut self, r: &RowCells<'_>, implied: bool) -> Vec<Duty> {
        let text = tidy_text(r.text(M::SupportingText));
        let holders: Vec<Option<Holder>> = if implied {
            if text.is_empty() {
                Vec::new()
            } else {
                vec![Some(Holder::Territorial)]
            }
        } else {
            self.holders(r.text(M::Supporting), r.at(M::Supporting))
        };
        let n = holders.len();
        if n == 0 {
            if !text.is_empty() {
                self.sink.error(
                    ProblemCode::MissingField,
                    r.at(M::Supporting),
                    "the supporting duty has no unit: write the supporting unit (or 各乡镇（街道）)".into(),
                    "有配合责任内容而无配合责任单位：请填写配合责任单位（或 各乡镇（街道））".into(),
                );
            }
            return Vec::new();
        }
        let lines: Vec<&str> = text.lines().collect();
        let paired = n > 1 && lines.len() == n;
        if n > 1 && !paired && !text.is_empty() {
            self.sink.guess(
                r.cell(M::SupportingText),
                &text,
                format!("the same supporting duty for each of the {n} units"),
                format!("{n} 个配合单位承担同一配合责任"),
            );
        }
        let texts: Vec<String> = (0..n)
            .map(|k| match (paired, lines.get(k)) {
                (true, Some(l)) => entry(l).to_string(),
                _ => text.clone(),
            })
            .collect();
        let kinds_text = r.text(M::SupportingKinds).to_string();
        let kind_lines: Vec<&str> = kinds_text.lines().collect();
        let mut duties = Vec::new();
        let mut parsed: HashMap<String, Vec<DutyKind>> = HashMap::new();
        for (k, (holder, t)) in holders.into_iter().zip(texts).enumerate() {
            let given = match kind_lines.len() {
                0 => None,
                1 => kind_lines.first().copied(),
                l if l == n => kind_lines.get(k).copied(),
                l => {
                    if k == 0 {
                        self.sink.error(
                            ProblemCode::InvalidValue,
                            r.at(M::SupportingKinds),
                            format!("{l} lines of duty kinds for {n} supporting units: give one line per unit, or one for all"),
                            format!("配合责任类型 {l} 行、配合单位 {n} 个：应每个单位一行，或共用一行"),
                        );
                    }
                    None
                }
            };
            let kinds = match given {
                Some(line) if !line.trim().is_empty() => {
                    self.kinds_line(line, r.at(M::SupportingKinds))
                }
                _ => match parsed.get(&t) {
                    Some(k) => k.clone(),
                    None => {
                        let k = self.phrase_kinds(&t, r.at(M::SupportingText), true);
                        parsed.insert(t.clone(), k.clone());
                        k
                    }
                },
            };
            if let Some(holder) = holder {
                duties.push(Duty {
                    holder,
                    kinds,
                    text_zh: t,
                });
            }
        }
        duties
    }
}

/// The matters read from a sheet, with the rows they came from.
#[derive(Default)]
pub(super) struct Matters {
    pub matters: Vec<Matter>,
    /// The 1-based row of each matter.
    pub rows: Vec<u32>,
    pub domains: Vec<Domain>,
    /// The 1-based row where each domain first appears.
    pub domain_rows: Vec<u32>,
    /// The matter rows read.
    pub rows_read: usize,
}

/// A run of empty 领域 cells that continue the one above: first and last
/// cell, and the domain.
struct Continued {
    first: String,
    last: String,
    domain: String,
}

/// Reads the matter rows, one after another.
struct Reader<'a, 'u> {
    imp: &'a mut Import<'u>,
    grid: &'a Grid,
    header: &'a Header,
    out: Matters,
    /// Matter id → the cell it came from.
    ids: HashMap<String, String>,
    /// 序号 → its cell.
    seqs: HashMap<u32, String>,
    /// The 领域 in force: from the last 领域 cell or heading.
    domain: Option<String>,
    continued: Option<Continued>,
    /// The supporting duty is the township's (no 配合责任单位 column).
    implied_township: bool,
    guessed_roles: usize,
    /// The sheet's widest row.
    width: usize,
}

/// Reads the matters below the header.
pub(super) fn read(imp: &mut Import<'_>, grid: &Grid, header: &Header) -> Matters {
    let implied_township = header.col(M::Supporting as usize).is_none()
        && header.col(M::SupportingText as usize).is_some();
    if implied_township {
        let i = header.col(M::SupportingText as usize).unwrap_or(0);
        imp.sink.guess(
            grid.cell(header.first, i),
            grid.get(header.first, i),
            "no 配合责任单位 column: the supporting duty is the township's (属地)".into(),
            "无“配合责任单位”列：配合责任由事项发生地乡镇（街道）承担".into(),
        );
    }
    let mut reader = Reader {
        imp,
        grid,
        header,
        out: Matters::default(),
        ids: HashMap::new(),
        seqs: HashMap::new(),
        domain: None,
        continued: None,
        implied_township,
        guessed_roles: 0,
        width: grid.width(),
    };
    for (&row, cells) in grid.rows.range(header.last + 1..) {
        reader.row(row, cells);
    }
    reader.flush();
    reader.finish()
}

impl Reader<'_, '_> {
    fn row(&mut self, row: u32, cells: &[String]) {
        let (grid, header) = (self.grid, self.header);
        if header
            .cols
            .iter()
            .flatten()
            .all(|&i| grid.get(row, i).is_empty())
        {
            return;
        }
        let r = RowCells { grid, header, row };
        if self.heading_or_note(&r, cells) {
            return;
        }
        self.out.rows_read += 1;
        let id = self.id(&r);
        let domain = self.domain(&r);
        let name = tidy_name(r.text(M::Name));
        if name.is_empty() {
            self.imp.sink.error(
                ProblemCode::MissingField,
                r.at(M::Name),
                "the matter has no name (事项名称)".into(),
                "事项名称为空".into(),
            );
        }
        let primary = self.primary(&r, &id);
        let supporting = self.imp.supporting(&r, self.implied_township);
        let workflow = self.imp.workflow(&r, &mut self.guessed_roles);
        let sla = self.imp.sla(&r);
        self.out.matters.push(Matter {
            id,
            domain,
            name_zh: name,
            name_en: tidy_words(r.text(M::NameEn)),
            primary,
            supporting,
            workflow,
            legal_basis: tidy_text(r.text(M::LegalBasis)),
            source: tidy_text(r.text(M::Source)),
            sla,
        });
        self.out.rows.push(row + 1);
    }

    /// A row with one text across it: a note (`注：…`), or a heading that
    /// starts a domain (`一、自然资源`, or a text merged across the row).
    fn heading_or_note(&mut self, r: &RowCells<'_>, cells: &[String]) -> bool {
        let width = self.width;
        let mut texts: Vec<&String> = cells.iter().take(width).filter(|c| !c.is_empty()).collect();
        texts.dedup();
        let [only] = texts.as_slice() else {
            return false;
        };
        let first = cells.iter().position(|c| !c.is_empty()).unwrap_or(0);
        let cell = self.grid.cell(r.row, first);
        let f = fold(only);
        if NOTE_WORDS.iter().any(|w| f.starts_with(&format!("{w}:"))) {
            self.imp.sink.guess(
                cell,
                only,
                "a note below the list: not a matter".into(),
                "清单下方的注释：不是事项".into(),
            );
            return true;
        }
        let spread = cells.iter().filter(|c| !c.is_empty()).count() > 1;
        let numbered = strip_numbering(only).len() != only.len();
        if !(spread || numbered && r.text(M::Name) != only.as_str()) {
            return false;
        }
        let (_, name, _, _) = domain_of(only);
        self.imp.sink.guess(
            cell,
            only,
            format!("a heading: the matters below are in the domain {name}"),
            format!("标题行：以下事项属于“{name}”领域"),
        );
        self.flush();
        self.domain = Some(only.to_string());
        true
    }

    /// The matter's id: its 编号, else `M` and its 序号. A 序号 used twice
    /// is an error where it makes the id, else a warning.
    fn id(&mut self, r: &RowCells<'_>) -> String {
        let seq_text = r.text(M::Seq);
        let given = tidy_name(r.text(M::Id));
        let seq = sequence_number(seq_text);
        if let Some(n) = seq {
            if let Some(prev) = self.seqs.insert(n, r.cell(M::Seq)) {
                let en = format!(
                    "序号 {seq_text} is also the 序号 of {prev}; each matter needs its own"
                );
                let zh = format!("序号“{seq_text}”与 {prev} 重复，每个事项应有各自的序号");
                if given.is_empty() {
                    self.imp
                        .sink
                        .error(ProblemCode::DuplicateId, r.at(M::Seq), en, zh);
                } else {
                    self.imp
                        .sink
                        .warn(ProblemCode::DuplicateId, r.at(M::Seq), en, zh);
                }
            }
        }
        if !given.is_empty() {
            if let Some(prev) = self.ids.insert(given.clone(), r.cell(M::Id)) {
                self.imp.sink.error(
                    ProblemCode::DuplicateId,
                    r.at(M::Id),
                    format!("编号 {given} is also the 编号 of {prev}"),
                    format!("编号 {given} 与 {prev} 重复"),
                );
            }
            return given;
        }
        if let Some(n) = seq {
            return format!("M{n:03}");
        }
        let (code, en, zh) = if seq_text.is_empty() {
            (
                ProblemCode::MissingField,
                "the matter has no 序号 (or 编号)".to_string(),
                "事项缺少序号（或编号）".to_string(),
            )
        } else {
            (
                ProblemCode::InvalidValue,
                format!("序号 “{seq_text}” is not a number; number the matter, or give it an 编号"),
                format!("序号“{seq_text}”不是数字：请编号，或填写“编号”"),
            )
        };
        self.imp.sink.error(code, r.at(M::Seq), en, zh);
        // A placeholder, unique to the row, so that the check of the whole
        // list does not report the row again.
        format!("({})", r.cell(M::Seq))
    }

    /// The matter's domain code: its 领域, else the one above (a run of
    /// empty cells is one guess).
    fn domain(&mut self, r: &RowCells<'_>) -> String {
        let text = r.text(M::Domain);
        let text = if !text.is_empty() {
            self.flush();
            self.domain = Some(text.to_string());
            text.to_string()
        } else if let Some(above) = &self.domain {
            if r.has(M::Domain) {
                let cell = r.cell(M::Domain);
                match &mut self.continued {
                    Some(c) => c.last = cell,
                    None => {
                        self.continued = Some(Continued {
                            first: cell.clone(),
                            last: cell,
                            domain: domain_of(above).1,
                        });
                    }
                }
            }
            above.clone()
        } else {
            self.imp.sink.error(
                ProblemCode::MissingField,
                r.at(M::Domain),
                "the matter has no 领域 and none is above it".into(),
                "事项缺少领域，上方也无领域可沿用".into(),
            );
            return String::new();
        };
        let (code, name, en, renamed) = domain_of(&text);
        if !self.out.domains.iter().any(|d| d.code == code) {
            if renamed {
                let canon = DOMAINS.iter().find(|d| d.0 == code).map_or("", |d| d.1);
                self.imp.sink.guess(
                    r.cell(M::Domain),
                    &text,
                    format!("the usual domain {canon} ({code})"),
                    format!("即通常的“{canon}”领域（{code}）"),
                );
            }
            self.out.domains.push(Domain::new(code.clone(), name, en));
            self.out.domain_rows.push(r.row + 1);
        }
        code
    }

    /// The primary duty: one holder, its text, and its kinds (the
    /// 主体责任类型 cell, else, for the township, its text's duty phrases).
    fn primary(&mut self, r: &RowCells<'_>, id: &str) -> Duty {
        let written = r.text(M::Primary);
        let holders = self.imp.holders(written, r.at(M::Primary));
        let holder = match holders.as_slice() {
            [one] => one.clone(),
            [] => {
                self.imp.sink.error(
                    ProblemCode::NoPrimary,
                    r.at(M::Primary),
                    format!("matter {id} has no primary duty holder (主体责任单位)"),
                    format!("事项 {id} 未明确主体责任单位"),
                );
                None
            }
            many => {
                let n = many.len();
                self.imp.sink.error(
                    ProblemCode::MultiplePrimary,
                    r.at(M::Primary),
                    format!("matter {id} has {n} primary duty holders ({written}); the list must name one"),
                    format!("事项 {id} 有 {n} 个主体责任单位（{written}），清单只能明确一个"),
                );
                None
            }
        };
        let text = tidy_text(r.text(M::PrimaryText));
        let given = r.text(M::PrimaryKinds);
        let kinds = if !given.is_empty() {
            self.imp.kinds_line(given, r.at(M::PrimaryKinds))
        } else if holder == Some(Holder::Territorial) {
            self.imp.phrase_kinds(&text, r.at(M::PrimaryText), false)
        } else {
            Vec::new()
        };
        Duty {
            holder: holder.unwrap_or(Holder::Territorial),
            kinds,
            text_zh: text,
        }
    }

    /// Says the run of continued 领域 cells, if there is one.
    fn flush(&mut self) {
        if let Some(c) = self.continued.take() {
            let range = if c.first == c.last {
                c.first
            } else {
                format!("{}:{}", c.first, c.last)
            };
            self.imp.sink.guess(
                range,
                "",
                format!("领域 empty: continued {} from above", c.domain),
                format!("领域为空：沿用上方的“{}”", c.domain),
            );
        }
    }

    fn finish(self) -> Matters {
        let (grid, header) = (self.grid, self.header);
        if header.col(M::Id as usize).is_none() && !self.out.matters.is_empty() {
            let i = header.col(M::Seq as usize).unwrap_or(0);
            self.imp.sink.guess(
                grid.cell(header.first, i),
                "序号",
                "no 编号 column: matter ids made from the 序号 (1 → M001)".into(),
                "无“编号”列：事项编号由序号生成（1 → M001）".into(),
            );
        }
        let n = self.guessed_roles;
        if n > 0 {
            self.imp.sink.guess(
                String::new(),
                "工作流程",
                format!("no 流程分工: who does each step of {n} workflow(s) read from the step's words (网格员, 乡镇, 主体部门, …)"),
                format!("无“流程分工”：{n} 个事项的流程各步由谁办理，按步骤文字推断（网格员、乡镇、主体部门等）"),
            );
        }
        self.out
    }
}
