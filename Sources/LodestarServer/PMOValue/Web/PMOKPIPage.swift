import Fluent
import LodestarCore
import Plot
import Vapor

/// `/pmo/kpis/{id}`: one KPI's trend against its target, its measurements as a table, and (for the
/// PMO) a form to record a measurement by hand.
enum PMOKPIPage {
    struct Model {
        var kpi: Record<PMOKPI>
        var service: String?
        var measurements: [KPIMeasurement]
        var values: [String: String]
        var errors: [String: String]
        var flash: String?
    }

    static func query(_ id: UUID, on database: any Database) async throws -> Model {
        guard let kpi = try await PMOKPIModel.find(id, on: database) else { throw Problem.notFound("PMO KPI \(id)") }
        let service = try await kpi.serviceID.asyncMap { try await PMOServiceModel.find($0, on: database)?.name }
        let measurements = try await KPIMeasurementModel.query(on: database).filter(\.$kpiID == id).sort(\.$measuredOn).all().map(\.fields)
        return Model(kpi: kpi.record, service: service ?? nil, measurements: measurements,
                     values: ["measuredOn": Day.today().description], errors: [:], flash: nil)
    }

    static func show(_ request: Request) async throws -> Response {
        let caller = try request.caller
        var model = try await query(try request.idParameter(), on: request.db)
        if request.query[String.self, at: "saved"] != nil { model.flash = "Measurement saved." }
        return view(model, caller: caller).response()
    }

    static func view(_ model: Model, caller: Caller) -> Layout {
        let kpi = model.kpi
        let trend = KPITrend(kpi: kpi.fields, measurements: model.measurements)
        func error(_ name: String) -> String? { model.errors[name] }
        return Layout(
            title: kpi.name, caller: caller, area: .pmo,
            content: .group(
                .nav(.class("crumbs"), .attribute(named: "aria-label", value: "Breadcrumb"), .a(.href("/pmo"), .text("PMO value")), .text(" / KPI")),
                .h1(.id("kpi-name"), .text(kpi.name)),
                PMOPageParts.flash(model.flash),
                .p(PMOPageParts.target(trend.meetsTarget), .text(" "),
                   .span(.class("muted"), .text("Target \(ImpactFormat.number(kpi.target)) \(kpi.unit), \(kpi.direction.label.lowercased()). \(kpi.source.label)."
                        + (model.service.map { " Shows the value of the service “\($0)”." } ?? "")))),
                .unwrap(kpi.description.isEmpty ? nil : kpi.description) { .p(.text($0)) },
                Components.section("Trend", id: "trend",
                    PMOCharts.trend(id: "kpi-chart", title: "\(kpi.name) over time", points: trend.points, target: kpi.target, unit: kpi.unit),
                    .div(.class("table-wrap"), .table(
                        .caption(.text("Measurements of \(kpi.name) (\(kpi.unit))")),
                        .thead(.tr(PMOPageParts.columnHeader("Day"), PMOPageParts.columnHeader("Value", numeric: true),
                                   PMOPageParts.columnHeader("Target met"), PMOPageParts.columnHeader("Note"))),
                        .tbody(.forEach(Array(model.measurements.reversed())) { measurement in
                            .tr(PMOPageParts.rowHeader(.text(measurement.measuredOn.description)),
                                PMOPageParts.number(measurement.value, decimals: 2),
                                .td(.text(kpi.direction.meets(measurement.value, target: kpi.target) ? "yes" : "no")),
                                .td(.text(measurement.note)))
                        })
                    ))),
                .if(caller.isPortfolioStaff, Components.section("Record a measurement", id: "record",
                    PMOPageParts.errorSummary(model.errors),
                    .form(
                        .class("edit"), .method(.post), .action("/pmo/kpis/\(kpi.id)/measurements"),
                        .input(.type(.hidden), .name("csrf"), .value(caller.csrfToken ?? "")),
                        Components.field("Day", name: "measuredOn", value: model.values["measuredOn"] ?? "", type: .date, error: error("measuredOn"), required: true),
                        Components.field("Value (\(kpi.unit))", name: "value", value: model.values["value"] ?? "", type: .number, error: error("value"), required: true, step: "any"),
                        Components.field("Note", name: "note", value: model.values["note"] ?? "", error: error("note"), hint: "Where the number comes from."),
                        .div(.class("actions"), .button(.type(.submit), .class("primary"), .text("Save measurement")))
                    )))
            ))
    }

    /// `POST /pmo/kpis/{id}/measurements`: saved → back to the KPI; invalid → the form again with the reasons.
    static func record(_ request: Request) async throws -> Response {
        let caller = try request.caller
        let id = try request.idParameter()
        let form = try request.content.decode([String: String].self)
        var model = try await query(id, on: request.db)
        model.values = form
        var issues: [FieldIssue] = []
        let day = Day(form["measuredOn"]?.trimmingCharacters(in: .whitespaces) ?? "")
        if day == nil { issues.append(FieldIssue("measuredOn", "must be a date such as 2027-03-31")) }
        let value = Double(form["value"]?.trimmingCharacters(in: .whitespaces) ?? "")
        if value == nil || !(value!.isFinite) { issues.append(FieldIssue("value", "must be a number")) }
        do {
            if !issues.isEmpty { throw Problem.validation(issues) }
            _ = try await EntityStore<KPIMeasurementModel>(caller: caller, database: request.db)
                .create(KPIMeasurement(kpiID: id, measuredOn: day!, value: value!, note: form["note"] ?? ""))
        } catch let problem as Problem where problem.status == .unprocessableEntity {
            model.errors = problem.fieldErrors
            return view(model, caller: caller).response(status: .unprocessableEntity)
        }
        return request.redirect(to: "/pmo/kpis/\(id)?saved=1", redirectType: .normal)
    }
}
