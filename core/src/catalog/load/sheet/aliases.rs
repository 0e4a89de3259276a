//! The words of an officials' sheet, in one place: the headers a county
//! writes for each column, the words for "the township where the matter
//! arises", the duty phrases and the duty kinds they mean, the workflow
//! roles, and the usual domains. [`Catalog::import_sheet`] reads a sheet
//! through these tables and [`Catalog::to_xlsx`] writes the first word of
//! each.
//!
//! Matching is done on a folded form of the text: full-width letters, digits
//! and punctuation are made half-width (`（` → `(`, `：` → `:`), `【】〔〕［］`
//! become `()`, Latin letters lower case, and every space and line break is
//! dropped, so `主体责任\n单位`, `主体责任单位 ` and `主体责任单位：` are the
//! same header. A header with a note in brackets (`主体责任单位（部门）`) is
//! also tried without it.
//!
//! To read a header or a word these tables do not know, add it here: every
//! table is checked by the tests for words that would be read two ways.
//!
//! ```
//! use huying::catalog::aliases::{MATTER_HEADERS, DUTY_PHRASES};
//! use huying::catalog::DutyKind;
//! assert_eq!(MATTER_HEADERS[4].0, "主体责任单位");
//! assert!(MATTER_HEADERS[4].1.contains(&"牵头单位"));
//! let (kind, words) = DUTY_PHRASES[3];
//! assert_eq!(kind, DutyKind::AssistEnforcement);
//! assert!(words.contains(&"配合执法"));
//! ```
//!
//! [`Catalog::import_sheet`]: crate::catalog::Catalog::import_sheet
//! [`Catalog::to_xlsx`]: crate::catalog::Catalog::to_xlsx

use crate::catalog::{DutyKind, StepRole};

/// The columns of the matters sheet, in the order
/// [`Catalog::to_xlsx`](crate::catalog::Catalog::to_xlsx) writes them: the
/// header written, and the other headers that mean the same column.
///
/// The first ten are the officials' own columns (`序号` … `法律依据`); an
/// import needs `事项名称` and `主体责任单位`. The last six keep what a
/// phrase cannot say, so that a list written and read again is the same
/// list: the duty kinds understood (`主体责任类型`, `配合责任类型`, one line
/// per supporting unit), who does each workflow step (`流程分工`), time
/// limits that differ from the county standard (`时限`, e.g.
/// `到达现场：1小时`), the English name and the source.
///
/// ```
/// use huying::catalog::aliases::MATTER_HEADERS;
/// let names: Vec<&str> = MATTER_HEADERS.iter().map(|h| h.0).collect();
/// assert_eq!(&names[..4], ["序号", "编号", "领域", "事项名称"]);
/// assert!(MATTER_HEADERS[6].1.contains(&"配合单位"));
/// ```
#[rustfmt::skip]
pub const MATTER_HEADERS: [(&str, &[&str]); 16] = [
    ("序号", &["序", "顺序号", "no", "no.", "seq"]),
    ("编号", &["事项编号", "事项编码", "编码", "事项代码", "代码", "id", "matter_id"]),
    ("领域", &["所属领域", "事项领域", "行业领域", "领域类别", "类别", "事项类别", "分类", "行业", "domain", "domain_zh"]),
    ("事项名称", &["事项", "名称", "属地管理事项", "管理事项", "属地事项", "责任事项", "事项内容", "属地管理事项名称", "name_zh"]),
    ("主体责任单位", &["主责单位", "主体单位", "主体责任部门", "主责部门", "牵头单位", "牵头部门", "主办单位", "主管部门", "责任单位", "主体责任主体", "primary"]),
    ("主体责任内容", &["主体责任", "主体职责", "主责内容", "主体责任事项", "主体责任单位职责", "牵头单位职责", "主要职责", "primary_text_zh"]),
    ("配合责任单位", &["配合单位", "配合部门", "配合责任部门", "协办单位", "协同单位", "协助单位", "配合责任主体", "supporting_units"]),
    ("配合责任内容", &["配合责任", "配合职责", "配合内容", "配合责任事项", "配合单位职责", "协办职责", "乡镇(街道)配合责任", "乡镇配合责任", "乡镇(街道)职责", "乡镇职责", "属地配合责任", "supporting_text_zh"]),
    ("工作流程", &["流程", "工作运行流程", "运行流程", "办理流程", "处置流程", "工作程序", "workflow"]),
    ("法律依据", &["依据", "法律法规依据", "法规依据", "政策依据", "设定依据", "实施依据", "法律法规及政策依据", "legal_basis"]),
    ("主体责任类型", &["主体责任分类", "主责类型", "primary_kinds"]),
    ("配合责任类型", &["配合责任分类", "配合类型", "supporting_kinds"]),
    ("流程分工", &["流程角色", "流程环节分工", "workflow_roles"]),
    ("时限", &["办理时限", "时限要求", "sla"]),
    ("英文名称", &["英文名", "name_en"]),
    ("来源", &["出处", "source"]),
];

