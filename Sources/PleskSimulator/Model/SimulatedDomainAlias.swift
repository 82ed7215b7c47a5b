/// An item of a domain's `aliases` array (Plesk 18.0.42 and later).
public struct SimulatedDomainAlias: Sendable, Hashable, Identifiable {
    public var id: Int
    public var name: String
    public var asciiName: String
    public var web: Bool
    public var dns: Bool
    public var mail: Bool
    public var seoRedirect: Bool

    public init(
        id: Int,
        name: String,
        asciiName: String? = nil,
        web: Bool = true,
        dns: Bool = true,
        mail: Bool = false,
        seoRedirect: Bool = true
    ) {
        self.id = id
        self.name = name
        self.asciiName = asciiName ?? Punycode.asciiName(for: name)
        self.web = web
        self.dns = dns
        self.mail = mail
        self.seoRedirect = seoRedirect
    }
}
