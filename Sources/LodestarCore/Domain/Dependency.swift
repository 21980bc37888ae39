import Foundation

/// The successor cannot start before the predecessor finishes.
public struct Dependency: EntityFields {
    public var predecessorID: UUID
    public var successorID: UUID
    public var kind: DependencyKind
    public var description: String

    public init(predecessorID: UUID, successorID: UUID, kind: DependencyKind = .finishToStart, description: String = "") {
        self.predecessorID = predecessorID
        self.successorID = successorID
        self.kind = kind
        self.description = description
    }

    public func validate() -> [FieldIssue] {
        var checks = FieldChecks()
        if predecessorID == successorID { checks.fail("successorID", "an initiative cannot depend on itself") }
        checks.text(description, "description", required: false, maxLength: 2000)
        return checks.issues
    }
}

public enum DependencyGraph {
    /// Whether adding `predecessor → successor` to `edges` closes a loop, which would make every
    /// initiative on it wait forever.
    public static func wouldCreateCycle(
        adding predecessor: UUID, _ successor: UUID, to edges: [(predecessor: UUID, successor: UUID)]
    ) -> Bool {
        var next: [UUID: [UUID]] = [:]
        for edge in edges { next[edge.predecessor, default: []].append(edge.successor) }
        // A loop appears exactly when the predecessor is already reachable from the successor.
        var stack = [successor]
        var seen: Set<UUID> = [successor]
        while let node = stack.popLast() {
            if node == predecessor { return true }
            for following in next[node] ?? [] where seen.insert(following).inserted { stack.append(following) }
        }
        return false
    }
}
