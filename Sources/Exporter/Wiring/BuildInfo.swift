/// Version facts for `--version` and `plesk_exporter_build_info`.
public enum BuildInfo {
    public static let version = "0.1.0"
    /// The git revision, written into `BuildRevision.swift` by `scripts/stamp-revision` for release builds.
    public static var revision: String { buildRevision }
    public static var swiftVersion: String {
        #if compiler(>=6.3)
            "6.3"
        #elseif compiler(>=6.2)
            "6.2"
        #else
            "6.1"
        #endif
    }
}
