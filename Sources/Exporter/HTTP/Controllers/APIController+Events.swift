import Hummingbird
import InventoryModel

extension APIController {
    /// `GET /api/v1/events?target=&object=&change=&since=&until=&acknowledged=&include_baseline=&limit=&after=`:
    /// events in id order (oldest first), one page at a time.
    @Sendable func events(_ request: Request, context: Context) async throws -> APIResponse<EventPageDTO> {
        let query = APIQuery(request, now: dependencies.now())
        let range = try query.timeRange()
        let limit = try query.limit()
        let eventQuery = EventQuery(
            target: query.string("target"), kind: try query.object(), change: try query.change(),
            since: range.since, until: range.until, acknowledged: try query.bool("acknowledged"),
            includeBaseline: try query.bool("include_baseline") ?? false, after: try query.cursor("after"),
            limit: limit + 1)
        // One more than asked tells whether another page exists.
        let events = try await store.events(eventQuery)
        let page = Array(events.prefix(limit))
        let nextAfter = events.count > limit ? page.last?.id : nil
        return APIResponse(EventPageDTO(events: page.map(EventDTO.init), nextAfter: nextAfter))
    }
}
