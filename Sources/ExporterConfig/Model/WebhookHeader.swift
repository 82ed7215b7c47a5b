/// One extra HTTP header sent with a webhook, read from its `headers_file`. The value is treated as a secret.
public struct WebhookHeader: Sendable, Hashable {
    public var name: String
    public var value: Secret

    public init(name: String, value: Secret) {
        self.name = name
        self.value = value
    }
}
