import Foundation
import LodestarCore
import ZIPFoundation

/// How a file is to be read; every field is optional so clients send only what differs.
public struct ImportOptions: Codable, Sendable, Equatable {
    /// MSPDI: `project` (the file is one initiative) or `programme` (each top-level task is one).
    public var grouping: MSPDIImporter.Grouping?
    /// MSPDI: the code of the initiative a new project becomes.
    public var code: String?
    /// Jira: `initiatives` or `milestones`.
    public var epics: JiraImporter.EpicMapping?
    public var epicLinkField: String?
    public var storyPointsField: String?
    /// CSV and Excel: your header → a documented column (e.g. `{"Project No": "code"}`).
    public var columns: [String: PortfolioTable.Column]?

    public init(
        grouping: MSPDIImporter.Grouping? = nil, code: String? = nil, epics: JiraImporter.EpicMapping? = nil,
        epicLinkField: String? = nil, storyPointsField: String? = nil, columns: [String: PortfolioTable.Column]? = nil
    ) {
        self.grouping = grouping
        self.code = code
        self.epics = epics
        self.epicLinkField = epicLinkField
        self.storyPointsField = storyPointsField
        self.columns = columns
    }
}

/// Turns a file of any supported format into an import plan.
public enum ImportReading {
    /// The largest upload accepted, and the largest single part of an .xlsx archive once unpacked.
    public static let maxFileBytes = 64 * 1024 * 1024

    public static func plan(_ format: ImportFormat, data: Data, fileName: String, options: ImportOptions = ImportOptions()) throws -> ImportPlan {
        switch format {
            case .mspdi:
                return try mspdi(options).plan(data: data, named: fileName)
            case .jira:
                return try jira(options).plan(data: data, named: fileName)
            case .csv:
                let rows = try CSVReader().rows(data, file: fileName)
                return try PortfolioTable(source: "csv", mapping: options.columns ?? [:]).plan(rows: rows, file: fileName)
            case .xlsx:
                let rows = try xlsxRows(data, fileName: fileName)
                return try PortfolioTable(source: "xlsx", mapping: options.columns ?? [:]).plan(rows: rows, file: fileName, rowWord: "row")
        }
    }

    /// Reads from a file; MS Project XML is streamed so a large plan never sits in memory as text.
    public static func plan(_ format: ImportFormat, fileAt url: URL, options: ImportOptions = ImportOptions()) throws -> ImportPlan {
        let name = url.lastPathComponent
        if format == .mspdi { return try mspdi(options).plan(fileAt: url, named: name) }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        guard size <= maxFileBytes else {
            throw ImportFailure([ImportError(FileLocation(file: name), "is \(size / 1_048_576) MB; the limit is \(maxFileBytes / 1_048_576) MB")])
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ImportFailure([ImportError(FileLocation(file: name), "cannot be read")])
        }
        return try plan(format, data: data, fileName: name, options: options)
    }

    private static func mspdi(_ options: ImportOptions) -> MSPDIImporter {
        MSPDIImporter(options: .init(grouping: options.grouping ?? .project, code: options.code?.trimmingCharacters(in: .whitespaces).nilIfEmpty))
    }

    private static func jira(_ options: ImportOptions) -> JiraImporter {
        JiraImporter(options: .init(
            epics: options.epics ?? .initiatives, epicLinkField: options.epicLinkField?.nilIfEmpty,
            storyPointsField: options.storyPointsField?.nilIfEmpty))
    }

    static func xlsxRows(_ data: Data, fileName: String) throws -> [TableRow] {
        guard data.starts(with: [0x50, 0x4B]), let archive = try? Archive(data: data, accessMode: .read) else {
            throw ImportFailure([ImportError(FileLocation(file: fileName), "is not an Excel workbook (.xlsx is a ZIP archive); save it as \"Excel Workbook\"")])
        }
        return try XLSXReader().rows(file: fileName) { path in
            guard let entry = archive[path] else { return nil }
            // A few kilobytes can unpack to gigabytes (a ZIP bomb): the declared size is checked first
            // and the extraction stops at the limit whatever the header claims.
            guard entry.uncompressedSize <= UInt64(maxFileBytes) else {
                throw ImportFailure([ImportError(FileLocation(file: fileName, element: path), "unpacks to more than \(maxFileBytes / 1_048_576) MB")])
            }
            var content = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    content.append(chunk)
                    if content.count > maxFileBytes { throw CocoaError(.fileReadTooLarge) }
                }
            } catch {
                throw ImportFailure([ImportError(FileLocation(file: fileName, element: path), "cannot be unpacked: \(error.localizedDescription)")])
            }
            return content
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
