// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Vernier",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "vernier", targets: ["vernier"]),
        .library(name: "VernierModel", targets: ["VernierModel"]),
        .library(name: "VernierPlot", targets: ["VernierPlot"]),
        .library(name: "VernierStore", targets: ["VernierStore"]),
        .library(name: "VernierKernels", targets: ["VernierKernels"]),
        .library(name: "VernierProcess", targets: ["VernierProcess"]),
        .library(name: "VernierProfiler", targets: ["VernierProfiler"]),
        .library(name: "VernierPredict", targets: ["VernierPredict"]),
        .library(name: "VernierSearch", targets: ["VernierSearch"]),
        .library(name: "VernierKit", targets: ["VernierKit"]),
        .library(name: "VernierAgent", targets: ["VernierAgent"]),
        .library(name: "VernierService", targets: ["VernierService"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .target(name: "CPerf", linkerSettings: [.linkedLibrary("pfm")]),
        .target(
            name: "CKernels",
            cSettings: [.unsafeFlags(["-O3"])],
            linkerSettings: [.linkedLibrary("openblas"), .linkedLibrary("pthread"), .linkedLibrary("m")]
        ),
        .target(name: "CLinearAlgebra", linkerSettings: [.linkedLibrary("openblas")]),
        .target(name: "VernierModel"),
        .target(name: "VernierPlot"),
        .target(name: "VernierKernels", dependencies: ["VernierModel", "CKernels"]),
        .target(name: "VernierProcess"),
        .target(
            name: "VernierPredict",
            dependencies: ["VernierModel", "CLinearAlgebra", .product(name: "SwiftCSV", package: "SwiftCSV")]
        ),
        .target(name: "VernierSearch", dependencies: ["VernierModel", "VernierPlot", "VernierPredict", "VernierKernels", "VernierProcess", "CLinearAlgebra"]),
        .target(name: "VernierProfiler", dependencies: ["VernierModel", "VernierKernels", "VernierProcess", "CPerf", "CKernels", .product(name: "Yams", package: "Yams")]),
        .target(
            name: "VernierStore",
            dependencies: ["VernierModel", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "VernierKit",
            dependencies: ["VernierModel", "VernierPlot", "VernierStore", "VernierKernels", "VernierProfiler", "VernierPredict", "VernierSearch"]
        ),
        .target(
            name: "VernierAgent",
            dependencies: ["VernierModel", "VernierStore", "VernierProfiler", "VernierKit", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "VernierService",
            dependencies: [
                "VernierModel", "VernierStore", "VernierProfiler", "VernierPredict", "VernierSearch", "VernierKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Resources/openapi.yaml"), .copy("Resources/ui")]
        ),
        .executableTarget(
            name: "vernier",
            dependencies: [
                "VernierModel", "VernierPlot", "VernierStore", "VernierProfiler", "VernierPredict", "VernierSearch", "VernierKit", "VernierAgent", "VernierService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "VernierTestSupport", path: "Tests/Support"),
        .testTarget(
            name: "VernierModelTests",
            dependencies: ["VernierModel", "VernierTestSupport", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "VernierPlotTests", dependencies: ["VernierPlot", "VernierTestSupport"]),
        .testTarget(name: "VernierStoreTests", dependencies: ["VernierStore", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "VernierProcessTests", dependencies: ["VernierProcess"]),
        .testTarget(name: "VernierKernelsTests", dependencies: ["VernierKernels", "CKernels"]),
        .testTarget(name: "VernierProfilerTests", dependencies: ["VernierProfiler", "VernierKernels", "VernierStore", "VernierKit", "VernierTestSupport"]),
        .testTarget(name: "VernierAgentTests", dependencies: ["VernierAgent", "VernierProfiler"]),
        .testTarget(name: "VernierKitTests", dependencies: ["VernierKit", "VernierPlot", "VernierStore", "VernierTestSupport"]),
        .testTarget(name: "VernierPredictTests", dependencies: ["VernierPredict", "VernierTestSupport"]),
        .testTarget(name: "VernierSearchTests", dependencies: ["VernierSearch", "VernierTestSupport"]),
        .testTarget(
            name: "VernierServiceTests",
            dependencies: ["VernierService", "VernierTestSupport", .product(name: "HummingbirdTesting", package: "hummingbird")]
        ),
        .testTarget(name: "vernierTests", dependencies: ["vernier", "VernierModel", "VernierStore", "VernierPredict", "VernierTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
