/// Where change events are pushed (`notifications`).
public struct NotificationSettings: Sendable, Hashable {
    public var webhooks: [WebhookConfiguration]

    public init(webhooks: [WebhookConfiguration] = []) {
        self.webhooks = webhooks
    }
}
