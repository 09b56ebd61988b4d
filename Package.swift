// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Vernier",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "vernier", targets: ["vernier"]),
        .library(name: "VernierModel", targets: ["VernierModel"]),
        .library(name: "VernierStore", targets: ["VernierStore"]),
        .library(name: "VernierProfiler", targets: ["VernierProfiler"]),
        .library(name: "VernierPredict", targets: ["VernierPredict"]),
        .library(name: "VernierSearch", targets: ["VernierSearch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
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
        .target(
            name: "VernierPredict",
            dependencies: ["VernierModel", "VernierProfiler", "CLinearAlgebra", .product(name: "SwiftCSV", package: "SwiftCSV")]
        ),
        .target(name: "VernierSearch", dependencies: ["VernierModel", "VernierPredict", "VernierProfiler", "VernierStore"]),
        .target(name: "VernierProfiler", dependencies: ["VernierModel", "VernierStore", "CPerf", "CKernels", .product(name: "Yams", package: "Yams")]),
        .target(
            name: "VernierStore",
            dependencies: ["VernierModel", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .executableTarget(
            name: "vernier",
            dependencies: [
                "VernierModel", "VernierStore", "VernierProfiler", "VernierPredict", "VernierSearch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "VernierTestSupport", path: "Tests/Support"),
        .testTarget(
            name: "VernierModelTests",
            dependencies: ["VernierModel", "VernierTestSupport", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "VernierStoreTests", dependencies: ["VernierStore"]),
        .testTarget(name: "VernierProfilerTests", dependencies: ["VernierProfiler", "VernierTestSupport"]),
        .testTarget(name: "VernierPredictTests", dependencies: ["VernierPredict", "VernierTestSupport"]),
        .testTarget(name: "VernierSearchTests", dependencies: ["VernierSearch", "VernierTestSupport"]),
        .testTarget(name: "vernierTests", dependencies: ["vernier", "VernierStore", "VernierTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
