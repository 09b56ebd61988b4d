/// Names of backends that Vernier knows without a runner.
public enum BackendName {
    /// Vernier's own C kernels: the default backend of every command and request.
    public static let native = "native"
}
