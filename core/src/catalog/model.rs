//! The canonical model of a responsibility list: what a county decided, as
//! plain data. Its serde form (JSON) is the canonical file format; every other
//! format is read into it.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Lang;
use crate::sla::Limit;

/// A whole responsibility list as published: the units it names, the matters
/// of the original list, and the approved revisions that changed it since.
///
/// This is the canonical form: [`Catalog::to_json`](super::Catalog::to_json)
/// writes it and [`Catalog::from_json`](super::Catalog::from_json) reads it
/// back unchanged. Build a [`Catalog`](super::Catalog) from it with
/// [`Catalog::new`](super::Catalog::new), which validates it.
///
/// ```
/// use huying::catalog::Catalog;
/// let data = Catalog::sample().data().clone();
/// assert_eq!(data.matters.len(), 91);
/// assert_eq!(data.command_centre, "U008");
/// assert!(data.illustrative);
/// let again = Catalog::new(data)?;
/// assert_eq!(again.data().revisions.len(), 1);
/// # Ok::<(), huying::catalog::CatalogError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogData {
    /// A short identifier of the list, also the id of its first edition.
    pub id: String,
    /// Title in Chinese (e.g. `某县属地管理事项清单`).
    pub title_zh: String,
    /// Title in English.
    pub title_en: String,
    /// Approval reference (文号) of the original list.
    pub reference: String,
    /// The date from which the original list is in force (00:00, UTC+08:00).
    pub effective: NaiveDate,
    /// True for sample or composite data that no county published as such.
    #[serde(default, skip_serializing_if = "is_false")]
    pub illustrative: bool,
    /// The unit id of the county command centre (指挥中心), which dispatches calls.
    pub command_centre: String,
    /// The domains (领域) that group the matters.
    pub domains: Vec<Domain>,
    /// Every unit the list names.
    pub units: Vec<Unit>,
    /// The matters of the original list, in list order.
    pub matters: Vec<Matter>,
    /// Approved revisions (清单动态调整), in order of effective date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revisions: Vec<Revision>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A domain (领域) of matters, such as natural resources (自然资源).
///
/// ```
/// let d = huying::catalog::Domain::new("natural_resources", "自然资源", "Natural resources");
/// assert_eq!(d.name(huying::Lang::Zh), "自然资源");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Domain {
    /// Stable code, e.g. `natural_resources`.
    pub code: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
}

impl Domain {
    /// A domain from its code and names.
    ///
    /// ```
    /// let d = huying::catalog::Domain::new("x", "某领域", "Some domain");
    /// assert_eq!(d.code, "x");
    /// ```
    pub fn new(
        code: impl Into<String>,
        name_zh: impl Into<String>,
        name_en: impl Into<String>,
    ) -> Self {
        Domain {
            code: code.into(),
            name_zh: name_zh.into(),
            name_en: name_en.into(),
        }
    }

    /// The name in the given language.
    ///
    /// ```
    /// let d = huying::catalog::Domain::new("x", "某领域", "Some domain");
    /// assert_eq!(d.name(huying::Lang::En), "Some domain");
    /// ```
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_zh, &self.name_en)
    }
}

/// The tier of government a unit belongs to.
///
/// ```
/// use huying::catalog::UnitLevel;
/// assert_eq!("county".parse::<UnitLevel>(), Ok(UnitLevel::County));
/// assert_eq!(UnitLevel::Township.code(), "township");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum UnitLevel {
    /// County (县级).
    County,
    /// Township, town or street office (乡镇/街道级).
    Township,
    /// Village or community (村/社区级).
    Village,
    /// Grid (网格).
    Grid,
}

