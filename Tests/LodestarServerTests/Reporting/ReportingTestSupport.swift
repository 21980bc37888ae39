import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

extension Application {
    /// Loads a generated demo portfolio (dated `today`) into the test database and returns it.
    @discardableResult
    func loadDemoPortfolio(initiatives: Int = 40, today: Day = Day.today()) async throws -> DemoPortfolio {
        let portfolio = DemoGenerator.generate(seed: 42, initiatives: initiatives, today: today)
        _ = try await DemoLoader.load(portfolio, password: "demo", passwordHash: "x", into: db)
        // What was stored: loading enriches the decisions and RAID items with governance's demo data.
        return GovernanceDemoLoader.prepare(portfolio, today: today).0
    }
}

extension JSONValue {
    /// The elements of an array, or nil for anything else.
    var elements: [JSONValue]? {
        guard case .array(let values) = self else { return nil }
        return values
    }
}
