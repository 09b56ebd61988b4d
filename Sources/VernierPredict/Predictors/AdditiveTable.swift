import VernierModel

/// A predictor compiled to one number per (decision, choice): `latency = base + Σᵢ table[i][cᵢ]`.
///
/// Spaces whose decisions each add their own layers (FBNet's blocks, NB201's edges) make every
/// layer-sum predictor — LUT sum, roofline, FLOPs and calibrated linear models — exactly additive.
/// ``compile(space:resolution:verify:seed:predict:)`` measures the table from one-decision changes
/// of a reference encoding and then *checks* additivity on random encodings; it returns `nil`
/// where it does not hold (MnasNet's width multipliers, OFA's resolution), and callers fall back
/// to building the graph.
public struct AdditiveTable: Sendable {
    /// Prediction of the reference encoding minus its own choices' entries.
    public let base: Double
    /// `table[offsets[i] + c]` is decision i's contribution with choice c.
    public let table: [Double]
    /// Start of each decision's entries in ``table``.
    public let offsets: [Int]
    /// Largest relative difference between the table and the predictor seen while verifying.
    public let verifiedError: Double

    /// Prediction of an encoding's choices (one per decision, already validated).
    @inlinable
    public func predict(_ choices: UnsafeBufferPointer<UInt8>) -> Double {
        var total = base
        for i in 0..<offsets.count { total += table[offsets[i] + Int(choices[i])] }
        return total
    }

    /// Prediction of an encoding.
    public func predict(_ encoding: Encoding) -> Double {
        encoding.choices.withUnsafeBufferPointer { predict($0) }
    }

    /// Predictions of `count` encodings stored back to back (`count × decisions` bytes).
    public func predictBatch(_ packed: UnsafeBufferPointer<UInt8>, count: Int, into output: UnsafeMutableBufferPointer<Double>) {
        let d = offsets.count
        table.withUnsafeBufferPointer { t in
            offsets.withUnsafeBufferPointer { o in
                for a in 0..<count {
                    var total = base
                    let row = a * d
                    for i in 0..<d { total += t[o[i] + Int(packed[row + i])] }
                    output[a] = total
                }
            }
        }
    }

    /// Compiles `predict` over `space` at `resolution`, or returns `nil` when it is not additive
    /// over the decisions within a relative 1e-9 on `verify` random encodings.
    public static func compile(space: any SearchSpace, resolution: Int, verify: Int = 64, seed: UInt64 = 7,
                               predict: (Architecture) throws(PredictError) -> Double) throws(PredictError) -> AdditiveTable? {
        let decisions = space.decisions
        let reference = Encoding([UInt8](repeating: 0, count: decisions.count))
        let referenceValue = try predict(space.architecture(reference, resolution: resolution))
        var offsets: [Int] = []
        var table: [Double] = []
        for (i, decision) in decisions.enumerated() {
            offsets.append(table.count)
            for c in 0..<decision.choices.count {
                if c == 0 { table.append(0); continue }
                var changed = reference
                changed.choices[i] = UInt8(c)
                table.append(try predict(space.architecture(changed, resolution: resolution)) - referenceValue)
            }
        }
        let compiled = AdditiveTable(base: referenceValue, table: table, offsets: offsets, verifiedError: 0)
        var worst = 0.0
        for encoding in space.sample(count: verify, seed: seed) {
            let exact = try predict(space.architecture(encoding, resolution: resolution))
            let error = abs(compiled.predict(encoding) - exact) / max(abs(exact), 1e-12)
            worst = max(worst, error)
            if error > 1e-9 { return nil }
        }
        return AdditiveTable(base: referenceValue, table: table, offsets: offsets, verifiedError: worst)
    }
}
