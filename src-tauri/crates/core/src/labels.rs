//! How the model's enums read for people, written once: the documents, the CLI and the app
//! print these words, while files, the database and the JSON keep the snake_case names.
//! (In a file of their own so that the model's type definitions stay as they are.)

use crate::model::*;

impl PlanKind {
    pub fn label(self) -> &'static str {
        match self {
            PlanKind::BusinessContinuity => "Business continuity plan",
            PlanKind::ItDisasterRecovery => "IT disaster recovery plan",
            PlanKind::CrisisCommunications => "Crisis communications plan",
            PlanKind::Pandemic => "Pandemic plan",
            PlanKind::EmergencyResponse => "Emergency response plan",
            PlanKind::SupplierContinuity => "Supplier continuity plan",
        }
    }
}

impl PlanStatus {
    pub fn label(self) -> &'static str {
        match self {
            PlanStatus::Draft => "Draft",
            PlanStatus::InReview => "In review",
            PlanStatus::Approved => "Approved",
            PlanStatus::Retired => "Retired",
        }
    }
}

impl Scenario {
    pub fn label(self) -> &'static str {
        match self {
            Scenario::LossOfSite => "Loss of site",
            Scenario::LossOfStaff => "Loss of staff",
            Scenario::LossOfIt => "Loss of IT",
            Scenario::LossOfSupplier => "Loss of a supplier",
            Scenario::LossOfUtilities => "Loss of utilities",
            Scenario::Cyberattack => "Cyber-attack",
            Scenario::Pandemic => "Pandemic",
            Scenario::NaturalDisaster => "Natural disaster",
        }
    }
}

impl Criticality {
    pub fn label(self) -> &'static str {
        match self {
            Criticality::Critical => "Critical",
            Criticality::High => "High",
            Criticality::Medium => "Medium",
            Criticality::Low => "Low",
        }
    }
}

impl Phase {
    pub fn label(self) -> &'static str {
        match self {
            Phase::Respond => "Respond",
            Phase::Recover => "Recover",
            Phase::Restore => "Restore",
        }
    }
}

impl ContactKind {
    pub fn label(self) -> &'static str {
        match self {
            ContactKind::Supplier => "Supplier",
            ContactKind::Vendor => "Vendor",
            ContactKind::Utility => "Utility",
            ContactKind::EmergencyService => "Emergency service",
            ContactKind::Authority => "Authority",
            ContactKind::Insurer => "Insurer",
        }
    }
}

impl ExerciseKind {
    pub fn label(self) -> &'static str {
        match self {
            ExerciseKind::Walkthrough => "Walkthrough",
            ExerciseKind::Tabletop => "Tabletop",
            ExerciseKind::Simulation => "Simulation",
            ExerciseKind::FullInterruption => "Full interruption",
        }
    }
}

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Passed => "Passed",
            Outcome::PassedWithFindings => "Passed with findings",
            Outcome::Failed => "Failed",
        }
    }
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Critical => "Critical",
            Severity::High => "High",
            Severity::Medium => "Medium",
            Severity::Low => "Low",
        }
    }
}
