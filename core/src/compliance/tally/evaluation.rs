//! Department evaluation (部门考核评价): a score per department from its
//! on-time rates and the townships' evaluations, with configurable weights,
//! ranked.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::Lang;
use crate::compliance::{GroupRow, KeyValue, LogError};

/// A part of a department's score.
///
/// ```
/// use huying::compliance::Component;
/// assert_eq!(Component::Satisfaction.name(huying::Lang::Zh), "满意率");
/// assert_eq!("reply".parse::<Component>(), Ok(Component::Reply));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Component {
    /// On-time dispatch rate (the command centre's stage).
    Dispatch,
    /// On-time arrival rate (按时到达率).
    Arrival,
    /// On-time reply rate (按时答复率).
    Reply,
    /// Response rate (响应率).
    Response,
    /// Resolution rate (解决率).
    Resolution,
    /// Satisfaction rate (满意率): the townships' evaluations.
    Satisfaction,
}

impl Component {
    /// Every component, in order.
    ///
    /// ```
    /// assert_eq!(huying::compliance::Component::ALL[2], huying::compliance::Component::Reply);
    /// ```
    pub const ALL: [Component; 6] = [
        Component::Dispatch,
        Component::Arrival,
        Component::Reply,
        Component::Response,
        Component::Resolution,
        Component::Satisfaction,
    ];

    /// The stable code: `dispatch`, `arrival`, `reply`, `response`,
    /// `resolution`, `satisfaction`.
    ///
    /// ```
    /// assert_eq!(huying::compliance::Component::Response.code(), "response");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Component::Dispatch => "dispatch",
            Component::Arrival => "arrival",
            Component::Reply => "reply",
            Component::Response => "response",
            Component::Resolution => "resolution",
            Component::Satisfaction => "satisfaction",
        }
    }

    /// The component in words.
    ///
    /// ```
    /// assert_eq!(huying::compliance::Component::Arrival.name(huying::Lang::En), "on-time arrival");
    /// ```
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Component::Dispatch => lang.pick("按时转办率", "on-time dispatch"),
            Component::Arrival => lang.pick("按时到达率", "on-time arrival"),
            Component::Reply => lang.pick("按时答复率", "on-time reply"),
            Component::Response => lang.pick("响应率", "response"),
            Component::Resolution => lang.pick("解决率", "resolution"),
            Component::Satisfaction => lang.pick("满意率", "satisfaction"),
        }
    }

    /// The component's rate in a group row.
    ///
    /// ```
    /// let row = huying::compliance::GroupRow::default();
    /// assert_eq!(huying::compliance::Component::Reply.rate(&row), None);
    /// ```
    pub fn rate(self, row: &GroupRow) -> Option<f64> {
        match self {
            Component::Dispatch => row.stages.dispatch.on_time_rate,
            Component::Arrival => row.stages.arrival.on_time_rate,
            Component::Reply => row.stages.reply.on_time_rate,
            Component::Response => row.response.rate,
            Component::Resolution => row.resolution.rate,
            Component::Satisfaction => row.satisfaction.rate,
        }
    }
}

impl FromStr for Component {
    type Err = String;
    fn from_str(s: &str) -> Result<Component, String> {
        Component::ALL
            .into_iter()
            .find(|c| c.code() == s.trim())
            .ok_or_else(|| format!("unknown score component {s:?}"))
    }
}

/// The weights of a department's score, and who is ranked.
///
/// The score is `100 × Σ wᵢ·rᵢ / Σ wᵢ` over the components with a positive
/// weight whose rate is defined for the department (a rate with nothing in
/// its denominator is left out and the others re-weighted). A department
/// with no such component, or that handled fewer than `min_calls` calls, is
/// not ranked. The default weighs on-time arrival 0.3, on-time reply 0.4
/// and satisfaction 0.3: the departments answer for arrival and reply, the
/// command centre for dispatch (weight 0, so it is not ranked with them).
///
/// As text (`--weights`): `name=weight` pairs separated by commas; names not
/// given weigh 0.
///
/// ```
/// use huying::compliance::Weights;
/// let w: Weights = "arrival=1,reply=1,min_calls=5".parse()?;
/// assert_eq!((w.arrival, w.reply, w.satisfaction, w.min_calls), (1.0, 1.0, 0.0, 5));
/// assert!("reply=-1".parse::<Weights>().is_err());
/// assert_eq!(Weights::default().reply, 0.4);
/// # Ok::<(), huying::compliance::LogError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Weights {
    /// Weight of the on-time dispatch rate.
    pub dispatch: f64,
    /// Weight of the on-time arrival rate.
    pub arrival: f64,
    /// Weight of the on-time reply rate.
    pub reply: f64,
    /// Weight of the response rate.
    pub response: f64,
    /// Weight of the resolution rate.
    pub resolution: f64,
    /// Weight of the satisfaction rate.
    pub satisfaction: f64,
    /// The fewest calls a department must have handled to be ranked.
    pub min_calls: u64,
}

