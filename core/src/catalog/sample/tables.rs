//! The sample list built from its source tables (`core/data/*-sample*.tsv`
//! and `sample-revision.json`), as the list was first composed: a test
//! checks that the embedded `sample-list.json` is exactly this build, and
//! writes it anew with `HUYING_WRITE_SAMPLE=1`.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::catalog::Catalog;
use crate::catalog::model::{
    CatalogData, Domain, Duty, DutyKind, Holder, Matter, Revision, SlaOverrides, Step, StepRole,
    Unit, UnitKind, UnitLevel,
};
use crate::sla::Limit;

const UNITS_TSV: &str = include_str!("../../../data/units-sample.tsv");
const MATTERS_TSV: &str = include_str!("../../../data/matters-sample.tsv");
const DETAIL_TSV: &str = include_str!("../../../data/matters-sample-detail.tsv");
const REVISION_JSON: &str = include_str!("../../../data/sample-revision.json");

/// Stationed-agency kinds and the county department each belongs to.
const AGENCIES: [(&str, &str); 7] = [
    ("U050", "U018"),
    ("U051", "U028"),
    ("U052", "U015"),
    ("U053", "U010"),
    ("U054", "U013"),
    ("U055", "U019"),
    ("U057", "U034"),
];

/// County units that belong to a department.
const PARENTS: [(&str, &str); 3] = [("U019", "U018"), ("U032", "U010"), ("U033", "U013")];

const DOMAINS_EN: [(&str, &str); 6] = [
    ("natural_resources", "Natural resources"),
    ("ecology_environment", "Ecology and environment"),
    ("urban_rural_construction", "Urban-rural construction"),
    ("emergency_management", "Emergency management"),
    ("market_supervision", "Market supervision"),
    ("comprehensive_enforcement", "Comprehensive law enforcement"),
];

/// The role of each step of workflow templates A–E.
fn template_roles(t: &str) -> &'static [StepRole] {
    use StepRole::{County, Grid, Joint, Primary, Township};
    match t {
        "A" => &[
            Grid, Township, Township, Primary, Township, Primary, Township,
        ],
        "B" => &[Primary, Township, Primary, Township, Primary],
        "C" => &[Township, Primary, Joint, Primary, Primary],
        "D" => &[Township, Grid, Township, County, Township],
        "E" => &[Primary, Township, Primary, Township, Primary],
        _ => &[],
    }
}

/// County departments supporting the township-primary matters, as the
/// detail file words it.
fn county_support(matter: &str) -> Vec<Duty> {
    use DutyKind::{AssistEnforcement, Coordinate, FirstResponse, SuperviseRectify, Verify};
    let d = |unit: &str, kinds: &[DutyKind], text: &str| Duty {
        holder: Holder::Unit(unit.to_string()),
        kinds: kinds.to_vec(),
        text_zh: text.to_string(),
    };
    match matter {
        "M019" => vec![
            d("U017", &[Coordinate], "县农业农村局负责秸秆综合利用指导"),
            d(
                "U011",
                &[Verify, AssistEnforcement],
                "生态环境分局负责火点监测通报与执法",
            ),
        ],
        "M031" => vec![d(
            "U016",
            &[SuperviseRectify],
            "县水利局（河长办）负责指导考核、问题督办",
        )],
        "M042" => vec![d("U017", &[Coordinate], "县农业农村局牵头统筹指导考核")],
        "M058" => vec![
            d("U010", &[Coordinate], "县自然资源局指导"),
            d("U014", &[Coordinate], "县应急管理局指导"),
            d("U018", &[AssistEnforcement], "公安依法处罚"),
        ],
        "M059" => vec![
            d(
                "U014",
                &[Coordinate],
                "县防汛抗旱指挥部办公室（县应急管理局）统一调度",
            ),
            d("U016", &[Verify], "县水利局技术支撑"),
        ],
        "M062" => vec![d(
            "U019",
            &[AssistEnforcement],
            "县公安局交警大队业务指导与执法",
        )],
        "M069" => vec![d(
            "U015",
            &[SuperviseRectify, FirstResponse],
            "县市场监督管理局对乡镇工作进行指导监督、事故调查处理",
        )],
        "M087" => vec![
            d("U010", &[Verify], "县自然资源局负责规划技术认定"),
            d("U013", &[AssistEnforcement], "县综合行政执法局执法支持"),
        ],
        _ => Vec::new(),
    }
}

/// Illustrative tighter arrival limits for urgent matters.
fn sla(matter: &str) -> SlaOverrides {
    let arrival = match matter {
        "M026" => Some(Limit::Hours(2)),
        "M059" | "M082" => Some(Limit::Hours(1)),
        _ => None,
    };
    SlaOverrides {
        arrival,
        ..SlaOverrides::default()
    }
}

