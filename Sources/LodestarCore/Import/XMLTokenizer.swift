import Foundation

/// A small streaming XML reader for data files, written for what importing needs rather than for all
/// of XML: elements, text, CDATA, comments, processing instructions and the five predefined entities
/// and character references. It has no DTD processing at all, so no entity can expand and no external
/// resource is ever read; any other entity reference is an error. It checks well-formedness (matching
/// tags, one root, nothing cut off) and UTF-8, and counts lines for error messages. It is several times
/// faster than Foundation's parser on Linux, which also accepted truncated documents.
struct XMLTokenizer {
    enum Event {
        case start(name: String, line: Int)
        case end(name: String, line: Int)
    }

    struct Failure: Error {
        var line: Int
        var reason: String
    }

    /// Reads the bytes from `next` (chunks until nil); calls `event` for elements and `text` with the
    /// decoded text of each element that `wantsText` asks for.
    static func read(
        chunks next: () throws -> [UInt8]?,
        wantsText: (_ depth: Int) -> Bool,
        event: (Event) throws -> Void,
        text: (String) throws -> Void
    ) throws {
        var state = Scanner()
        while let chunk = try next() {
            try chunk.withUnsafeBufferPointer { buffer in
                for byte in buffer { try state.consume(byte, wantsText: wantsText, event: event, text: text) }
            }
        }
        try state.finish()
    }

    private struct Scanner {
        enum Mode {
            case content
            case tagOpen               // after <
            case startName, endName
            case inTag                 // attributes of a start tag
            case attributeValue(quote: UInt8)
            case emptyTagClose         // after / in a start tag
            case endTagRest
            case markup                // <! …
            case comment(dashes: Int)  // inside <!-- …, counting the dashes seen
            case cdata(brackets: Int)  // inside <![CDATA[ …
            case doctype(depth: Int)
            case instruction(question: Bool)
            case entity
        }

        var mode = Mode.content
        var line = 1
        var stack: [String] = []
        var name: [UInt8] = []
        var textBytes: [UInt8] = []
        var entityBytes: [UInt8] = []
        var markupBytes: [UInt8] = []
        var capturing = false
        var sawRoot = false
        var rootClosed = false
        var utf8Pending = 0

        mutating func consume(
            _ byte: UInt8, wantsText: (Int) -> Bool, event: (Event) throws -> Void, text: (String) throws -> Void
        ) throws {
            if byte == 0x0A { line += 1 }
            // UTF-8 is checked as it streams, so a file in another encoding fails at its first odd byte.
            if utf8Pending > 0 {
                guard byte & 0xC0 == 0x80 else { throw fail("is not UTF-8 text (an unexpected byte 0x\(hex(byte))); save it as UTF-8") }
                utf8Pending -= 1
            } else if byte >= 0x80 {
                switch byte {
                    case 0xC2...0xDF: utf8Pending = 1
                    case 0xE0...0xEF: utf8Pending = 2
                    case 0xF0...0xF4: utf8Pending = 3
                    default: throw fail("is not UTF-8 text (byte 0x\(hex(byte))); save it as UTF-8")
                }
            }
            switch mode {
                case .content:
                    if byte == UInt8(ascii: "<") {
                        mode = .tagOpen
                    } else if byte == UInt8(ascii: "&") {
                        entityBytes.removeAll(keepingCapacity: true)
                        mode = .entity
                    } else if capturing {
                        textBytes.append(byte)
                    } else if stack.isEmpty, !Self.isSpace(byte) {
                        throw fail(rootClosed ? "has text after the end of the document" : "has text before the root element; is this XML?")
                    }
                case .entity:
                    if byte == UInt8(ascii: ";") {
                        guard let scalar = Self.entity(entityBytes) else {
                            throw fail("uses the entity &\(String(decoding: entityBytes, as: UTF8.self)); which is not defined (entities are not processed)")
                        }
                        if capturing { textBytes.append(contentsOf: Array(String(scalar).utf8)) }
                        mode = .content
                    } else {
                        entityBytes.append(byte)
                        if entityBytes.count > 12 { throw fail("has an '&' that starts no entity; write it as &amp;") }
                    }
                case .tagOpen:
                    switch byte {
                        case UInt8(ascii: "/"):
                            name.removeAll(keepingCapacity: true)
                            mode = .endName
                        case UInt8(ascii: "!"):
                            markupBytes.removeAll(keepingCapacity: true)
                            mode = .markup
                        case UInt8(ascii: "?"):
                            mode = .instruction(question: false)
                        default:
                            guard Self.isNameStart(byte) else { throw fail("has a '<' that starts no element; write it as &lt;") }
                            if rootClosed { throw fail("has a second root element after the document ended") }
                            try flushText(text)
                            name.removeAll(keepingCapacity: true)
                            name.append(byte)
                            mode = .startName
                    }
                case .startName:
                    if Self.isNameByte(byte) {
                        name.append(byte)
                    } else {
                        try open(event: event, wantsText: wantsText)
                        switch byte {
                            case UInt8(ascii: ">"): mode = .content
                            case UInt8(ascii: "/"): mode = .emptyTagClose
                            default:
                                guard Self.isSpace(byte) else { throw fail("has an unexpected character in the tag <\(String(decoding: name, as: UTF8.self))") }
                                mode = .inTag
                        }
                    }
                case .inTag:
                    switch byte {
                        case UInt8(ascii: ">"): mode = .content
                        case UInt8(ascii: "/"): mode = .emptyTagClose
                        case UInt8(ascii: "\""), UInt8(ascii: "'"): mode = .attributeValue(quote: byte)
                        case UInt8(ascii: "<"): throw fail("has a tag that is not closed with '>'")
                        default: break
                    }
                case .attributeValue(let quote):
                    if byte == quote { mode = .inTag } else if byte == UInt8(ascii: "<") { throw fail("has a '<' inside an attribute value") }
                case .emptyTagClose:
                    guard byte == UInt8(ascii: ">") else { throw fail("has a '/' inside a tag that does not end it") }
                    try close(String(decoding: stackTopBytes(), as: UTF8.self), event: event, text: text)
                    mode = .content
                case .endName:
                    if Self.isNameByte(byte) {
                        name.append(byte)
                    } else {
                        let closing = String(decoding: name, as: UTF8.self)
                        guard let open = stack.last else { throw fail("closes </\(closing)> which was never opened") }
                        guard open == closing else { throw fail("closes </\(closing)> where </\(open)> was expected") }
                        try close(closing, event: event, text: text)
                        if byte == UInt8(ascii: ">") { mode = .content } else {
                            guard Self.isSpace(byte) else { throw fail("has an unexpected character in </\(closing)>") }
                            mode = .endTagRest
                        }
                    }
                case .endTagRest:
                    if byte == UInt8(ascii: ">") { mode = .content } else if !Self.isSpace(byte) { throw fail("has an unexpected character in an end tag") }
                case .markup:
                    markupBytes.append(byte)
                    if markupBytes == Array("--".utf8) {
                        mode = .comment(dashes: 0)
                    } else if markupBytes == Array("[CDATA[".utf8) {
                        try flushText(text)
                        mode = .cdata(brackets: 0)
                    } else if markupBytes.count == 7, markupBytes == Array("DOCTYPE".utf8) {
                        guard !sawRoot else { throw fail("has a DOCTYPE inside the document") }
                        mode = .doctype(depth: 0)
                    } else if markupBytes.count >= 7 {
                        throw fail("has markup '<!\(String(decoding: markupBytes, as: UTF8.self))' that is not a comment or CDATA")
                    }
                case .comment(let dashes):
                    if byte == UInt8(ascii: "-") { mode = .comment(dashes: dashes + 1) } else if byte == UInt8(ascii: ">"), dashes >= 2 { mode = .content } else { mode = .comment(dashes: 0) }
                case .cdata(let brackets):
                    if byte == UInt8(ascii: "]") {
                        mode = .cdata(brackets: brackets + 1)
                    } else if byte == UInt8(ascii: ">"), brackets >= 2 {
                        if capturing { textBytes.append(contentsOf: Array(repeating: UInt8(ascii: "]"), count: brackets - 2)) }
                        mode = .content
                    } else {
                        if capturing {
                            textBytes.append(contentsOf: Array(repeating: UInt8(ascii: "]"), count: brackets))
                            textBytes.append(byte)
                        }
                        mode = .cdata(brackets: 0)
                    }
                case .doctype(let depth):
                    // Only an internal subset's brackets are tracked; entity declarations were refused before reading.
                    if byte == UInt8(ascii: "[") { mode = .doctype(depth: depth + 1) } else if byte == UInt8(ascii: "]") { mode = .doctype(depth: max(depth - 1, 0)) } else if byte == UInt8(ascii: ">"), depth == 0 { mode = .content }
                case .instruction(let question):
                    if byte == UInt8(ascii: ">"), question { mode = .content } else { mode = .instruction(question: byte == UInt8(ascii: "?")) }
            }
        }

