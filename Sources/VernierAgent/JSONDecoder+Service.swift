import Foundation

extension JSONDecoder {
    /// The decoder for service replies (ISO 8601 dates, as Hummingbird encodes them).
    static var service: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
