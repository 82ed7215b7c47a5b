import Foundation

/// Wall-clock time for poll records; injected so tests control the times written.
public protocol InventoryClock: Sendable {
    func now() -> Date
}

/// The system clock.
public struct SystemInventoryClock: InventoryClock {
    public init() {}
    public func now() -> Date { Date() }
}
