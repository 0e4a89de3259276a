//! Errors of the responsibility list, and the problems validation reports.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Lang;

/// An error of the responsibility list.
///
/// Every kind has a stable [`code`](CatalogError::code). A list that fails
/// validation gives [`CatalogError::Invalid`] with *every* problem found.
///
/// ```
/// use huying::catalog::{Catalog, CatalogError};
/// let err = Catalog::from_json("bad.json", "{").unwrap_err();
/// assert_eq!(err.code(), "catalog.invalid");
/// assert_eq!(err.problems()[0].code.code(), "catalog.parse");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CatalogError {
    /// The list did not validate; each problem says where and what.
    #[error("the responsibility list is not valid ({} problem(s)); first: {} / 清单校验未通过", .problems.len(), first(.problems))]
    Invalid {
        /// Every problem found.
        problems: Vec<Problem>,
    },
    /// No unit has this id (or the handle is not from this list).
    #[error("unknown unit {id:?} / 未知单位 {id}")]
    UnknownUnit {
        /// The id asked for.
        id: String,
    },
    /// The matter is not on the list in force at that time.
    #[error(
        "matter {id:?} is not on the list in force (edition {edition}) / 事项 {id} 不在现行清单（{edition}）中"
    )]
    UnknownMatter {
        /// The matter id asked for.
        id: String,
        /// The edition that was consulted.
        edition: String,
    },
    /// The unit given as a township is not a township or street office.
    #[error("unit {id:?} is not a township or street office / 单位 {id} 不是乡镇（街道）")]
    NotATownship {
        /// The unit id.
        id: String,
    },
    /// A township was given where a county unit is needed (e.g. handing down a task).
    #[error(
        "unit {id:?} is a township, not a county unit / 单位 {id} 是乡镇（街道），不是县级单位"
    )]
    NotACountyUnit {
        /// The unit id.
        id: String,
    },
    /// The instant is before the list first took effect.
    #[error(
        "no list is in force at {at}: the list takes effect on {effective} / {at} 清单尚未施行（{effective} 起施行）"
    )]
    BeforeList {
        /// The instant asked about (RFC 3339).
        at: String,
        /// The date the first edition took effect.
        effective: String,
    },
    /// No edition (the original list or a revision) has this id.
    #[error("unknown edition {id:?} / 未知清单版本 {id}")]
    UnknownEdition {
        /// The id asked for.
        id: String,
    },
    /// The list gives no unit that supporting duty for the matter.
    #[error("matter {matter:?} lists no {duty} duty / 事项 {matter} 未列明该项配合责任（{duty}）")]
    DutyNotListed {
        /// The matter id.
        matter: String,
        /// The duty code.
        duty: String,
    },
    /// A list that cannot be written as a workbook
    /// ([`Catalog::to_xlsx`](crate::catalog::Catalog::to_xlsx)), e.g. a cell
    /// of more than 32,767 characters.
    #[error("cannot write the list as a workbook: {message} / 无法将清单写为工作簿：{message}")]
    Write {
        /// What went wrong.
        message: String,
    },
    /// A list file that cannot be read: missing, unreadable, or not UTF-8
    /// where text is expected ([`Catalog::load`](crate::catalog::Catalog::load)).
    #[error("cannot read {file}: {message} / 无法读取清单文件 {file}：{message}")]
    Read {
        /// The path.
        file: String,
        /// What went wrong.
        message: String,
    },
}

fn first(problems: &[Problem]) -> String {
    problems
        .first()
        .map(ToString::to_string)
        .unwrap_or_default()
}

impl CatalogError {
    /// A stable code: `catalog.invalid`, `catalog.unknown_unit`,
    /// `catalog.unknown_matter`, `catalog.not_a_township`,
    /// `catalog.not_a_county_unit`, `catalog.before_list`,
    /// `catalog.unknown_edition`, `catalog.duty_not_listed`, `catalog.read`
    /// or `catalog.write`.
    ///
    /// ```
    /// let e = huying::catalog::CatalogError::UnknownUnit { id: "X".into() };
    /// assert_eq!(e.code(), "catalog.unknown_unit");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            CatalogError::Invalid { .. } => "catalog.invalid",
            CatalogError::UnknownUnit { .. } => "catalog.unknown_unit",
            CatalogError::UnknownMatter { .. } => "catalog.unknown_matter",
            CatalogError::NotATownship { .. } => "catalog.not_a_township",
            CatalogError::NotACountyUnit { .. } => "catalog.not_a_county_unit",
            CatalogError::BeforeList { .. } => "catalog.before_list",
            CatalogError::UnknownEdition { .. } => "catalog.unknown_edition",
            CatalogError::Read { .. } => "catalog.read",
            CatalogError::DutyNotListed { .. } => "catalog.duty_not_listed",
            CatalogError::Write { .. } => "catalog.write",
        }
    }

    /// The validation problems ([`CatalogError::Invalid`]); empty for other kinds.
    ///
    /// ```
    /// let e = huying::catalog::CatalogError::UnknownUnit { id: "X".into() };
    /// assert!(e.problems().is_empty());
    /// ```
    pub fn problems(&self) -> &[Problem] {
        match self {
            CatalogError::Invalid { problems } => problems,
            _ => &[],
        }
    }
}

