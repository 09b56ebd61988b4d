import Hummingbird
import VernierKit

/// Job views are sent as JSON replies.
extension JobView: ResponseEncodable {}
