import Foundation
import Testing
@testable import LodestarCore

@Suite("Demo portfolio generator")
struct DemoGeneratorTests {
    static let today = Day(year: 2026, month: 5, day: 14)!
    /// Generated once and shared: every test reads it, none changes it.
    static let portfolio = DemoGenerator.generate(seed: 7, initiatives: 400, today: today)

    var portfolio: DemoPortfolio { Self.portfolio }
    var today: Day { Self.today }

    // MARK: Determinism

    @Test func sameSeedSizeAndDayGiveTheSamePortfolio() {
        let again = DemoGenerator.generate(seed: 7, initiatives: 400, today: today)
        #expect(again.recordCount == portfolio.recordCount)
        #expect(again.initiatives == portfolio.initiatives)
        #expect(again.users == portfolio.users)
        #expect(again == portfolio)
    }

    @Test func anotherSeedGivesAnotherPortfolio() {
        let other = DemoGenerator.generate(seed: 8, initiatives: 400, today: today)
        #expect(other.initiatives.map(\.id) != portfolio.initiatives.map(\.id))
        #expect(other.initiatives.map(\.fields.name) != portfolio.initiatives.map(\.fields.name))
        #expect(Set(other.initiatives.map(\.id)).isDisjoint(with: portfolio.initiatives.map(\.id)))
    }

    @Test func sizeFollowsTheRequest() {
        #expect(portfolio.initiatives.count == 400)
        #expect(portfolio.initiatives.first?.fields.code == "INI-00001")
        #expect(portfolio.initiatives.last?.fields.code == "INI-00400")
        #expect(portfolio.recordCount == portfolio.recordCountsByKind.reduce(0) { $0 + $1.count })
    }

    @Test(arguments: [0, 1, 3])
    func tinyPortfoliosAreStillConsistent(size: Int) {
        let tiny = DemoGenerator.generate(seed: 1, initiatives: size, today: today)
        #expect(tiny.initiatives.count == size)
        #expect(validationIssues(in: tiny).isEmpty)
        #expect(danglingReferences(in: tiny).isEmpty)
    }

    // MARK: Integrity

    @Test func everyRecordPassesItsOwnValidation() {
        let issues = validationIssues(in: portfolio)
        #expect(issues.isEmpty, "\(issues.prefix(10))")
    }

    @Test func everyReferenceResolves() {
        let dangling = danglingReferences(in: portfolio)
        #expect(dangling.isEmpty, "\(dangling.prefix(10))")
    }

