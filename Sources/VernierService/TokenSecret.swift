import Crypto
import Foundation

/// Bearer tokens: a random secret shown once, stored only as its SHA-256.
public enum TokenSecret {
    /// A new secret: `vt_` and 32 random bytes in hex.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return "vt_" + bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// Hex SHA-256 of a secret: what the store keeps.
    public static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
