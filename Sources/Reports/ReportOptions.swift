/// What to put into a report.
public struct ReportOptions: Sendable, Hashable {
    public var period: ReportPeriod
    /// Target names; empty means every target in the database.
    public var targets: [String]
    /// How many clients the "top clients by domains" list names.
    public var topClients: Int
    /// How many subscriptions the largest and fastest-growing by disk lists name.
    public var topSubscriptions: Int

    public init(period: ReportPeriod, targets: [String] = [], topClients: Int = 10, topSubscriptions: Int = 10) {
        self.period = period
        self.targets = targets
        self.topClients = topClients
        self.topSubscriptions = topSubscriptions
    }
}
