import Foundation

/// A fuzz target's name, description, seeds and constructor, without its type.
struct FuzzTargetEntry: Sendable {
    let name: String
    let summary: String
    let seeds: @Sendable () -> [Data]
    let make: @Sendable () throws -> any FuzzTarget

    init<Target: FuzzTarget>(_ target: Target.Type) {
        name = Target.name
        summary = Target.summary
        seeds = { Target.seeds }
        make = { try Target() }
    }
}
