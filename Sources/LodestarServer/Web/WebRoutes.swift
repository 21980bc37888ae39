import Vapor

enum WebRoutes {
    static func register(on app: Application) throws {}
}
