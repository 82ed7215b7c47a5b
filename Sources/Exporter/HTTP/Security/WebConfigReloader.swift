import ExporterConfig
import Logging
import NIOPosix
import ServiceLifecycle
import UnixSignals

/// Re-reads the `--web.config.file` on SIGHUP, and when the file or a certificate, key or CA file it names changes
/// (a `stat` every `pollInterval`: cheap, and it follows renewals by certbot or a Kubernetes secret update).
///
/// A failed reload is logged with its file, line and key and the previous configuration stays in force. While the
/// last attempt failed, every poll tries again (logging the problem again only when it changes): the fix may be a
/// file that only the broken configuration names — a certificate named before it is copied in — and is not watched.
public struct WebConfigReloader: Service {
    let security: ReloadableWebSecurity
    let pollInterval: Duration
    let hangups: UnixSignalsSequence?
    let logger: Logger

    /// Traps SIGHUP at once, so that a SIGHUP right after start (before ``run()``) cannot end the process, whose
    /// default action for it is to terminate.
    /// - Parameter trapsSIGHUP: false in tests, where one process runs many exporters.
    public init(
        security: ReloadableWebSecurity, pollInterval: Duration = .seconds(5), trapsSIGHUP: Bool = true, logger: Logger
    ) async {
        self.security = security
        self.pollInterval = pollInterval
        self.hangups = trapsSIGHUP ? await UnixSignalsSequence(trapping: .sighup) : nil
        self.logger = logger
    }

    private enum Trigger: Sendable {
        case signal
        case poll
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await self.watch()
        }
    }

    private func watch() async {
        let (triggers, continuation) = AsyncStream<Trigger>.makeStream(bufferingPolicy: .bufferingNewest(4))
        await withDiscardingTaskGroup { group in
            if let hangups {
                group.addTask {
                    for await _ in hangups { continuation.yield(.signal) }
                }
            }
            group.addTask { [pollInterval] in
                while (try? await Task.sleep(for: pollInterval)) != nil {
                    continuation.yield(.poll)
                }
            }
            // As the files were when the configuration in force was read.
            var stamps = security.current.fileStamps
            for await trigger in triggers {
                let now = FileStamp.of(Array(stamps.keys))
                if case .poll = trigger, now == stamps, security.lastReloadProblem == nil { continue }
                stamps = now
                if let reloaded = await reload(reason: trigger) {
                    stamps = reloaded.fileStamps
                }
            }
            group.cancelAll()
        }
    }

    /// Loads off the cooperative pool: it reads files and builds a TLS context.
    private func reload(reason: Trigger) async -> WebSecurity? {
        let why = reason == .signal ? "SIGHUP" : "file changed"
        let previousProblem = security.lastReloadProblem
        do {
            let security = self.security
            let result: Result<WebSecurity, ConfigError> = try await NIOThreadPool.singleton.runIfActive {
                do throws(ConfigError) {
                    return .success(try security.reload())
                } catch {
                    return .failure(error)
                }
            }
            let reloaded = try result.get()
            reloaded.log("web configuration reloaded", file: security.file, reason: why, to: logger)
            return reloaded
        } catch let error as ConfigError {
            logger.log(
                level: error.description == previousProblem ? .debug : .error,
                "web configuration reload failed; the previous configuration stays in force",
                metadata: ["reason": "\(why)", "problem": "\(error.description)"])
        } catch {
            // The thread pool is shutting down with the process.
            logger.debug("web configuration reload skipped", metadata: ["error": "\(error)"])
        }
        return nil
    }
}
