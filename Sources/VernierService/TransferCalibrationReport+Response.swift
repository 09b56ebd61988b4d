import Hummingbird
import VernierPredict

extension TransferCalibrationReport: ResponseEncodable {}