/// The columns of a units table (a sheet `单位` of the workbook, or a units
/// file): the header written, and the other headers that mean it. A units
/// table needs `单位名称`; without `编号` the units are numbered `U001`…,
/// and without `层级` or `类别` those are read from the name (a name ending
/// in 街道 is a street office, in 镇 or 乡 a township, else a county
/// department). `所属部门` and `所在乡镇` (for a stationed agency) take a
/// unit's 编号 or its name; `指挥中心` marks the command centre with `是`.
///
/// ```
/// use huying::catalog::aliases::UNIT_HEADERS;
/// assert_eq!(UNIT_HEADERS[1].0, "单位名称");
/// assert!(UNIT_HEADERS[2].1.contains(&"别名"));
/// ```
#[rustfmt::skip]
pub const UNIT_HEADERS: [(&str, &[&str]); 9] = [
    ("编号", &["单位编号", "单位代码", "代码", "id"]),
    ("单位名称", &["名称", "单位", "单位全称", "部门名称", "责任单位", "name_zh"]),
    ("简称", &["别名", "又称", "其他名称", "曾用名", "简称或别名", "简称/别名", "variants_zh"]),
    ("英文名称", &["英文名", "name_en"]),
    ("层级", &["级别", "单位层级", "level"]),
    ("类别", &["单位类别", "类型", "单位类型", "性质", "kind"]),
    ("所属部门", &["上级部门", "主管部门", "所属单位", "department"]),
    ("所在乡镇", &["所属乡镇", "所在乡镇(街道)", "驻地", "township"]),
    ("指挥中心", &["是否指挥中心", "command_centre"]),
];

/// The names a workbook's units sheet may have (the first one found is
/// read); any other sheet may hold the matters.
///
/// ```
/// assert_eq!(huying::catalog::aliases::UNIT_SHEETS[0], "单位");
/// ```
pub const UNIT_SHEETS: [&str; 6] = [
    "单位",
    "单位名单",
    "单位表",
    "责任单位",
    "单位清单",
    "units",
];

/// The name of the matters sheet that
/// [`Catalog::to_xlsx`](crate::catalog::Catalog::to_xlsx) writes.
///
/// ```
/// assert_eq!(huying::catalog::aliases::MATTERS_SHEET, "事项清单");
/// ```
pub const MATTERS_SHEET: &str = "事项清单";

/// Words before a township word that do not change its meaning: `各乡镇`,
/// `属地乡镇`, `所在街道` are all the township where the matter arises.
///
/// ```
/// assert!(huying::catalog::aliases::TERRITORIAL_PREFIXES.contains(&"属地"));
/// ```
pub const TERRITORIAL_PREFIXES: [&str; 7] =
    ["各", "属地", "所在", "辖区", "事发地", "当地", "相关"];

