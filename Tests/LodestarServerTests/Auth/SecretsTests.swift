import Testing
@testable import LodestarServer

@Suite("Secrets")
struct SecretsTests {
    @Test("a token's digest is its SHA-256 in lowercase hex, so the hashes of tokens already issued still match")
    func digest() {
        // FIPS 180-2's test vectors.
        #expect(Secrets.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Secrets.digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("comparison is equal only for equal strings")
    func constantTimeEqual() {
        #expect(Secrets.constantTimeEqual("same", "same"))
        #expect(!Secrets.constantTimeEqual("same", "sane"))
        #expect(!Secrets.constantTimeEqual("same", "same "))
    }
}