/// What kind of problem validation found. Each has a stable code.
///
/// ```
/// use huying::catalog::ProblemCode;
/// assert_eq!(ProblemCode::DuplicateId.code(), "catalog.duplicate_id");
/// assert_eq!(ProblemCode::ALL.len(), 16);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ProblemCode {
    /// The file cannot be read at all (bad JSON, CSV, XLSX; missing sheet or column).
    Parse,
    /// A required field is missing or empty.
    MissingField,
    /// A field has a value that cannot be read (a date, a level, a limit, …).
    InvalidValue,
    /// Two units, matters or revisions share an id.
    DuplicateId,
    /// A reference to a unit that the list does not have.
    UnknownUnit,
    /// A matter with no primary duty holder.
    NoPrimary,
    /// A matter with two or more primary duty holders.
    MultiplePrimary,
    /// A duty code that is not one of the list's codes.
    UnknownDuty,
    /// A stationed agency whose department does not exist (or is not a county unit).
    UnknownDepartment,
    /// A stationed agency whose township does not exist (or is not a township).
    UnknownTownship,
    /// Two stationed agencies of one department in one township.
    DuplicateAgency,
    /// A matter in a domain the list does not define.
    UnknownDomain,
    /// A revision that removes or modifies a matter not in force, or adds one that is.
    UnknownMatter,
    /// Revisions not in strictly increasing order of effective date.
    RevisionOrder,
    /// The command centre is missing or is not a county unit.
    CommandCentre,
    /// A unit written by name that could be any of two or more units.
    AmbiguousUnit,
}

impl ProblemCode {
    /// Every problem code.
    ///
    /// ```
    /// assert!(huying::catalog::ProblemCode::ALL.iter().all(|c| c.code().starts_with("catalog.")));
    /// ```
    pub const ALL: [ProblemCode; 16] = [
        ProblemCode::Parse,
        ProblemCode::MissingField,
        ProblemCode::InvalidValue,
        ProblemCode::DuplicateId,
        ProblemCode::UnknownUnit,
        ProblemCode::NoPrimary,
        ProblemCode::MultiplePrimary,
        ProblemCode::UnknownDuty,
        ProblemCode::UnknownDepartment,
        ProblemCode::UnknownTownship,
        ProblemCode::DuplicateAgency,
        ProblemCode::UnknownDomain,
        ProblemCode::UnknownMatter,
        ProblemCode::RevisionOrder,
        ProblemCode::CommandCentre,
        ProblemCode::AmbiguousUnit,
    ];

    /// The stable, dotted code, e.g. `catalog.no_primary`.
    ///
    /// ```
    /// assert_eq!(huying::catalog::ProblemCode::NoPrimary.code(), "catalog.no_primary");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            ProblemCode::Parse => "catalog.parse",
            ProblemCode::MissingField => "catalog.missing_field",
            ProblemCode::InvalidValue => "catalog.invalid_value",
            ProblemCode::DuplicateId => "catalog.duplicate_id",
            ProblemCode::UnknownUnit => "catalog.unknown_unit",
            ProblemCode::NoPrimary => "catalog.no_primary",
            ProblemCode::MultiplePrimary => "catalog.multiple_primary",
            ProblemCode::UnknownDuty => "catalog.unknown_duty",
            ProblemCode::UnknownDepartment => "catalog.unknown_department",
            ProblemCode::UnknownTownship => "catalog.unknown_township",
            ProblemCode::DuplicateAgency => "catalog.duplicate_agency",
            ProblemCode::UnknownDomain => "catalog.unknown_domain",
            ProblemCode::UnknownMatter => "catalog.unknown_matter",
            ProblemCode::RevisionOrder => "catalog.revision_order",
            ProblemCode::CommandCentre => "catalog.command_centre",
            ProblemCode::AmbiguousUnit => "catalog.ambiguous_unit",
        }
    }
}

impl fmt::Display for ProblemCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One problem found by validation: where it is and what is wrong, in
/// English and Chinese.
///
/// `file` names the file (for a workbook, `book.xlsx#sheet`); `row` is the
/// 1-based row of a CSV/TSV file or sheet (the header is row 1), or `None`
/// for JSON and in-memory lists; `field` is the column name, or for JSON
/// the path to the value (`matters[3].primary.holder`).
///
/// ```
/// use huying::catalog::Catalog;
/// let json = Catalog::sample().to_json().replace("\"holder\": \"U010\"", "\"holder\": \"U999\"");
/// let err = Catalog::from_json("list.json", &json).unwrap_err();
/// let p = &err.problems()[0];
/// assert_eq!(p.code.code(), "catalog.unknown_unit");
/// assert_eq!(p.file, "list.json");
/// assert_eq!(p.field, "matters[0].primary.holder");
/// assert!(p.message(huying::Lang::Zh).contains("U999"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Problem {
    /// What kind of problem.
    pub code: ProblemCode,
    /// The file (or `file#sheet`).
    pub file: String,
    /// The 1-based row, where the format has rows.
    pub row: Option<u32>,
    /// The column or JSON path.
    pub field: String,
    /// What was wrong, in English.
    pub message_en: String,
    /// What was wrong, in Chinese.
    pub message_zh: String,
}

impl Problem {
    /// The message in the given language.
    ///
    /// ```
    /// use huying::catalog::Catalog;
    /// let err = Catalog::from_json("x.json", "[]").unwrap_err();
    /// assert!(!err.problems()[0].message(huying::Lang::En).is_empty());
    /// ```
    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.message_zh, &self.message_en)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(row) = self.row {
            write!(f, ":{row}")?;
        }
        write!(
            f,
            ": {}: [{}] {} / {}",
            self.field, self.code, self.message_en, self.message_zh
        )
    }
}
