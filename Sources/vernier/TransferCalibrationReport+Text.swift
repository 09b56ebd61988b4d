import Foundation
import VernierPredict

extension TransferCalibrationReport {
    /// Human-readable report.
    var text: String {
        let transfer = result.model.transfer
        let n = result.crossValidation.nTest
        var lines = ["transfer calibration of \(space) on \(device) from \(source): \(n) training archs, \(result.holdout?.nTest ?? 0) held out"
                     + (filtered > 0 ? " (\(filtered) rows below --min-ms dropped)" : "")]
        lines.append("references by correlation on the training archs: "
                     + result.correlations.prefix(8).map { String(format: "%@ %.3f", $0.device, $0.correlation) }.joined(separator: ", ")
                     + (result.correlations.count > 8 ? ", … (\(result.correlations.count) in all)" : ""))
        for member in (transfer?.members ?? []).prefix(6) {
            let names = member.references.map { transfer!.references[$0].device } + member.features
            lines.append(String(format: "  %5.1f%%  %@ on %@ (ridge %.2f, leave-one-out |log error| %.3f)", 100 * member.weight,
                                member.scale.rawValue, names.joined(separator: " + "), member.ridge, member.looError))
        }
        if let members = transfer?.members, members.count > 6 { lines.append("  … \(members.count) members in all (--json)") }
        lines.append("predictor".padding(toLength: 34, withPad: " ", startingAt: 0) + "    ±5%    ±10%    MAPE%   RMSE ms spearman  kendall")
        func line(_ name: String, _ r: AccuracyReport) -> String {
            name.padding(toLength: 34, withPad: " ", startingAt: 0)
                + String(format: "%6.1f%% %6.1f%% %8.2f %9.4f %8.3f %8.3f", 100 * r.within5pct, 100 * r.within10pct,
                         r.mape, r.rmseMs, r.spearman, r.kendall)
        }
        if let holdout = result.holdout { lines.append(line("transfer (held out)", holdout)) }
        lines.append(line("transfer (leave-one-out, training)", result.crossValidation))
        for (name, report) in result.comparison.sorted(by: { $0.key < $1.key }) { lines.append(line(name, report)) }
        lines.append("model saved to \(model)")
        return lines.joined(separator: "\n") + "\n"
    }
}
