/// Stops the fuzzer on a broken promise that is not a crash by itself (a 500, a negative cost):
/// prints what was wrong with the input's description and aborts, so libFuzzer saves the input.
enum FuzzFailure {
    static func fail(_ what: String, input: @autoclosure () -> String) -> Never {
        let shown = input()
        fatalError("\(what)\ninput: \(shown.prefix(2_000))")
    }
}
