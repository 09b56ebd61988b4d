extension DeviceProfile {
    /// The first figure of the profile that no real device has, or `nil` when every figure is
    /// plausible: counts and sizes not negative, the clock, cache sizes, roofline peaks,
    /// bandwidths, ridge point and time-base latencies finite and positive. A predictor built
    /// from such a profile would give negative or infinite latencies, so it is refused where a
    /// profile comes in (an HTTP body, a profile file).
    public var implausibleFigure: String? {
        for (name, value) in [("cores", cores), ("threads", threads), ("memoryBytes", memoryBytes)] where value < 0 {
            return "\(name) = \(value) must not be negative"
        }
        func positive(_ name: String, _ value: Double) -> String? {
            value.isFinite && value > 0 ? nil : "\(name) = \(value) must be a finite positive number"
        }
        if let clockMHz, let problem = positive("clockMHz", clockMHz) { return problem }
        for (index, cache) in caches.enumerated() where cache.sizeBytes <= 0 || cache.sharedBy < 0 {
            return "caches[\(index)] has size \(cache.sizeBytes) bytes shared by \(cache.sharedBy); sizes must be positive"
        }
        if let roofline {
            let figures = [("roofline.peakGflopsOneCore", roofline.peakGflopsOneCore),
                           ("roofline.peakGflopsAllCores", roofline.peakGflopsAllCores),
                           ("roofline.sgemmGflops", roofline.sgemmGflops),
                           ("roofline.ridgeFlopsPerByte", roofline.ridgeFlopsPerByte)]
                + roofline.bandwidthGBs.sorted { $0.key < $1.key }.map { ("roofline.bandwidthGBs[\($0.key)]", $0.value) }
            for (name, value) in figures { if let problem = positive(name, value) { return problem } }
            if roofline.threads < 1 { return "roofline.threads = \(roofline.threads) must be at least 1" }
        }
        for (index, base) in (timeBases ?? []).enumerated() {
            if let problem = positive("timeBases[\(index)].referenceMs", base.referenceMs) { return problem }
        }
        return nil
    }
}
