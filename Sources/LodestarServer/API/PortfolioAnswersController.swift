import Fluent
import LodestarCore
import Vapor

/// The computed answers to the executive questions on strategy (Q4), priorities (Q1) and capacity
/// (Q2). Read-only, for any signed-in user: the figures come from records they may read anyway.
enum PortfolioAnswersController {
    static func register(on router: APIRouter) {
        let documentation = router.documentation
        let strategy = documentation.schema("StrategyMap", SchemaRecorder.schema(for: StrategyMap.self))
        let ranking = documentation.schema("PriorityRanking", SchemaRecorder.schema(for: PriorityRanking.self))
        let explanation = documentation.schema("RankingExplanation", SchemaRecorder.schema(for: RankingExplanation.self))
        let capacity = documentation.schema("CapacityPicture", SchemaRecorder.schema(for: CapacityPicture.self))

        router.register(APIOperation(
            method: .GET, path: ["strategy"], operationID: "getStrategyMap",
            summary: "Strategy map: objectives with their initiatives, alignment scores, findings and critical work",
            tag: "strategy", parameters: [
                .integerQuery("critical", "How many of the most critical initiatives to list (default 100).", 1...10_000),
                .integerQuery("perObjective", "How many initiatives to list under each objective, largest contribution first (default 50).", 0...10_000),
                .integerQuery("scores", "How many alignment scores to list, highest first (default 100).", 0...100_000),
            ],
            responses: [200: ("The strategy map.", strategy)], access: "any signed-in user"
        )) { request in
            _ = try request.caller
            var query = QueryParameters(request)
            let limits = StrategyMap.Limits(
                perObjective: query.integer("perObjective", 0...10_000, default: 50), scores: query.integer("scores", 0...100_000, default: 100),
                critical: query.integer("critical", 1...10_000, default: 100))
            try query.check()
            return try Response.json(try await StrategyMap.load(request, limits: limits))
        }

        router.register(APIOperation(
            method: .GET, path: ["priorities"], operationID: "getPriorities",
            summary: "Initiatives ranked by a scoring model, every score explained by criterion", tag: "strategy",
            parameters: [.idQuery("model", "Scoring model (default: the portfolio's default model).")] + APIOperation.Parameter.pagination,
            responses: [200: ("The ranking (one page of it).", ranking)], access: "any signed-in user"
        )) { request in
            _ = try request.caller
            var query = QueryParameters(request)
            let model = query.id("model")
            let limit = query.integer("limit", 1...500, default: 50), offset = query.integer("offset", 0...1_000_000, default: 0)
            try query.check()
            let data = try await request.portfolio(.scoring)
            guard let answer = PriorityRanking.build(from: data, model: model, window: offset..<(offset + limit)) else {
                throw Problem.notFound(model.map { "Scoring model \($0)" } ?? "A scoring model (create one first)")
            }
            return try Response.json(answer)
        }

        router.register(APIOperation(
            method: .GET, path: ["priorities", "explain"], operationID: "explainPriority",
            summary: "Why one initiative ranks above another: the difference criterion by criterion", tag: "strategy",
            parameters: [
                .idQuery("a", "One initiative.", required: true), .idQuery("b", "The other initiative.", required: true),
                .idQuery("model", "Scoring model (default: the portfolio's default model)."),
            ],
            responses: [200: ("The explanation.", explanation)], access: "any signed-in user"
        )) { request in
            _ = try request.caller
            var query = QueryParameters(request)
            let a = query.id("a", required: true), b = query.id("b", required: true), model = query.id("model")
            try query.check()
            let data = try await request.portfolio(.scoring)
            guard let answer = RankingExplanation.build(from: data, model: model, first: a!, second: b!) else {
                throw Problem.notFound("Both initiatives (open, not completed or cancelled) and the scoring model")
            }
            return try Response.json(answer)
        }

        router.register(APIOperation(
            method: .GET, path: ["capacity"], operationID: "getCapacity",
            summary: "Demand against capacity per pool and quarter for the current plan, over-allocations and shadow prices",
            tag: "capacity",
            parameters: [.quarterQuery, .integerQuery("quarters", "Number of quarters (default 8).", 1...16)],
            responses: [200: ("The capacity picture.", capacity)], access: "any signed-in user"
        )) { request in
            _ = try request.caller
            return try Response.json(try await CapacityPicture.load(request))
        }
    }
}

extension StrategyMap {
    static func load(_ request: Request, limits: Limits = Limits()) async throws -> StrategyMap {
        let data = try await request.portfolio(.strategy)
        let health = try await ReportedHealth.load(on: request.db)
        return build(from: data, health: health, limits: limits)
    }
}

extension CapacityPicture {
    /// The picture for the request's `from` and `quarters`, with shadow prices from a short optimiser run.
    static func load(_ request: Request) async throws -> CapacityPicture {
        var query = QueryParameters(request)
        let first = query.quarter("from", default: Quarter(containing: .today()))
        let count = query.integer("quarters", 1...16, default: 8)
        try query.check()
        return try await cached(from: first, quarters: count, cache: request.application.portfolioCache, on: request.db)
    }

    /// The default picture (eight quarters from this one), as the capacity page first shows it.
    static func current(on app: Application) async throws -> CapacityPicture {
        try await cached(from: Quarter(containing: .today()), quarters: 8, cache: app.portfolioCache, on: app.db)
    }

    /// Computed again only when a planning table changed: the shadow prices cost an optimiser run.
    private static func cached(from first: Quarter, quarters count: Int, cache: PortfolioCache, on database: any Database) async throws -> CapacityPicture {
        try await cache.answer("capacity \(first) \(count)", over: .all, on: database) { data in
            // Off the event loop and off the blocking pool the SQLite driver needs: the optimiser is pure CPU.
            try await Task.detached { try build(from: data, from: first, quarters: count, shadowPriceSeconds: 0.4) }.value
        }
    }
}