/// The words that, alone or together (`乡镇（街道）`, `各乡镇（街道、开发区）`,
/// `乡镇人民政府（街道办事处）`), name the township where the matter arises
/// (属地, [`Holder::Territorial`](crate::catalog::Holder::Territorial))
/// rather than one unit. `属地` alone means it too. At least one of the
/// words must be a township word (开发区, 园区 and 管委会 only go with one).
///
/// ```
/// use huying::catalog::aliases::TERRITORIAL_WORDS;
/// assert!(TERRITORIAL_WORDS.contains(&"乡镇") && TERRITORIAL_WORDS.contains(&"街道"));
/// ```
#[rustfmt::skip]
pub const TERRITORIAL_WORDS: [&str; 20] = [
    "乡镇", "乡镇街道", "镇街", "镇街道", "街道", "镇", "乡", "乡镇人民政府",
    "乡镇政府", "镇人民政府", "乡人民政府", "镇政府", "乡政府", "人民政府", "街道办事处", "办事处",
    "街道办", "开发区", "园区", "管委会",
];

/// How a township holder is written back:
/// [`Catalog::to_xlsx`](crate::catalog::Catalog::to_xlsx) writes
/// [`Holder::Territorial`](crate::catalog::Holder::Territorial) as this.
///
/// ```
/// assert_eq!(huying::catalog::aliases::TERRITORIAL_NAME, "各乡镇（街道）");
/// ```
pub const TERRITORIAL_NAME: &str = "各乡镇（街道）";

/// The duty phrases of a supporting duty (配合责任内容) and the duty kind
/// each means. A cell such as `日常巡查、及时上报、协助执法` is cut at `、`,
/// `，`, `；`, `。` (and at a line break that starts a numbered item or
/// follows one of those marks), numbering such as `1.` or `（一）` is
/// dropped, and each part is searched for these words, the longest first:
/// `发现违法用地及时劝阻` is 劝阻 (dissuade). A part with none of them is
/// kept in the duty's text and reported as a warning.
///
/// ```
/// use huying::catalog::{aliases::DUTY_PHRASES, DutyKind};
/// let report = DUTY_PHRASES.iter().find(|p| p.0 == DutyKind::Report).unwrap();
/// assert!(report.1.contains(&"上报") && report.1.contains(&"报告"));
/// ```
#[rustfmt::skip]
pub const DUTY_PHRASES: [(DutyKind, &[&str]); 12] = [
    (DutyKind::Patrol, &["巡查", "巡逻", "巡检", "巡护", "巡视", "巡河", "巡湖", "巡田", "巡林", "看护", "排查", "日常检查"]),
    (DutyKind::Report, &["上报", "报告", "报送", "通报", "报知", "信息报送", "反馈"]),
    (DutyKind::Dissuade, &["劝阻制止", "劝阻", "制止", "劝导", "劝离", "劝返", "阻止"]),
    (DutyKind::AssistEnforcement, &["协助执法", "配合执法", "联合执法", "协助查处", "配合查处", "协助调查", "配合调查", "协助取证", "配合取证", "调查取证", "协助强制执行", "强制执行", "协助执行", "配合执行", "协助拆除", "配合拆除", "协助扣押", "协助处罚", "配合处罚", "配合整治", "协助整治"]),
    (DutyKind::Coordinate, &["组织协调", "协调", "统筹", "指导", "牵头"]),
    (DutyKind::Publicize, &["宣传引导", "宣传", "宣讲", "普法", "宣教", "教育引导", "引导"]),
    (DutyKind::Ledger, &["摸排建台账", "建立台账", "建台账", "台账", "摸排", "摸底", "底数", "建档", "登记", "清单"]),
    (DutyKind::Verify, &["核查核实", "核查", "核实", "复核", "核验", "查验"]),
    (DutyKind::Organize, &["组织实施", "组织开展", "组织", "实施", "落实"]),
    (DutyKind::FirstResponse, &["先期处置", "先行处置", "初期处置", "应急处置", "现场处置", "协助处置", "处置", "现场保护", "疏散", "撤离"]),
    (DutyKind::SuperviseRectify, &["督促整改", "督促", "整改", "督办", "监督"]),
    (DutyKind::Mediate, &["矛盾调处", "调处", "调解", "化解", "纠纷"]),
];

