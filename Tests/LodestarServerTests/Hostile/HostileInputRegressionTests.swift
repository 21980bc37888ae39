import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

/// What schemathesis found, kept as the specific requests that showed it.
@Suite("Hostile input: what schemathesis found")
struct HostileInputRegressionTests {
    @Test("Absurd but valid money (a budget of 2e-16, a cost of 3e16) no longer crashes the server when health is assessed")
    func extremeRatiosAreReportedNotTrapped() async throws {
        try await withTestApp { app, people in
            // given: the initiative schemathesis stored, an overrun of 1.5e34 %
            let id = try await createInitiative(app, people)
            let patched = try await app.api(.PATCH, apiPath("initiatives", id), as: people.pmo,
                                            json: patchBody(["capexBudget": .number(5.4e-305), "opexBudget": .number(2.220446049250313e-16),
                                                             "actualCost": .number(3.2497680394493e16)]), ifMatch: 1)
            #expect(patched.status == .ok, "\(patched.text)")

            // when: a status report assesses every initiative's health (this trapped converting the percentage to Int)
            let report = try await app.api(.POST, "/api/v1/status-reports", as: people.pmo, json: ["period": Day.today()])

            // then: it is built, and the overrun is stated in words
            #expect(report.status == .created, "\(report.text)")
            let health = try await app.api(.GET, "/api/v1/initiatives/\(id)/health", as: people.pmo)
            #expect(health.text.contains("Actual cost is 1.46e+34 % over budget"), "\(health.text)")
            let dashboard = try await app.api(.GET, "/api/v1/dashboard", as: people.viewer)
            #expect(dashboard.status == .ok)
        }
    }

    @Test("Whole numbers and percentages of any size read as text without trapping")
    func wholeTextOfAnyDouble() {
        #expect(2.5.wholeText == "3")
        #expect((-2.4).wholeText == "-2")
        #expect(1.46e34.wholeText == "1.46e+34")
        #expect(Double.infinity.wholeText == "∞")
        #expect(Double.nan.wholeText == "?")
        #expect(0.256.percentText == "26 %")
        #expect(1e300.percentText == "1.00e+302 %")
    }

    @Test("CSV exports are documented as text/csv, and served as such")
    func csvExportsAreDocumented() async throws {
        try await withTestApp { app, people in
            let document = try await app.api(.GET, "/openapi.json", as: nil)
            let ok = document.json["paths"]?["/api/v1/exports/initiatives"]?["get"]?["responses"]?["200"]?["content"]
            #expect(ok?["text/csv"] != nil, "\(ok?.jsonText ?? "no 200 response")")
            #expect(ok?["application/json"] != nil)
            let csv = try await app.api(.GET, "/api/v1/exports/initiatives?format=csv", as: people.viewer)
            #expect(csv.status == .ok)
            #expect(csv.headers.contentType?.subType == "csv")
        }
    }

    @Test("If-Match is documented as the versions the server reads, so a documented value is never refused as malformed")
    func ifMatchIsDocumentedAsAVersion() async throws {
        try await withTestApp { app, people in
            let document = try await app.api(.GET, "/openapi.json", as: nil)
            let parameters = document.json["paths"]?["/api/v1/initiatives/{id}"]?["patch"]?["parameters"]?.elements ?? []
            let pattern = try #require(parameters.first { $0["name"]?.stringValue == "If-Match" }?["schema"]?["pattern"]?.stringValue)
            let id = try await createInitiative(app, people)
            // Versions 1 then 2 in two of the accepted forms, then two malformed ones.
            for (header, status) in [("W/\"1\"", HTTPResponseStatus.ok), ("02", .ok), ("abc", .badRequest), ("\"0\"", .badRequest)] {
                #expect((header.range(of: pattern, options: .regularExpression) != nil) == (status == .ok), "\(header) against \(pattern)")
                let response = try await app.api(.PATCH, apiPath("initiatives", id), as: people.pmo, json: patchBody(["name": .string("Renamed")]),
                                                 headers: ["If-Match": header])
                #expect(response.status == status, "If-Match: \(header): \(response.text)")
            }
        }
    }
}