/// The kind of a unit: what it is, which decides how the list treats it.
///
/// ```
/// use huying::catalog::UnitKind;
/// let k: UnitKind = "stationed_agency".parse()?;
/// assert_eq!(k, UnitKind::StationedAgency);
/// assert!(UnitKind::StreetOffice.is_township());
/// assert_eq!(UnitKind::Department.name(huying::Lang::Zh), "县直部门");
/// # Ok::<(), String>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum UnitKind {
    /// A Party organ (县委部门), e.g. the establishment office (编办).
    PartyOrgan,
    /// A government office (政府办公室).
    GovOffice,
    /// A platform or centre (平台/中心), e.g. the command centre or hotline.
    Platform,
    /// A county department (县直部门).
    Department,
    /// A vertically managed branch acting as a county department (垂直管理分局、大队).
    StationedCityBranch,
    /// A sub-unit of a department (e.g. the traffic police brigade).
    SubUnit,
    /// A public institution (事业单位).
    Institution,
    /// An enterprise with public duties (e.g. the power company).
    Enterprise,
    /// A township or town government (乡镇人民政府).
    Township,
    /// A street office (街道办事处), treated as a township.
    StreetOffice,
    /// A stationed agency (派驻机构) of a county department in one township.
    StationedAgency,
}

const UNIT_KINDS: [(UnitKind, &str, &str, &str); 11] = [
    (
        UnitKind::PartyOrgan,
        "party_organ",
        "县委部门",
        "Party organ",
    ),
    (
        UnitKind::GovOffice,
        "gov_office",
        "政府办公室",
        "government office",
    ),
    (
        UnitKind::Platform,
        "platform",
        "平台中心",
        "platform centre",
    ),
    (
        UnitKind::Department,
        "department",
        "县直部门",
        "county department",
    ),
    (
        UnitKind::StationedCityBranch,
        "stationed_city_branch",
        "垂直管理分局",
        "vertically managed branch",
    ),
    (UnitKind::SubUnit, "sub_unit", "部门下属单位", "sub-unit"),
    (
        UnitKind::Institution,
        "institution",
        "事业单位",
        "public institution",
    ),
    (UnitKind::Enterprise, "enterprise", "企业", "enterprise"),
    (UnitKind::Township, "township", "乡镇", "township"),
    (
        UnitKind::StreetOffice,
        "street_office",
        "街道",
        "street office",
    ),
    (
        UnitKind::StationedAgency,
        "stationed_agency",
        "派驻机构",
        "stationed agency",
    ),
];

impl UnitKind {
    /// The stable code, as in files (`department`, `stationed_agency`, …).
    ///
    /// ```
    /// assert_eq!(huying::catalog::UnitKind::StreetOffice.code(), "street_office");
    /// ```
    pub fn code(self) -> &'static str {
        UNIT_KINDS.iter().find(|k| k.0 == self).map_or("", |k| k.1)
    }

    /// The kind in words.
    ///
    /// ```
    /// use huying::{catalog::UnitKind, Lang};
    /// assert_eq!(UnitKind::StationedAgency.name(Lang::En), "stationed agency");
    /// ```
    pub fn name(self, lang: Lang) -> &'static str {
        UNIT_KINDS
            .iter()
            .find(|k| k.0 == self)
            .map_or("", |k| lang.pick(k.2, k.3))
    }

    /// True for the township-level governments that hold territorial duties:
    /// townships, towns and street offices.
    ///
    /// ```
    /// assert!(huying::catalog::UnitKind::Township.is_township());
    /// assert!(!huying::catalog::UnitKind::StationedAgency.is_township());
    /// ```
    pub fn is_township(self) -> bool {
        matches!(self, UnitKind::Township | UnitKind::StreetOffice)
    }
}

impl FromStr for UnitKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        UNIT_KINDS
            .iter()
            .find(|k| k.1 == s || k.2 == s)
            .map(|k| k.0)
            .ok_or_else(|| format!("unknown unit kind {s:?}"))
    }
}

impl fmt::Display for UnitKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl UnitLevel {
    /// The stable code: `county`, `township`, `village` or `grid`.
    ///
    /// ```
    /// assert_eq!(huying::catalog::UnitLevel::Grid.code(), "grid");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            UnitLevel::County => "county",
            UnitLevel::Township => "township",
            UnitLevel::Village => "village",
            UnitLevel::Grid => "grid",
        }
    }
}

impl FromStr for UnitLevel {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "county" | "县级" => Ok(UnitLevel::County),
            "township" | "乡镇级" => Ok(UnitLevel::Township),
            "village" | "村级" => Ok(UnitLevel::Village),
            "grid" | "网格" => Ok(UnitLevel::Grid),
            other => Err(format!("unknown unit level {other:?}")),
        }
    }
}

