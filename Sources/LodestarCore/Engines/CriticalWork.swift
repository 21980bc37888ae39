import Foundation

/// Which work is most critical to strategy (Q4): an initiative carries its own strategic value and
/// the value of everything that waits on it, directly or through other initiatives.
public enum CriticalWork {
    public struct Entry: Sendable, Equatable {
        public var initiativeID: UUID
        public var ownValue: Double
        /// Own value plus the value of every initiative that (transitively) waits on this one.
        public var dependentValue: Double
        /// The initiatives that wait on it, directly or not.
        public var blocked: [UUID]
    }

    public static func rank(values: [UUID: Double], dependencies: [Dependency]) -> [Entry] {
        var successors: [UUID: [UUID]] = [:]
        for dependency in dependencies { successors[dependency.predecessorID, default: []].append(dependency.successorID) }
        var entries: [Entry] = []
        for (id, value) in values {
            var seen: Set<UUID> = []
            var stack = successors[id] ?? []
            while let next = stack.popLast() {
                guard next != id, seen.insert(next).inserted else { continue }
                stack.append(contentsOf: successors[next] ?? [])
            }
            let blocked = seen.sorted { $0.orderKey < $1.orderKey }
            let dependent = value + blocked.reduce(0) { $0 + (values[$1] ?? 0) }
            entries.append(Entry(initiativeID: id, ownValue: value, dependentValue: dependent, blocked: blocked))
        }
        // Ties broken by id so the ranking is the same on every run.
        return entries.sorted { ($0.dependentValue, $1.initiativeID.orderKey) > ($1.dependentValue, $0.initiativeID.orderKey) }
    }
}
