import Foundation

extension URL {
    /// Scheme, host and port only (`/…` when there is a path): hook and export URLs often carry a token in
    /// their path or query, so this is the only form of them that reaches logs and `check-config`.
    var redactedForDisplay: String {
        var text = "\(scheme ?? "?")://\(host ?? "?")"
        if let port { text += ":\(port)" }
        if !path.isEmpty && path != "/" { text += "/…" }
        return text
    }
}