impl fmt::Display for UnitLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A unit the list names: a county department, a stationed agency, a
/// township, the command centre, …
///
/// A stationed agency (派驻机构) belongs to a county `department` and sits in
/// one `township`; where a matter's holder is that department, the agency
/// answers for it in its township.
///
/// ```
/// let c = huying::catalog::Catalog::sample();
/// let police = c.unit("U050@U068").unwrap();
/// assert_eq!(police.department.as_deref(), Some("U018"));
/// assert_eq!(police.township.as_deref(), Some("U068"));
/// assert_eq!(police.name(huying::Lang::Zh), "夏津县南城镇公安派出所");
/// assert_eq!(c.unit("U012").unwrap().variants_zh, ["县住建局"]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Unit {
    /// Stable id, unique in the list (e.g. `U010`, `U053@U068`).
    pub id: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Tier of government.
    pub level: UnitLevel,
    /// What the unit is.
    pub kind: UnitKind,
    /// For a stationed agency or sub-unit: the county department it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// For a stationed agency: the township it sits in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub township: Option<String>,
    /// Other names the unit goes by in lists and documents: a short name
    /// (县住建局 for 县住房和城乡建设局), an older or a local name. A list
    /// that names its units in words is read through them
    /// ([`Catalog::import_sheet`](super::Catalog::import_sheet)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants_zh: Vec<String>,
}

impl Unit {
    /// The name in the given language.
    ///
    /// ```
    /// let c = huying::catalog::Catalog::sample();
    /// assert_eq!(c.unit("U010").unwrap().name(huying::Lang::En), "County Natural Resources Bureau");
    /// ```
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_zh, &self.name_en)
    }
}

/// Who holds a duty: a named unit, or the township where the matter arises
/// (属地, "territorial").
///
/// In files a holder is a unit id, or the word `territorial`.
///
/// ```
/// use huying::catalog::Holder;
/// assert_eq!("territorial".parse::<Holder>(), Ok(Holder::Territorial));
/// assert_eq!("U010".parse::<Holder>(), Ok(Holder::Unit("U010".into())));
/// assert_eq!(Holder::Territorial.to_string(), "territorial");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Holder {
    /// A named unit (by id).
    Unit(String),
    /// The township (or street office) where the matter arises.
    Territorial,
}

/// The word that stands for [`Holder::Territorial`] in files.
///
/// ```
/// use huying::catalog::{Holder, TERRITORIAL};
/// assert_eq!(TERRITORIAL.parse::<Holder>(), Ok(Holder::Territorial));
/// ```
pub const TERRITORIAL: &str = "territorial";

impl FromStr for Holder {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        match s {
            "" => Err("empty holder".into()),
            TERRITORIAL | "属地" | "乡镇" => Ok(Holder::Territorial),
            id => Ok(Holder::Unit(id.to_string())),
        }
    }
}

impl fmt::Display for Holder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Holder::Unit(id) => f.write_str(id),
            Holder::Territorial => f.write_str(TERRITORIAL),
        }
    }
}

