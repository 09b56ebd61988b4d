import VernierModel

extension ArchSelection {
    /// The selected archs parsed to encodings (not for `custom`), each with its canonical string;
    /// an invalid arch is an error naming its origin.
    func encodings(in searchSpace: any SearchSpace) throws -> [(text: String, encoding: Encoding)] {
        try texts().map { input in
            do {
                let encoding = try searchSpace.parseOrNamed(input.text)
                return (input.text, encoding)
            } catch {
                throw CLIError(.badInput, "\(input.origin): \(error)")
            }
        }
    }
}
