import Hummingbird

extension ServiceContext {
    /// Refuses (403) a token limited to another device.
    func requireAccess(toDevice device: String) throws {
        if let limited = token?.device, limited != device {
            throw ServiceError(.forbidden, "token '\(token!.name)' is limited to device \(limited), not \(device)")
        }
    }
}