impl Serialize for Holder {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Holder {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A kind of duty, as the list codes it (the sample's `township_duties`).
///
/// ```
/// use huying::{catalog::DutyKind, Lang};
/// let d: DutyKind = "assist_enforcement".parse()?;
/// assert_eq!(d.name(Lang::Zh), "协助执法");
/// assert_eq!("巡查".parse::<DutyKind>()?, DutyKind::Patrol);
/// assert_eq!(DutyKind::ALL.len(), 12);
/// # Ok::<(), String>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DutyKind {
    /// Patrol (巡查).
    Patrol,
    /// Report (上报).
    Report,
    /// Dissuade and stop (劝阻制止).
    Dissuade,
    /// Assist enforcement (协助执法).
    AssistEnforcement,
    /// Coordinate (组织协调).
    Coordinate,
    /// Publicize and guide (宣传引导).
    Publicize,
    /// Survey and keep a ledger (摸排建台账).
    Ledger,
    /// Verify (核查核实).
    Verify,
    /// Organize and carry out (组织实施).
    Organize,
    /// First response (先期处置).
    FirstResponse,
    /// Supervise rectification (督促整改).
    SuperviseRectify,
    /// Mediate disputes (矛盾调处).
    Mediate,
}

const DUTIES: [(DutyKind, &str, &str, &str); 12] = [
    (DutyKind::Patrol, "patrol", "巡查", "patrol"),
    (DutyKind::Report, "report", "上报", "report"),
    (DutyKind::Dissuade, "dissuade", "劝阻制止", "dissuade"),
    (
        DutyKind::AssistEnforcement,
        "assist_enforcement",
        "协助执法",
        "assist enforcement",
    ),
    (DutyKind::Coordinate, "coordinate", "组织协调", "coordinate"),
    (DutyKind::Publicize, "publicize", "宣传引导", "publicize"),
    (
        DutyKind::Ledger,
        "ledger",
        "摸排建台账",
        "survey and keep a ledger",
    ),
    (DutyKind::Verify, "verify", "核查核实", "verify"),
    (DutyKind::Organize, "organize", "组织实施", "organize"),
    (
        DutyKind::FirstResponse,
        "first_response",
        "先期处置",
        "first response",
    ),
    (
        DutyKind::SuperviseRectify,
        "supervise_rectify",
        "督促整改",
        "supervise rectification",
    ),
    (DutyKind::Mediate, "mediate", "矛盾调处", "mediate"),
];

impl DutyKind {
    /// Every duty kind, in code order.
    ///
    /// ```
    /// use huying::catalog::DutyKind;
    /// assert_eq!(DutyKind::ALL[0], DutyKind::Patrol);
    /// assert!(DutyKind::ALL.iter().all(|d| d.code().parse::<DutyKind>() == Ok(*d)));
    /// ```
    pub const ALL: [DutyKind; 12] = [
        DutyKind::Patrol,
        DutyKind::Report,
        DutyKind::Dissuade,
        DutyKind::AssistEnforcement,
        DutyKind::Coordinate,
        DutyKind::Publicize,
        DutyKind::Ledger,
        DutyKind::Verify,
        DutyKind::Organize,
        DutyKind::FirstResponse,
        DutyKind::SuperviseRectify,
        DutyKind::Mediate,
    ];

    /// The stable code (`patrol`, `assist_enforcement`, …).
    ///
    /// ```
    /// assert_eq!(huying::catalog::DutyKind::FirstResponse.code(), "first_response");
    /// ```
    pub fn code(self) -> &'static str {
        DUTIES.iter().find(|d| d.0 == self).map_or("", |d| d.1)
    }

    /// The duty in words.
    ///
    /// ```
    /// use huying::{catalog::DutyKind, Lang};
    /// assert_eq!(DutyKind::Ledger.name(Lang::Zh), "摸排建台账");
    /// ```
    pub fn name(self, lang: Lang) -> &'static str {
        DUTIES
            .iter()
            .find(|d| d.0 == self)
            .map_or("", |d| lang.pick(d.2, d.3))
    }
}

impl FromStr for DutyKind {
    type Err = String;
    /// Reads a code (`patrol`) or the Chinese name (`巡查`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        DUTIES
            .iter()
            .find(|d| d.1 == s || d.2 == s)
            .map(|d| d.0)
            .ok_or_else(|| format!("unknown duty code {s:?}"))
    }
}

impl fmt::Display for DutyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One duty on a matter: who holds it, the coded kinds of work, and the
/// list's own words for it.
///
/// ```
/// use huying::catalog::{Duty, DutyKind, Holder};
/// let d = Duty::new(Holder::Territorial, [DutyKind::Patrol, DutyKind::Report]);
/// assert!(d.has(DutyKind::Report));
/// assert!(!d.has(DutyKind::Mediate));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Duty {
    /// Who holds the duty.
    pub holder: Holder,
    /// The coded kinds of work (may be empty for a department's primary duty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<DutyKind>,
    /// The list's description of the duty, in Chinese.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text_zh: String,
}

impl Duty {
    /// A duty with no description.
    ///
    /// ```
    /// use huying::catalog::{Duty, Holder};
    /// let d = Duty::new(Holder::Unit("U010".into()), []);
    /// assert!(d.kinds.is_empty());
    /// ```
    pub fn new(holder: Holder, kinds: impl IntoIterator<Item = DutyKind>) -> Self {
        Duty {
            holder,
            kinds: kinds.into_iter().collect(),
            text_zh: String::new(),
        }
    }