/// Words that say who does a workflow step, for a sheet without a
/// `流程分工` column: the first of them in a step's text decides its role (a
/// step with none has the role of the step before it, the first the
/// township's).
///
/// ```
/// use huying::catalog::{aliases::STEP_ROLES, StepRole};
/// assert_eq!(STEP_ROLES[0].0, StepRole::Grid);
/// assert!(STEP_ROLES[0].1.contains(&"网格员"));
/// ```
#[rustfmt::skip]
pub const STEP_ROLES: [(StepRole, &[&str]); 6] = [
    (StepRole::Grid, &["网格员", "网格长", "专职网格员"]),
    (StepRole::Township, &["乡镇", "街道", "镇街", "属地", "乡级", "镇级", "村级"]),
    (StepRole::Primary, &["主体部门", "主管部门", "主责部门", "主体责任单位", "牵头部门", "行业部门"]),
    (StepRole::County, &["县级部门", "县直部门", "相关部门", "配合部门"]),
    (StepRole::CommandCentre, &["指挥中心", "网格化平台", "平台"]),
    (StepRole::Joint, &["联合", "会同", "共同"]),
];

/// The marks between workflow steps: `网格员巡查发现 → 乡镇上报 → 主体部门处置`
/// (a line break too; numbering at the start of a step is dropped).
///
/// ```
/// assert!(huying::catalog::aliases::STEP_MARKS.contains(&"→"));
/// ```
#[rustfmt::skip]
pub const STEP_MARKS: [&str; 9] = [
    "→", "->", "—>", "－>", "=>", "⇒", "➝", "➔", "⟶",
];

/// The usual domains (领域): code, Chinese and English name, and other names
/// a list gives them (a trailing `领域` or `类` is dropped first:
/// `自然资源领域` is 自然资源). A domain not here keeps its Chinese name as
/// its code and name.
///
/// ```
/// use huying::catalog::aliases::DOMAINS;
/// assert_eq!(DOMAINS[0].0, "natural_resources");
/// assert!(DOMAINS[0].3.contains(&"国土资源"));
/// ```
#[rustfmt::skip]
pub const DOMAINS: [(&str, &str, &str, &[&str]); 14] = [
    ("natural_resources", "自然资源", "Natural resources", &["自然资源和规划", "自然资源规划", "国土资源", "国土"]),
    ("ecology_environment", "生态环境", "Ecology and environment", &["环境保护", "生态环境保护", "环保"]),
    ("urban_rural_construction", "城乡建设", "Urban-rural construction", &["住房城乡建设", "住房和城乡建设", "住建", "城乡规划建设"]),
    ("emergency_management", "应急管理", "Emergency management", &["安全生产", "应急", "防灾减灾"]),
    ("market_supervision", "市场监管", "Market supervision", &["市场监督管理", "市场监管和质量安全"]),
    ("comprehensive_enforcement", "综合执法", "Comprehensive law enforcement", &["综合行政执法", "城市管理", "城管执法"]),
    ("agriculture_rural", "农业农村", "Agriculture and rural affairs", &["农业", "三农"]),
    ("water", "水利", "Water resources", &["水务", "水利水务"]),
    ("transport", "交通运输", "Transport", &["交通"]),
    ("public_security", "社会治安", "Public security", &["公安", "平安建设", "社会治理"]),
    ("civil_affairs", "民政", "Civil affairs", &["民政事务"]),
    ("health", "卫生健康", "Health", &["卫生", "医疗卫生", "疫情防控"]),
    ("education", "教育", "Education", &["教育体育", "教体"]),
    ("culture_tourism", "文化旅游", "Culture and tourism", &["文化和旅游", "文旅"]),
];

