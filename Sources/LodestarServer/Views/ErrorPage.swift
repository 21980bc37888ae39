import Plot
import Vapor

/// The page a person sees when something goes wrong: what happened and what to do next.
enum ErrorPage {
    static func response(for problem: Problem, request: Request) -> Response {
        if problem.status == .unauthorized {
            let next = request.url.path == "/" ? "" : "?next=\(request.url.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "")"
            return request.redirect(to: "/login\(next)")
        }
        let page = Layout(
            title: problem.title, caller: request.optionalCaller, area: nil,
            content: .div(
                .class("panel"),
                .h1(.text(problem.title)),
                .p(.text(problem.detail)),
                .if(!problem.issues.isEmpty, .ul(.forEach(problem.issues) { .li(.text($0.description)) })),
                .p(.a(.href("/"), .text("Back to the overview")))
            ))
        let response = page.response(status: problem.status)
        for (name, value) in problem.headers { response.headers.replaceOrAdd(name: name, value: value) }
        return response
    }
}
