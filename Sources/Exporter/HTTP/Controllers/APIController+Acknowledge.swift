import Foundation
import Hummingbird
import Inventory
import InventoryModel

extension APIController {
    /// The body of the acknowledge endpoints: `{"by": "alice", "comment": "expected"}`, plus `target` and `until`
    /// (RFC 3339 string, Unix seconds or a duration ago) for acknowledging many. Every field is optional.
    struct AcknowledgeBody: Decodable {
        var by: String?
        var comment: String?
        var target: String?
        var until: JSONValue?
    }

    static let defaultAcknowledger = "api"

    /// `POST /api/v1/events/{id}/ack` (admin API): acknowledges one event and returns it.
    @Sendable func acknowledgeOne(_ request: Request, context: Context) async throws -> APIResponse<AcknowledgeDTO> {
        guard dependencies.web.enableAdminAPI else { throw APIError.adminDisabled }
        let text = context.parameters.get("id") ?? ""
        guard let id = Int64(text), id >= 0 else {
            throw APIError.badData("invalid event id \"\(text)\": expected a non-negative integer")
        }
        let body = try await Self.decodeBody(request, context: context)
        guard try await store.event(id: id) != nil else { throw APIError.notFound("no event with id \(id)") }
        let count = try await dependencies.acknowledger.acknowledge(
            ids: [id], by: Self.acknowledger(body), comment: Self.comment(body), at: dependencies.now())
        await status.refreshTallies()
        guard let event = try await store.event(id: id) else { throw APIError.notFound("no event with id \(id)") }
        return APIResponse(AcknowledgeDTO(acknowledged: count, event: EventDTO(event)))
    }

    /// `POST /api/v1/events/ack` (admin API): acknowledges every unacknowledged event of `target` (default: all
    /// targets) up to `until` (default: now), optionally only of one `object` and `change` (query parameters).
    /// `target` and `until` may also be query parameters; the body wins.
    @Sendable func acknowledgeMatching(_ request: Request, context: Context) async throws
        -> APIResponse<AcknowledgeDTO>
    {
        guard dependencies.web.enableAdminAPI else { throw APIError.adminDisabled }
        let query = APIQuery(request, now: dependencies.now())
        let body = try await Self.decodeBody(request, context: context)
        let target = body.target.flatMap { $0.isEmpty ? nil : $0 } ?? query.string("target")
        // The query's `until` is checked even when the body's wins: a malformed parameter is never ignored.
        let queryUntil = try query.time("until")
        let until = try body.until.map { try Self.time($0, now: query.now) } ?? queryUntil ?? query.now
        let count = try await dependencies.acknowledger.acknowledge(
            target: target, kind: try query.object(), change: try query.change(), until: until,
            by: Self.acknowledger(body), comment: Self.comment(body), at: query.now)
        await status.refreshTallies()
        return APIResponse(AcknowledgeDTO(acknowledged: count, event: nil))
    }

    static func decodeBody(_ request: Request, context: Context) async throws -> AcknowledgeBody {
        var request = request
        // Too large a body throws an HTTPResponseError (413), which the error middleware turns into the envelope.
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        let data = Data(buffer.readableBytesView)
        guard !data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else {
            return AcknowledgeBody()
        }
        do {
            return try JSONDecoder().decode(AcknowledgeBody.self, from: data)
        } catch {
            throw APIError.badData(
                #"invalid request body: expected a JSON object like {"by": "alice", "comment": "…"}"#)
        }
    }

    static func acknowledger(_ body: AcknowledgeBody) -> String {
        let by = body.by?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return by.isEmpty ? defaultAcknowledger : by
    }

    static func comment(_ body: AcknowledgeBody) -> String? {
        guard let comment = body.comment, !comment.isEmpty else { return nil }
        return comment
    }

    private static func time(_ value: JSONValue, now: Date) throws(APIError) -> Date {
        let date: Date
        let outOfRange = APIError.badData("invalid 'until' in the body: times must be between 1970-01-01 and 9999-12-31")
        switch value {
        // Checked before they become a Date, which rounds a tiny negative to the epoch itself.
        case .int(let seconds) where seconds < 0: throw outOfRange
        case .double(let seconds) where seconds < 0: throw outOfRange
        case .int(let seconds): date = Date(timeIntervalSince1970: Double(seconds))
        case .double(let seconds) where seconds.isFinite: date = Date(timeIntervalSince1970: seconds)
        case .string(let text):
            guard let parsed = TimeParameter.parse(text, now: now) else {
                throw .badData("invalid 'until' in the body: cannot parse \"\(text)\" as a time")
            }
            date = parsed
        default:
            throw .badData("invalid 'until' in the body: expected a time string or Unix seconds")
        }
        return try APIQuery.checkRange(date, name: "'until' in the body")
    }
}
