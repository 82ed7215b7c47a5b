/// The whole `/metrics` body: inventory series from the status snapshot, the exporter's own instrumentation,
/// `plesk_exporter_build_info` and the `process_*` metrics.
public enum MetricsExposition {
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    public static func render(_ snapshot: StatusSnapshot, telemetry: ExporterTelemetry?) -> [UInt8] {
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
        ProcessMetrics.sample()?.write(into: &text)
        var bytes = text.bytes
        telemetry?.emit(into: &bytes)
        return bytes
    }
}
