import CFuzzerDriver
import Foundation

/// The chosen target, set once before libFuzzer's loop starts and only read from its thread.
enum FuzzLoop {
    nonisolated(unsafe) static var target: (any FuzzTarget)?

    /// Hands libFuzzer's input to the target.
    static func feed(_ bytes: UnsafePointer<UInt8>?, _ size: Int) {
        guard let target else { return }
        let data = bytes.map { Data(bytes: $0, count: size) } ?? Data()
        target.run(data)
    }

    /// Runs libFuzzer's loop with this process's command line; returns its exit status.
    static func run() -> Int32 {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        return LLVMFuzzerRunDriver(&argc, &argv, testOneInput)
    }
}

/// libFuzzer's callback: one input, always 0 (a finding is a crash, not a return value).
private func testOneInput(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzLoop.feed(bytes, size)
    return 0
}