    /// True when this duty includes the given kind of work.
    ///
    /// ```
    /// use huying::catalog::{Duty, DutyKind, Holder};
    /// assert!(Duty::new(Holder::Territorial, [DutyKind::Patrol]).has(DutyKind::Patrol));
    /// ```
    pub fn has(&self, kind: DutyKind) -> bool {
        self.kinds.contains(&kind)
    }
}

/// Who performs a step of a matter's workflow.
///
/// ```
/// use huying::catalog::StepRole;
/// assert_eq!("primary".parse::<StepRole>(), Ok(StepRole::Primary));
/// assert_eq!(StepRole::Grid.name(huying::Lang::Zh), "网格员");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum StepRole {
    /// The grid member (网格员).
    Grid,
    /// The township where the matter arises (乡镇/街道).
    Township,
    /// The primary duty holder (主体责任单位).
    Primary,
    /// A county department giving support (县级部门).
    County,
    /// The county command centre (指挥中心).
    CommandCentre,
    /// Several units together (联合处置).
    Joint,
}

const ROLES: [(StepRole, &str, &str, &str); 6] = [
    (StepRole::Grid, "grid", "网格员", "grid member"),
    (StepRole::Township, "township", "乡镇", "township"),
    (StepRole::Primary, "primary", "主体部门", "primary holder"),
    (StepRole::County, "county", "县级部门", "county department"),
    (
        StepRole::CommandCentre,
        "command_centre",
        "指挥中心",
        "command centre",
    ),
    (StepRole::Joint, "joint", "联合处置", "joint"),
];

impl StepRole {
    /// The stable code.
    ///
    /// ```
    /// assert_eq!(huying::catalog::StepRole::CommandCentre.code(), "command_centre");
    /// ```
    pub fn code(self) -> &'static str {
        ROLES.iter().find(|r| r.0 == self).map_or("", |r| r.1)
    }

    /// The role in words.
    ///
    /// ```
    /// assert_eq!(huying::catalog::StepRole::Primary.name(huying::Lang::En), "primary holder");
    /// ```
    pub fn name(self, lang: Lang) -> &'static str {
        ROLES
            .iter()
            .find(|r| r.0 == self)
            .map_or("", |r| lang.pick(r.2, r.3))
    }
}

impl FromStr for StepRole {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        ROLES
            .iter()
            .find(|r| r.1 == s || r.2 == s)
            .map(|r| r.0)
            .ok_or_else(|| format!("unknown workflow role {s:?}"))
    }
}

impl fmt::Display for StepRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One step of a matter's workflow (工作运行流程).
///
/// ```
/// use huying::catalog::{Step, StepRole};
/// let s = Step::new(StepRole::Grid, "网格员日常巡查发现");
/// assert_eq!(s.role, StepRole::Grid);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Step {
    /// Who performs the step.
    pub role: StepRole,
    /// What is done, in the list's words.
    pub text_zh: String,
}

impl Step {
    /// A step.
    ///
    /// ```
    /// let s = huying::catalog::Step::new(huying::catalog::StepRole::Primary, "立案调查");
    /// assert_eq!(s.text_zh, "立案调查");
    /// ```
    pub fn new(role: StepRole, text_zh: impl Into<String>) -> Self {
        Step {
            role,
            text_zh: text_zh.into(),
        }
    }
}

/// A stage of a call whose deadline the list can hold a unit to account for.
///
/// The call module uses the same enum.
///
/// ```
/// use huying::{catalog::Stage, Lang};
/// assert_eq!(Stage::Arrival.name(Lang::Zh), "到达现场");
/// assert_eq!(Stage::Reply.default_limit().to_string(), "3wd");
/// assert_eq!("dispatch".parse::<Stage>(), Ok(Stage::Dispatch));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// The command centre forwards the call to the responsible unit (转办), 30 minutes.
    Dispatch,
    /// The responsible unit arrives on site (到达现场), 3 hours.
    Arrival,
    /// The responsible unit replies with the result (答复办理结果), 3 working days.
    Reply,
}

impl Stage {
    /// Every stage, in order.
    ///
    /// ```
    /// use huying::catalog::Stage;
    /// assert_eq!(Stage::ALL.map(|s| s.code()), ["dispatch", "arrival", "reply"]);
    /// ```
    pub const ALL: [Stage; 3] = [Stage::Dispatch, Stage::Arrival, Stage::Reply];

