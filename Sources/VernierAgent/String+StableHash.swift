import Crypto
import Foundation

extension String {
    /// The first 16 hex digits of the SHA-256 of the text: the same on every run and machine.
    var stableHash: String {
        SHA256.hash(data: Data(utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
    }
}