        private func stackTopBytes() -> [UInt8] { name }

        private mutating func open(event: (Event) throws -> Void, wantsText: (Int) -> Bool) throws {
            let element = String(decoding: name, as: UTF8.self)
            sawRoot = true
            stack.append(element)
            try event(.start(name: element, line: line))
            capturing = wantsText(stack.count)
            textBytes.removeAll(keepingCapacity: true)
        }

        private mutating func close(_ element: String, event: (Event) throws -> Void, text: (String) throws -> Void) throws {
            try flushText(text)
            stack.removeLast()
            capturing = false
            try event(.end(name: element, line: line))
            if stack.isEmpty { rootClosed = true }
        }

        private mutating func flushText(_ text: (String) throws -> Void) throws {
            guard capturing, !textBytes.isEmpty else { return }
            try text(String(decoding: textBytes, as: UTF8.self))
            textBytes.removeAll(keepingCapacity: true)
        }

        func finish() throws {
            if utf8Pending > 0 { throw fail("ends in the middle of a character") }
            if !sawRoot { throw fail("has no elements; is this XML?") }
            if let open = stack.last {
                throw fail("ends before </\(open)>: the file is cut off (\(stack.count) elements still open)")
            }
            switch mode {
                case .content: return
                default: throw fail("ends inside a tag or comment: the file is cut off")
            }
        }

        func fail(_ reason: String) -> Failure { Failure(line: line, reason: reason) }

        func hex(_ byte: UInt8) -> String { String(byte, radix: 16, uppercase: true) }

        static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

        static func isNameStart(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte >= 0x80
        }

        static func isNameByte(_ byte: UInt8) -> Bool {
            isNameStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }

        static func entity(_ bytes: [UInt8]) -> Character? {
            switch bytes {
                case Array("lt".utf8): return "<"
                case Array("gt".utf8): return ">"
                case Array("amp".utf8): return "&"
                case Array("quot".utf8): return "\""
                case Array("apos".utf8): return "'"
                default:
                    guard bytes.first == UInt8(ascii: "#") else { return nil }
                    let body = String(decoding: bytes.dropFirst(), as: UTF8.self)
                    let value = body.hasPrefix("x") ? UInt32(body.dropFirst(), radix: 16) : UInt32(body)
                    return value.flatMap(Unicode.Scalar.init).map(Character.init)
            }
        }
    }
}