    /// The stable code: `dispatch`, `arrival` or `reply`.
    ///
    /// ```
    /// assert_eq!(huying::catalog::Stage::Reply.code(), "reply");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Stage::Dispatch => "dispatch",
            Stage::Arrival => "arrival",
            Stage::Reply => "reply",
        }
    }

    /// The stage in words.
    ///
    /// ```
    /// assert_eq!(huying::catalog::Stage::Dispatch.name(huying::Lang::En), "dispatch");
    /// ```
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Stage::Dispatch => lang.pick("转办", "dispatch"),
            Stage::Arrival => lang.pick("到达现场", "arrival on site"),
            Stage::Reply => lang.pick("答复办理结果", "reply"),
        }
    }

    /// The county's standard limit for the stage: 30 minutes, 3 hours,
    /// 3 working days (乡呼县应).
    ///
    /// ```
    /// use huying::{catalog::Stage, sla::Limit};
    /// assert_eq!(Stage::Dispatch.default_limit(), Limit::Minutes(30));
    /// ```
    pub fn default_limit(self) -> Limit {
        match self {
            Stage::Dispatch => Limit::Minutes(30),
            Stage::Arrival => Limit::Hours(3),
            Stage::Reply => Limit::WorkingDays(3),
        }
    }
}

impl FromStr for Stage {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "dispatch" | "转办" => Ok(Stage::Dispatch),
            "arrival" | "到达现场" => Ok(Stage::Arrival),
            "reply" | "答复" | "答复办理结果" => Ok(Stage::Reply),
            other => Err(format!("unknown stage {other:?}")),
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A matter's own time limits, where the list sets tighter (or looser) ones
/// than the county standard (e.g. arrival within 1 hour for an urgent matter).
///
/// ```
/// use huying::{catalog::{SlaOverrides, Stage}, sla::Limit};
/// let o = SlaOverrides { arrival: Some(Limit::Hours(1)), ..Default::default() };
/// assert_eq!(o.limit(Stage::Arrival), Limit::Hours(1));
/// assert_eq!(o.limit(Stage::Reply), Limit::WorkingDays(3));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SlaOverrides {
    /// Limit for dispatch, if not the standard 30 minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dispatch: Option<Limit>,
    /// Limit for arrival on site, if not the standard 3 hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrival: Option<Limit>,
    /// Limit for the reply, if not the standard 3 working days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply: Option<Limit>,
}

impl SlaOverrides {
    /// True when no stage is overridden.
    ///
    /// ```
    /// assert!(huying::catalog::SlaOverrides::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.dispatch.is_none() && self.arrival.is_none() && self.reply.is_none()
    }

    /// The override for a stage, if any.
    ///
    /// ```
    /// use huying::catalog::{SlaOverrides, Stage};
    /// assert_eq!(SlaOverrides::default().get(Stage::Reply), None);
    /// ```
    pub fn get(&self, stage: Stage) -> Option<Limit> {
        match stage {
            Stage::Dispatch => self.dispatch,
            Stage::Arrival => self.arrival,
            Stage::Reply => self.reply,
        }
    }

    /// Sets the override for a stage.
    ///
    /// ```
    /// use huying::{catalog::{SlaOverrides, Stage}, sla::Limit};
    /// let mut o = SlaOverrides::default();
    /// o.set(Stage::Reply, Limit::WorkingDays(5));
    /// assert_eq!(o.get(Stage::Reply), Some(Limit::WorkingDays(5)));
    /// ```
    pub fn set(&mut self, stage: Stage, limit: Limit) {
        let slot = match stage {
            Stage::Dispatch => &mut self.dispatch,
            Stage::Arrival => &mut self.arrival,
            Stage::Reply => &mut self.reply,
        };
        *slot = Some(limit);
    }

    /// The limit in force for a stage: the override, else the standard.
    ///
    /// ```
    /// use huying::{catalog::{SlaOverrides, Stage}, sla::Limit};
    /// assert_eq!(SlaOverrides::default().limit(Stage::Arrival), Limit::Hours(3));
    /// ```
    pub fn limit(&self, stage: Stage) -> Limit {
        self.get(stage).unwrap_or_else(|| stage.default_limit())
    }
}