/// What a multi-line cell of `配合责任内容` or `配合责任类型` holds for a
/// supporting unit with no text or no kinds (so that the lines stay one per
/// unit).
///
/// ```
/// assert_eq!(huying::catalog::aliases::NONE_WORD, "无");
/// ```
pub const NONE_WORD: &str = "无";

/// The words that mark the command centre in a units table's `指挥中心`
/// column.
///
/// ```
/// assert!(huying::catalog::aliases::YES_WORDS.contains(&"是"));
/// ```
pub const YES_WORDS: [&str; 8] = ["是", "√", "✓", "y", "yes", "true", "1", "指挥中心"];

/// The first words of a row below the matters that is a note, not a matter
/// (`注：…`, `备注：…`).
///
/// ```
/// assert!(huying::catalog::aliases::NOTE_WORDS.contains(&"注"));
/// ```
pub const NOTE_WORDS: [&str; 4] = ["注", "备注", "说明", "附注"];

// ------------------------------------------------------------ folding

/// The folded form of a text, in which the tables are matched (see the
/// module documentation).
pub(crate) fn fold(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            c if c.is_whitespace() => None,
            '\u{200B}' | '\u{FEFF}' | '“' | '”' | '"' | '‘' | '’' | '\'' | '*' => None,
            '【' | '〔' | '［' | '〖' | '「' => Some('('),
            '】' | '〕' | '］' | '〗' | '」' => Some(')'),
            '\u{FF01}'..='\u{FF5E}' => {
                char::from_u32(c as u32 - 0xFEE0).map(|c| c.to_ascii_lowercase())
            }
            c => Some(c.to_ascii_lowercase()),
        })
        .collect()
}

