// swift-tools-version: 6.1
import PackageDescription

/// Strict settings for every target (STYLE.md, convention 12).
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "leadtrail",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "leadtrail", targets: ["leadtrail"])
    ],
    // `swift build --traits Server` adds `leadtrail serve`, `link`, `hook` and `token` (Hummingbird 2); without the
    // trait the binary builds none of the server's dependencies.
    // `swift build --traits Postgres` adds the team store (postgres-nio); `--traits Team` is both, the team's binary.
    traits: [
        .trait(name: "Server", description: "The HTTP server: tracked links, form webhooks, beacon, report API."),
        .trait(name: "Postgres", description: "The team store: PostgreSQL through postgres-nio"),
        .trait(name: "Team", description: "The team's binary: the server and the PostgreSQL store.",
               enabledTraits: ["Server", "Postgres"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // XLSX spend exports (issue 16): the ZIP container and the sheet XML, the building blocks CoreXLSX uses.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/CoreOffice/XMLCoder", from: "0.18.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // `sslmode` of a PostgreSQL URL: the TLS context postgres-nio connects with.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // Pure domain: money, UTM, channels, stages, leads, deals. No SQL, no terminal, no files.
        .target(name: "LeadTrailCore", swiftSettings: strictSettings),
        // The journey engine: identity, same-session, touch order and lookback — the rules that decide who gets the
        // money, once, fed by any store's rows.
        .target(
            name: "LeadTrailJourneys",
            dependencies: ["LeadTrailCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings
        ),
        // The Store boundary and its SQLite implementation; migrations come from schema/.
        .target(
            name: "LeadTrailStore",
            dependencies: [
                "LeadTrailCore", "LeadTrailJourneys",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings,
            plugins: ["EmbedSchema"]
        ),
        // Streaming readers (JSON array, NDJSON, CSV/TSV), presets and --map.
        .target(
            name: "LeadTrailImport",
            dependencies: [
                "LeadTrailCore",
                "LeadTrailStore",
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "XMLCoder", package: "XMLCoder"),
            ],
            swiftSettings: strictSettings
        ),
        // Conversions back to the ad platforms: Yandex Metrica, Meta, Google Ads and VK files; SHA-256 of contacts.
        .target(
            name: "LeadTrailExport",
            dependencies: [
                "LeadTrailCore", "LeadTrailStore", "LeadTrailReports", .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        // Table, JSON and CSV renderers.
        .target(name: "LeadTrailReports", dependencies: ["LeadTrailCore"], swiftSettings: strictSettings),
        // The HTTP server (trait Server only): without the trait its files are `#if Server` and compile to nothing.
        .target(
            name: "LeadTrailServer",
            dependencies: [
                "LeadTrailCore", "LeadTrailStore", "LeadTrailImport", "LeadTrailReports",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird", condition: .when(traits: ["Server"])),
                .product(
                    name: "ServiceLifecycle", package: "swift-service-lifecycle", condition: .when(traits: ["Server"])
                ),
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["Server"])),
                .product(name: "HTTPTypes", package: "swift-http-types", condition: .when(traits: ["Server"])),
                .product(name: "HummingbirdCore", package: "hummingbird", condition: .when(traits: ["Server"])),
            ],
            swiftSettings: strictSettings
        ),
        // The team store (trait Postgres only): without the trait its files are `#if Postgres` and compile to nothing.
        .target(
            name: "LeadTrailPostgres",
            dependencies: [
                "LeadTrailCore", "LeadTrailJourneys", "LeadTrailStore",
                .product(name: "Logging", package: "swift-log"),
                // `migrate --from sqlite:PATH`: the copier reads the SQLite file directly.
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["Postgres"])),
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["Postgres"])),
                .product(name: "NIOPosix", package: "swift-nio", condition: .when(traits: ["Postgres"])),
                .product(name: "NIOSSL", package: "swift-nio-ssl", condition: .when(traits: ["Postgres"])),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "leadtrail",
            dependencies: [
                "LeadTrailCore", "LeadTrailStore", "LeadTrailImport", "LeadTrailReports", "LeadTrailExport",
                .target(name: "LeadTrailServer", condition: .when(traits: ["Server"])),
                .target(name: "LeadTrailPostgres", condition: .when(traits: ["Postgres"])),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings,
            plugins: ["StampVersion"]
        ),
        // Build-time step: the git commit `leadtrail --version` prints.
        .plugin(name: "StampVersion", capability: .buildTool()),
        // Build-time tool: turns schema/*.sql into Swift so the binary carries its migrations.
        .executableTarget(name: "SchemaEmbedder", swiftSettings: strictSettings),
        .plugin(name: "EmbedSchema", capability: .buildTool(), dependencies: ["SchemaEmbedder"]),

        .testTarget(name: "LeadTrailCoreTests", dependencies: ["LeadTrailCore"], swiftSettings: strictSettings),
        .testTarget(
            name: "LeadTrailJourneysTests", dependencies: ["LeadTrailJourneys", "LeadTrailCore"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "LeadTrailStoreTests",
            dependencies: ["LeadTrailStore", "LeadTrailCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LeadTrailImportTests",
            dependencies: [
                "LeadTrailImport", "LeadTrailStore", "LeadTrailCore", "LeadTrailReports",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            // The fuzz tests' seed files, read from disk by path.
            exclude: ["Corpus"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LeadTrailExportTests",
            dependencies: ["LeadTrailExport", "LeadTrailStore", "LeadTrailCore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LeadTrailReportsTests",
            dependencies: ["LeadTrailReports", "LeadTrailCore"],
            swiftSettings: strictSettings
        ),
        // Against the PostgreSQL server of $LEADTRAIL_TEST_POSTGRES_URL (trait Postgres); each test its own database.
        .testTarget(
            name: "LeadTrailPostgresTests",
            dependencies: [
                "LeadTrailStore", "LeadTrailCore", "LeadTrailReports", "LeadTrailImport",
                .target(name: "LeadTrailPostgres", condition: .when(traits: ["Postgres"])),
            ],
            swiftSettings: strictSettings
        ),
        // Runs the built `leadtrail` binary the way a user does; GRDB only to inspect the database it leaves.
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "leadtrail", "LeadTrailJourneys", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto", condition: .when(traits: ["Server"])),
            ],
            swiftSettings: strictSettings
        ),
    ]
)
