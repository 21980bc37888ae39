import Fluent
import Foundation
import LodestarCore
import Vapor

/// `lodestar report status`: the report of the period containing a day, in the format asked for.
public enum ReportCommands {
    public enum Format: String, CaseIterable, Sendable {
        case markdown, json, html
    }

    /// The period's final stored report, or a new version built now (kept, like every build).
    public static func statusReport(_ app: Application, day: Day, format: Format, rebuild: Bool = false) async throws -> String {
        let model = try await StatusReports.forDay(day, by: "command line", rebuild: rebuild, on: app.db)
        switch format {
            case .markdown:
                return try model.report.markdown
            case .json:
                let encoder = JSONEncoder.api
                return String(decoding: try encoder.encode(try StoredStatusReport(model)), as: UTF8.self)
            case .html:
                // A file opened on its own has no server to fetch the stylesheet from, so it carries it.
                let html = try StatusReportPages.document(model, caller: nil).html.render()
                return html.replacingOccurrences(
                    of: "<link rel=\"stylesheet\" href=\"/assets/lodestar.css\"/>", with: "<style>\(Stylesheet.css)</style>")
                    .replacingOccurrences(of: "<link rel=\"stylesheet\" href=\"/assets/lodestar.css\">", with: "<style>\(Stylesheet.css)</style>")
        }
    }
}
