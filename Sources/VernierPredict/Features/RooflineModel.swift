import VernierModel

/// The roofline of a device at a thread count, reduced to what a per-layer estimate needs: the
/// compute peak and one bandwidth per memory level with its capacity.
public struct RooflineModel: Codable, Hashable, Sendable {
    /// One memory level: working sets up to `capacityBytes` run at `gbPerSecond`.
    public struct Level: Codable, Hashable, Sendable {
        /// `L1`, `L2`, `L3` or `DRAM`.
        public var name: String
        /// Largest working set served by this level, bytes (`nil`: unbounded, DRAM).
        public var capacityBytes: Int?
        /// Bandwidth, GB/s.
        public var gbPerSecond: Double
    }

    /// Compute peak at the thread count, GFLOP/s.
    public var peakGflops: Double
    /// Memory levels, smallest first, DRAM last.
    public var levels: [Level]
    /// Threads the numbers are for.
    public var threads: Int

    /// Builds the model at the thread count the device's measurements used (all its threads when
    /// none are recorded).
    /// - Throws: ``PredictError`` (`missingInput`) when the profile has no roofline yet.
    public init(profile: DeviceProfile) throws(PredictError) {
        try self.init(profile: profile, threads: profile.measurementSettings?.threads ?? profile.threads)
    }

    /// Builds the model from a device profile with a measured roofline.
    /// - Throws: ``PredictError`` (`missingInput`) when the profile has no roofline yet.
    public init(profile: DeviceProfile, threads: Int) throws(PredictError) {
        guard let roofline = profile.roofline else {
            throw PredictError(.missingInput, "device \(profile.id) has no roofline yet; run `vernier roofline --device \(profile.id)`")
        }
        let parallel = max(1, min(threads, profile.threads))
        self.threads = parallel
        peakGflops = parallel >= roofline.threads ? roofline.peakGflopsAllCores : roofline.peakGflopsOneCore * Double(parallel)
        var levels: [Level] = []
        for level in 1...3 {
            guard let cache = profile.caches.first(where: { $0.level == level && $0.type != "Instruction" }),
                  let bandwidth = roofline.bandwidthGBs["L\(level)"] else { continue }
            // Private levels scale with the threads using them; a shared level is one instance.
            let instances = cache.sharedBy >= parallel ? 1 : parallel
            let scale = Double(cache.sharedBy >= parallel ? 1 : parallel)
            levels.append(Level(name: "L\(level)", capacityBytes: cache.sizeBytes * instances, gbPerSecond: bandwidth * scale))
        }
        let dram = parallel > 1 ? roofline.bandwidthGBs["DRAM all threads"] ?? roofline.bandwidthGBs["DRAM"] : roofline.bandwidthGBs["DRAM"]
        levels.append(Level(name: "DRAM", capacityBytes: nil, gbPerSecond: dram ?? 10))
        self.levels = levels
    }

    /// Compute time and memory time of a layer, ms: 2·MACs / peak, and the bytes it touches over
    /// the bandwidth of the smallest level its working set fits in.
    @inlinable
    public func times(_ cost: Cost) -> (computeMs: Double, memoryMs: Double) {
        let bytes = cost.activationBytes + cost.weightBytes
        var bandwidth = levels.last?.gbPerSecond ?? 10
        for level in levels {
            if let capacity = level.capacityBytes, bytes > capacity { continue }
            bandwidth = level.gbPerSecond
            break
        }
        return (Double(cost.flops) / (peakGflops * 1e6), Double(bytes) / (bandwidth * 1e6))
    }
}
