import Foundation
import Hummingbird
import Reports

extension APIController {
    /// `GET /api/v1/report?since=&until=&target=…&format=`: the report of SPEC §10, as `plesk_exporter report`
    /// writes it. `format=json` (the default under `/api/`) answers in the envelope; markdown, csv and html answer
    /// with the raw document and its `Content-Type`. Defaults: `until` now, `since` 7 days before it, every target.
    @Sendable func report(_ request: Request, context: Context) async throws -> Response {
        let query = APIQuery(request, now: dependencies.now())
        let format = try Self.reportFormat(query)
        // ReportPeriod.resolve fills in the defaults and refuses an empty, reversed or far-future period.
        let until = try query.time("until")
        let since = try query.time("since")
        // `target` may repeat (APIQuery keeps the first value of each parameter).
        var targets: [String] = []
        for (key, value) in request.uri.queryParameters where key == "target" {
            let name = value.trimmingCharacters(in: .whitespaces)
            if !name.isEmpty && !targets.contains(name) { targets.append(name) }
        }
        let report: InventoryReport
        do {
            let period = try ReportPeriod.resolve(start: since, end: until, now: query.now)
            report = try await ReportBuilder(
                store: store, options: ReportOptions(period: period, targets: targets), findings: dependencies.findings
            ).build()
        } catch let error as ReportError {
            throw APIError.badData(error.message)
        }
        guard format != .json else {
            return try APIResponse(report).response(from: request, context: context)
        }
        return Response(
            status: .ok, headers: [.contentType: format.contentType],
            body: .init(byteBuffer: ByteBuffer(string: report.render(format))))
    }

    private static func reportFormat(_ query: APIQuery) throws(APIError) -> ReportFormat {
        guard let text = query.string("format") else { return .json }
        do {
            return try ReportFormat(parsing: text)
        } catch {
            throw .badData("invalid parameter 'format': \(error.message)")
        }
    }
}