/// The rows of a TSV file, each as column → value.
fn rows(text: &str) -> Result<Vec<HashMap<String, String>>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| e.to_string())?.clone();
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        let row = header
            .iter()
            .zip(record.iter())
            .map(|(h, v)| (h.to_string(), v.trim().to_string()))
            .collect();
        out.push(row);
    }
    Ok(out)
}

fn get<'a>(row: &'a HashMap<String, String>, col: &str) -> &'a str {
    row.get(col).map_or("", String::as_str)
}

/// `名称（如…）` → `名称`; `Name (e.g. …)` → `Name`.
fn clean(name: &str) -> String {
    let name = name.split("（如").next().unwrap_or(name);
    name.split(" (e.g.")
        .next()
        .unwrap_or(name)
        .trim()
        .to_string()
}

/// The other names of a sample unit: the `variants_zh` column without its
/// notes (`县城乡水务局（惠民）` is what Huimin county calls it; `原县环保局`
/// is the name before the 2019 reform; `加挂县城市管理局牌子` means it also
/// bears that name), and the example a unit's own name gives
/// (`市生态环境局县分局（如德州市生态环境局夏津分局）`).
fn variants(raw_name: &str, raw: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some((_, example)) = raw_name.split_once("（如") {
        out.push(example.trim_end_matches('）').trim().to_string());
    }
    for v in raw.split([';', '；']) {
        let v = v.split('（').next().unwrap_or("").trim();
        let v = v.strip_prefix('原').unwrap_or(v);
        let v = v
            .strip_prefix("加挂")
            .and_then(|v| v.strip_suffix("牌子"))
            .unwrap_or(v);
        if !v.is_empty() && !v.contains('"') && !out.iter().any(|o| o == v) {
            out.push(v.to_string());
        }
    }
    out
}

fn units() -> Result<Vec<Unit>, String> {
    let rows = rows(UNITS_TSV)?;
    let number = |id: &str| id.get(1..).and_then(|n| n.parse::<u32>().ok()).unwrap_or(0);
    let mut units = Vec::new();
    let mut towns = Vec::new();
    for r in &rows {
        let id = get(r, "id");
        let n = number(id);
        let (zh, en) = (clean(get(r, "name_zh")), clean(get(r, "name_en")));
        let (level, kind) = match n {
            1..=34 => {
                let kind = match get(r, "kind") {
                    "stationed_agency" => UnitKind::StationedCityBranch, // the fire brigade
                    k => k.parse()?,
                };
                (UnitLevel::County, kind)
            }
            66..=79 if zh.ends_with("街道") => (UnitLevel::Township, UnitKind::StreetOffice),
            66..=79 => (UnitLevel::Township, UnitKind::Township),
            _ => continue,
        };
        let department = PARENTS.iter().find(|p| p.0 == id).map(|p| p.1.to_string());
        if level == UnitLevel::Township {
            towns.push((id.to_string(), zh.clone(), en.clone()));
        }
        units.push(Unit {
            id: id.to_string(),
            variants_zh: variants(get(r, "name_zh"), get(r, "variants_zh")),
            name_zh: zh,
            name_en: en,
            level,
            kind,
            department,
            township: None,
        });
    }
    for (kind_id, dep) in AGENCIES {
        let Some(r) = rows.iter().find(|r| get(r, "id") == kind_id) else {
            return Err(format!("no unit {kind_id}"));
        };
        for (town, town_zh, town_en) in &towns {
            let short_en = town_en.trim_start_matches("Xiajin County ");
            let kind_variants = variants("", get(r, "variants_zh"));
            units.push(Unit {
                id: format!("{kind_id}@{town}"),
                variants_zh: kind_variants
                    .iter()
                    .map(|v| format!("{town_zh}{v}"))
                    .collect(),
                name_zh: format!("{town_zh}{}", get(r, "name_zh")),
                name_en: format!("{short_en} {}", get(r, "name_en")),
                level: UnitLevel::Township,
                kind: UnitKind::StationedAgency,
                department: Some(dep.to_string()),
                township: Some(town.clone()),
            });
        }
    }
    Ok(units)
}

