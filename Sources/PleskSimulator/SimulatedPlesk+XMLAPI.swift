extension SimulatedPlesk {
    /// ``url`` + `/enterprise/control/agent.php`: where XML API packets go.
    public var xmlAPIURL: String { self.url + Route.xmlAPIPath }

    /// Declaration and layout of the next XML answers (see ``XMLOutput``).
    public var xmlOutput: XMLOutput {
        get { self.state.xmlOutput }
        set { self.state.xmlOutput = newValue }
    }

    /// Whether results answering an empty filter carry `filter-id` (see ``Configuration/xmlFilterIDForEmptyFilter``).
    public var xmlFilterIDForEmptyFilter: Bool {
        get { self.state.xmlFilterIDForEmptyFilter }
        set { self.state.xmlFilterIDForEmptyFilter = newValue }
    }
}
