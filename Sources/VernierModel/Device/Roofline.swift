/// Roofline parameters of a device: compute peaks and bandwidth per memory level.
public struct Roofline: Codable, Hashable, Sendable {
    /// Measured FMA peak on one core, GFLOP/s.
    public var peakGflopsOneCore: Double
    /// Measured FMA peak on all cores, GFLOP/s.
    public var peakGflopsAllCores: Double
    /// Achieved sgemm (OpenBLAS) on all cores, GFLOP/s, and its problem size.
    public var sgemmGflops: Double
    /// `M×N×K` of the sgemm.
    public var sgemmShape: String
    /// Theoretical single-core peak, GFLOP/s (lanes × FMA × units × clock), if the clock is known.
    public var theoreticalGflopsOneCore: Double?
    /// Measured one-core peak / theoretical.
    public var peakEfficiency: Double?
    /// What the compute peak ran on (`avx512f`, `avx2+fma`, `scalar`); nil in profiles from before it was recorded.
    public var peakInstructionSet: String?
    /// Best triad bandwidth per level on one core (`L1`, `L2`, `L3`, `DRAM`) and `DRAM all threads`, GB/s.
    public var bandwidthGBs: [String: Double]
    /// The one-core sweep: working-set bytes → best GB/s.
    public var sweep: [BandwidthPoint]
    /// Ridge point, FLOP/byte: all-core peak / all-thread DRAM bandwidth.
    public var ridgeFlopsPerByte: Double
    /// Threads used for the all-core numbers.
    public var threads: Int

    /// Creates a value from all its fields.
    public init(peakGflopsOneCore: Double, peakGflopsAllCores: Double, sgemmGflops: Double, sgemmShape: String, theoreticalGflopsOneCore: Double? = nil, peakEfficiency: Double? = nil, peakInstructionSet: String? = nil, bandwidthGBs: [String: Double], sweep: [BandwidthPoint], ridgeFlopsPerByte: Double, threads: Int) {
        self.peakGflopsOneCore = peakGflopsOneCore
        self.peakGflopsAllCores = peakGflopsAllCores
        self.sgemmGflops = sgemmGflops
        self.sgemmShape = sgemmShape
        self.theoreticalGflopsOneCore = theoreticalGflopsOneCore
        self.peakEfficiency = peakEfficiency
        self.peakInstructionSet = peakInstructionSet
        self.bandwidthGBs = bandwidthGBs
        self.sweep = sweep
        self.ridgeFlopsPerByte = ridgeFlopsPerByte
        self.threads = threads
    }
}
