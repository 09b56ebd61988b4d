import Hummingbird
import VernierModel
import VernierProfiler

/// Device profiles are sent as the JSON of `device-profiles/<id>.json`.
extension DeviceProfile: ResponseEncodable {}