impl Default for Weights {
    fn default() -> Weights {
        Weights {
            dispatch: 0.0,
            arrival: 0.3,
            reply: 0.4,
            response: 0.0,
            resolution: 0.0,
            satisfaction: 0.3,
            min_calls: 1,
        }
    }
}

impl Weights {
    /// The weight of a component.
    ///
    /// ```
    /// use huying::compliance::{Component, Weights};
    /// assert_eq!(Weights::default().weight(Component::Arrival), 0.3);
    /// ```
    pub fn weight(&self, c: Component) -> f64 {
        match c {
            Component::Dispatch => self.dispatch,
            Component::Arrival => self.arrival,
            Component::Reply => self.reply,
            Component::Response => self.response,
            Component::Resolution => self.resolution,
            Component::Satisfaction => self.satisfaction,
        }
    }

    fn slot(&mut self, c: Component) -> &mut f64 {
        match c {
            Component::Dispatch => &mut self.dispatch,
            Component::Arrival => &mut self.arrival,
            Component::Reply => &mut self.reply,
            Component::Response => &mut self.response,
            Component::Resolution => &mut self.resolution,
            Component::Satisfaction => &mut self.satisfaction,
        }
    }

    /// Checks the weights: each finite and not negative, not all zero.
    ///
    /// # Errors
    /// [`LogError::Config`].
    ///
    /// ```
    /// use huying::compliance::Weights;
    /// assert!(Weights::default().check().is_ok());
    /// let zero = Weights { arrival: 0.0, reply: 0.0, satisfaction: 0.0, ..Weights::default() };
    /// assert_eq!(zero.check().unwrap_err().code(), "compliance.config");
    /// ```
    pub fn check(&self) -> Result<(), LogError> {
        for c in Component::ALL {
            let w = self.weight(c);
            if !w.is_finite() || w < 0.0 {
                return Err(LogError::Config {
                    problem: format!(
                        "the weight of {} must be a number 0 or more, not {w}",
                        c.code()
                    ),
                });
            }
        }
        if Component::ALL.iter().all(|&c| self.weight(c) == 0.0) {
            return Err(LogError::Config {
                problem: "the score weights must not all be zero".into(),
            });
        }
        Ok(())
    }

    /// The components with a positive weight, with it.
    ///
    /// ```
    /// use huying::compliance::{Component, Weights};
    /// let w: Vec<_> = Weights::default().weighted().map(|(c, _)| c).collect();
    /// assert_eq!(w, [Component::Arrival, Component::Reply, Component::Satisfaction]);
    /// ```
    pub fn weighted(&self) -> impl Iterator<Item = (Component, f64)> + '_ {
        Component::ALL
            .into_iter()
            .map(|c| (c, self.weight(c)))
            .filter(|(_, w)| *w > 0.0)
    }

    /// The score of a department's row: `Some(0..=100)`, or `None` when no
    /// weighted rate is defined.
    ///
    /// ```
    /// use huying::compliance::{GroupRow, Rate, Weights};
    /// let mut row = GroupRow::default();
    /// row.stages.reply.on_time_rate = Some(0.5);
    /// row.satisfaction = Rate::new(1, 1);
    /// // arrival undefined: (0.4·0.5 + 0.3·1) / 0.7
    /// let s = Weights::default().score(&row).unwrap();
    /// assert!((s - 100.0 * 0.5 / 0.7).abs() < 1e-9);
    /// assert_eq!(Weights::default().score(&GroupRow::default()), None);
    /// ```
    pub fn score(&self, row: &GroupRow) -> Option<f64> {
        let (mut sum, mut total) = (0.0, 0.0);
        for (c, w) in self.weighted() {
            if let Some(r) = c.rate(row) {
                sum += w * r;
                total += w;
            }
        }
        (total > 0.0).then(|| 100.0 * sum / total)
    }
}

impl FromStr for Weights {
    type Err = LogError;
    fn from_str(s: &str) -> Result<Weights, LogError> {
        let mut w = Weights {
            dispatch: 0.0,
            arrival: 0.0,
            reply: 0.0,
            response: 0.0,
            resolution: 0.0,
            satisfaction: 0.0,
            min_calls: 1,
        };
        let bad = |problem: String| LogError::Config { problem };
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, value) = part
                .split_once('=')
                .ok_or_else(|| bad(format!("expected name=weight, not {part:?}")))?;
            let (name, value) = (name.trim(), value.trim());
            if name == "min_calls" {
                w.min_calls = value
                    .parse()
                    .map_err(|_| bad(format!("min_calls must be a whole number, not {value:?}")))?;
                continue;
            }
            let c: Component = name.parse().map_err(bad)?;
            *w.slot(c) = value.parse().map_err(|_| {
                bad(format!(
                    "the weight of {name} must be a number, not {value:?}"
                ))
            })?;
        }
        w.check()?;
        Ok(w)
    }
}

