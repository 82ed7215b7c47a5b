import Foundation
import Hummingbird
import InventoryModel

extension APIController {
    /// `GET /api/v1/reconciliation?target=&kind=&since=&until=`: the billing sources, the open findings, and with
    /// `since` or `until` the findings open at some time in that period. 404 when no source is configured.
    @Sendable func reconciliation(_ request: Request, context: Context) async throws -> APIResponse<ReconciliationDTO> {
        guard let findings = dependencies.findings else {
            throw APIError.notFound("reconciliation is not configured (no expected: sources)")
        }
        let query = APIQuery(request, now: dependencies.now())
        let (since, until) = try query.timeRange()
        let kind = try query.findingKind()
        let target = query.string("target")
        let open = try await findings.findings(FindingQuery(openOnly: true, target: target, kind: kind))
        var history: [FindingDTO]?
        if since != nil || until != nil {
            history = try await findings.findings(
                FindingQuery(openOnly: false, target: target, kind: kind, since: since, until: until)
            ).map(FindingDTO.init)
        }
        return APIResponse(
            ReconciliationDTO(
                sources: try await findings.expectedSources().map(ExpectedSourceDTO.init),
                open: open.map(FindingDTO.init), history: history))
    }

    /// `POST /api/v1/reconciliation/{id}/ack` (admin API): acknowledges one open finding and returns it; its
    /// `plesk_reconcile_finding_info` series goes at the next evaluation.
    @Sendable func acknowledgeFinding(_ request: Request, context: Context) async throws -> APIResponse<FindingDTO> {
        guard dependencies.web.enableAdminAPI else { throw APIError.adminDisabled }
        guard let writer = dependencies.findingAcknowledger else {
            throw APIError.notFound("reconciliation is not configured (no expected: sources)")
        }
        let text = context.parameters.get("id") ?? ""
        guard let id = Int64(text), id >= 0 else {
            throw APIError.badData("invalid finding id \"\(text)\": expected a non-negative integer")
        }
        let body = try await Self.decodeBody(request, context: context)
        guard
            let record = try await writer.acknowledgeFinding(
                id: id, by: Self.acknowledger(body), comment: Self.comment(body), at: dependencies.now())
        else { throw APIError.notFound("no open finding with id \(id)") }
        await status.findingAcknowledged(record)
        return APIResponse(FindingDTO(record))
    }
}
