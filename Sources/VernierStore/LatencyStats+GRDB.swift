import GRDB
import VernierModel

extension LatencyStats {
    /// The statistics in a row of `lutEntry` or `archMeasurement` (columns `medianMs`, `madMs`,
    /// `meanMs`, `stdMs`, `cv`, `repetitions`, `innerIterations`).
    init(row: Row) {
        self.init(medianMs: row["medianMs"], madMs: row["madMs"], meanMs: row["meanMs"], stdMs: row["stdMs"], cv: row["cv"],
                  repetitions: row["repetitions"], innerIterations: row["innerIterations"])
    }

    /// Writes the statistics into those columns.
    func encode(to container: inout PersistenceContainer) {
        container["medianMs"] = medianMs
        container["madMs"] = madMs
        container["meanMs"] = meanMs
        container["stdMs"] = stdMs
        container["cv"] = cv
        container["repetitions"] = repetitions
        container["innerIterations"] = innerIterations
    }
}