impl fmt::Display for Weights {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .weighted()
            .map(|(c, w)| format!("{}={w}", c.code()))
            .collect();
        write!(f, "{},min_calls={}", parts.join(","), self.min_calls)
    }
}

/// One component of a department's score.
///
/// ```
/// use huying::compliance::{Component, ComponentScore};
/// let c = ComponentScore { component: Component::Reply, weight: 0.4, rate: Some(0.9) };
/// assert_eq!(c.component.code(), "reply");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComponentScore {
    /// Which rate.
    pub component: Component,
    /// Its weight.
    pub weight: f64,
    /// The department's rate (`None`: nothing in its denominator).
    pub rate: Option<f64>,
}

/// A department's place in the evaluation.
///
/// ```
/// use huying::compliance::{DepartmentScore, KeyValue};
/// let d = DepartmentScore { rank: 1, department: KeyValue::plain("U010"), score: 97.5,
///     calls: 12, missed: 1, components: vec![] };
/// assert_eq!(d.department.id, "U010");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DepartmentScore {
    /// 1 for the best; equal scores share a rank (1, 2, 2, 4).
    pub rank: u32,
    /// The department.
    pub department: KeyValue,
    /// The score, 0 to 100.
    pub score: f64,
    /// Calls it handled (last held).
    pub calls: u64,
    /// Stages it missed.
    pub missed: u64,
    /// The weighted components with their rates.
    pub components: Vec<ComponentScore>,
}

/// The department evaluation (部门考核评价): the ranked departments and
/// those that could not be ranked.
///
/// ```
/// use huying::compliance::{Evaluation, GroupRow, KeyValue, Rate, Weights};
/// let row = |id: &str, reply: f64, calls| {
///     let mut r = GroupRow { key: vec![KeyValue::plain(id)], calls, ..Default::default() };
///     r.stages.reply.on_time_rate = Some(reply);
///     r
/// };
/// let rows = [row("U010", 0.8, 5), row("U012", 0.95, 4), row("U015", 0.8, 9), GroupRow { key: vec![KeyValue::plain("U008")], calls: 3, ..Default::default() }];
/// let e = Evaluation::rank(&Weights::default(), &rows);
/// let order: Vec<(&str, u32)> = e.ranking.iter().map(|d| (d.department.id.as_str(), d.rank)).collect();
/// assert_eq!(order, [("U012", 1), ("U015", 2), ("U010", 2)]);
/// assert_eq!(e.unranked[0].id, "U008");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    /// The weights used.
    pub weights: Weights,
    /// Ranked departments, best first (ties: more calls first, then by id).
    pub ranking: Vec<DepartmentScore>,
    /// Departments without a defined score or with too few calls.
    pub unranked: Vec<KeyValue>,
}

impl Evaluation {
    /// Ranks department rows (each keyed by one department).
    ///
    /// ```
    /// let e = huying::compliance::Evaluation::rank(&Default::default(), &[]);
    /// assert!(e.ranking.is_empty());
    /// ```
    pub fn rank(weights: &Weights, rows: &[GroupRow]) -> Evaluation {
        let mut ranking = Vec::new();
        let mut unranked = Vec::new();
        for row in rows {
            let dept = row.key.first().cloned().unwrap_or_default();
            match weights
                .score(row)
                .filter(|_| row.calls >= weights.min_calls)
            {
                Some(score) => ranking.push(DepartmentScore {
                    rank: 0,
                    department: dept,
                    score,
                    calls: row.calls,
                    missed: row.stages.iter().map(|(_, s)| s.status.missed).sum(),
                    components: weights
                        .weighted()
                        .map(|(component, weight)| ComponentScore {
                            component,
                            weight,
                            rate: component.rate(row),
                        })
                        .collect(),
                }),
                None => unranked.push(dept),
            }
        }
        ranking.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(b.calls.cmp(&a.calls))
                .then_with(|| a.department.id.cmp(&b.department.id))
        });
        let scores: Vec<f64> = ranking.iter().map(|d| d.score).collect();
        for d in &mut ranking {
            d.rank = 1 + scores.iter().filter(|&&s| s > d.score).count() as u32;
        }
        Evaluation {
            weights: *weights,
            ranking,
            unranked,
        }
    }
}
