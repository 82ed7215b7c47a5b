import Foundation
import InventoryModel
import Logging
import ServiceLifecycle

/// Re-evaluates the findings after every successful poll and whenever a source changes (checked every
/// `checkInterval`), and once at start. Runs one evaluation at a time; triggers that arrive meanwhile collapse into one.
public struct ReconcileService: Service {
    private enum Signal: Sendable { case poll, tick }

    let engine: ReconciliationEngine
    let checkInterval: Duration
    let clock: @Sendable () -> Date
    let logger: Logger
    /// Called after every evaluation with its outcome and the findings open afterwards.
    let onRun: @Sendable (ReconciliationEngine.Outcome, [FindingRecord]) async -> Void
    private let signals: AsyncStream<Signal>
    private let continuation: AsyncStream<Signal>.Continuation

    public init(
        engine: ReconciliationEngine, checkInterval: Duration, clock: @escaping @Sendable () -> Date = { Date() },
        logger: Logger, onRun: @escaping @Sendable (ReconciliationEngine.Outcome, [FindingRecord]) async -> Void
    ) {
        self.engine = engine
        self.checkInterval = checkInterval
        self.clock = clock
        self.logger = logger
        self.onRun = onRun
        (signals, continuation) = AsyncStream.makeStream(of: Signal.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// The most an evaluation waits after the previous one (see ``run()``).
    static let longestPause: Duration = .seconds(300)

    /// A poll finished: its target's subscriptions may have changed.
    public func pollSucceeded() {
        continuation.yield(.poll)
    }

    public func run() async throws {
        let continuation = self.continuation
        let interval = checkInterval
        let ticker = Task {
            while !Task.isCancelled {
                do { try await Task.sleep(for: interval) } catch { break }
                continuation.yield(.tick)
            }
        }
        defer { ticker.cancel() }
        await cancelWhenGracefulShutdown {
            var tokens = await currentTokens()
            var started = ContinuousClock.now
            var unmatched = await evaluate(unmatchedBefore: [:])
            var (ended, took) = (ContinuousClock.now, ContinuousClock.now - started)
            for await signal in signals {
                // An evaluation reads every target's subscriptions: in a fleet, where some poll finishes every few
                // seconds, back-to-back evaluations would keep a core busy. The next one starts no sooner than four
                // times the last one's duration after it ended (under a fifth of a core); triggers meanwhile
                // collapse into one.
                let resume = ended + min(took * 4, Self.longestPause)
                if resume > ContinuousClock.now {
                    do { try await Task.sleep(until: resume) } catch { break }
                }
                let now = await currentTokens()
                guard signal == .poll || now != tokens else { continue }
                tokens = now
                started = ContinuousClock.now
                unmatched = await evaluate(unmatchedBefore: unmatched)
                (ended, took) = (ContinuousClock.now, ContinuousClock.now - started)
            }
        }
    }

    private func currentTokens() async -> [String?] {
        var tokens: [String?] = []
        for source in engine.sources { tokens.append(await source.changeToken()) }
        return tokens
    }

    /// Runs the engine; returns the unmatched servers to compare the next run's with (logged only when they change,
    /// since with `--targets.shard` every run has them).
    private func evaluate(unmatchedBefore: [String: Int]) async -> [String: Int] {
        do {
            let outcome = try await engine.run(at: clock())
            if !outcome.evaluated.isEmpty, Set(outcome.unmatchedServers.keys) != Set(unmatchedBefore.keys),
                !outcome.unmatchedServers.isEmpty
            {
                logger.info(
                    "expected rows name servers no target here has; compared with none (right for another shard's servers, else a typo or a renamed server)",
                    metadata: Self.metadata(unmatched: outcome.unmatchedServers))
            }
            for failure in outcome.failures {
                logger.warning(
                    "expected source not used; findings unchanged",
                    metadata: ["source": "\(failure.source)", "reason": "\(failure.reason.rawValue)", "error": "\(failure.detail)"])
            }
            for record in outcome.changes.opened {
                logger.notice("finding opened", metadata: Self.metadata(record))
            }
            for record in outcome.changes.closed {
                logger.info("finding closed", metadata: Self.metadata(record))
            }
            let open = try await engine.store.findings(FindingQuery())
            await onRun(outcome, open)
            return outcome.evaluated.isEmpty ? unmatchedBefore : outcome.unmatchedServers
        } catch {
            logger.error("reconciliation failed", metadata: ["error": "\(error)"])
            return unmatchedBefore
        }
    }

    /// The first servers by name and the total, so a CSV of a thousand servers makes one short line.
    static func metadata(unmatched: [String: Int]) -> Logger.Metadata {
        let names = unmatched.keys.sorted()
        let shown = names.prefix(5).map { "\($0) (\(unmatched[$0] ?? 0))" }.joined(separator: ", ")
        return [
            "servers": "\(shown)\(names.count > 5 ? ", … \(names.count - 5) more" : "")",
            "rows": "\(unmatched.values.reduce(0, +))",
        ]
    }

    private static func metadata(_ record: FindingRecord) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "kind": "\(record.finding.kind.rawValue)", "target": "\(record.finding.target)",
            "subscription": "\(record.finding.subscription)", "id": "\(record.id)",
        ]
        if let expected = record.finding.expected { metadata["expected"] = "\(expected)" }
        if let actual = record.finding.actual { metadata["actual"] = "\(actual)" }
        return metadata
    }
}
