import Inventory
import Notifications

/// The whole `/metrics` body: inventory series from the status snapshot, the exporter's own instrumentation,
/// `plesk_exporter_build_info` and the `process_*` metrics.
public enum MetricsExposition {
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    public static func render(_ snapshot: StatusSnapshot, telemetry: ExporterTelemetry?) -> [UInt8] {
        inventoryPart(snapshot) + instrumentationPart(telemetry) + livePart(telemetry: telemetry)
    }

    /// What changes only with the status (once per poll, or on an acknowledgement): the inventory series and the
    /// build info. ``MetricsCache`` renders it once per change.
    static func inventoryPart(_ snapshot: StatusSnapshot) -> [UInt8] {
        var text = MetricsText(reservingCapacity: 16 * 1024)
        InventoryMetrics.write(snapshot, into: &text)
        text.family(
            "plesk_exporter_build_info", type: .gauge,
            help: "A metric with a constant '1' value labeled by version, revision and Swift version of the build.")
        text.sample(
            "plesk_exporter_build_info",
            [
                ("version", BuildInfo.version), ("revision", BuildInfo.revision),
                ("swift_version", BuildInfo.swiftVersion),
            ], 1)
        return text.bytes
    }

    /// The exporter's own instrumentation (poll and request counters and histograms): it changes during polls only,
    /// and ``MetricsCache`` renders it once per change.
    static func instrumentationPart(_ telemetry: ExporterTelemetry?) -> [UInt8] {
        var bytes: [UInt8] = []
        telemetry?.emit(into: &bytes)
        return bytes
    }

    /// What changes by itself and is rendered per scrape: webhook deliveries and the `process_*` metrics.
    static func livePart(telemetry: ExporterTelemetry?) -> [UInt8] {
        var text = MetricsText(reservingCapacity: 4 * 1024)
        if let deliveries = telemetry?.deliveries { writeDeliveries(deliveries.snapshot, into: &text) }
        if let budget = telemetry?.budget { writeBudget(budget, into: &text) }
        ProcessMetrics.sample()?.write(into: &text)
        return text.bytes
    }

    /// The polls that read every object (baselines, catch-up) and the memory they share (``FullPollBudget``).
    private static func writeBudget(_ full: FullPollBudget, into text: inout MetricsText) {
        let budget = full.snapshot
        if let memoryLimit = full.memoryLimit {
            text.family(
                "plesk_exporter_memory_limit_bytes", type: .gauge,
                help: "The resident memory the exporter plans for: global.memory_limit, else the cgroup's limit, else 1GiB.")
            text.sample("plesk_exporter_memory_limit_bytes", [], Double(memoryLimit))
        }
        text.family(
            "plesk_exporter_full_poll_budget_bytes", type: .gauge,
            help: "Memory that polls reading every object (baselines, catch-up) may reserve together: half the memory limit.")
        text.sample("plesk_exporter_full_poll_budget_bytes", [], Double(budget.capacityBytes))
        text.family(
            "plesk_exporter_full_poll_reserved_bytes", type: .gauge,
            help: "Memory reserved by the polls reading every object that run now (estimated from their object counts).")
        text.sample("plesk_exporter_full_poll_reserved_bytes", [], Double(budget.reservedBytes))
        text.family(
            "plesk_exporter_full_polls", type: .gauge,
            help: "Polls reading every object: running, and waiting for a share of the budget (unchanged polls never wait).")
        text.sample("plesk_exporter_full_polls", [("state", "running")], Double(budget.running))
        text.sample("plesk_exporter_full_polls", [("state", "waiting")], Double(budget.waiting))
        text.family(
            "plesk_exporter_full_poll_wait_seconds_total", type: .counter,
            help: "Time polls reading every object spent waiting for the budget, summed, since the exporter started.")
        text.sample("plesk_exporter_full_poll_wait_seconds_total", [], budget.waitedSeconds)
    }

    /// `webhook` is the position in `notifications.webhooks` (the URL may carry a token).
    private static func writeDeliveries(_ snapshot: DeliveryTelemetry.Snapshot, into text: inout MetricsText) {
        text.family(
            "plesk_webhook_deliveries_total", type: .counter,
            help: "Webhook delivery attempts since the exporter started, by result.")
        for webhook in snapshot.delivered.keys.sorted() {
            text.sample(
                "plesk_webhook_deliveries_total", [("webhook", String(webhook)), ("result", "success")],
                Double(snapshot.delivered[webhook] ?? 0))
            text.sample(
                "plesk_webhook_deliveries_total", [("webhook", String(webhook)), ("result", "failure")],
                Double(snapshot.failed[webhook] ?? 0))
        }
        text.family(
            "plesk_webhook_queue_length", type: .gauge,
            help: "Events waiting in the outbox for delivery to the webhook (kept in the database across restarts).")
        for webhook in snapshot.queued.keys.sorted() {
            text.sample("plesk_webhook_queue_length", [("webhook", String(webhook))], Double(snapshot.queued[webhook] ?? 0))
        }
    }
}
