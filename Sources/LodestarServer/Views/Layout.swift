import LodestarCore
import Plot
import Vapor

/// The areas of the app shown in the navigation; an area appears only once it is built.
enum NavArea: String, CaseIterable, Sendable {
    case home, strategy, priorities, capacity, scenarios, portfolio, delivery, outcomes, reports, account

    var title: String {
        switch self {
            case .home: "Dashboard"
            case .strategy: "Strategy"
            case .priorities: "Priorities"
            case .capacity: "Capacity"
            case .scenarios: "Scenarios"
            case .portfolio: "Portfolio"
            case .delivery: "Delivery"
            case .outcomes: "Outcomes"
            case .reports: "Reports"
            case .account: "Account"
        }
    }

    var path: String {
        switch self {
            case .home: "/"
            case .strategy: "/strategy"
            case .priorities: "/priorities"
            case .capacity: "/capacity"
            case .scenarios: "/scenarios"
            case .portfolio: "/initiatives"
            case .delivery: "/delivery"
            case .outcomes: "/outcomes"
            case .reports: "/reports"
            case .account: "/account/tokens"
        }
    }
}

/// The frame of every page: skip link, header with navigation, main landmark, footer.
struct Layout {
    var title: String
    var caller: Caller?
    var area: NavArea?
    var content: Node<HTML.BodyContext>

    var html: HTML {
        HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", text: "\(title) · Lodestar"),
                .link(.rel(.stylesheet), .href("/assets/lodestar.css"))
            ),
            .body(
                .a(.class("skip"), .href("#main"), .text("Skip to content")),
                .header(
                    .class("site"),
                    .a(.class("brand"), .href("/"), .text("Lodestar")),
                    .unwrap(caller) { caller in
                        .group(
                            .nav(
                                .attribute(named: "aria-label", value: "Main"),
                                .ul(.forEach(NavArea.allCases) { item in
                                    .li(.a(
                                        .href(item.path), .text(item.title),
                                        .if(item == area, .attribute(named: "aria-current", value: "page"))))
                                })
                            ),
                            .form(
                                .class("signout"), .method(.post), .action("/logout"),
                                .span(.class("who"), .text("\(caller.name) (\(caller.role.label))")),
                                .input(.type(.hidden), .name("csrf"), .value(caller.csrfToken ?? "")),
                                .button(.type(.submit), .text("Sign out"))
                            )
                        )
                    }
                ),
                .main(.id("main"), content),
                .footer(.class("site"), .text("Lodestar \(LodestarVersion.current)"))
            )
        )
    }

    func response(status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: status, headers: headers, body: .init(string: html.render()))
    }
}
