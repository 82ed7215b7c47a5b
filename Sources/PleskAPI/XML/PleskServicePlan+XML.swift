extension PleskServicePlan: XMLResultDecodable {
    static let xmlOperator = "service-plan"
    static let xmlKind = "service plan"

    /// From the fields directly in `result` (a plan result has no `data`); unknown elements are ignored. id, name and
    /// guid are required.
    init(xmlResult reader: XMLResultReader) throws(XMLPacketError) {
        var reader = reader
        let id = try reader.requiredID()
        let name = try reader.required("name")
        let guid = try reader.required("guid")
        let (overuse, limits) = reader.limits("limits")
        self.init(
            id: id, guid: guid, name: name, externalID: reader.optional("external-id"),
            ownerID: reader.optional("owner-id").flatMap { Int($0) }, ownerLogin: reader.optional("owner-login"),
            overuse: overuse, limits: limits)
    }
}
