import Foundation

/// How ``FrontSearch`` maps accuracies to the surrogate's targets and back.
///
/// Percentages (every initial value in 0…100) are modelled as `ln(100 − a)`: the error rate on a
/// log scale, where the few accurate architectures the search cares about are spread out and the
/// uncertainty shrinks towards 100 %. Accuracies below a floor (a little under the reference
/// accuracy) are clipped to it, so the surrogate does not spend its fit on the bad end. Other
/// scales (zero-cost scores) are modelled as they are, clipped the same way.
struct AccuracyTransform: Sendable {
    /// Whether accuracies are percentages.
    let isPercent: Bool
    /// Values below this are modelled as this.
    let clip: Double

    /// The transform for accuracies like `observed`, clipped a little below `floor`.
    init(observed: [Double], floor: Double) {
        isPercent = !observed.isEmpty && observed.allSatisfy { $0 >= 0 && $0 < 100 }
        let top = observed.max() ?? floor
        clip = floor - (isPercent ? 3 : max(0.125 * (top - floor), 1e-9))
    }

    /// The surrogate target of an accuracy.
    func forward(_ accuracy: Double) -> Double {
        let value = max(accuracy, clip)
        return isPercent ? log(100 - min(value, 100 - 1e-9)) : value
    }

    /// The accuracy mean and standard deviation of a latent mean and variance.
    func backward(_ latent: Double, variance: Double) -> (mean: Double, sd: Double) {
        let sd = max(variance, 0).squareRoot()
        guard isPercent else { return (latent, sd) }
        let error = exp(latent)
        return (100 - error, error * sd)
    }
}
