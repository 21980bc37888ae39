import Foundation

/// One element of interest and its leaf children, as a SAX pass collects them: enough to map records
/// without holding the document (MSPDI's timephased data, most of a large file, is never kept).
public struct XMLRecord: Sendable {
    public var name: String
    public var line: Int
    /// Leaf children by element name (the last one wins).
    public var fields: [String: String] = [:]
    /// Grouped children (e.g. `PredecessorLink`, `Baseline`) with their own leaf children.
    public var groups: [(name: String, fields: [String: String])] = []

    public subscript(_ field: String) -> String? {
        guard let value = fields[field]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}

/// Streams an XML document from a file or bytes, refusing what a hostile file could use against the
/// server: a DOCTYPE that declares entities (expansion bombs) or an external DTD; the tokenizer itself
/// expands no entity and loads nothing. Records are the elements at the given paths; the document
/// itself is never held.
public struct SafeXMLReader: Sendable {
    /// Element paths (from the root, e.g. `["Project", "Tasks", "Task"]`) whose elements become records.
    public var recordPaths: [[String]]
    /// Children of a record that are groups, not leaves.
    public var groupNames: Set<String>
    /// The root's own leaf children are returned as a record named after the root.
    public var expectedRoot: String

    public init(expectedRoot: String, recordPaths: [[String]], groupNames: Set<String>) {
        self.expectedRoot = expectedRoot
        self.recordPaths = recordPaths
        self.groupNames = groupNames
    }

    /// How much of the file's start is searched for a DOCTYPE: it must come before the root element,
    /// after at most an XML declaration and comments.
    static let prologLimit = 64 * 1024

    public func read(fileAt url: URL, named name: String, record: (XMLRecord) throws -> Void) throws {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw ImportFailure([ImportError(FileLocation(file: name), "cannot be opened")])
        }
        defer { try? handle.close() }
        // The file is read in chunks: memory holds one chunk and the records, never the document.
        var first = true
        try parse(file: name, record: record) {
            let chunk = try handle.read(upToCount: 256 * 1024) ?? Data()
            if first {
                first = false
                try Self.checkProlog(chunk.prefix(Self.prologLimit), file: name)
            }
            return chunk.isEmpty ? nil : [UInt8](chunk)
        }
    }

    public func read(_ data: Data, named name: String, record: (XMLRecord) throws -> Void) throws {
        try Self.checkProlog(data.prefix(Self.prologLimit), file: name)
        var offset = 0
        try parse(file: name, record: record) {
            guard offset < data.count else { return nil }
            let end = min(offset + 256 * 1024, data.count)
            defer { offset = end }
            return [UInt8](data[data.startIndex + offset..<data.startIndex + end])
        }
    }

    /// Refuses entity declarations and external DTDs before the parser sees them.
    static func checkProlog(_ head: Data, file: String) throws {
        if head.isEmpty { throw ImportFailure([ImportError(FileLocation(file: file), "is empty")]) }
        // Latin-1 maps every byte to a character, so the search works whatever 8-bit encoding is declared;
        // UTF-16 is recognised by its byte-order mark.
        let text: String
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            text = String(data: head.prefix(head.count & ~1), encoding: .utf16) ?? ""
        } else {
            text = String(data: head, encoding: .isoLatin1) ?? ""
        }
        guard let doctype = text.range(of: "<!DOCTYPE") else { return }
        let rest = text[doctype.lowerBound...]
        let line = text[..<doctype.lowerBound].filter { $0 == "\n" }.count + 1
        if rest.contains("<!ENTITY") {
            throw ImportFailure([ImportError(
                FileLocation(file: file, line: line, element: "DOCTYPE"),
                "declares XML entities, which MS Project never writes; refused because entities can expand without bound (an entity bomb) or read other files")])
        }
        let declaration = rest.prefix(while: { $0 != ">" && $0 != "[" })
        if declaration.contains("SYSTEM") || declaration.contains("PUBLIC") {
            throw ImportFailure([ImportError(
                FileLocation(file: file, line: line, element: "DOCTYPE"),
                "refers to an external DTD, which is never loaded; MS Project files have none")])
        }
    }

    private func parse(file: String, record: (XMLRecord) throws -> Void, chunks: () throws -> [UInt8]?) throws {
        let collector = Collector(reader: self, file: file)
        do {
            try XMLTokenizer.read(
                chunks: chunks,
                wantsText: { depth in collector.wantsText(depth) },
                event: { event in
                    switch event {
                        case .start(let name, let line): try collector.start(name, line: line)
                        case .end(let name, _): try collector.end(name, emit: record)
                    }
                },
                text: { collector.text += $0 })
        } catch let failure as XMLTokenizer.Failure {
            throw ImportFailure([ImportError(FileLocation(file: file, line: failure.line, element: collector.currentPath), failure.reason)])
        }
    }

    /// Keeps the leaf children of the records being read.
    private final class Collector {
        let reader: SafeXMLReader
        let file: String
        var stack: [String] = []
        var recordDepth: Int?
        var current: XMLRecord?
        var root = XMLRecord(name: "", line: 1)
        var group: (name: String, fields: [String: String])?
        var text = ""

        init(reader: SafeXMLReader, file: String) {
            self.reader = reader
            self.file = file
        }

        var currentPath: String? { stack.isEmpty ? nil : stack.joined(separator: "/") }

        func wantsText(_ depth: Int) -> Bool {
            if let recordDepth {
                return (depth == recordDepth + 1 && group == nil) || (group != nil && depth == recordDepth + 2)
            }
            return depth == 2
        }

        func start(_ name: String, line: Int) throws {
            if stack.isEmpty {
                guard name == reader.expectedRoot else {
                    throw ImportFailure([ImportError(FileLocation(file: file, line: line, element: name),
                                                     "the root element is <\(name)>, expected <\(reader.expectedRoot)>")])
                }
                root = XMLRecord(name: name, line: line)
            }
            stack.append(name)
            text = ""
            if let depth = recordDepth {
                if stack.count == depth + 1, reader.groupNames.contains(name) { group = (name, [:]) }
            } else if reader.recordPaths.contains(stack) {
                recordDepth = stack.count
                current = XMLRecord(name: name, line: line)
            }
        }

        func end(_ name: String, emit: (XMLRecord) throws -> Void) throws {
            defer {
                stack.removeLast()
                text = ""
            }
            if let depth = recordDepth {
                if stack.count == depth {
                    if let record = current { try emit(record) }
                    current = nil
                    recordDepth = nil
                } else if stack.count == depth + 1 {
                    if let finished = group, finished.name == name {
                        current?.groups.append(finished)
                        group = nil
                    } else {
                        current?.fields[name] = text
                    }
                } else if stack.count == depth + 2, group != nil {
                    group?.fields[name] = text
                }
            } else if stack.count == 2 {
                root.fields[name] = text
            } else if stack.count == 1 {
                try emit(root)
            }
        }
    }
}
