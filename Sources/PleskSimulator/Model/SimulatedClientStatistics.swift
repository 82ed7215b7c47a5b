/// The body of `GET /clients/{id}/statistics` (all integers).
public struct SimulatedClientStatistics: Sendable, Hashable {
    public var activeDomains: Int
    public var subdomains: Int
    public var diskSpace: Int
    public var emailPostboxes: Int
    public var emailRedirects: Int
    public var emailResponseMessages: Int
    public var mailingLists: Int
    public var databases: Int
    public var traffic: Int
    public var trafficPrevday: Int

    public init(
        activeDomains: Int = 0,
        subdomains: Int = 0,
        diskSpace: Int = 0,
        emailPostboxes: Int = 0,
        emailRedirects: Int = 0,
        emailResponseMessages: Int = 0,
        mailingLists: Int = 0,
        databases: Int = 0,
        traffic: Int = 0,
        trafficPrevday: Int = 0
    ) {
        self.activeDomains = activeDomains
        self.subdomains = subdomains
        self.diskSpace = diskSpace
        self.emailPostboxes = emailPostboxes
        self.emailRedirects = emailRedirects
        self.emailResponseMessages = emailResponseMessages
        self.mailingLists = mailingLists
        self.databases = databases
        self.traffic = traffic
        self.trafficPrevday = trafficPrevday
    }
}
