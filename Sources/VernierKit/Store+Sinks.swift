import VernierProfiler
import VernierStore

/// The store is where the profiler's LUT builder and arch measurer put what they measure: its
/// methods already have the shapes of the profiler's protocols, so the adaptation is the
/// declaration.
extension Store: LUTEntrySink, ArchMeasurementSink {}
