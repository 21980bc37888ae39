import Crypto
import Foundation
import Vapor

/// Seals secrets that Lodestar must keep (a connector's API key) with AES-GCM, under a key that is not
/// in the database: `LODESTAR_SECRET_KEY` (any text; its SHA-256 is the key), or else a random key in
/// the file `LODESTAR_SECRET_KEY_FILE` (default `lodestar-secret.key` in the working directory),
/// created on first use and readable by its owner only. A stolen database alone reveals no key.
struct SecretBox: Sendable {
    let key: SymmetricKey

    init(key: SymmetricKey) { self.key = key }

    init(passphrase: String) { key = SymmetricKey(data: SHA256.hash(data: Data(passphrase.utf8))) }

    func seal(_ secret: String) throws -> String {
        guard let combined = try AES.GCM.seal(Data(secret.utf8), using: key).combined else {
            throw Abort(.internalServerError, reason: "sealing failed")
        }
        return combined.base64EncodedString()
    }

    func open(_ sealed: String) throws -> String {
        guard let data = Data(base64Encoded: sealed) else { throw Abort(.internalServerError, reason: "the sealed secret is damaged") }
        return String(decoding: try AES.GCM.open(AES.GCM.SealedBox(combined: data), using: key), as: UTF8.self)
    }

    /// The box the running server uses (tests put their own in `app.storage`).
    static func configured(for app: Application) throws -> SecretBox {
        if let box = app.storage[SecretBoxKey.self] { return box }
        let environment = ProcessInfo.processInfo.environment
        if let passphrase = environment["LODESTAR_SECRET_KEY"], !passphrase.isEmpty {
            return SecretBox(passphrase: passphrase)
        }
        let path = environment["LODESTAR_SECRET_KEY_FILE"] ?? "lodestar-secret.key"
        if let text = try? String(contentsOfFile: path, encoding: .utf8), let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), data.count == 32 {
            return SecretBox(key: SymmetricKey(data: data))
        }
        let key = SymmetricKey(size: .bits256)
        let data = key.withUnsafeBytes { Data($0) }
        guard FileManager.default.createFile(atPath: path, contents: Data(data.base64EncodedString().utf8), attributes: [.posixPermissions: 0o600]) else {
            throw Abort(.internalServerError, reason: "cannot write the secret key file \(path); set LODESTAR_SECRET_KEY")
        }
        return SecretBox(key: key)
    }
}

struct SecretBoxKey: StorageKey {
    typealias Value = SecretBox
}
