import Logging
import ServiceLifecycle
import UnixSignals

/// Keeps SIGHUP from ending `serve` when there is nothing to reload (no `--web.config.file`), and says so.
///
/// A SIGHUP's default action is to terminate; logrotate scripts and `systemctl reload` habits send one to
/// daemons, and an exporter that dies of it loses its scrape history for nothing.
public struct HangupNotice: Service {
    let hangups: UnixSignalsSequence
    let logger: Logger

    /// Traps SIGHUP at once, so a SIGHUP right after start cannot end the process either.
    public init(logger: Logger) async {
        self.hangups = await UnixSignalsSequence(trapping: .sighup)
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            for await _ in hangups {
                logger.info(
                    "SIGHUP received: nothing to reload",
                    metadata: ["hint": "only a --web.config.file is reloaded; restart to apply configuration file changes"])
            }
        }
    }
}
