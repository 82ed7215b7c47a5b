import Testing

extension Tag {
    /// Suites that start many processes or load the machine on purpose (kills, load, leak hunts, faults through the
    /// whole exporter, the real alert path): `scripts/test` runs them after the others, one test at a time, since on
    /// two cores their load would turn other suites' deadlines into failures that prove nothing.
    @Tag public static var heavy: Self
    /// Suites that run the `plesk_exporter` binary: `scripts/test` runs them again against the release build.
    @Tag public static var endToEnd: Self
}