fn matters(units: &[Unit]) -> Result<(Vec<Domain>, Vec<Matter>), String> {
    let detail = rows(DETAIL_TSV)?;
    let mut domains: Vec<Domain> = Vec::new();
    let mut matters = Vec::new();
    for r in rows(MATTERS_TSV)? {
        let id = get(&r, "id");
        let d = detail
            .iter()
            .find(|d| get(d, "id") == id)
            .ok_or_else(|| format!("no detail for {id}"))?;
        let code = get(&r, "domain_en");
        if !domains.iter().any(|x| x.code == code) {
            let en = DOMAINS_EN
                .iter()
                .find(|x| x.0 == code)
                .map_or(code, |x| x.1);
            domains.push(Domain::new(code, get(&r, "domain_zh"), en));
        }
        let kinds = get(&r, "township_duties")
            .split(',')
            .map(str::parse)
            .collect::<Result<Vec<DutyKind>, _>>()?;
        let primary_zh = get(&r, "primary_unit_zh");
        let territorial = get(&r, "primary_level") == "township";
        let (primary, supporting) = if territorial {
            let primary = Duty {
                holder: Holder::Territorial,
                kinds,
                text_zh: get(d, "primary_duty_zh").to_string(),
            };
            (primary, county_support(id))
        } else {
            let unit = units
                .iter()
                .find(|u| u.name_zh == primary_zh)
                .ok_or_else(|| format!("{id}: no unit named {primary_zh}"))?;
            let primary = Duty {
                holder: Holder::Unit(unit.id.clone()),
                kinds: Vec::new(),
                text_zh: get(d, "primary_duty_zh").to_string(),
            };
            let township = Duty {
                holder: Holder::Territorial,
                kinds,
                text_zh: get(d, "township_duty_zh").to_string(),
            };
            (primary, vec![township])
        };
        let roles = template_roles(get(d, "workflow_template"));
        let steps: Vec<&str> = get(d, "workflow_zh").split('→').map(str::trim).collect();
        if steps.len() != roles.len() {
            return Err(format!("{id}: workflow does not fit its template"));
        }
        let workflow = roles
            .iter()
            .zip(steps)
            .map(|(&role, s)| Step::new(role, s))
            .collect();
        matters.push(Matter {
            id: id.to_string(),
            domain: code.to_string(),
            name_zh: get(&r, "matter_zh").to_string(),
            name_en: get(&r, "matter_en").to_string(),
            primary,
            supporting,
            workflow,
            legal_basis: get(d, "basis_note").to_string(),
            source: get(&r, "source").to_string(),
            sla: sla(id),
        });
    }
    Ok((domains, matters))
}

/// The sample list without its revision.
pub(super) fn base() -> Result<CatalogData, String> {
    let units = units()?;
    let (domains, matters) = matters(&units)?;
    Ok(CatalogData {
        id: "XJ-2025".into(),
        title_zh: "县属地管理事项清单（示例）".into(),
        title_en: "County list of territorial management matters (illustrative sample)".into(),
        reference: "县编办发〔2025〕12号（示例）".into(),
        effective: NaiveDate::from_ymd_opt(2025, 7, 1).ok_or("date")?,
        illustrative: true,
        command_centre: "U008".into(),
        domains,
        units,
        matters,
        revisions: Vec::new(),
    })
}

pub(super) fn build() -> Result<Catalog, String> {
    let mut data = base()?;
    let revision: Revision = serde_json::from_str(REVISION_JSON).map_err(|e| e.to_string())?;
    data.revisions.push(revision);
    Catalog::new(data).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_drop_their_notes() {
        assert_eq!(variants("县住房和城乡建设局", "县住建局"), ["县住建局"]);
        assert_eq!(
            variants("", "县水务局; 县城乡水务局（惠民）; 县河长办"),
            ["县水务局", "县城乡水务局", "县河长办"]
        );
        assert_eq!(
            variants(
                "市生态环境局县分局（如德州市生态环境局夏津分局）",
                "原县环保局（2019垂改后为市局派出分局）"
            ),
            ["德州市生态环境局夏津分局", "县环保局"]
        );
        assert_eq!(
            variants("", "加挂县城市管理局牌子; 城市管理和综合执法局（岳阳）"),
            ["县城市管理局", "城市管理和综合执法局"]
        );
        assert!(variants("", "（部分县）隶属县自然资源局").is_empty());
        assert_eq!(
            variants("", "县市民服务热线; 平阴\"87712345\""),
            ["县市民服务热线"]
        );
    }

    #[test]
    fn sample_builds() {
        let c = build();
        assert!(c.is_ok(), "{c:?}");
    }

    #[test]
    fn the_embedded_json_is_the_tables_built() {
        let built = build().unwrap();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample-list.json");
        if std::env::var_os("HUYING_WRITE_SAMPLE").is_some() {
            std::fs::write(path, built.to_json()).unwrap();
        }
        assert_eq!(
            Catalog::sample().data(),
            built.data(),
            "data/sample-list.json is stale: run HUYING_WRITE_SAMPLE=1 cargo test -p huying the_embedded_json"
        );
    }
}
