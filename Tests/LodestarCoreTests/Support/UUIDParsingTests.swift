import Foundation
import LodestarCore
import Testing

@Suite("Reading ids stored as text")
struct UUIDParsingTests {
    @Test func theCanonicalFormReadsAsFoundationReadsIt() {
        for _ in 0..<200 {
            let id = UUID()
            #expect(UUID(canonicalText: id.uuidString) == id)
            #expect(UUID(canonicalText: id.uuidString.lowercased()) == id)
        }
    }

    @Test(arguments: ["", "E621E1F8C36C495A93FC0C247A3E6E5F", "E621E1F8-C36C-495A-93FC-0C247A3E6E5", "E621E1F8-C36C-495A-93FC-0C247A3E6E5G",
                      "E621E1F8_C36C-495A-93FC-0C247A3E6E5F", "{621E1F8-C36C-495A-93FC-0C247A3E6E5F"])
    func anythingElseIsNotAnID(_ text: String) {
        #expect(UUID(canonicalText: text) == nil)
        #expect(UUID(uuidString: text) == nil)
    }

    @Test func orderingByKeyIsOrderingByText() {
        let ids = (0..<500).map { _ in UUID() }
        #expect(ids.sorted { $0.orderKey < $1.orderKey } == ids.sorted { $0.uuidString < $1.uuidString })
    }
}
