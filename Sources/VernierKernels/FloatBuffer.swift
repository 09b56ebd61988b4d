import CKernels

/// An owned, 64-byte aligned float32 buffer.
public final class FloatBuffer: @unchecked Sendable {
    /// Start of the storage.
    public let pointer: UnsafeMutablePointer<Float>
    /// Number of floats.
    public let count: Int

    /// Allocates `count` floats filled with pseudo-random values in [-scale, scale) from `seed`
    /// (zeros when `seed` is nil), so pages are touched and caches in a defined state.
    public init(count: Int, seed: UInt64? = nil, scale: Float = 1) {
        self.count = max(count, 1)
        let raw = UnsafeMutableRawPointer.allocate(byteCount: self.count * 4, alignment: 64)
        pointer = raw.bindMemory(to: Float.self, capacity: self.count)
        if let seed {
            vk_fill_random(pointer, self.count, seed)
            if scale != 1 { for i in 0..<self.count { pointer[i] *= scale } }
        } else {
            pointer.initialize(repeating: 0, count: self.count)
        }
    }

    deinit { pointer.deallocate() }
}
