import Foundation

/// Lines of the `"key": "…"` members of a JSON document, so errors about an issue can name its line;
/// JSONSerialization keeps no positions.
struct LineIndex {
    private var lines: [String: Int] = [:]

    init(_ data: Data) {
        let pattern = Array(#""key""#.utf8)
        var line = 1
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\n") {
                    line += 1
                } else if byte == UInt8(ascii: "\""), index + pattern.count < count,
                          (0..<pattern.count).allSatisfy({ bytes[index + $0] == pattern[$0] }) {
                    var cursor = index + pattern.count
                    while cursor < count, [UInt8(ascii: " "), UInt8(ascii: ":"), UInt8(ascii: "\t")].contains(bytes[cursor]) { cursor += 1 }
                    if cursor < count, bytes[cursor] == UInt8(ascii: "\"") {
                        let start = cursor + 1
                        var end = start
                        while end < count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\n") { end += 1 }
                        let value = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                        if lines[value] == nil { lines[value] = line }
                        index = end
                        continue
                    }
                }
                index += 1
            }
        }
    }

    func line(ofKey key: String) -> Int? { lines[key] }
}
