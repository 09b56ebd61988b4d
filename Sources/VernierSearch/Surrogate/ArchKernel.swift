/// The similarity of two architectures for the accuracy surrogate of ``FrontSearch``: with m the
/// number of decisions on which their canonical encodings agree,
/// `k = Σ_{r=0…R} θ^r·C(m, r)`, normalised so that an architecture has similarity 1 with itself.
///
/// The sum counts the subsets of at most R agreeing decisions, each weighted θ^|S|: the kernel of
/// an additive model over every interaction of up to R decisions (an ANOVA kernel). That is what
/// lets ``SubsetTables`` evaluate a surrogate mean in one lookup per subset instead of one
/// comparison per training architecture.
struct ArchKernel: Sendable {
    /// Decisions per encoding.
    let width: Int
    /// Highest interaction order R.
    let order: Int
    /// Weight θ of each further agreeing decision.
    let theta: Double
    /// `table[m]`: the normalised kernel of two encodings agreeing on m decisions.
    let table: [Double]

    /// Creates the kernel for encodings of `width` decisions.
    init(width: Int, order: Int, theta: Double) {
        self.width = width
        let order = max(0, min(order, width))
        self.order = order
        self.theta = theta
        let raw = (0...width).map { m in Self.unnormalised(matches: m, order: order, theta: theta) }
        let whole = raw[width]
        table = raw.map { $0 / whole }
    }

    /// `Σ_{r=0…order} θ^r·C(m, r)`.
    static func unnormalised(matches m: Int, order: Int, theta: Double) -> Double {
        var total = 0.0
        var binomial = 1.0  // C(m, r)
        var power = 1.0     // θ^r
        for r in 0...order {
            if r > m { break }
            total += power * binomial
            binomial = binomial * Double(m - r) / Double(r + 1)
            power *= theta
        }
        return total
    }

    /// The weight of one subset of `size` decisions in the normalised kernel.
    func subsetWeight(size: Int) -> Double {
        var power = 1.0
        for _ in 0..<size { power *= theta }
        return power / Self.unnormalised(matches: width, order: order, theta: theta)
    }

    /// The kernel of two encodings stored at `a` and `b` (`width` choices each).
    @inline(__always)
    func value(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Double {
        var matches = 0
        for i in 0..<width where a[i] == b[i] { matches += 1 }
        return table[matches]
    }
}