/// A matter (事项) of the list: what it is, who holds the primary duty, who
/// supports and how, the workflow and the legal basis.
///
/// ```
/// use huying::catalog::{Catalog, Holder, DutyKind};
/// let c = Catalog::sample();
/// let m = c.latest().matter("M001").unwrap();
/// assert_eq!(m.primary.holder, Holder::Unit("U010".into()));
/// assert!(m.supporting[0].has(DutyKind::Patrol));
/// assert_eq!(m.workflow.len(), 7);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Matter {
    /// Stable id (e.g. `M001`).
    pub id: String,
    /// The domain code (see [`CatalogData::domains`]).
    pub domain: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// The primary duty (主体责任): exactly one holder.
    pub primary: Duty,
    /// The supporting duties (配合责任).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supporting: Vec<Duty>,
    /// The workflow, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub workflow: Vec<Step>,
    /// The legal basis or notes on it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub legal_basis: String,
    /// Where the division of duties was seen, or `illustrative`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Time limits that differ from the county standard.
    #[serde(default, skip_serializing_if = "SlaOverrides::is_empty")]
    pub sla: SlaOverrides,
}

impl Matter {
    /// The name in the given language.
    ///
    /// ```
    /// let c = huying::catalog::Catalog::sample();
    /// assert_eq!(c.latest().matter("M008").unwrap().name(huying::Lang::Zh), "河道非法采砂查处");
    /// ```
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_zh, &self.name_en)
    }

    /// True when the township where the matter arises holds the primary duty.
    ///
    /// ```
    /// let c = huying::catalog::Catalog::sample();
    /// assert!(c.latest().matter("M019").unwrap().is_territorial());
    /// ```
    pub fn is_territorial(&self) -> bool {
        self.primary.holder == Holder::Territorial
    }
}

/// An approved revision of the list (清单动态调整): its approval reference
/// (文号), the date it takes effect, and the changes.
///
/// ```
/// use huying::catalog::Catalog;
/// let c = Catalog::sample();
/// let r = &c.data().revisions[0];
/// assert_eq!(r.effective.to_string(), "2026-03-01");
/// assert!(r.reference.contains("〔2026〕"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Revision {
    /// Stable id, unique among the list and its revisions.
    pub id: String,
    /// Approval reference (文号).
    pub reference: String,
    /// The date from which the revised list is in force (00:00, UTC+08:00).
    pub effective: NaiveDate,
    /// Title or summary, in Chinese.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title_zh: String,
    /// The changes, applied in order.
    pub changes: Vec<Change>,
}

/// One change that a revision makes.
///
/// In JSON: `{"add": {matter}}`, `{"remove": "M075"}`, `{"modify": {matter}}`
/// (`"change"` is accepted for `"modify"`).
///
/// ```
/// use huying::catalog::Change;
/// let c: Change = serde_json::from_str(r#"{"remove":"M075"}"#).unwrap();
/// assert_eq!(c, Change::Remove("M075".into()));
/// assert_eq!(c.matter_id(), "M075");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// A new matter.
    Add(Matter),
    /// A matter taken off the list (by id).
    Remove(String),
    /// A matter replaced by a new text of it (same id).
    #[serde(alias = "change")]
    Modify(Matter),
}

impl Change {
    /// The id of the matter the change is about.
    ///
    /// ```
    /// assert_eq!(huying::catalog::Change::Remove("M1".into()).matter_id(), "M1");
    /// ```
    pub fn matter_id(&self) -> &str {
        match self {
            Change::Add(m) | Change::Modify(m) => &m.id,
            Change::Remove(id) => id,
        }
    }

    /// The action in words: add / remove / modify.
    ///
    /// ```
    /// assert_eq!(huying::catalog::Change::Remove("M1".into()).action(huying::Lang::Zh), "取消");
    /// ```
    pub fn action(&self, lang: Lang) -> &'static str {
        match self {
            Change::Add(_) => lang.pick("新增", "add"),
            Change::Remove(_) => lang.pick("取消", "remove"),
            Change::Modify(_) => lang.pick("调整", "modify"),
        }
    }
}
