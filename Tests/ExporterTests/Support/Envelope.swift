import Foundation
import HummingbirdTesting
import NIOCore
import Testing

/// The Prometheus API envelope, decoded.
struct Envelope<Payload: Decodable>: Decodable {
    var status: String
    var data: Payload?
    var errorType: String?
    var error: String?
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func envelope<Payload: Decodable>(_: Payload.Type = Payload.self) throws -> Envelope<Payload> {
        try JSONDecoder().decode(Envelope<Payload>.self, from: Data(text.utf8))
    }

    /// The `data` of a success envelope.
    func data<Payload: Decodable>(_: Payload.Type = Payload.self) throws -> Payload {
        let envelope = try envelope(Payload.self)
        #expect(envelope.status == "success", "\(text)")
        return try #require(envelope.data)
    }
}

/// Any JSON, for asserting on keys and nulls.
typealias JSONObject = [String: JSONAny]

enum JSONAny: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONAny])
    case object([String: JSONAny])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONAny].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONAny].self))
        }
    }
}
