import Fluent
import LodestarCore
import Vapor

/// A PMO-set threshold for one named health rule.
final class HealthThresholdModel: Model, @unchecked Sendable {
    static let schema = "health_thresholds"

    @ID(key: .id) var id: UUID?
    @Field(key: "rule") var rule: String
    @Field(key: "amber") var amber: Double
    @Field(key: "red") var red: Double
    @Field(key: "version") var version: Int
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(rule: String, threshold: HealthThresholds.Threshold) {
        self.rule = rule
        amber = threshold.amber
        red = threshold.red
        version = 1
    }

    static func thresholds(on database: any Database) async throws -> HealthThresholds {
        let rows = try await HealthThresholdModel.query(on: database).all()
        return HealthThresholds(Dictionary(rows.map { ($0.rule, HealthThresholds.Threshold(amber: $0.amber, red: $0.red)) },
                                           uniquingKeysWith: { first, _ in first }))
    }
}

/// A rule with the threshold in force, as the API and the settings page show it.
struct HealthRuleSetting: Content, Equatable {
    var rule: String
    var dimension: String?
    var title: String
    var unit: String
    var amber: Double
    var red: Double
    var defaultAmber: Double
    var defaultRed: Double
    /// 0 while the default applies; the stored row's version once the PMO has set it.
    var version: Int

    static func all(on database: any Database) async throws -> [HealthRuleSetting] {
        let rows = Dictionary(try await HealthThresholdModel.query(on: database).all().map { ($0.rule, $0) }, uniquingKeysWith: { a, _ in a })
        return HealthRule.all.map { rule in
            let row = rows[rule.name]
            return HealthRuleSetting(
                rule: rule.name, dimension: rule.dimension?.rawValue, title: rule.title, unit: rule.unit,
                amber: row?.amber ?? rule.defaultAmber, red: row?.red ?? rule.defaultRed,
                defaultAmber: rule.defaultAmber, defaultRed: rule.defaultRed, version: row?.version ?? 0)
        }
    }
}

/// Changes a rule's thresholds: PMO and admin only, validated, version-checked and audited, in one transaction.
enum HealthThresholdStore {
    struct Change: Content {
        var amber: Double
        var red: Double
    }

    static func update(
        rule name: String, to change: Change, expectedVersion: Int, by caller: Caller, on database: any Database
    ) async throws -> HealthRuleSetting {
        try caller.require([.admin, .pmo], to: "change health thresholds")
        guard let rule = HealthRule.named(name) else { throw Problem.notFound("A health rule named '\(name)'") }
        let threshold = HealthThresholds.Threshold(amber: change.amber, red: change.red)
        let issues = threshold.validate()
        guard issues.isEmpty else { throw Problem.validation(issues) }
        try await database.transaction { database in
            let existing = try await HealthThresholdModel.query(on: database).filter(\.$rule == rule.name).first()
            let current = existing?.version ?? 0
            guard current == expectedVersion else { throw Problem.staleVersion(current: current) }
            let before: JSONValue = .object(["amber": .number(existing?.amber ?? rule.defaultAmber), "red": .number(existing?.red ?? rule.defaultRed)])
            let row = existing ?? HealthThresholdModel(rule: rule.name, threshold: threshold)
            if let existing {
                // The claim on the version makes two concurrent saves of one rule conflict instead of both winning.
                let claimed = try await VersionClaim.claim(HealthThresholdModel.schema, id: existing.id!, expectedVersion: current, on: database)
                guard claimed == .claimed else { throw Problem.staleVersion(current: current + 1) }
                existing.version = current + 1
                existing.amber = threshold.amber
                existing.red = threshold.red
                try await existing.update(on: database)
            } else {
                // A second first save of the same rule fails on the unique rule and reports a stale version.
                do { try await row.create(on: database) } catch let error as any DatabaseError where error.isConstraintFailure {
                    throw Problem.staleVersion(current: 1)
                }
            }
            try await AuditLog.record(
                existing == nil ? .create : .update, entity: "health-thresholds", id: row.id!, before: existing == nil ? nil : before,
                after: .object(["rule": .string(rule.name), "amber": .number(threshold.amber), "red": .number(threshold.red)]),
                by: caller, on: database)
        }
        return try await HealthRuleSetting.all(on: database).first { $0.rule == rule.name }!
    }
}
