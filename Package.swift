// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "plesk_exporter",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "plesk_exporter", targets: ["plesk_exporter"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV.git", from: "0.10.0"),
    ],
    targets: [
        // The system SQLite, through a module map (GRDB's pattern); the wrapper over it lives in Storage.
        .systemLibrary(
            name: "CSQLite",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        // The system zlib, for gzip-compressed /metrics (SPEC §7).
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // The vocabulary: object and change kinds, events, polls, queries, JSON values, time helpers, and the store
        // seams (protocols). Depends on nothing but Foundation; every other module speaks it.
        .target(name: "InventoryModel"),
        // Plesk REST API v2 client and wire models. Knows nothing of storage or serving.
        .target(
            name: "PleskAPI",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The YAML configuration file: parsing, defaults, validation with file/line/key. Speaks PleskAPI's target
        // options (TLS) rather than keeping a copy of them.
        .target(
            name: "ExporterConfig",
            dependencies: [
                "InventoryModel",
                "PleskAPI",
                .product(name: "Yams", package: "Yams")
            ]
        ),
        // A simulated Plesk server for tests and `demo`.
        .target(
            name: "PleskSimulator",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // SQLite storage: connection, migrations, snapshots, events. Knows nothing of HTTP.
        .target(
            name: "Storage",
            dependencies: [
                "CSQLite",
                "InventoryModel",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Polling: snapshots, change detection, removal guard, the poller's memory, the poll scheduler.
        .target(
            name: "Inventory",
            dependencies: [
                "PleskAPI",
                "InventoryModel",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Webhook delivery from the outbox: at least once, in order per webhook, with backoff. Knows nothing of HTTP serving.
        .target(
            name: "Notifications",
            dependencies: [
                "InventoryModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Reconciliation against billing (SPEC §16): expected sources (CSV files, CSV over HTTPS, WHMCS's API; SwiftCSV
        // reads CSV, AsyncHTTPClient fetches with PleskAPI's TLS options), subscription names as compared, the pure
        // comparison into findings, and the service that re-evaluates them. Speaks the store through InventoryModel's
        // seams; knows nothing of SQLite, HTTP serving or Plesk's wire.
        .target(
            name: "Reconciliation",
            dependencies: [
                "InventoryModel",
                "PleskAPI",
                .product(name: "SwiftCSV", package: "SwiftCSV"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Inventory reports (SPEC §10): a report model read from the store, rendered as markdown, CSV, JSON or HTML.
        .target(
            name: "Reports",
            dependencies: ["InventoryModel"]
        ),
        // Serving: metrics, the JSON API, the landing page, web security; and the composition root (Wiring/) that
        // builds the store, clients, pollers and services from a configuration.
        .target(
            name: "Exporter",
            dependencies: [
                "InventoryModel",
                "PleskAPI",
                "ExporterConfig",
                "Storage",
                "Inventory",
                "Notifications",
                "Reports",
                "Reconciliation",
                "CZlib",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The API's OpenAPI document, compiled into the binary as bytes: a copied binary needs no bundle.
            resources: [.embedInCode("HTTP/OpenAPI/openapi.json")]
        ),
        // The executable: argument parsing, and what the commands print (tables, CSV, the log format).
        .executableTarget(
            name: "plesk_exporter",
            dependencies: [
                "InventoryModel",
                "Storage",
                "Exporter",
                "Reports",
                "ExporterConfig",
                "Inventory",
                "PleskAPI",
                "PleskSimulator",
                "Reconciliation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Prints the performance figures of SPEC §14: `swift run -c release plesk_exporter_bench`.
        .executableTarget(
            name: "plesk_exporter_bench",
            dependencies: [
                "InventoryModel", "PleskAPI", "PleskSimulator", "Storage", "Inventory",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Benchmarks/plesk_exporter_bench"
        ),
        // Helpers shared by every test target: temporary directories, a test clock, a seeded random, a fake Plesk
        // source, the event pager, the store/sources/pollers fixture, a webhook receiver, the suites' tags.
        .target(
            name: "TestSupport",
            dependencies: [
                "InventoryModel", "PleskAPI", "PleskSimulator", "Inventory", "Storage",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "PleskSimulatorTests",
            dependencies: [
                "TestSupport", "InventoryModel", "PleskSimulator",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(
            name: "PleskAPITests",
            dependencies: [
                "TestSupport", "InventoryModel", "PleskAPI", "PleskSimulator",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "ExporterConfigTests",
            dependencies: ["TestSupport", "InventoryModel", "ExporterConfig", "PleskAPI"]
        ),
        .testTarget(
            name: "StorageTests",
            dependencies: [
                "TestSupport", "InventoryModel", "Storage", "CSQLite",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "ReconciliationTests",
            dependencies: [
                "TestSupport", "InventoryModel", "Reconciliation", "Inventory", "Storage", "PleskAPI", "PleskSimulator",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "ReportsTests",
            dependencies: [
                "TestSupport", "InventoryModel", "Reports", "Storage", "Inventory", "PleskAPI",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "InventoryTests",
            dependencies: [
                "TestSupport", "InventoryModel", "Inventory", "Storage", "PleskAPI", "PleskSimulator",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ]
        ),
        // End-to-end: the client, poller and store against the simulator over HTTPS, and the binary killed mid-poll.
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "TestSupport", "InventoryModel", "PleskAPI", "PleskSimulator", "Storage", "Inventory", "plesk_exporter",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "NotificationsTests",
            dependencies: [
                "TestSupport", "InventoryModel", "Notifications", "Storage",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "ExporterTests",
            dependencies: [
                "TestSupport", "InventoryModel", "Exporter", "ExporterConfig", "Inventory", "PleskAPI", "PleskSimulator",
                "Storage", "CZlib",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "X509", package: "swift-certificates"),
            ]
        ),
    ]
)
