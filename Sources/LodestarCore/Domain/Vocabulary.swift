/// A closed set of values with stable, snake_case raw values: what the API, the database and the
/// forms agree on, and what the OpenAPI document lists as an enum.
public protocol Vocabulary: RawRepresentable<String>, CaseIterable, Codable, Hashable, Sendable {
    /// What a person reads on a page.
    var label: String { get }
}

extension Vocabulary {
    public var label: String {
        rawValue.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    public static var rawValues: [String] { allCases.map(\.rawValue) }
}

public enum Role: String, Vocabulary {
    case admin, pmo, executive, owner, viewer

    public var label: String { self == .pmo ? "PMO" : rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

public enum InitiativeKind: String, Vocabulary {
    case project, programme
}

public enum InitiativeStatus: String, Vocabulary {
    case proposed, approved, active, onHold = "on_hold", completed, cancelled

    /// Work that consumes capacity and budget now.
    public var isInFlight: Bool { self == .active || self == .approved }
}

public enum GovernanceTier: String, Vocabulary {
    case light, standard, full
}

public enum Gate: String, Vocabulary {
    case idea, businessCase = "business_case", plan, deliver, close, realise
}

public enum Health: String, Vocabulary, Comparable {
    case green, amber, red

    private var severity: Int {
        switch self {
            case .green: 0
            case .amber: 1
            case .red: 2
        }
    }

    public static func < (lhs: Health, rhs: Health) -> Bool { lhs.severity < rhs.severity }
}

public enum ObjectiveLevel: String, Vocabulary {
    case theme, objective, keyResult = "key_result"

    /// The level a parent must have; themes are roots.
    public var parentLevel: ObjectiveLevel? {
        switch self {
            case .theme: nil
            case .objective: .theme
            case .keyResult: .objective
        }
    }
}

public enum ObjectiveStage: String, Vocabulary {
    case definition, execution, realisation
}

public enum PoolKind: String, Vocabulary {
    case role, team
}

public enum DependencyKind: String, Vocabulary {
    case finishToStart = "finish_to_start"
}

public enum RAIDKind: String, Vocabulary {
    case risk, assumption, issue, dependency
}

public enum RAIDStatus: String, Vocabulary {
    case open, mitigating, closed
}

public enum EscalationLevel: String, Vocabulary {
    case initiative, portfolio, executive
}

public enum DecisionType: String, Vocabulary {
    case gate, tradeOff = "trade_off", scopeChange = "scope_change", escalation, funding, other
}

public enum DecisionStatus: String, Vocabulary {
    case pending, decided, withdrawn
}

public enum BenefitDirection: String, Vocabulary {
    case increase, decrease
}