    @Test func idsAreUniqueVersionFourUUIDs() {
        var ids: [UUID] = portfolio.users.map(\.id)
        ids += portfolio.objectives.map(\.id) + portfolio.initiatives.map(\.id) + portfolio.alignments.map(\.id)
        ids += portfolio.pools.map(\.id) + portfolio.capacities.map(\.id) + portfolio.demands.map(\.id)
        ids += portfolio.dependencies.map(\.id) + portfolio.milestones.map(\.id) + portfolio.statusUpdates.map(\.id)
        ids += portfolio.raidItems.map(\.id) + portfolio.decisions.map(\.id) + portfolio.benefits.map(\.id)
        ids += portfolio.measurements.map(\.id) + portfolio.criteria.map(\.id) + portfolio.scores.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.uuid.6 >> 4 == 4 && $0.uuid.8 >> 6 == 0b10 })
    }

    // MARK: People and strategy

    @Test func usersHaveEveryRoleAndUniqueLowerCaseEmails() {
        let users = portfolio.users
        #expect(users.filter { $0.role == .admin }.map(\.email) == ["admin@lodestar.example"])
        #expect(users.filter { $0.role == .pmo }.count == 2)
        #expect(users.filter { $0.role == .executive }.count == 3)
        #expect(users.filter { $0.role == .owner }.count == 50)
        #expect(users.filter { $0.role == .viewer }.count == 2)
        #expect(Set(users.map(\.email)).count == users.count)
        #expect(users.allSatisfy { $0.email == $0.email.lowercased() && $0.email.hasSuffix("@lodestar.example") })
        #expect(users.allSatisfy { $0.name.split(separator: " ").count >= 2 })
    }

    @Test func strategyIsAThemeObjectiveKeyResultHierarchy() {
        let byID = Dictionary(uniqueKeysWithValues: portfolio.objectives.map { ($0.id, $0) })
        let themes = portfolio.objectives.filter { $0.fields.level == .theme }
        #expect((3...5).contains(themes.count))
        for theme in themes {
            let objectives = portfolio.objectives.filter { $0.fields.parentID == theme.id }
            #expect((2...4).contains(objectives.count))
            for objective in objectives {
                let keyResults = portfolio.objectives.filter { $0.fields.parentID == objective.id }
                #expect((1...3).contains(keyResults.count))
                #expect(keyResults.allSatisfy { $0.fields.level == .keyResult })
            }
        }
        for objective in portfolio.objectives {
            if let parentID = objective.fields.parentID {
                #expect(byID[parentID]?.fields.level == objective.fields.level.parentLevel)
            }
        }
    }

    @Test func unalignedInitiativesExistButAreFew() {
        let aligned = Set(portfolio.alignments.map(\.fields.initiativeID))
        let unaligned = portfolio.initiatives.filter { !aligned.contains($0.id) }.count
        #expect(unaligned > 0)
        #expect(Double(unaligned) < 0.1 * Double(portfolio.initiatives.count))
        let themeIDs = Set(portfolio.objectives.filter { $0.fields.level == .theme }.map(\.id))
        #expect(portfolio.alignments.allSatisfy { !themeIDs.contains($0.fields.objectiveID) })
        let pairs = portfolio.alignments.map { "\($0.fields.initiativeID)>\($0.fields.objectiveID)" }
        #expect(Set(pairs).count == pairs.count)
    }

    // MARK: Initiatives

    @Test func everyStatusAndTierAppearsAtTwoHundred() {
        let small = DemoGenerator.generate(seed: 3, initiatives: 200, today: today)
        #expect(Set(small.initiatives.map(\.fields.status)) == Set(InitiativeStatus.allCases))
        #expect(Set(small.initiatives.map(\.fields.tier)) == Set(GovernanceTier.allCases))
        let active = small.initiatives.filter { $0.fields.status == .active }.count
        #expect(active > small.initiatives.count / 3, "most work is active")
    }

    @Test func gatesAndDatesFollowStatus() {
        let allowedGates: [InitiativeStatus: Set<Gate>] = [
            .proposed: [.idea, .businessCase], .approved: [.businessCase, .plan], .active: [.plan, .deliver],
            .onHold: [.plan, .deliver], .completed: [.close, .realise], .cancelled: [.businessCase, .plan, .deliver],
        ]
        for initiative in portfolio.initiatives.map(\.fields) {
            #expect(allowedGates[initiative.status]!.contains(initiative.currentGate), "\(initiative.code)")
            let start = initiative.plannedStart!, finish = initiative.plannedFinish!
            switch initiative.status {
                case .proposed:
                    #expect(start > today && initiative.baselineStart == nil && initiative.actualCost == 0)
                case .active:
                    #expect(start < today && finish >= today && initiative.baselineFinish != nil)
                case .completed:
                    #expect(finish < today && initiative.actualCost > 0)
                case .approved, .onHold, .cancelled:
                    #expect(initiative.baselineStart != nil)
            }
            #expect((50_000...20_000_000).contains(initiative.totalBudget))
        }
        let overrides = portfolio.initiatives.filter { $0.fields.healthOverride != nil }
        #expect(!overrides.isEmpty && overrides.count < portfolio.initiatives.count / 8)
        #expect(portfolio.initiatives.contains { $0.fields.actualCost > $0.fields.totalBudget }, "some overrun")
    }

    @Test func dependenciesAreAcyclicWithoutDuplicates() {
        #expect(!portfolio.dependencies.isEmpty)
        var edges: [(predecessor: UUID, successor: UUID)] = []
        for dependency in portfolio.dependencies.map(\.fields) {
            #expect(!edges.contains { $0 == (dependency.predecessorID, dependency.successorID) }, "duplicate")
            #expect(!DependencyGraph.wouldCreateCycle(
                adding: dependency.predecessorID, dependency.successorID, to: edges))
            edges.append((dependency.predecessorID, dependency.successorID))
        }
        let successors = Set(portfolio.dependencies.map(\.fields.successorID))
        let share = Double(successors.count) / Double(portfolio.initiatives.count)
        #expect((0.05...0.2).contains(share))
    }

    // MARK: Delivery

    @Test func milestonesBelongToInitiativesPastProposal() {
        let status = Dictionary(uniqueKeysWithValues: portfolio.initiatives.map { ($0.id, $0.fields.status) })
        let perInitiative = Dictionary(grouping: portfolio.milestones, by: \.fields.initiativeID)
        #expect(perInitiative.keys.allSatisfy { status[$0] != .proposed })
        #expect(perInitiative.count == status.values.filter { $0 != .proposed }.count)
        #expect(perInitiative.values.allSatisfy { (3...6).contains($0.count) })
        #expect(portfolio.milestones.allSatisfy { $0.fields.actualDate.map { $0 < today } ?? true })
        #expect(portfolio.milestones.contains { $0.fields.actualDate != nil })
    }

    @Test func forecastHistoryIsOrderedAndEndsAtTheForecast() {
        let history = Dictionary(grouping: portfolio.forecastChanges, by: \.milestoneID)
        var slipCounts: [Int] = []
        for milestone in portfolio.milestones {
            guard let changes = history[milestone.id], let first = changes.first, let last = changes.last else {
                Issue.record("milestone \(milestone.fields.name) has no forecast history")
                continue
            }
            #expect(first.previousDate == nil && first.newDate == milestone.fields.baselineDate)
            #expect(last.newDate == milestone.fields.forecastDate)
            for (earlier, later) in zip(changes, changes.dropFirst()) {
                #expect(earlier.changedOn <= later.changedOn)
                #expect(later.previousDate == earlier.newDate)
            }
            #expect(changes.allSatisfy { $0.changedOn <= today })
            slipCounts.append(changes.count - 1)
        }
        let fewSlips = slipCounts.filter { $0 <= 3 }.count
        #expect(Double(fewSlips) > 0.75 * Double(slipCounts.count), "most milestones slip 0–3 times")
        #expect(slipCounts.contains { $0 > 3 }, "a tail slips more")
    }

    // MARK: Capacity

    @Test func capacityCoversEightQuartersAndSomePoolsAreOverAllocated() {
        let first = Quarter(containing: today).adding(-2)
        let quarters = Set(portfolio.capacities.map(\.fields.period))
        #expect(quarters == Set((0..<8).map { first.adding($0) }))
        #expect(portfolio.capacities.count == portfolio.pools.count * 8)
        #expect(portfolio.demands.allSatisfy { quarters.contains($0.fields.period) })

        var demand: [String: Double] = [:]
        for record in portfolio.demands.map(\.fields) {
            demand["\(record.poolID) \(record.period)", default: 0] += record.fte
        }
        let overAllocated = portfolio.capacities.filter {
            demand["\($0.fields.poolID) \($0.fields.period)", default: 0] > $0.fields.fte * 1.1
        }
        #expect(!overAllocated.isEmpty)
        #expect(Set(overAllocated.map(\.fields.poolID)).count < portfolio.pools.count, "not every pool is short")
        let utilisation = demand.values.reduce(0, +) / portfolio.capacities.reduce(0) { $0 + $1.fields.fte }
        #expect((0.8...1.15).contains(utilisation))
    }

    @Test func onlyWorkInTheFunnelOrInFlightDemandsCapacity() {
        let status = Dictionary(uniqueKeysWithValues: portfolio.initiatives.map { ($0.id, $0.fields.status) })
        let demanding: Set<InitiativeStatus> = [.proposed, .approved, .active]
        #expect(portfolio.demands.allSatisfy { demanding.contains(status[$0.fields.initiativeID]!) })
    }

    // MARK: Reporting, RAID, decisions

    @Test func statusUpdatesAreBiweeklyForActiveAndPausedWork() {
        let status = Dictionary(uniqueKeysWithValues: portfolio.initiatives.map { ($0.id, $0.fields.status) })
        let perInitiative = Dictionary(grouping: portfolio.statusUpdates, by: \.fields.initiativeID)
        for (initiativeID, updates) in perInitiative {
            #expect([.active, .onHold].contains(status[initiativeID]))
            #expect(updates.count <= 13)
            #expect(Set(updates.map(\.fields.periodStart)).count == updates.count, "one update per period")
        }
        #expect(portfolio.statusUpdates.allSatisfy { $0.fields.periodStart <= today })
        #expect(Set(portfolio.statusUpdates.map(\.fields.overall)) == Set(Health.allCases))
    }

    @Test func raidLogsCoverEveryKindAndSomeAreEscalated() {
        #expect(Set(portfolio.raidItems.map(\.fields.kind)) == Set(RAIDKind.allCases))
        #expect(Set(portfolio.raidItems.map(\.fields.category))
            == ["vendor", "requirements", "resourcing", "technical", "regulatory", "funding"])
        #expect(portfolio.raidItems.contains { $0.fields.escalationLevel != .initiative })
        #expect(portfolio.raidItems.contains { !$0.fields.mitigation.isEmpty })
    }

    @Test func someDecisionsAreOverdueAndDecidedOnesHaveOutcomes() {
        #expect(portfolio.decisions.contains { $0.fields.isOverdue(on: today) })
        #expect(portfolio.decisions.contains { $0.fields.initiativeID == nil }, "portfolio-level decisions")
        #expect(Set(portfolio.decisions.map(\.fields.type)).count >= 5)
        for decision in portfolio.decisions.map(\.fields) {
            #expect((2...3).contains(decision.options.count))
            if decision.status == .decided {
                #expect(!decision.outcome.isEmpty && !decision.rationale.isEmpty)
                #expect((2...120).contains(decision.latencyInDays!))
                #expect(decision.decidedOn! < today)
            }
        }
    }

    // MARK: Benefits and scores

    @Test func benefitMeasurementsAreQuarterlyAndInThePast() {
        #expect(portfolio.benefits.contains { $0.fields.initiativeID != nil })
        #expect(portfolio.benefits.contains { $0.fields.objectiveID != nil })
        #expect(portfolio.measurements.allSatisfy { $0.fields.measuredOn < today })
        let days = portfolio.measurements.map(\.fields.measuredOn)
        #expect(days.allSatisfy { $0 == Quarter(containing: $0).lastDay }, "measured at quarter ends")
        #expect(portfolio.measurements.allSatisfy { $0.fields.measuredOn >= today.adding(days: -731) })
    }

    @Test func scoresStayWithinTheirCriterionScale() {
        #expect(portfolio.scoringModels.filter(\.fields.isDefault).count == 1, "exactly one default scoring model")
        #expect(portfolio.scoringModels.map(\.fields.method).sorted { $0.rawValue < $1.rawValue } == [.weighted, .wsjf])
        let wsjf = portfolio.scoringModels.first { $0.fields.method == .wsjf }!.id
        #expect(Set(portfolio.criteria.filter { $0.fields.modelID == wsjf }.compactMap(\.fields.wsjfComponent)) == Set(WSJFComponent.allCases))
        #expect((8...10).contains(portfolio.criteria.count))
        let criteria = Dictionary(uniqueKeysWithValues: portfolio.criteria.map { ($0.id, $0.fields) })
        #expect(portfolio.scores.allSatisfy { criteria[$0.fields.criterionID]!.accepts($0.fields.value) })
        let scored = Dictionary(grouping: portfolio.scores, by: \.fields.initiativeID)
        #expect(scored.values.allSatisfy { $0.count == portfolio.criteria.count }, "scored on every criterion")
        #expect(Double(scored.count) > 0.8 * Double(portfolio.initiatives.count))
    }
}

