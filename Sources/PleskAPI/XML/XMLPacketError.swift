/// Why an XML API answer cannot be used, classified as the client reports it (target, endpoint and HTTP status are
/// added by the client).
///
/// `detail` names elements, fields, object ids and Plesk's `errcode`/`errtext` (cut short), never other values of the
/// body: a body may hold customer data.
public struct XMLPacketError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `decode` for a body that is not the packet expected; `auth`, `refused` or `api` for an error Plesk reported.
    public var reason: PleskAPIError.Reason
    /// The XML API's `errcode`, when Plesk reported one.
    public var pleskCode: Int?
    public var detail: String
    /// "Plesk error N: errtext", when Plesk reported an error (for a non-2xx answer that carries a `system` packet).
    var pleskMessage: String?

    public init(reason: PleskAPIError.Reason, pleskCode: Int? = nil, detail: String) {
        self.reason = reason
        self.pleskCode = pleskCode
        self.detail = detail
    }

    public var description: String { "\(reason.rawValue): \(detail)" }

    static func decode(_ detail: String) -> XMLPacketError {
        XMLPacketError(reason: .decode, detail: detail)
    }
}

extension XMLPacketError {
    /// The class of a `system` error code. Matched on the code only: `errtext` is in the panel's language.
    static func reason(forSystemCode code: Int?) -> PleskAPIError.Reason {
        switch code {
        case 1001, 11003, 1029: .auth
        case 1006: .refused
        default: .api
        }
    }

    /// What the operator can do about a `system` error, by code.
    static func advice(forSystemCode code: Int?) -> String? {
        switch code {
        case 1001: "wrong login or password"
        case 11003: "the secret key was rejected: a wrong key, or one bound to another IP address than the exporter's"
        case 1029: "Plesk found no credentials it accepts (KEY, or HTTP_AUTH_LOGIN and HTTP_AUTH_PASSWD)"
        case 1006: refusedAdvice
        case 1014: "Plesk could not parse the request (an API version that does not know it?)"
        default: nil
        }
    }

    /// What to change on the Plesk side when the XML API refuses the exporter.
    static let refusedAdvice =
        "the XML API is switched off or refuses this address: allow the exporter's IP address under Tools & Settings ›"
        + " Restrict Access via API (panel.ini [api] allowedIPs), or enable the API (panel.ini [api] enabled = on)"

    /// Plesk's `errtext` as shown in a message: whitespace collapsed, at most 200 characters.
    static func brief(_ text: String) -> String {
        let collapsed = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
        return collapsed.count > 200 ? String(collapsed.prefix(200)) + "…" : collapsed
    }

    /// "Plesk error N: text" (either part may be missing).
    static func pleskMessage(code: Int?, text: String?) -> String {
        let head = code.map { "Plesk error \($0)" } ?? "Plesk error without a code"
        guard let text, !text.isEmpty else { return head }
        return "\(head): \(brief(text))"
    }

    /// An element name as shown in a message: printable ASCII, at most 40 characters.
    static func shown(_ name: some Sequence<UInt8>) -> String {
        var text = ""
        for byte in name {
            if text.count == 40 {
                text += "…"
                break
            }
            text.append(byte >= 0x21 && byte < 0x7F ? Character(UnicodeScalar(byte)) : "?")
        }
        return text
    }
}
