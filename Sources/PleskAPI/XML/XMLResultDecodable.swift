/// A model read from one `<result>` of an XML API `get`.
protocol XMLResultDecodable: Sendable {
    /// The operator whose `get` lists it (`webspace`, `service-plan`).
    static var xmlOperator: String { get }
    /// The object kind named in messages.
    static var xmlKind: String { get }
    /// Decodes a result whose `status` is `ok`.
    /// - Throws: ``XMLPacketError`` (`decode`) naming the missing or malformed field and the object's id.
    init(xmlResult: XMLResultReader) throws(XMLPacketError)
    var id: Int { get }
    var guid: String { get }
}
