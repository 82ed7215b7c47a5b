import Foundation
import InventoryModel

/// A subscription as a Plesk server has it, reduced to what billing can state.
public struct ActualSubscription: Sendable, Hashable {
    /// Lowercase IDNA ASCII.
    public var name: String
    /// `gen_info/status`, raw (``SubscriptionStatus``).
    public var status: Int
    /// The service plan's name.
    public var plan: String?
    /// The owner's login.
    public var owner: String?

    public init(name: String, status: Int, plan: String? = nil, owner: String? = nil) {
        self.name = name
        self.status = status
        self.plan = plan
        self.owner = owner
    }

    /// From a stored subscription's fields (`ascii_name`, else `name`; `status`, `plan`, `owner`); nil when it has
    /// no usable name.
    public init?(fields: [String: JSONValue]) {
        self.init(
            StoredFields(
                ascii_name: fields["ascii_name"]?.stringValue, name: fields["name"]?.stringValue,
                status: fields["status"]?.intValue, plan: fields["plan"]?.stringValue,
                owner: fields["owner"]?.stringValue))
    }

    /// From a stored subscription's canonical JSON: only the fields above are decoded (a stored subscription has
    /// thirty-odd, and a fleet's evaluation reads every subscription of every target).
    public init?(fieldsJSON: String) {
        if let fields = try? JSONDecoder().decode(StoredFields.self, from: Data(fieldsJSON.utf8)) {
            self.init(fields)
        } else if let object = JSONValue.parse(fieldsJSON)?.objectValue {
            // A field of another type than expected: the general path takes what it can.
            self.init(fields: object)
        } else {
            return nil
        }
    }

    /// `ascii_name`, else `name`, as compared; nil without a usable name.
    private init?(_ fields: StoredFields) {
        let ascii = fields.ascii_name.flatMap { $0.isEmpty ? nil : $0 }
        guard let raw = ascii ?? fields.name, let name = SubscriptionName.normalized(raw) else { return nil }
        self.init(name: name, status: fields.status ?? 0, plan: fields.plan, owner: fields.owner)
    }

    private struct StoredFields: Decodable {
        var ascii_name: String?
        var name: String?
        var status: Int?
        var plan: String?
        var owner: String?
    }

    /// Active, or suspended (any suspension, or expired) as billing would say it.
    public var billingStatus: ExpectedStatus {
        SubscriptionStatus.isSuspended(status) || SubscriptionStatus.isExpired(status) ? .suspended : .active
    }
}
