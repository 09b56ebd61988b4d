import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VernierModel
import VernierStore
@testable import VernierService

/// `GET /v1/devices/{id}`: the profile's fields as before, plus the device's LUTs and the
/// calibrated models `GET /v1/devices/{id}/calibrations` lists.
@Suite struct DeviceDetailTests {
    @Test func deviceListsItsLUTsAndCalibrations() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("device-detail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let committed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("calibration/amd-epyc-2t-e057f4-fbnet.json")
        try FileManager.default.copyItem(at: committed, to: directory.appendingPathComponent("amd-epyc-2t-e057f4-fbnet.json"))
        let fixture = try ServiceTests.Fixture(configuration: ServiceConfiguration(calibrationDirectory: directory.path))
        let id = "amd-epyc-2t-e057f4"
        try fixture.store.saveDevice(id: id, profileJSON: try DeviceProfile.imported(id: id, from: "test").json())
        // nb201 at 16 px (every layer, its first included), and one entry of no space.
        let stray = LUTEntryRecord(deviceId: id, backend: "native", key: "conv-input:5x5x7-output:5x5x7-k:1-s:1-e:1", op: "conv",
                                   stats: LatencyStats(single: 0.5))
        try fixture.store.replaceLUTEntries(ServiceTests.lut(device: id) + [stray])
        let layers = NB201Space().distinctLayers(resolution: 16).count

        try await fixture.app.test(.router) { client in
            var listed: [[String: Any]] = []
            try await client.execute(uri: "/v1/devices/\(id)/calibrations", method: .get) { response in
                #expect(response.status == .ok)
                listed = ServiceTests.array(response.body)
            }
            try await client.execute(uri: "/v1/devices/\(id)", method: .get) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                let device = ServiceTests.object(response.body)
                // The profile's own fields are still at the top level.
                #expect(device["id"] as? String == id)
                #expect(device["cpuModel"] as? String == "unknown")
                #expect((device["source"] as? String)?.hasPrefix("imported from") == true)

                let luts = try #require(device["luts"] as? [[String: Any]], "\(device)")
                #expect(luts.count == 2, "\(luts)")
                let nb201 = try #require(luts.first)
                #expect(nb201["space"] as? String == "nb201" && nb201["backend"] as? String == "native")
                #expect(nb201["resolutions"] as? [Int] == [16])
                #expect(nb201["entries"] as? Int == layers && nb201["layers"] as? Int == layers)
                #expect((nb201["updated_at"] as? String)?.isEmpty == false)
                let other = try #require(luts.last)
                #expect(other["space"] as? String == "other" && other["entries"] as? Int == 1)
                #expect(other["layers"] is NSNull && other["resolutions"] as? [Int] == [])

                let calibrations = try #require(device["calibrations"] as? [[String: Any]])
                #expect(calibrations.count == 1)
                #expect(calibrations.map { $0["file"] as? String } == listed.map { $0["file"] as? String })
                #expect(calibrations.first?["space"] as? String == "fbnet" && calibrations.first?["resolution"] as? Int == 224)
                #expect(calibrations.first?["within_10pct"] as? Double == listed.first?["within_10pct"] as? Double)
            }
            // A device with neither: both arrays empty.
            try await client.execute(uri: "/v1/devices/dev1", method: .get) { response in
                #expect(response.status == .ok)
                let device = ServiceTests.object(response.body)
                #expect(device["id"] as? String == "dev1")
                #expect((device["luts"] as? [Any])?.isEmpty == true && (device["calibrations"] as? [Any])?.isEmpty == true, "\(device)")
            }
            try await client.execute(uri: "/v1/devices/nope", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(ServiceTests.error(response.body).contains("nope"))
            }
        }
    }
}
