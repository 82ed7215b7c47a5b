import Hummingbird
import InventoryModel

extension APIController {
    /// `GET /api/v1/targets`: every configured target, in configuration order.
    @Sendable func targets(_ request: Request, context: Context) async throws -> APIResponse<[TargetDTO]> {
        let snapshot = await status.snapshot()
        return APIResponse(
            snapshot.targets.map { target in
                TargetDTO(target, unacknowledgedChanges: snapshot.unacknowledgedChanges(target: target.name))
            })
    }

    /// `GET /api/v1/polls?target=&since=&until=&limit=`: the poll log, newest first.
    @Sendable func polls(_ request: Request, context: Context) async throws -> APIResponse<[PollDTO]> {
        let query = APIQuery(request, now: dependencies.now())
        let range = try query.timeRange()
        let limit = try query.limit()
        let polls = try await store.polls(
            target: query.string("target"), since: range.since, until: range.until, limit: limit)
        return APIResponse(polls.map(PollDTO.init))
    }

    /// `GET /api/v1/inventory?at=&target=&object=`: the objects present at `at` (default now), ordered by target
    /// and name.
    @Sendable func inventory(_ request: Request, context: Context) async throws -> APIResponse<InventoryDTO> {
        let query = APIQuery(request, now: dependencies.now())
        let at = try query.time("at")
        let kind = try query.object()
        let entries = try await store.inventory(target: query.string("target"), kind: kind, at: at)
        return APIResponse(
            InventoryDTO(
                at: TimeParameter.format(at ?? query.now),
                objects: entries.map { InventoryItemDTO(target: $0.target, entry: $0.entry) }))
    }
}
