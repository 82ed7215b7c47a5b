import ExporterConfig
import Inventory
import PleskAPI
import Notifications
import Prometheus
import InventoryModel
import Synchronization

/// The exporter's own instrumentation — polls, poll errors, poll and Plesk request durations — in a
/// swift-prometheus registry that lives as long as the process (no global metrics system).
///
/// Every series carries `target` and that target's configured `labels:`. All `result` and `reason` series exist
/// from the start (zero), so `increase()` and `rate()` work before the first failure.
public final class ExporterTelemetry: Sendable {
    let registry: PrometheusCollectorRegistry
    /// Bumped after every change to the registry, so `/metrics` can reuse its rendering between polls.
    private let changes = Atomic<UInt64>(0)
    private let targets: [String: TargetMetrics]
    /// Webhook delivery counters; nil when no webhook is configured.
    public let deliveries: DeliveryTelemetry?
    /// The pollers' shared budget, read at each scrape; nil in tests that build no runtime.
    public let budget: FullPollBudget?

    private struct TargetMetrics: Sendable {
        let labels: [(String, String)]
        let polls: [PollResult: Counter]
        let errors: [PleskAPIError.Reason: Counter]
        let duration: DurationHistogram
        let enrichmentFailures: Counter
        /// Per optional kind the target collects: failures by reason.
        let collectErrors: [ObjectKind: [PleskAPIError.Reason: Counter]]
    }

    static let pollBuckets: [Duration] = [
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5),
        .seconds(10), .seconds(30), .seconds(60), .seconds(120), .seconds(300),
    ]
    static let requestBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
        .seconds(30),
    ]

    static var polls: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "plesk", metricName: "polls", unitName: "total",
            helpText: "Polls of the target since the exporter started, by result.")
    }

    static var pollErrors: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "plesk", metricName: "poll_errors", unitName: "total",
            helpText: "Failed polls of the target since the exporter started, by failure reason.")
    }

    static var pollDuration: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "plesk", metricName: "poll_duration", unitName: "seconds",
            helpText: "Duration of polls of the target (fetch, enrichment, diff and commit).")
    }

    static var requestDuration: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "plesk", metricName: "api_request_duration", unitName: "seconds",
            helpText: "Duration of Plesk API requests (REST and XML), by endpoint (failed requests included).")
    }

    static var enrichmentFailures: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "plesk", metricName: "enrichment_failures", unitName: "total",
            helpText: "Enrichment calls (owners, domain status, client statistics) that failed; they never fail a poll."
        )
    }

    static var collectErrors: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "plesk", metricName: "collect_errors", unitName: "total",
            helpText: "Polls that could not collect an XML API kind (subscription, plan), by reason; the kind kept its"
                + " last state and the poll went on.")
    }

    public init(configuration: ExporterConfiguration, budget: FullPollBudget? = nil) {
        self.budget = budget
        let registry = PrometheusCollectorRegistry()
        var targets: [String: TargetMetrics] = [:]
        for target in configuration.targets {
            let labels = Self.labels(of: target)
            targets[target.name] = TargetMetrics(
                labels: labels,
                polls: Dictionary(
                    uniqueKeysWithValues: [PollResult.success, .failure].map { result in
                        (
                            result,
                            registry.makeCounter(descriptor: Self.polls, labels: labels + [("result", result.rawValue)])
                        )
                    }),
                errors: Dictionary(
                    uniqueKeysWithValues: PleskAPIError.Reason.allCases.map { reason in
                        (
                            reason,
                            registry.makeCounter(
                                descriptor: Self.pollErrors, labels: labels + [("reason", reason.rawValue)])
                        )
                    }),
                duration: registry.makeDurationHistogram(
                    descriptor: Self.pollDuration, labels: labels, buckets: Self.pollBuckets),
                enrichmentFailures: registry.makeCounter(descriptor: Self.enrichmentFailures, labels: labels),
                collectErrors: Dictionary(
                    uniqueKeysWithValues: target.collectedKinds.filter(\.isOptional).map { kind in
                        (
                            kind,
                            Dictionary(
                                uniqueKeysWithValues: PleskAPIError.Reason.allCases.map { reason in
                                    (
                                        reason,
                                        registry.makeCounter(
                                            descriptor: Self.collectErrors,
                                            labels: labels + [("kind", kind.rawValue), ("reason", reason.rawValue)])
                                    )
                                })
                        )
                    }))
        }
        self.registry = registry
        self.targets = targets
        let webhooks = configuration.notifications.webhooks.count
        self.deliveries = webhooks > 0 ? DeliveryTelemetry(webhooks: webhooks) : nil
    }

    /// `target` first, then the target's configured labels sorted by name.
    static func labels(of target: TargetConfiguration) -> [(String, String)] {
        [("target", target.name)] + target.labels.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Counts a finished poll.
    public func recordPoll(_ report: PollReport) {
        guard let metrics = targets[report.target] else { return }
        metrics.polls[report.succeeded ? .success : .failure]?.increment()
        if let reason = report.error?.reason {
            metrics.errors[reason]?.increment()
        }
        metrics.duration.record(.milliseconds(Int64((max(0, report.duration) * 1000).rounded())))
        for (kind, error) in report.failedKinds {
            metrics.collectErrors[kind]?[error.reason]?.increment()
        }
        if report.enrichmentFailures > 0 {
            metrics.enrichmentFailures.increment(by: Int64(report.enrichmentFailures))
        }
        changes.add(1, ordering: .releasing)
    }

    /// Records one Plesk request. Histograms per endpoint are created on first use, so endpoints a target never
    /// calls (e.g. domain status when not collected) add no series.
    public func observeRequest(target: String, endpoint: PleskEndpoint, duration: Duration) {
        let labels = targets[target]?.labels ?? [("target", target)]
        registry.makeDurationHistogram(
            descriptor: Self.requestDuration, labels: labels + [("endpoint", endpoint.rawValue)],
            buckets: Self.requestBuckets
        ).record(duration)
        changes.add(1, ordering: .releasing)
    }

    /// For ``ExporterRuntime/build(configuration:storagePath:logger:listener:requestObserver:clock:)``.
    public var requestObserver: TargetRequestObserver {
        { [self] target, endpoint, duration, _ in observeRequest(target: target, endpoint: endpoint, duration: duration)
        }
    }

    /// Appends the registry's families (in no fixed order).
    func emit(into buffer: inout [UInt8]) {
        registry.emit(into: &buffer)
    }

    /// Changes whenever the registry does; read it before ``emit(into:)`` when caching what it emits.
    var generation: UInt64 { changes.load(ordering: .acquiring) }
}
