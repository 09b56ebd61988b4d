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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .target(name: "CPerf", linkerSettings: [.linkedLibrary("pfm")]),
        .target(
            name: "CKernels",
            cSettings: [.unsafeFlags(["-O3"])],
            linkerSettings: [.linkedLibrary("openblas"), .linkedLibrary("pthread"), .linkedLibrary("m")]
        ),
        .target(name: "VernierModel"),
        .target(name: "VernierProfiler", dependencies: ["VernierModel", "VernierStore", "CPerf", "CKernels"]),
        .target(
            name: "VernierStore",
            dependencies: ["VernierModel", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .executableTarget(
            name: "vernier",
            dependencies: [
                "VernierModel", "VernierStore", "VernierProfiler",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "VernierModelTests",
            dependencies: ["VernierModel", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "VernierStoreTests", dependencies: ["VernierStore"]),
        .testTarget(name: "VernierProfilerTests", dependencies: ["VernierProfiler"]),
        .testTarget(name: "vernierTests", dependencies: ["vernier"]),
    ],
    swiftLanguageModes: [.v6]
)
