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
    /// "Now" for relative times and defaults (`since=7d`, `until`, `at`); injected so tests are deterministic.
    public var now: @Sendable () -> Date

    public init(
        status: ExporterStatus, history: any HistoryReader, acknowledger: any EventAcknowledger,
        telemetry: ExporterTelemetry? = nil,
        web: WebSettings = WebSettings(), security: ReloadableWebSecurity? = nil,
        passwordVerifier: any PasswordVerifier = BcryptPasswordVerifier(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
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
