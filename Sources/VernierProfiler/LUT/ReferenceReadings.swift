/// The reference layer's recent readings during a LUT build: the latest one (which opens the next
/// entry's bracket) and the machine's typical speed lately (the median of the last few brackets),
/// against which a reading counts as a contention spike.
struct ReferenceReadings {
    /// The latest reading, ms; `nil` after a pause (the next bracket times the reference afresh).
    var latest: Double?
    /// Bracket means, oldest first, at most ``window`` of them.
    private(set) var recent: [Double] = []
    /// How many bracket means the typical speed is the median of.
    let window: Int

    /// Creates empty readings.
    init(window: Int = 32) {
        self.window = window
    }

    /// The fastest bracket mean of the whole run, ms.
    private(set) var fastest: Double?
    /// Bracket means recorded over the whole run.
    private(set) var count = 0

    /// Adds a bracket's mean.
    mutating func record(_ mean: Double) {
        fastest = min(fastest ?? mean, mean)
        count += 1
        recent.append(mean)
        if recent.count > window { recent.removeFirst(recent.count - window) }
    }

    /// Median of the recent bracket means (`nil` before the first).
    var typical: Double? {
        recent.isEmpty ? nil : SampleStatistics.median(recent.sorted())
    }
}
