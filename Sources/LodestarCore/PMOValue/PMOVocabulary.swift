// The closed sets of values the PMO-value records use.

/// Which way a PMO KPI should move.
public enum KPIDirection: String, Vocabulary {
    case higherIsBetter = "higher_is_better", lowerIsBetter = "lower_is_better"

    /// Whether `value` meets `target` when moving this way is good.
    public func meets(_ value: Double, target: Double) -> Bool {
        self == .higherIsBetter ? value >= target : value <= target
    }

    /// Whether moving from `old` to `new` is an improvement.
    public func improves(from old: Double, to new: Double) -> Bool {
        self == .higherIsBetter ? new > old : new < old
    }
}

/// Where a KPI's measurements come from: a person, or a computation over the portfolio.
public enum KPISource: String, Vocabulary {
    case manual
    case decisionLatency = "decision_latency"
    case alignedInvestmentShare = "aligned_investment_share"
    case milestoneOnTimeRate = "milestone_on_time_rate"
    case forecastAccuracy = "forecast_accuracy"
    case benefitsRealised = "benefits_realised"
    case statusOnTime = "status_on_time"
    case escalationsResolvedInTarget = "escalations_resolved_in_target"

    public var isComputed: Bool { self != .manual }

    public var label: String {
        switch self {
            case .manual: "Entered by hand"
            case .decisionLatency: "Decision latency"
            case .alignedInvestmentShare: "Investment aligned to strategy"
            case .milestoneOnTimeRate: "Milestones on time"
            case .forecastAccuracy: "Forecast accuracy"
            case .benefitsRealised: "Benefits realised against plan"
            case .statusOnTime: "Status submitted on time"
            case .escalationsResolvedInTarget: "Escalations resolved within target"
        }
    }
}

/// Where an improvement item is in its short cycle.
public enum ImprovementStatus: String, Vocabulary {
    case define, design, deliver, done, dropped

    public var isOpen: Bool { self == .define || self == .design || self == .deliver }
}

public enum SurveyQuestionKind: String, Vocabulary {
    /// 0–10, "how likely are you to recommend…"
    case nps
    /// 1–5, strongly disagree … strongly agree
    case likert
    case freeText = "free_text"

    public var label: String {
        switch self {
            case .nps: "NPS (0–10)"
            case .likert: "Agreement (1–5)"
            case .freeText: "Free text"
        }
    }
}

public enum MaturityDimension: String, Vocabulary {
    case strategyAlignment = "strategy_alignment"
    case governance
    case portfolioManagement = "portfolio_management"
    case resourceManagement = "resource_management"
    case benefitsManagement = "benefits_management"
    case reportingAndInsight = "reporting_and_insight"
    case peopleAndCapability = "people_and_capability"

    public var label: String {
        switch self {
            case .strategyAlignment: "Strategy alignment"
            case .governance: "Governance"
            case .portfolioManagement: "Portfolio management"
            case .resourceManagement: "Resource management"
            case .benefitsManagement: "Benefits management"
            case .reportingAndInsight: "Reporting and insight"
            case .peopleAndCapability: "People and capability"
        }
    }
}
