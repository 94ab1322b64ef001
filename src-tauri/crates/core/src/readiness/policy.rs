//! The readiness policy in force: the portfolio file's optional `readiness` section with every
//! value it leaves out filled in from the defaults below. The defaults are tuned so that a clean
//! site is ready, a site with one real gap is at risk, and a blocker makes a site not ready.

use serde::Serialize;

use super::ComponentName;
use crate::model::{PlanKind, ReadinessSettings};
use crate::Result;

/// Points (out of a component's 100) that each kind of gap costs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Points {
    pub plan_not_approved: u32,
    pub review_overdue: u32,
    pub review_overdue_per_month: u32,
    pub review_overdue_max: u32,
    pub missing_primary: u32,
    pub missing_alternate: u32,
    pub single_point_of_failure: u32,
    pub training_primary: u32,
    pub training_alternate: u32,
    pub exercise_overdue: u32,
    pub action_overdue_critical: u32,
    pub action_overdue_high: u32,
    pub action_overdue_medium: u32,
    pub action_overdue_low: u32,
    pub recovery_over_rto: u32,
    pub recovery_unproven: u32,
    pub runbook_over_rto: u32,
}

impl Default for Points {
    fn default() -> Self {
        Points {
            plan_not_approved: 10,
            review_overdue: 20,
            review_overdue_per_month: 5,
            review_overdue_max: 50,
            missing_primary: 50,
            missing_alternate: 25,
            single_point_of_failure: 30,
            training_primary: 25,
            training_alternate: 15,
            exercise_overdue: 30,
            action_overdue_critical: 50,
            action_overdue_high: 30,
            action_overdue_medium: 15,
            action_overdue_low: 5,
            recovery_over_rto: 50,
            recovery_unproven: 25,
            runbook_over_rto: 50,
        }
    }
}

/// The rules readiness is scored by. `Policy::default()` is what a portfolio file without a
/// `readiness` section gets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Policy {
    /// Weight of each component, in the order of [`super::COMPONENTS`].
    pub weights: [u32; 7],
    /// Overall score from which a site is ready.
    pub ready_at: u8,
    /// Overall score from which a site is at risk rather than not ready.
    pub at_risk_at: u8,
    /// Score every component must reach for the site to be ready.
    pub component_floor: u8,
    pub exercise_interval_months: u32,
    pub max_critical_roles: u32,
    pub blocking_roles: Vec<String>,
    pub proof_required_for: Vec<PlanKind>,
    pub points: Points,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            weights: [20, 20, 15, 15, 10, 10, 10],
            ready_at: 85,
            at_risk_at: 60,
            component_floor: 80,
            exercise_interval_months: 12,
            max_critical_roles: 2,
            blocking_roles: vec!["incident-commander".into()],
            proof_required_for: vec![PlanKind::BusinessContinuity, PlanKind::ItDisasterRecovery],
            points: Points::default(),
        }
    }
}

impl Policy {
    /// The policy a portfolio file's `readiness` section describes (defaults where it is silent).
    pub fn from_settings(settings: Option<&ReadinessSettings>) -> Policy {
        let mut p = Policy::default();
        let Some(s) = settings else { return p };
        if let Some(w) = &s.weights {
            for (slot, value) in p.weights.iter_mut().zip([
                w.plans,
                w.roles,
                w.training,
                w.exercises,
                w.resources,
                w.recovery_proven,
                w.recovery_time,
            ]) {
                if let Some(v) = value {
                    *slot = v;
                }
            }
        }
        set(&mut p.ready_at, s.ready_at);
        set(&mut p.at_risk_at, s.at_risk_at);
        set(&mut p.component_floor, s.component_floor);
        set(&mut p.exercise_interval_months, s.exercise_interval_months);
        set(&mut p.max_critical_roles, s.max_critical_roles);
        if let Some(roles) = &s.blocking_roles {
            p.blocking_roles = roles.clone();
        }
        if let Some(kinds) = &s.proof_required_for {
            p.proof_required_for = kinds.clone();
        }
        if let Some(x) = &s.points {
            let q = &mut p.points;
            set(&mut q.plan_not_approved, x.plan_not_approved);
            set(&mut q.review_overdue, x.review_overdue);
            set(&mut q.review_overdue_per_month, x.review_overdue_per_month);
            set(&mut q.review_overdue_max, x.review_overdue_max);
            set(&mut q.missing_primary, x.missing_primary);
            set(&mut q.missing_alternate, x.missing_alternate);
            set(&mut q.single_point_of_failure, x.single_point_of_failure);
            set(&mut q.training_primary, x.training_primary);
            set(&mut q.training_alternate, x.training_alternate);
            set(&mut q.exercise_overdue, x.exercise_overdue);
            set(&mut q.action_overdue_critical, x.action_overdue_critical);
            set(&mut q.action_overdue_high, x.action_overdue_high);
            set(&mut q.action_overdue_medium, x.action_overdue_medium);
            set(&mut q.action_overdue_low, x.action_overdue_low);
            set(&mut q.recovery_over_rto, x.recovery_over_rto);
            set(&mut q.recovery_unproven, x.recovery_unproven);
            set(&mut q.runbook_over_rto, x.runbook_over_rto);
        }
        p
    }

    /// The policy a stored `readiness` section (JSON text, None when left out) describes.
    pub(crate) fn from_stored(text: Option<&str>) -> Result<Policy> {
        let settings: Option<ReadinessSettings> = match text {
            Some(t) => Some(serde_json::from_str(t).map_err(|e| {
                crate::Error::Invalid(format!("the stored readiness policy cannot be read: {e}"))
            })?),
            None => None,
        };
        Ok(Policy::from_settings(settings.as_ref()))
    }

    pub fn weight(&self, component: ComponentName) -> u32 {
        self.weights[component as usize]
    }

    pub(crate) fn total_weight(&self) -> u32 {
        self.weights.iter().sum::<u32>().max(1)
    }
}

fn set<T: Copy>(slot: &mut T, value: Option<T>) {
    if let Some(v) = value {
        *slot = v;
    }
}
