import FluentKit
import Testing
@testable import LodestarServer

@Suite("Model property layout")
struct ModelPropertyLayoutTests {
    @Test("Fluent's questions about a model's properties are answered from the learnt layout, the same as the Mirror's answer")
    func sameAsMirror() {
        check(InitiativeModel.self)
        check(MilestoneModel.self)
        check(DecisionModel.self)
        check(ScenarioRunModel.self)
        check(UserModel.self)
        check(SessionModel.self)
        check(APITokenModel.self)
        check(AuditEntryModel.self)
        check(JobRunModel.self)
    }

    private func check<M: Model>(_ type: M.Type, sourceLocation: SourceLocation = #_sourceLocation) {
        // Fluent's own code (here its column list) reaches the layout through the `properties` witness.
        #expect(M.keys == ModelPropertyLayout.mirroredProperties(of: M()).compactMap { ($0 as? any AnyDatabaseProperty)?.keys }.flatMap { $0 },
                sourceLocation: sourceLocation)
        #expect(ModelPropertyLayout.isLearnt(M.self), "\(M.self)", sourceLocation: sourceLocation)

        let model = M()
        let fromLayout = ModelPropertyLayout.properties(of: model)
        let fromMirror = ModelPropertyLayout.mirroredProperties(of: model)
        #expect(fromLayout != nil, "\(M.self) fell back to the Mirror", sourceLocation: sourceLocation)
        #expect(fromLayout?.count == fromMirror.count, sourceLocation: sourceLocation)
        #expect(zip(fromLayout ?? [], fromMirror).allSatisfy { $0 === $1 }, sourceLocation: sourceLocation)
    }
}
