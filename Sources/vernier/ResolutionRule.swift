import ArgumentParser
import VernierModel

/// `--resolution`'s rule for every command that has it: within ``SizeLimits/resolution``, and
/// refused for a space whose archs carry their own resolution (ofa-mbv3's `r=`), where it would
/// be silently ignored.
enum ResolutionRule {
    static func check(_ resolution: Int?, space: String) throws {
        guard let resolution else { return }
        if let problem = SizeLimits.check(resolution, in: SizeLimits.resolution, field: "--resolution") {
            throw ValidationError(problem)
        }
        if let searchSpace = try? Spaces.named(space), let problem = searchSpace.resolutionProblem(resolution, field: "--resolution") {
            throw ValidationError(problem)
        }
    }
}
