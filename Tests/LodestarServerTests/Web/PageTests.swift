import Foundation
import LodestarCore
@testable import LodestarServer
import Testing
import VaporTesting

/// The server-rendered pages, used the way a person uses them: signed in through the login form,
/// reading pages and submitting their forms with the session cookie and CSRF token.
@Suite("Web pages")
struct PageTests {
    /// What `seed` created.
    struct Portfolio {
        var billing: UUID
        var portal: UUID
        var theme: UUID
        var objective: UUID
        var milestones: [UUID]
    }

    /// A small portfolio, created through the API as the PMO.
    static func seed(_ app: Application, _ people: Fixture) async throws -> Portfolio {
        func create(_ collection: String, _ json: String) async throws -> UUID {
            let body = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
            let response = try await app.api(.POST, "/api/v1/\(collection)", as: people.pmo, json: AnyBody(body))
            try #require(response.status == .created, "POST /api/v1/\(collection): \(response.text)")
            return try #require(response.id)
        }
        let (owner, executive) = (people.owner.id, people.executive.id)
        let theme = try await create("objectives", #"""
            {"level": "theme", "name": "Grow recurring revenue", "description": "", "weight": 3, "stage": "execution"}
            """#)
        let objective = try await create("objectives", #"""
            {"parentID": "\#(theme)", "level": "objective", "name": "Bill every customer monthly", "description": "",
             "weight": 2, "stage": "definition"}
            """#)
        let billing = try await create("initiatives", #"""
            {"code": "FIN-014", "name": "Modernise billing", "description": "Replace the batch billing engine.", "kind": "project",
             "ownerID": "\#(owner)", "sponsorID": "\#(executive)", "status": "active", "tier": "full", "currentGate": "deliver",
             "plannedStart": "2027-01-04", "plannedFinish": "2027-12-17", "capexBudget": 1250000, "opexBudget": 180000, "actualCost": 0,
             "healthOverride": "amber", "healthOverrideReason": "Vendor contract not yet signed."}
            """#)
        let portal = try await create("initiatives", #"""
            {"code": "CX-007", "name": "Self-service customer portal", "kind": "programme", "status": "proposed", "tier": "standard",
             "currentGate": "idea", "capexBudget": 400000, "opexBudget": 0, "actualCost": 0, "description": ""}
            """#)
        let milestones = [
            try await create("milestones", #"""
                {"initiativeID": "\#(billing)", "name": "Vendor selected", "baselineDate": "2027-02-26", "forecastDate": "2027-03-12"}
                """#),
            try await create("milestones", #"""
                {"initiativeID": "\#(billing)", "name": "New billing engine live", "baselineDate": "2027-06-30", "forecastDate": "2027-07-15"}
                """#),
        ]
        _ = try await create("raid-items", #"""
            {"initiativeID": "\#(billing)", "kind": "risk", "title": "Vendor API rate limits", "probability": 4, "impact": 3,
             "ownerID": "\#(owner)", "mitigation": "Batch the calls overnight.", "status": "open", "escalationLevel": "portfolio",
             "description": "", "category": "technology"}
            """#)
        _ = try await create("decisions", #"""
            {"title": "Choose the billing platform vendor", "type": "trade_off", "initiativeID": "\#(billing)",
             "decisionMakerID": "\#(executive)", "options": ["Vendor A", "Vendor B"], "requestedOn": "2026-10-01",
             "neededBy": "2026-12-15", "status": "pending", "context": "", "outcome": "", "rationale": ""}
            """#)
        _ = try await create("benefits", #"""
            {"initiativeID": "\#(billing)", "name": "Cost per invoice", "unit": "EUR", "baseline": 4.2, "target": 1.5,
             "targetDate": "2028-06-30", "direction": "decrease"}
            """#)
        _ = try await create("alignments", #"{"initiativeID": "\#(billing)", "objectiveID": "\#(objective)", "contribution": 0.6}"#)
        _ = try await create("dependencies", #"""
            {"predecessorID": "\#(billing)", "successorID": "\#(portal)", "kind": "finish_to_start", "description": ""}
            """#)
        return Portfolio(billing: billing, portal: portal, theme: theme, objective: objective, milestones: milestones)
    }

    static func expectAccessible(_ page: WebResponse, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let problems = PageHTML.accessibilityProblems(in: page.body)
        #expect(problems.isEmpty, "\(name): \(problems.joined(separator: "; "))", sourceLocation: sourceLocation)
    }

    // MARK: - Portfolio list

    @Test("the portfolio lists initiatives; status and q narrow it; a bad sort is a 422 page")
    func portfolioList() async throws {
        try await withTestApp { app, people in
            let portfolio = try await Self.seed(app, people)
            let session = try await app.signIn(people.pmo)

            let all = try await app.page(.GET, "/initiatives", session: session)
            #expect(all.status == .ok)
            Self.expectAccessible(all, "/initiatives")
            #expect(all.body.contains("Modernise billing"))
            #expect(all.body.contains("Self-service customer portal"))
            #expect(PageHTML.tags("a", in: all.body).contains { $0["href"] == "/initiatives/\(portfolio.billing)" })
            #expect(all.body.contains("2 initiatives"))

            let active = try await app.page(.GET, "/initiatives?status=active", session: session)
            #expect(active.status == .ok)
            #expect(active.body.contains("Modernise billing"))
            #expect(!active.body.contains("Self-service customer portal"))
            // The filter form shows what it filtered by.
            let statusSelect = try #require(PageHTML.elements("select", in: active.body).first { $0["name"] == "status" })
            #expect(PageHTML.tags("option", in: statusSelect.inner).first { $0["selected"] != nil }?["value"] == "active")

            let searched = try await app.page(.GET, "/initiatives?q=PORTAL", session: session)
            #expect(searched.status == .ok)
            #expect(searched.body.contains("Self-service customer portal"))
            #expect(!searched.body.contains("Modernise billing"))
            let nothing = try await app.page(.GET, "/initiatives?q=warehouse&status=active", session: session)
            #expect(nothing.body.contains("No initiative matches these filters."))

            let byNameDescending = try await app.page(.GET, "/initiatives?sort=-name", session: session)
            let portalAt = try #require(byNameDescending.body.range(of: "Self-service customer portal")?.lowerBound)
            let billingAt = try #require(byNameDescending.body.range(of: "Modernise billing")?.lowerBound)
            #expect(portalAt < billingAt)

            let badSort = try await app.page(.GET, "/initiatives?sort=bogus", session: session)
            #expect(badSort.status == .unprocessableEntity)
            #expect(badSort.headers.contentType == .html)
            #expect(badSort.body.contains("sort"))
            Self.expectAccessible(badSort, "422 page")
            #expect(try await app.page(.GET, "/initiatives?status=bogus", session: session).status == .unprocessableEntity)
        }
    }

    // MARK: - Initiative page

    @Test("the initiative page shows its milestones, RAID, decisions, benefits, alignment and dependencies")
    func initiativePage() async throws {
        try await withTestApp { app, people in
            let portfolio = try await Self.seed(app, people)
            let session = try await app.signIn(people.pmo)
            let page = try await app.page(.GET, "/initiatives/\(portfolio.billing)", session: session)
            #expect(page.status == .ok)
            Self.expectAccessible(page, "initiative page")
            let text = PageHTML.text(page.body)
            for expected in [
                "Modernise billing", "FIN-014", "Vendor selected", "New billing engine live", "Vendor API rate limits",
                "Choose the billing platform vendor", "Cost per invoice", "Bill every customer monthly", "Self-service customer portal",
            ] {
                #expect(text.contains(expected), "the page does not show \(expected)")
            }
            #expect(PageHTML.tags("a", in: page.body).contains { $0["href"] == "/objectives/\(portfolio.objective)" })
            // The PMO may edit.
            #expect(PageHTML.tags("a", in: page.body).contains { $0["href"] == "/initiatives/\(portfolio.billing)/edit" })

            let missing = try await app.page(.GET, "/initiatives/\(UUID())", session: session)
            #expect(missing.status == .notFound)
            #expect(missing.headers.contentType == .html)
            #expect(try await app.page(.GET, "/initiatives/not-an-id", session: session).status == .notFound)
        }
    }

    @Test("names are HTML-escaped: a <script> in a name never reaches the page as markup")
    func escaping() async throws {
        try await withTestApp { app, people in
            let payload = "<script>alert(1)</script>"
            var sample = InitiativeAPITests.sample(owner: people.owner.id, code: "XSS-1")
            sample.name = "\(payload) rollout"
            sample.description = "Ampersands & <b>tags</b> stay text."
            let id = try #require(try await app.api(.POST, "/api/v1/initiatives", as: people.pmo, json: sample).id)
            let session = try await app.signIn(people.pmo)

            let page = try await app.page(.GET, "/initiatives/\(id)", session: session)
            #expect(page.status == .ok)
            #expect(!page.body.contains(payload))
            #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt; rollout"))
            #expect(!page.body.contains("<b>tags</b>"))
            #expect(PageHTML.text(page.body).contains("\(payload) rollout"))

            let list = try await app.page(.GET, "/initiatives", session: session)
            #expect(!list.body.contains(payload))
            #expect(list.body.contains("&lt;script&gt;"))

            let edit = try await app.page(.GET, "/initiatives/\(id)/edit", session: session)
            #expect(edit.status == .ok)
            #expect(!edit.body.contains(payload))

            let search = try await app.page(.GET, "/initiatives?q=\(FormEncoding.escape("\"><" + "script>alert(1)</script>"))", session: session)
            #expect(search.status == .ok)
            #expect(!search.body.contains(payload))
        }
    }

    // MARK: - Edit form

    @Test("the edit form saves with the version it was read at: 303 and the change is stored")
    func editForm() async throws {
        try await withTestApp { app, people in
            let portfolio = try await Self.seed(app, people)
            let session = try await app.signIn(people.pmo)
            let id = portfolio.billing
            let edit = try await app.page(.GET, "/initiatives/\(id)/edit", session: session)
            #expect(edit.status == .ok)
            #expect(edit.body.contains("<main"))
            #expect(PageHTML.tags("html", in: edit.body).first?["lang"] == "en")
            Self.expectAccessible(edit, "edit page")
            // Every visible input has a <label for=…> matching its id.
            let inputs = PageHTML.tags("input", in: edit.body).filter { $0["type"] != "hidden" }
            let labels = Set(PageHTML.tags("label", in: edit.body).compactMap { $0["for"] })
            #expect(inputs.count >= 10)
            for input in inputs {
                #expect(input["id"].map(labels.contains) == true, "input \(input["name"] ?? "?") has no label")
            }

            let form = try #require(PageHTML.form(action: "/initiatives/\(id)/edit", in: edit.body))
            let values = PageHTML.formValues(form)
            let field = Dictionary(values, uniquingKeysWith: { first, _ in first })
            #expect(field["csrf"] == session.csrf)
            #expect(field["version"] == "1")
            #expect(field["name"] == "Modernise billing")
            #expect(field["status"] == "active")
            #expect(field["ownerID"] == people.owner.id.uuidString)
            #expect(field["plannedStart"] == "2027-01-04")

            let changed = values.map { $0.0 == "name" ? ("name", "Modernise billing & invoicing") : $0 }
            let saved = try await app.page(.POST, "/initiatives/\(id)/edit", session: session, form: changed)
            #expect(saved.status == .seeOther)
            #expect(saved.location == "/initiatives/\(id)?saved=1")
            let stored = try await app.api(.GET, "/api/v1/initiatives/\(id)", as: people.viewer)
            #expect(stored.json["name"] == .string("Modernise billing & invoicing"))
            #expect(stored.version == 2)
            // Nothing else moved.
            #expect(stored.json["capexBudget"] == .number(1_250_000))
            #expect(stored.json["plannedFinish"] == .string("2027-12-17"))
            #expect(stored.json["sponsorID"] == .string(people.executive.id.uuidString))
            let confirmation = try await app.page(.GET, "/initiatives/\(id)?saved=1", session: session)
            #expect(PageHTML.elements("p", in: confirmation.body).contains { $0["id"] == "flash" && $0.inner == "Saved." })
            #expect(PageHTML.text(confirmation.body).contains("Modernise billing & invoicing"))
            let audit = try await app.api(.GET, "/api/v1/audit?entityID=\(id)&action=update", as: people.pmo)
            #expect(audit.json["total"] == .number(1))
        }
    }

    @Test("a stale version is a 409 page that keeps the typed values; nothing is overwritten")
    func staleEdit() async throws {
        try await withTestApp { app, people in
            let portfolio = try await Self.seed(app, people)
            let session = try await app.signIn(people.pmo)
            let id = portfolio.billing
            let edit = try await app.page(.GET, "/initiatives/\(id)/edit", session: session)
            let values = PageHTML.formValues(try #require(PageHTML.form(action: "/initiatives/\(id)/edit", in: edit.body)))

            // Somebody else saves first.
            let other = try await app.api(.PATCH, "/api/v1/initiatives/\(id)", as: people.admin,
                                          json: AnyBody(.object(["capexBudget": .number(1_500_000)])), ifMatch: 1)
            #expect(other.status == .ok)

            let mine = values.map { $0.0 == "name" ? ("name", "My late rename") : $0 }
            let stale = try await app.page(.POST, "/initiatives/\(id)/edit", session: session, form: mine)
            #expect(stale.status == .conflict)
            #expect(stale.body.contains("Somebody else saved"))
            Self.expectAccessible(stale, "409 page")
            let current = try await app.api(.GET, "/api/v1/initiatives/\(id)", as: people.pmo)
            #expect(current.json["name"] == .string("Modernise billing"))
            #expect(current.json["capexBudget"] == .number(1_500_000))
            #expect(current.version == 2)

            // The form keeps what was typed and now carries the current version, so saving again works.
            let again = PageHTML.formValues(try #require(PageHTML.form(action: "/initiatives/\(id)/edit", in: stale.body)))
            let field = Dictionary(again, uniquingKeysWith: { first, _ in first })
            #expect(field["name"] == "My late rename")
            #expect(field["version"] == "2")
            let resaved = try await app.page(.POST, "/initiatives/\(id)/edit", session: session, form: again)
            #expect(resaved.status == .seeOther)
            let final = try await app.api(.GET, "/api/v1/initiatives/\(id)", as: people.pmo)
            #expect(final.json["name"] == .string("My late rename"))
            #expect(final.version == 3)
        }
    }

    @Test("an invalid date is a 422 page naming the field; nothing is saved")
    func invalidEdit() async throws {
        try await withTestApp { app, people in
            let portfolio = try await Self.seed(app, people)
            let session = try await app.signIn(people.pmo)
            let id = portfolio.billing
            let edit = try await app.page(.GET, "/initiatives/\(id)/edit", session: session)
            let values = PageHTML.formValues(try #require(PageHTML.form(action: "/initiatives/\(id)/edit", in: edit.body)))

            let badDate = values.map { field -> (String, String) in
                switch field.0 {
                    case "plannedStart": ("plannedStart", "next spring")
                    case "name": ("name", "Renamed while the date is wrong")
                    default: field
                }
            }
            let invalid = try await app.page(.POST, "/initiatives/\(id)/edit", session: session, form: badDate)
            #expect(invalid.status == .unprocessableEntity)
            Self.expectAccessible(invalid, "422 form")
            let errors = try #require(PageHTML.elements("div", in: invalid.body).first { $0["id"] == "form-errors" })
            #expect(PageHTML.text(errors.inner).contains("plannedStart"))
            #expect(PageHTML.text(errors.inner).contains("Nothing was saved"))
            let input = try #require(PageHTML.tags("input", in: invalid.body).first { $0["name"] == "plannedStart" })
            #expect(input["aria-invalid"] == "true")
            #expect(input["value"] == "next spring")

            // A rule of the initiative itself (finish before start) is named the same way.
            let backwards = values.map { $0.0 == "plannedFinish" ? ("plannedFinish", "2026-01-01") : $0 }
            let reversed = try await app.page(.POST, "/initiatives/\(id)/edit", session: session, form: backwards)
            #expect(reversed.status == .unprocessableEntity)
            #expect(PageHTML.tags("input", in: reversed.body).first { $0["name"] == "plannedFinish" }?["aria-invalid"] == "true")

            let stored = try await app.api(.GET, "/api/v1/initiatives/\(id)", as: people.pmo)
            #expect(stored.version == 1)
            #expect(stored.json["name"] == .string("Modernise billing"))
            #expect(stored.json["plannedStart"] == .string("2027-01-04"))
        }
    }

    @Test("the forms' empty choices (no sponsor, no override, any status) submit as empty, the way a browser sends them")
    func emptyChoices() async throws {
        try await withTestApp { app, people in
            // No sponsor and no health override: the edit form shows "Nobody" and "No override".
            let id = try #require(try await app.api(
                .POST, "/api/v1/initiatives", as: people.pmo, json: InitiativeAPITests.sample(owner: people.owner.id)).id)
            let session = try await app.signIn(people.pmo)
            let edit = try await app.page(.GET, "/initiatives/\(id)/edit", session: session)
            let sponsor = try #require(PageHTML.elements("select", in: edit.body).first { $0["name"] == "sponsorID" })
            let nobody = try #require(PageHTML.elements("option", in: sponsor.inner).first)
            #expect(PageHTML.text(nobody.inner) == "Nobody")
            let values = PageHTML.formValues(try #require(PageHTML.form(action: "/initiatives/\(id)/edit", in: edit.body)))
                .map { $0.0 == "name" ? ("name", "Modernise billing, phase 2") : $0 }
            let saved = try await app.page(.POST, "/initiatives/\(id)/edit", session: session, form: values)
            // An option without a value would submit its text ("Nobody"), which is not a person.
            #expect(nobody["value"] == "")
            #expect(saved.status == .seeOther, "answered \(saved.status)")
            let stored = try await app.api(.GET, "/api/v1/initiatives/\(id)", as: people.pmo)
            #expect(stored.json["name"] == .string("Modernise billing, phase 2"))
            #expect(stored.json["sponsorID"] == nil || stored.json["sponsorID"] == .null)
            #expect(stored.json["healthOverride"] == nil || stored.json["healthOverride"] == .null)

            // The portfolio's filter form, submitted with "Any status" and "Any tier".
            let list = try await app.page(.GET, "/initiatives", session: session)
            let filters = PageHTML.formValues(try #require(PageHTML.form(action: "/initiatives", in: list.body)))
                .map { $0.0 == "q" ? ("q", "billing") : $0 }
            let filtered = try await app.page(.GET, "/initiatives?\(FormEncoding.encode(filters))", session: session)
            #expect(filtered.status == .ok, "GET /initiatives?\(FormEncoding.encode(filters)) answered \(filtered.status)")
            #expect(PageHTML.text(filtered.body).contains("Modernise billing, phase 2"))
        }
    }

    // MARK: - Access

    @Test("only the PMO and the initiative's own owner may edit; a viewer sees no Edit link")
    func editAccess() async throws {
        try await withTestApp { app, people in
            let portfolio = try await Self.seed(app, people)
            let id = portfolio.billing
            let editLink = "/initiatives/\(id)/edit"
            func hasEditLink(_ page: WebResponse) -> Bool { PageHTML.tags("a", in: page.body).contains { $0["href"] == editLink } }

            let otherOwner = try await app.signIn(people.otherOwner)
            let refused = try await app.page(.GET, editLink, session: otherOwner)
            #expect(refused.status == .forbidden)
            #expect(refused.headers.contentType == .html)
            #expect(!hasEditLink(try await app.page(.GET, "/initiatives/\(id)", session: otherOwner)))
            // Posting the form anyway changes nothing.
            let pmo = try await app.signIn(people.pmo)
            let form = PageHTML.formValues(try #require(PageHTML.form(
                action: editLink, in: try await app.page(.GET, editLink, session: pmo).body)))
            let forged = form.map { field -> (String, String) in
                switch field.0 {
                    case "csrf": ("csrf", otherOwner.csrf)
                    case "name": ("name", "Taken over")
                    default: field
                }
            }
            #expect(try await app.page(.POST, editLink, session: otherOwner, form: forged).status == .forbidden)
            #expect(try await app.api(.GET, "/api/v1/initiatives/\(id)", as: people.pmo).json["name"] == .string("Modernise billing"))

            let owner = try await app.signIn(people.owner)
            #expect(try await app.page(.GET, editLink, session: owner).status == .ok)
            #expect(hasEditLink(try await app.page(.GET, "/initiatives/\(id)", session: owner)))

            let viewer = try await app.signIn(people.viewer)
            let viewerPage = try await app.page(.GET, "/initiatives/\(id)", session: viewer)
            #expect(viewerPage.status == .ok)
            #expect(!hasEditLink(viewerPage))
            #expect(try await app.page(.GET, editLink, session: viewer).status == .forbidden)

            let executive = try await app.signIn(people.executive)
            #expect(!hasEditLink(try await app.page(.GET, "/initiatives/\(id)", session: executive)))
            #expect(try await app.page(.GET, editLink, session: executive).status == .forbidden)
        }
    }

    // MARK: - Strategy

    @Test("/objectives shows the strategy tree; an objective shows what serves it")
    func objectives() async throws {
        try await withTestApp { app, people in
            let portfolio = try await Self.seed(app, people)
            let session = try await app.signIn(people.viewer)
            let tree = try await app.page(.GET, "/objectives", session: session)
            #expect(tree.status == .ok)
            Self.expectAccessible(tree, "/objectives")
            let themeLink = try #require(tree.body.range(of: "href=\"/objectives/\(portfolio.theme)\""))
            let objectiveLink = try #require(tree.body.range(of: "href=\"/objectives/\(portfolio.objective)\""))
            // The objective is nested in a list inside its theme's item.
            #expect(themeLink.upperBound < objectiveLink.lowerBound)
            let between = tree.body[themeLink.upperBound..<objectiveLink.lowerBound]
            #expect(between.contains("<ul>") && !between.contains("</li>"))
            #expect(tree.body.contains("Grow recurring revenue"))
            #expect(tree.body.contains("Bill every customer monthly"))

            let objective = try await app.page(.GET, "/objectives/\(portfolio.objective)", session: session)
            #expect(objective.status == .ok)
            Self.expectAccessible(objective, "objective page")
            let text = PageHTML.text(objective.body)
            #expect(text.contains("Modernise billing — contributes 60 %"))
            #expect(text.contains("Grow recurring revenue"), "the breadcrumb names the parent theme")
            #expect(try await app.page(.GET, "/objectives/\(UUID())", session: session).status == .notFound)
        }
    }

    // MARK: - Account

    @Test("/account/tokens creates a token whose secret is shown once, and revokes it")
    func tokens() async throws {
        try await withTestApp { app, people in
            let session = try await app.signIn(people.pmo)
            let page = try await app.page(.GET, "/account/tokens", session: session)
            #expect(page.status == .ok)
            Self.expectAccessible(page, "/account/tokens")
            #expect(PageHTML.text(page.body).contains("tests"), "the fixture's token is listed")
            #expect(!page.body.contains(people.pmo.token), "a secret is never shown again")

            // Without the CSRF token nothing is created.
            let refused = try await app.page(.POST, "/account/tokens", session: session, form: [("name", "Sneaky")])
            #expect(refused.status == .forbidden)

            let created = try await app.page(.POST, "/account/tokens", session: session,
                                             form: [("csrf", session.csrf), ("name", "Weekly export script")])
            #expect(created.status == .ok)
            let secret = try #require(PageHTML.elements("code", in: created.body).first { $0["id"] == "new-token" }?.inner)
            #expect(secret.hasPrefix("lsk_"))
            #expect(created.body.contains("will not be shown again"))
            #expect(PageHTML.text(created.body).contains("Weekly export script"))

            // The secret works as a bearer token, as its owner.
            let bearer = Fixture.Person(id: people.pmo.id, email: people.pmo.email, role: .pmo, token: secret)
            let me = try await app.api(.GET, "/api/v1/me", as: bearer)
            #expect(me.status == .ok)
            #expect(me.json["email"] == .string(people.pmo.email))

            // Shown once: the page, read again, lists the token but not its secret.
            let later = try await app.page(.GET, "/account/tokens", session: session)
            #expect(!later.body.contains(secret))
            #expect(PageHTML.text(later.body).contains("Weekly export script"))
            #expect(later.body.contains(String(secret.prefix(10))))

            // An empty name is a 422 with the reason next to the field.
            let unnamed = try await app.page(.POST, "/account/tokens", session: session, form: [("csrf", session.csrf), ("name", " ")])
            #expect(unnamed.status == .unprocessableEntity)
            #expect(PageHTML.tags("input", in: unnamed.body).first { $0["name"] == "name" }?["aria-invalid"] == "true")

            // Revoking it ends it.
            let revokeForm = PageHTML.elements("form", in: later.body).first { $0.inner.contains("Revoke Weekly export script") }
            let action = try #require(revokeForm?["action"])
            #expect(action.hasPrefix("/account/tokens/") && action.hasSuffix("/revoke"))
            let revoked = try await app.page(.POST, action, session: session, form: [("csrf", session.csrf)])
            #expect(revoked.status == .seeOther)
            #expect(revoked.location == "/account/tokens")
            #expect(try await app.api(.GET, "/api/v1/me", as: bearer).status == .unauthorized)
            #expect(try await app.api(.GET, "/api/v1/me", as: people.pmo).status == .ok, "other tokens keep working")
        }
    }

    @Test("the home page is the executive dashboard and links into each question's page")
    func overview() async throws {
        try await withTestApp { app, people in
            _ = try await Self.seed(app, people)
            let session = try await app.signIn(people.executive)
            let home = try await app.page(.GET, "/", session: session)
            #expect(home.status == .ok)
            Self.expectAccessible(home, "/")
            #expect(home.body.contains("Executive dashboard"))
            for link in ["/priorities", "/capacity", "/delivery", "/strategy", "/outcomes"] {
                #expect(PageHTML.tags("a", in: home.body).contains { $0["href"] == link }, "no link to \(link)")
            }
            let nav = try #require(PageHTML.elements("nav", in: home.body).first { $0["aria-label"] == "Main" })
            #expect(PageHTML.tags("a", in: nav.inner).first { $0["aria-current"] == "page" }?["href"] == "/")
        }
    }
}
