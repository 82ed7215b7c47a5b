/// A Plesk account's status code as people and metrics name it (SPEC §3): 0 active, 16 disabled by the
/// administrator, 4 under backup or restore, 256 expired; any other code is opaque.
public enum ClientStatus {
    /// Every label, in the order reports list them.
    public static let labels = ["active", "disabled", "backup_restore", "expired", "other"]

    /// The label of a status code (`status` of `plesk_clients`).
    public static func label(_ code: Int?) -> String {
        switch code {
        case 0: "active"
        case 16: "disabled"
        case 4: "backup_restore"
        case 256: "expired"
        default: "other"
        }
    }
}