/// A name as it is kept: trimmed, the spaces and line breaks inside it
/// dropped, except one space between two Latin letters or digits
/// (`县12345 热线` → `县12345热线`, `Natural  resources` → `Natural resources`).
pub(crate) fn tidy_name(s: &str) -> String {
    let mut out = String::new();
    for part in s.split(|c: char| c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}') {
        if part.is_empty() {
            continue;
        }
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if latin(out.chars().last()) && latin(part.chars().next()) {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// An English text as it is kept: runs of spaces and line breaks made one
/// space.
pub(crate) fn tidy_words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A text as it is kept: each line trimmed, empty lines dropped.
pub(crate) fn tidy_text(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The value of a Chinese numeral of up to three digits (`一`, `十二`,
/// `二十`, `一百零五`), if it is one.
pub(crate) fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c);
    let (mut total, mut cur, mut any) = (0u32, 0u32, false);
    for c in s.chars() {
        any = true;
        match c {
            '〇' => cur = 0,
            '两' => cur = 2,
            '十' => {
                total += cur.max(1) * 10;
                cur = 0;
            }
            '百' => {
                total += cur.max(1) * 100;
                cur = 0;
            }
            c => cur = digit(c)? as u32,
        }
    }
    any.then_some(total + cur)
}

/// The number of a 序号 cell: `3`, `3.`, `3、`, `（3）`, `三`, `（三）`, `第3项`.
pub(crate) fn sequence_number(s: &str) -> Option<u32> {
    let f = fold(s);
    let f = f.strip_prefix('第').unwrap_or(&f);
    let f = f.trim_end_matches(['.', '、', ',', ':', '项', '条']);
    let f = f
        .strip_prefix('(')
        .and_then(|x| x.strip_suffix(')'))
        .unwrap_or(f);
    if !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()) {
        return f.parse().ok();
    }
    chinese_number(f)
}

/// The text without the numbering it starts with: `1.`, `1、`, `1)`,
/// `（1）`, `(一)`, `一、`, `①`, `第一条`; once or twice (`一、1.`).
pub(crate) fn strip_numbering(s: &str) -> &str {
    let mut s = s.trim();
    for _ in 0..2 {
        let next = numbering_end(s).map_or(s, |i| s.get(i..).unwrap_or(""));
        if next.len() == s.len() {
            break;
        }
        s = next.trim_start();
    }
    s
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "〇零一二三四五六七八九十百两".contains(c)
}

/// Where the numbering at the start of `s` ends, if it starts with one.
fn numbering_end(s: &str) -> Option<usize> {
    let mut chars = s.char_indices().peekable();
    let (_, first) = *chars.peek()?;
    if ('\u{2460}'..='\u{2473}').contains(&first)
        || ('\u{2474}'..='\u{2487}').contains(&first)
        || ('\u{2776}'..='\u{277F}').contains(&first)
    {
        return Some(first.len_utf8());
    }
    if first == '(' || first == '（' {
        chars.next();
        let mut n = 0;
        while let Some(&(i, c)) = chars.peek() {
            if is_numeral(c) && n < 4 {
                n += 1;
                chars.next();
            } else if (c == ')' || c == '）') && n > 0 {
                return Some(i + c.len_utf8());
            } else {
                return None;
            }
        }
        return None;
    }
    let lead = if first == '第' {
        chars.next();
        true
    } else {
        false
    };
    let mut n = 0;
    let mut ascii = true;
    while let Some(&(i, c)) = chars.peek() {
        if is_numeral(c) && n < 4 {
            ascii &= c.is_ascii_digit();
            n += 1;
            chars.next();
            continue;
        }
        if n == 0 {
            return None;
        }
        let end = i + c.len_utf8();
        return match c {
            '条' | '项' | '步' if lead => {
                let rest = s.get(end..).unwrap_or("");
                Some(
                    end + rest
                        .find(|c| c != '、' && c != '：' && c != ':')
                        .unwrap_or(rest.len()),
                )
            }
            '、' | '）' | ')' | '．' => Some(end),
            '.' | ',' | '，' | ':' | '：' if ascii => {
                // `1.5小时` is not numbered.
                let next = s.get(end..).and_then(|r| r.chars().next());
                (!next.is_some_and(|c| c.is_ascii_digit())).then_some(end)
            }
            _ => None,
        };
    }
    None
}

/// The keywords of a table, folded, by their first character and longest
/// first: a text is searched in time linear in its length.
pub(crate) struct Keywords<T> {
    by_first: std::collections::HashMap<char, Vec<(String, T)>>,
}

/// The keywords of a table.
pub(crate) fn keywords<T: Copy>(table: &[(T, &'static [&'static str])]) -> Keywords<T> {
    let mut by_first: std::collections::HashMap<char, Vec<(String, T)>> =
        std::collections::HashMap::new();
    for (t, words) in table {
        for w in *words {
            let f = fold(w);
            if let Some(c) = f.chars().next() {
                by_first.entry(c).or_default().push((f, *t));
            }
        }
    }
    for list in by_first.values_mut() {
        list.sort_by_key(|w| std::cmp::Reverse(w.0.len()));
    }
    Keywords { by_first }
}

