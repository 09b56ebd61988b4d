import VernierModel
import VernierPredict
import VernierStore

/// `calibrate --transfer` and `POST /v1/devices/{id}/calibrate`: fits a new device's few measured
/// archs on the latencies of the devices the store knows, and writes the calibration file.
public enum TransferCalibrationRun {
    /// The reference devices `spec` names (`all`, `DEV[/BACKEND]`, `lut:DEV[/BACKEND]`, comma
    /// separated) with latencies of `space` at `resolution` in `store`, leaving out `target`.
    /// - Throws: ``UseCaseError`` (`conflict`): no reference, or one that is unknown or lacks the space.
    public static func references(_ spec: String, space: any SearchSpace, resolution: Int, excluding target: String,
                                  store: Store, location: String? = nil) throws -> [ReferenceDevice] {
        do {
            return try TransferReferences.load(spec, space: space, resolution: resolution, excluding: target,
                                               from: StoreReferenceLatencies(store: store, location: location))
        } catch let error as PredictError {
            throw UseCaseError(.conflict, error.message)
        }
    }

    /// Fits `measured` (the target's archs) on `references`, training on `train` of them chosen with `seed`.
    /// - Throws: ``UseCaseError`` (`unprocessable`) when the rows do not allow a fit.
    public static func fit(_ measured: [CalibrationRun.Measured], references: [ReferenceDevice], space: any SearchSpace,
                           resolution: Int, train: Int, seed: UInt64, device: String, source: String) throws -> TransferCalibration.Result {
        do {
            return try TransferCalibration(space: space, resolution: resolution, train: train, seed: seed)
                .run(measured, references: references, device: device, source: source)
        } catch {
            throw UseCaseError(.unprocessable, error.message)
        }
    }
}
