import CoreMetrics
import Metrics
import Prometheus
import VernierStore

/// The service's metrics through swift-metrics, exported in Prometheus text format by
/// `GET /metrics`: requests and their latencies per route and status, predictions served, and
/// jobs by state (read from the store at each scrape). Each service has its own registry, so that
/// several services (tests) in one process do not share counts.
public final class ServiceMetrics: Sendable {
    /// The Prometheus registry behind the metrics.
    public let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    private let predictions: CoreMetrics.Counter

    /// Creates the metrics with a fresh registry.
    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [.microseconds(100), .milliseconds(1), .milliseconds(5), .milliseconds(25),
                                                   .milliseconds(100), .milliseconds(500), .seconds(2), .seconds(10)]
        self.factory = factory
        predictions = CoreMetrics.Counter(label: "vernier_predictions_total", factory: factory)
    }

    /// Counts one finished request.
    func recordRequest(method: String, route: String, status: Int, nanoseconds: Int64) {
        let dimensions = [("method", method), ("route", route), ("status", String(status))]
        CoreMetrics.Counter(label: "vernier_http_requests_total", dimensions: dimensions, factory: factory).increment()
        CoreMetrics.Timer(label: "vernier_http_request_duration_seconds", dimensions: [("method", method), ("route", route)],
                      factory: factory).recordNanoseconds(nanoseconds)
    }

    /// Counts predictions served.
    func recordPredictions(_ count: Int) { predictions.increment(by: count) }

    /// The Prometheus text, with the job gauges refreshed from `store`.
    func scrape(store: Store) throws -> String {
        for (state, count) in try store.jobCounts() {
            CoreMetrics.Gauge(label: "vernier_jobs", dimensions: [("state", state.rawValue)], factory: factory).record(count)
        }
        return registry.emitToString()
    }
}
