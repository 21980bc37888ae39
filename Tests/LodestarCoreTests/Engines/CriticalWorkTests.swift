import Foundation
@testable import LodestarCore
import Testing

@Suite("Critical work")
struct CriticalWorkTests {
    @Test func valueThatWaitsOnAnInitiativeCountsForIt() {
        let (a, b, c, d) = (UUID(), UUID(), UUID(), UUID())
        // a → b → c, and a → c directly; d stands alone.
        let dependencies = [
            Dependency(predecessorID: a, successorID: b), Dependency(predecessorID: b, successorID: c),
            Dependency(predecessorID: a, successorID: c),
        ]
        let ranking = CriticalWork.rank(values: [a: 0.1, b: 0.2, c: 0.3, d: 0.45], dependencies: dependencies)
        #expect(ranking.map(\.initiativeID) == [a, b, d, c])
        let first = ranking[0]
        #expect(abs(first.dependentValue - 0.6) < 1e-12)       // c is counted once, though reached twice
        #expect(Set(first.blocked) == [b, c])
        #expect(ranking.last?.blocked == [])
    }
}
