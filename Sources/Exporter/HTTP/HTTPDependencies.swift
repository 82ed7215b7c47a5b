import Foundation
import InventoryModel

/// What the HTTP handlers read from and write to.
public struct HTTPDependencies: Sendable {
    public var status: ExporterStatus
    /// Everything the handlers read: on its own connection, so a page never waits behind a poll's commit.
    public var history: any HistoryReader
    /// Acknowledgements, the one write the API makes.
    public var acknowledger: any EventAcknowledger
    /// The exporter's own instrumentation, appended to `/metrics`; nil leaves it out.
    public var telemetry: ExporterTelemetry?
    public var web: WebSettings
    /// The `--web.config.file` in force (TLS, basic-auth users); nil serves plain HTTP to anyone.
    public var security: ReloadableWebSecurity?
    /// Checks basic-auth passwords (bcrypt); the router caches its successes.
    public var passwordVerifier: any PasswordVerifier
    /// Reconciliation findings and sources, read on the readers' connection; nil without `expected:` sources.
    public var findings: (any ReconciliationStore)?
    /// Where a finding is acknowledged (the writer's connection).
    public var findingAcknowledger: (any ReconciliationStore)?
    /// "Now" for relative times and defaults (`since=7d`, `until`, `at`); injected so tests are deterministic.
    public var now: @Sendable () -> Date

    public init(
        status: ExporterStatus, history: any HistoryReader, acknowledger: any EventAcknowledger,
        telemetry: ExporterTelemetry? = nil,
        web: WebSettings = WebSettings(), security: ReloadableWebSecurity? = nil,
        passwordVerifier: any PasswordVerifier = BcryptPasswordVerifier(),
        findings: (any ReconciliationStore)? = nil, findingAcknowledger: (any ReconciliationStore)? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.findings = findings
        self.findingAcknowledger = findingAcknowledger
        self.status = status
        self.history = history
        self.acknowledger = acknowledger
        self.telemetry = telemetry
        self.web = web
        self.security = security
        self.passwordVerifier = passwordVerifier
        self.now = now
    }
}
