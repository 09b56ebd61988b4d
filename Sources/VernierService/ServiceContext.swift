import Hummingbird
import VernierStore

/// The request context of the service: Hummingbird's core storage plus the caller's token, set
/// by ``TokenAuthenticator`` when the request carries a valid one.
public struct ServiceContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The caller's token, if it presented a valid one.
    public var token: TokenRecord?

    public init(source: Source) {
        coreContext = .init(source: source)
        token = nil
    }

    /// Request bodies above this (8 MiB) are refused with 413.
    public var maxUploadSize: Int { 8 << 20 }
}