@Suite("Seeded random numbers")
struct SeededRandomTests {
    /// The published SplitMix64 sequence for seed 0: if this changes, every demo portfolio changes.
    @Test func matchesTheReferenceSplitMix64Sequence() {
        var random = SeededRandom(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(random.next() == 0x06C4_5D18_8009_454F)
    }

    @Test func boundedValuesStayInRangeAndCoverIt() {
        var random = SeededRandom(seed: 99)
        var seen = Set<Int>()
        for _ in 0..<2_000 {
            let value = random.int(in: -3...3)
            #expect((-3...3).contains(value))
            seen.insert(value)
            #expect((0..<1).contains(random.unit()))
        }
        #expect(seen.count == 7)
        #expect(random.int(in: 5...5) == 5)
        #expect((Int.min...Int.max).contains(random.int(in: Int.min...Int.max)))
    }

    @Test func streamsAreIndependentAndReproducible() {
        var first = SeededRandom(seed: 1, stream: 1), again = SeededRandom(seed: 1, stream: 1)
        var second = SeededRandom(seed: 1, stream: 2)
        let a = (0..<4).map { _ in first.next() }
        #expect(a == (0..<4).map { _ in again.next() })
        #expect(a != (0..<4).map { _ in second.next() })
    }

    @Test func portableExpAgreesWithTheSystemExp() {
        for x in stride(from: -20.0, through: 20.0, by: 0.37) {
            let relative = abs(SeededRandom.portableExp(x) - Foundation.exp(x)) / Foundation.exp(x)
            #expect(relative < 1e-14, "exp(\(x))")
        }
    }

    @Test func shapedSamplesHaveTheirShape() {
        var random = SeededRandom(seed: 5)
        let normals = (0..<20_000).map { _ in random.standardNormal() }
        let mean = normals.reduce(0, +) / Double(normals.count)
        let variance = normals.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(normals.count)
        #expect(abs(mean) < 0.03 && abs(variance - 1) < 0.05)
        let logNormals = (0..<20_000).map { _ in random.logNormal(median: 10, sigma: 0.5) }.sorted()
        #expect(abs(logNormals[logNormals.count / 2] - 10) < 0.3)
        #expect(logNormals.allSatisfy { $0 > 0 })
    }

    @Test func uuidsAreVersionFour() {
        var random = SeededRandom(seed: 11)
        let id = random.uuid()
        #expect(id.uuidString.dropFirst(14).first == "4")
        #expect("89AB".contains(id.uuidString.dropFirst(19).first!))
    }
}

// MARK: - Checks shared by the tests

/// Every record's own validation issues, labelled with its kind.
private func validationIssues(in portfolio: DemoPortfolio) -> [String] {
    func issues<Fields: EntityFields>(_ kind: String, _ records: [Record<Fields>]) -> [String] {
        records.flatMap { record in record.fields.validate().map { "\(kind) \(record.id): \($0)" } }
    }
    return issues("objective", portfolio.objectives) + issues("initiative", portfolio.initiatives)
        + issues("alignment", portfolio.alignments) + issues("pool", portfolio.pools)
        + issues("capacity", portfolio.capacities) + issues("demand", portfolio.demands)
        + issues("dependency", portfolio.dependencies) + issues("milestone", portfolio.milestones)
        + issues("status update", portfolio.statusUpdates) + issues("RAID item", portfolio.raidItems)
        + issues("decision", portfolio.decisions) + issues("benefit", portfolio.benefits)
        + issues("measurement", portfolio.measurements) + issues("scoring model", portfolio.scoringModels)
        + issues("criterion", portfolio.criteria)
        + issues("score", portfolio.scores)
}

/// Every reference that does not point at a record of the right kind in the same portfolio.
private func danglingReferences(in portfolio: DemoPortfolio) -> [String] {
    let users = Set(portfolio.users.map(\.id))
    let owners = Set(portfolio.users.filter { $0.role == .owner }.map(\.id))
    let executives = Set(portfolio.users.filter { $0.role == .executive }.map(\.id))
    let leaders = executives.union(portfolio.users.filter { $0.role == .pmo }.map(\.id))
    let objectives = Set(portfolio.objectives.map(\.id))
    let initiatives = Set(portfolio.initiatives.map(\.id))
    let pools = Set(portfolio.pools.map(\.id))
    let milestones = Set(portfolio.milestones.map(\.id))
    let benefits = Set(portfolio.benefits.map(\.id))
    let criteria = Set(portfolio.criteria.map(\.id))
    let scoringModels = Set(portfolio.scoringModels.map(\.id))

    var dangling: [String] = []
    func check(_ id: UUID?, in ids: Set<UUID>, _ what: String) {
        if let id, !ids.contains(id) { dangling.append("\(what) → \(id)") }
    }
    for record in portfolio.objectives {
        check(record.fields.parentID, in: objectives, "objective parent")
        check(record.fields.ownerID, in: leaders, "objective owner")
    }
    for record in portfolio.initiatives {
        check(record.fields.ownerID, in: owners, "initiative owner")
        check(record.fields.sponsorID, in: executives, "initiative sponsor")
    }
    for record in portfolio.alignments {
        check(record.fields.initiativeID, in: initiatives, "alignment initiative")
        check(record.fields.objectiveID, in: objectives, "alignment objective")
    }
    for record in portfolio.capacities { check(record.fields.poolID, in: pools, "capacity pool") }
    for record in portfolio.demands {
        check(record.fields.initiativeID, in: initiatives, "demand initiative")
        check(record.fields.poolID, in: pools, "demand pool")
    }
    for record in portfolio.dependencies {
        check(record.fields.predecessorID, in: initiatives, "predecessor")
        check(record.fields.successorID, in: initiatives, "successor")
    }
    for record in portfolio.milestones { check(record.fields.initiativeID, in: initiatives, "milestone initiative") }
    for change in portfolio.forecastChanges {
        check(change.milestoneID, in: milestones, "forecast change milestone")
        check(change.changedBy, in: users, "forecast change author")
    }
    for record in portfolio.statusUpdates {
        check(record.fields.initiativeID, in: initiatives, "status update initiative")
    }
    for record in portfolio.raidItems {
        check(record.fields.initiativeID, in: initiatives, "RAID initiative")
        check(record.fields.ownerID, in: users, "RAID owner")
    }
    for record in portfolio.decisions {
        check(record.fields.initiativeID, in: initiatives, "decision initiative")
        check(record.fields.decisionMakerID, in: leaders, "decision maker")
    }
    for record in portfolio.benefits {
        check(record.fields.initiativeID, in: initiatives, "benefit initiative")
        check(record.fields.objectiveID, in: objectives, "benefit objective")
    }
    for record in portfolio.measurements { check(record.fields.benefitID, in: benefits, "measurement benefit") }
    for record in portfolio.scores {
        check(record.fields.initiativeID, in: initiatives, "score initiative")
        check(record.fields.criterionID, in: criteria, "score criterion")
    }
    for record in portfolio.criteria {
        check(record.fields.modelID, in: scoringModels, "criterion model")
    }
    return dangling
}
