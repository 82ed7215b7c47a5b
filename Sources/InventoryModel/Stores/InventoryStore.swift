/// The whole store: every seam its clients use, implemented by the SQLite store.
///
/// Clients take the narrowest seam they need: the poller a ``PollWriter`` and a ``PollMemoryStore``, the HTTP API,
/// reports and the command line a ``HistoryReader`` (and an ``EventAcknowledger`` to acknowledge), webhooks an
/// ``OutboxStore``. Only the composition root holds the whole store.
public typealias InventoryStore = PollWriter & PollMemoryStore & HistoryReader & EventAcknowledger
