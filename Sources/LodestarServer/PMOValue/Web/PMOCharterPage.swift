import Fluent
import LodestarCore
import Plot
import Vapor

/// `/pmo`: the chain from the problems the PMO exists to solve to the services that address them,
/// the KPIs that show each service works and their trends, with the gaps flagged.
enum PMOCharterPage {
    static func show(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let charter = try await PMOValueController.charter(on: request.db)
        let orphanKPIs = try await PMOValueQueries.kpis(on: request.db).filter { $0.serviceID == nil }
        let measurements = try await PMOValueQueries.kpiMeasurements(on: request.db)
        let byKPI = Dictionary(grouping: measurements, by: \.kpiID)
        let people = try await UserDirectory.load(charter.services.map(\.ownerID), on: request.db)
        let flash = request.query[String.self, at: "computed"].map { "Computed \($0) KPI value(s)." }
        return view(charter, orphanKPIs: orphanKPIs.map { PMOValueBodies.KPILine($0, measurements: byKPI[$0.id] ?? []) },
                    people: people, caller: caller, flash: flash).response()
    }

    static func view(_ charter: PMOValueBodies.Charter, orphanKPIs: [PMOValueBodies.KPILine], people: UserDirectory, caller: Caller, flash: String?) -> Layout {
        let servicesByID = Dictionary(uniqueKeysWithValues: charter.services.map { ($0.id, $0) })
        let problemsByID = Dictionary(uniqueKeysWithValues: charter.problems.map { ($0.id, $0) })
        let kpis = charter.services.flatMap(\.kpis) + orphanKPIs
        let met = kpis.filter { $0.meetsTarget == true }.count
        return Layout(
            title: "PMO value", caller: caller, area: .pmo,
            content: .group(
                .h1(.text("PMO value: charter and KPIs")),
                PMOPageParts.subnav(current: "/pmo"),
                PMOPageParts.flash(flash),
                .div(
                    .class("cards"),
                    card("\(charter.problems.count)", "Business problems the PMO exists to solve"),
                    card("\(charter.services.count)", "Services in the catalogue"),
                    card("\(met) of \(kpis.count)", "KPIs meeting their target"),
                    card("\(charter.servicesWithoutKPI.count + charter.unaddressedProblems.count)", "Gaps in the chain")
                ),
                gaps(charter, servicesByID: servicesByID, problemsByID: problemsByID),
                Components.section("Problem → service → KPI", id: "chain",
                    .if(charter.problems.isEmpty, Components.empty("No problems in the charter yet. Add them through the API (PMO problems).")),
                    .forEach(charter.problems) { problem in
                        .article(
                            .class("chain"), .id("problem-\(problem.id)"),
                            .h3(.text(problem.statement)),
                            .unwrap(problem.symptoms.isEmpty ? nil : problem.symptoms) { .p(.class("muted"), .text("Symptoms: \($0)")) },
                            .unwrap(problem.evidenceMetric.isEmpty ? nil : problem.evidenceMetric) { .p(.class("muted"), .text("Evidence: \($0)")) },
                            .if(problem.serviceIDs.isEmpty,
                                .p(.class("error"), .text("No service addresses this problem.")),
                                else: .ul(.forEach(problem.serviceIDs.compactMap { servicesByID[$0] }) { service in
                                    .li(serviceBlock(service, people: people))
                                }))
                        )
                    }),
                Components.section("KPIs", id: "kpis",
                    .if(kpis.isEmpty, Components.empty("No KPIs yet.")),
                    .div(.class("kpi-grid"), .forEach(kpis) { kpi in kpiCard(kpi) }),
                    .if(caller.isPortfolioStaff,
                        .form(
                            .class("inline"), .method(.post), .action("/pmo/kpis/compute"),
                            .input(.type(.hidden), .name("csrf"), .value(caller.csrfToken ?? "")),
                            .button(.type(.submit), .text("Compute portfolio KPIs as of today"))
                        )))
            ))
    }

    static func card(_ figure: String, _ caption: String) -> Node<HTML.BodyContext> {
        .div(.class("card"), .span(.class("figure"), .text(figure)), .span(.class("caption"), .text(caption)))
    }

    static func gaps(
        _ charter: PMOValueBodies.Charter, servicesByID: [UUID: PMOValueBodies.ServiceLine], problemsByID: [UUID: PMOValueBodies.ProblemLine]
    ) -> Node<HTML.BodyContext> {
        .if(!charter.servicesWithoutKPI.isEmpty || !charter.unaddressedProblems.isEmpty,
            .section(
                .class("panel warning"), .id("gaps"), .attribute(named: "aria-labelledby", value: "gaps-title"),
                .h2(.id("gaps-title"), .text("Gaps in the chain")),
                .ul(
                    .forEach(charter.servicesWithoutKPI.compactMap { servicesByID[$0] }) { service in
                        .li(.text("Service “\(service.name)” has no KPI: the PMO cannot show it works."))
                    },
                    .forEach(charter.unaddressedProblems.compactMap { problemsByID[$0] }) { problem in
                        .li(.text("Problem “\(problem.statement)” is addressed by no service."))
                    }
                )))
    }

    static func serviceBlock(_ service: PMOValueBodies.ServiceLine, people: UserDirectory) -> Node<HTML.BodyContext> {
        .div(
            .class("service"),
            .strong(.text(service.name)),
            .text(" answers “\(service.executiveQuestion)”"),
            .p(.class("muted"), .text("Owner: \(people.name(service.ownerID))" + (service.serviceLevel.isEmpty ? "" : " · Service level: \(service.serviceLevel)"))),
            .if(service.kpis.isEmpty,
                .p(.class("error"), .text("No KPI shows this service works.")),
                else: .ul(.forEach(service.kpis) { kpi in
                    .li(.a(.href("/pmo/kpis/\(kpi.id)"), .text(kpi.name)), .text(" — "),
                        .text(kpi.latest.map { "\(ImpactFormat.number($0.value)) \(kpi.unit) on \($0.day)" } ?? "not measured"),
                        .text(" (target \(ImpactFormat.number(kpi.target)) \(kpi.unit)) "), PMOPageParts.target(kpi.meetsTarget))
                }))
        )
    }

    static func kpiCard(_ kpi: PMOValueBodies.KPILine) -> Node<HTML.BodyContext> {
        .article(
            .class("kpi"),
            .h3(.a(.href("/pmo/kpis/\(kpi.id)"), .text(kpi.name))),
            .p(.span(.class("figure-small"), .text(kpi.latest.map { "\(ImpactFormat.number($0.value)) \(kpi.unit)" } ?? "—")), .text(" "),
               PMOPageParts.target(kpi.meetsTarget)),
            .p(.class("muted"), .text("Target \(ImpactFormat.number(kpi.target)) \(kpi.unit), \(kpi.direction.label.lowercased()) · \(kpi.source.label)")),
            PMOCharts.trend(id: "trend-\(kpi.id)", title: "\(kpi.name) over time", points: kpi.points, target: kpi.target, unit: kpi.unit,
                            width: 320, height: 140)
        )
    }

    /// `POST /pmo/kpis/compute`: the same computation as the API and the scheduler, as of today.
    static func compute(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let outcomes = try await KPIComputation.run(asOf: Day.today(), by: caller, on: request.db)
        return request.redirect(to: "/pmo?computed=\(outcomes.filter { $0.value != nil }.count)", redirectType: .normal)
    }
}