/// The table entries a folded text names, in order, each once, found by
/// taking the longest keyword at each place.
pub(crate) fn find_all<T: Copy + PartialEq>(folded: &str, words: &Keywords<T>) -> Vec<T> {
    let mut found: Vec<T> = Vec::new();
    let mut rest = folded;
    while let Some(c) = rest.chars().next() {
        let hit = words
            .by_first
            .get(&c)
            .and_then(|list| list.iter().find(|(w, _)| rest.starts_with(w.as_str())));
        match hit {
            Some((w, t)) => {
                if !found.contains(t) {
                    found.push(*t);
                }
                rest = rest.get(w.len()..).unwrap_or("");
            }
            None => rest = rest.get(c.len_utf8()..).unwrap_or(""),
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn folding() {
        assert_eq!(fold(" 主体责任\n单位："), "主体责任单位:");
        assert_eq!(fold("县委编办（ＡＢ）"), "县委编办(ab)");
        assert_eq!(fold("〔2025〕"), "(2025)");
        assert_eq!(
            tidy_name(" 违法占用土地\n（非农建设）查处 "),
            "违法占用土地（非农建设）查处"
        );
        assert_eq!(tidy_name("Natural \n resources"), "Natural resources");
        assert_eq!(tidy_text(" 1.巡查 \n\n 2.上报 "), "1.巡查\n2.上报");
    }

    #[test]
    fn numbers_and_numbering() {
        for (s, n) in [
            ("3", 3),
            ("3.", 3),
            ("3、", 3),
            ("（3）", 3),
            ("三", 3),
            ("（十二）", 12),
            ("二十", 20),
            ("一百零五", 105),
            ("第7项", 7),
        ] {
            assert_eq!(sequence_number(s), Some(n), "{s}");
        }
        assert_eq!(sequence_number("三a"), None);
        assert_eq!(sequence_number(""), None);
        for (s, rest) in [
            ("1.日常巡查", "日常巡查"),
            ("1、巡查", "巡查"),
            ("（一）自然资源", "自然资源"),
            ("(2)上报", "上报"),
            ("一、1.巡查", "巡查"),
            ("①劝阻", "劝阻"),
            ("第一条 巡查", "巡查"),
            ("1.5小时", "1.5小时"),
            ("十分重要", "十分重要"),
            ("巡查", "巡查"),
        ] {
            assert_eq!(strip_numbering(s), rest, "{s}");
        }
    }

    #[test]
    fn longest_keyword_wins() {
        let words = keywords(&DUTY_PHRASES);
        let kinds = find_all(&fold("组织协调，协助强制执行"), &words);
        assert_eq!(kinds, [DutyKind::Coordinate, DutyKind::AssistEnforcement]);
        assert_eq!(
            find_all(&fold("发现违法用地及时劝阻"), &words),
            [DutyKind::Dissuade]
        );
        assert!(find_all(&fold("文书送达"), &words).is_empty());
    }

    fn unique<T: Copy + PartialEq + std::fmt::Debug>(
        what: &str,
        pairs: impl IntoIterator<Item = (T, &'static str)>,
    ) {
        let mut seen: HashMap<String, T> = HashMap::new();
        for (t, w) in pairs {
            if let Some(prev) = seen.insert(fold(w), t) {
                panic!("{what}: {w:?} is listed for {prev:?} and for {t:?}");
            }
        }
    }

    fn headers(
        table: &'static [(&'static str, &'static [&'static str])],
    ) -> impl Iterator<Item = (&'static str, &'static str)> {
        table.iter().flat_map(|&(h, words)| {
            std::iter::once(h)
                .chain(words.iter().copied())
                .map(move |w| (h, w))
        })
    }

    fn words<T: Copy>(
        table: &'static [(T, &'static [&'static str])],
    ) -> impl Iterator<Item = (T, &'static str)> {
        table
            .iter()
            .flat_map(|&(t, words)| words.iter().map(move |w| (t, *w)))
    }

    /// No header, phrase or word is read two ways (or listed twice).
    #[test]
    fn no_word_means_two_things() {
        unique("matter headers", headers(&MATTER_HEADERS));
        unique("unit headers", headers(&UNIT_HEADERS));
        unique("duty phrases", words(&DUTY_PHRASES));
        unique("step roles", words(&STEP_ROLES));
        unique(
            "domains",
            DOMAINS.iter().flat_map(|&(code, zh, _, aliases)| {
                std::iter::once(zh)
                    .chain(aliases.iter().copied())
                    .map(move |w| (code, w))
            }),
        );
        unique("territorial words", TERRITORIAL_WORDS.map(|w| ((), w)));
    }
}
