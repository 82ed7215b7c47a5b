import Foundation

/// A CSV file on disk (`expected[].file`): a billing system's export, copied or mounted where the exporter runs.
public struct CSVFileSource: ExpectedSource {
    public let name: String
    public let path: String
    public let columns: ColumnMapping
    /// A file larger than this is refused rather than read (a wrong path pointing at a log, say).
    public let maxBytes: Int

    public init(name: String, path: String, columns: ColumnMapping = ColumnMapping(), maxBytes: Int = 256 << 20) {
        self.name = name
        self.path = path
        self.columns = columns
        self.maxBytes = maxBytes
    }

    public func changeToken() async -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return "missing" }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
        return "\(inode):\(size):\(modified)"
    }

    public func read() async throws(ExpectedSourceError) -> [ExpectedRow] {
        let data: Data
        do {
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
            guard size <= maxBytes else {
                throw ExpectedSourceError(
                    reason: .unreadable, source: name, detail: "\(path) is \(size) bytes, over the \(maxBytes)-byte limit")
            }
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as ExpectedSourceError {
            throw error
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
            throw ExpectedSourceError(reason: .unreadable, source: name, detail: "cannot read \(path): \(reason)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ExpectedSourceError(reason: .malformed, source: name, detail: "\(path) is not UTF-8 text")
        }
        return try CSVExpectedReader(source: name, origin: path, columns: columns).read(text)
    }
}
