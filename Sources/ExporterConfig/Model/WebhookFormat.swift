/// The body a webhook receives.
public enum WebhookFormat: String, Sendable, Hashable, CaseIterable {
    /// The event objects of `GET /api/v1/events`.
    case json
    /// A Slack incoming-webhook message (`{"text": …}`).
    case slack
}
