// swift-tools-version: 6.0
import Foundation
import PackageDescription

// A path dependency is identified by its folder name, which depends on where the repo was cloned.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

// libFuzzer targets for every parser that takes outside input. They live in their own package so
// that normal builds and tests stay fast; `scripts/fuzz.sh` builds them with coverage and
// AddressSanitizer and runs them on the corpora in `Fuzz/Corpus/`.
let package = Package(
    name: "VernierFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
    ],
    targets: [
        .target(name: "CFuzzerDriver"),
        .executableTarget(
            name: "VernierFuzz",
            dependencies: [
                "CFuzzerDriver",
                .product(name: "VernierModel", package: root),
                .product(name: "VernierPredict", package: root),
                .product(name: "VernierProfiler", package: root),
                .product(name: "VernierStore", package: root),
                .product(name: "VernierService", package: root),
                .product(name: "VernierKit", package: root),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
    ]
)
