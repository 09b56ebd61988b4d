/// The surrogate mean `Σ_j α_j·k(x, x_j)` of an ``ArchKernel`` written as a sum over the subsets
/// S of at most R decisions: `Σ_S w_|S| · T_S[x_S]`, where `T_S[v]` sums α_j over the training
/// encodings whose choices on S are v. Building the tables costs one pass over the training set;
/// evaluating a candidate costs one lookup per subset, whatever the training set's size.
struct SubsetTables: Sendable {
    /// Decision positions of every subset, one after another.
    private let positions: [Int]
    /// Mixed-radix stride of each position within its subset's table.
    private let strides: [Int]
    /// Where each subset's positions start in ``positions`` (one extra entry at the end).
    private let starts: [Int]
    /// Where each subset's table starts in ``values``.
    private let offsets: [Int]
    /// Kernel weight of each subset.
    private let weights: [Double]
    /// Every table, one after another.
    private var values: [Double]

    /// The tables of `kernel` over decisions with `choiceCounts` choices each, all zero.
    init(kernel: ArchKernel, choiceCounts: [Int]) {
        var positions: [Int] = []
        var strides: [Int] = []
        var starts: [Int] = [0]
        var offsets: [Int] = []
        var weights: [Double] = []
        var total = 0
        func visit(_ subset: [Int], from next: Int) {
            var stride = 1
            var subsetStrides = [Int](repeating: 0, count: subset.count)
            for (k, position) in subset.enumerated().reversed() {
                subsetStrides[k] = stride
                stride *= choiceCounts[position]
            }
            positions += subset
            strides += subsetStrides
            starts.append(positions.count)
            offsets.append(total)
            weights.append(kernel.subsetWeight(size: subset.count))
            total += stride
            guard subset.count < kernel.order else { return }
            for position in next..<choiceCounts.count { visit(subset + [position], from: position + 1) }
        }
        visit([], from: 0)
        self.positions = positions
        self.strides = strides
        self.starts = starts
        self.offsets = offsets
        self.weights = weights
        values = [Double](repeating: 0, count: total)
    }

    /// Entries of every table together.
    var entryCount: Int { values.count }

    /// Entries the tables of `kernel` need over decisions with `choiceCounts` choices: the sum
    /// over subsets of at most `kernel.order` decisions of the product of their choice counts.
    static func entryCount(order: Int, choiceCounts: [Int]) -> Double {
        // e[r]: sum over subsets of size r of the product of choice counts (elementary symmetric).
        var e = [Double](repeating: 0, count: order + 1)
        e[0] = 1
        for count in choiceCounts {
            for r in stride(from: order, through: 1, by: -1) { e[r] += e[r - 1] * Double(count) }
        }
        return e.reduce(0, +)
    }

    /// Zeroes every table.
    mutating func reset() {
        for i in values.indices { values[i] = 0 }
    }

    /// Adds `coefficient` for the encoding at `choices` to every subset's table.
    mutating func add(_ choices: UnsafeBufferPointer<UInt8>, coefficient: Double) {
        for subset in weights.indices {
            values[index(subset, choices)] += coefficient * weights[subset]
        }
    }

    /// `Σ_S T_S[x_S]` for the encoding at `choices`.
    func evaluate(_ choices: UnsafeBufferPointer<UInt8>) -> Double {
        var total = 0.0
        for subset in weights.indices { total += values[index(subset, choices)] }
        return total
    }

    @inline(__always)
    private func index(_ subset: Int, _ choices: UnsafeBufferPointer<UInt8>) -> Int {
        var index = offsets[subset]
        for k in starts[subset]..<starts[subset + 1] { index += Int(choices[positions[k]]) * strides[k] }
        return index
    }
}
