/// `GET /api/v2/clients/{id}/statistics`. Counters absent on a server are nil.
public struct PleskClientStatistics: Sendable, Hashable, Codable {
    public var activeDomains: Int?
    public var subdomains: Int?
    public var diskSpace: Int?
    public var emailPostboxes: Int?
    public var emailRedirects: Int?
    public var emailResponseMessages: Int?
    public var mailingLists: Int?
    public var databases: Int?
    public var traffic: Int?
    public var trafficPrevday: Int?

    public init(
        activeDomains: Int? = nil, subdomains: Int? = nil, diskSpace: Int? = nil, emailPostboxes: Int? = nil,
        emailRedirects: Int? = nil, emailResponseMessages: Int? = nil, mailingLists: Int? = nil, databases: Int? = nil,
        traffic: Int? = nil, trafficPrevday: Int? = nil
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

    enum CodingKeys: String, CodingKey {
        case subdomains, databases, traffic
        case activeDomains = "active_domains"
        case diskSpace = "disk_space"
        case emailPostboxes = "email_postboxes"
        case emailRedirects = "email_redirects"
        case emailResponseMessages = "email_response_messages"
        case mailingLists = "mailing_lists"
        case trafficPrevday = "traffic_prevday"
    }
}
