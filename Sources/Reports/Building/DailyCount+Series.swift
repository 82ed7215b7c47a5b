import Foundation

extension DailyCount {
    /// Counts at the start, at each midnight UTC after it and before `end`, and at `end`: the start's counts moved by
    /// every addition and removal up to each point (a change at a point's exact time counts, as in the inventory).
    static func series(from start: InventoryCounts, applying changes: [ReportChange], until end: Date) -> [DailyCount] {
        var points = [DailyCount(at: start.at, domains: start.domains, clients: start.clients)]
        var domains = start.domains
        var clients = start.clients
        var pending = changes[...]
        let day: TimeInterval = 86_400
        var boundary = Date(timeIntervalSince1970: ((start.at.timeIntervalSince1970 / day).rounded(.down) + 1) * day)
        var boundaries: [Date] = []
        while boundary < end {
            boundaries.append(boundary)
            boundary = boundary.addingTimeInterval(day)
        }
        for time in boundaries + [end] where time > start.at {
            while let change = pending.first, change.at <= time {
                let delta = change.change == .added ? 1 : change.change == .removed ? -1 : 0
                switch change.kind {
                case .domain: domains += delta
                case .client: clients += delta
                case .subscription, .plan: break
                }
                pending = pending.dropFirst()
            }
            points.append(DailyCount(at: time, domains: domains, clients: clients))
        }
        return points
    }
}
