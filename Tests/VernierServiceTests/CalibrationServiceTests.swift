import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VernierKit
import VernierModel
import VernierPredict
import VernierStore
import VernierTestSupport
@testable import VernierService

/// `POST /v1/devices/{id}/calibrate`: few-shot transfer from archs measured on the device and
/// reference devices imported into the store; the model then serves `predictor: calibrated`.
@Suite struct CalibrationServiceTests {
    @Test func transferCalibrationServesCalibratedPredictions() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vernier-cal-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fixture = try ServiceTests.Fixture(configuration: ServiceConfiguration(calibrationDirectory: directory))
        let matrix = try LatencyMatrix.load(path: SharedData.url("latency/help_nb201_latency_ms.csv").path, space: NB201Space(),
                                            columns: ["pixel3", "raspi4", "gold_6226"])
        var records: [ArchMeasurementRecord] = []
        for (c, device) in ["raspi4", "gold_6226"].enumerated() {
            for (i, value) in matrix.values[c + 1].enumerated() {
                guard let value else { continue }
                records.append(ArchMeasurementRecord(deviceId: device, backend: "imported", space: "nb201", resolution: 32,
                                                     arch: matrix.archs[i], stats: LatencyStats(single: value), settings: "{}"))
            }
        }
        try fixture.store.importArchMeasurements(devices: [("raspi4", "{\"id\":\"raspi4\",\"source\":\"imported from test\"}"),
                                                           ("gold_6226", "{\"id\":\"gold_6226\",\"source\":\"imported from test\"}")],
                                                 records: records)
        let rows = stride(from: 100, to: 15_000, by: 997).compactMap { i in
            matrix.values[0][i].map { ["arch": matrix.archs[i], "latency_ms": $0] as [String: Any] }
        }
        let count = rows.count
        let good = ServiceTests.json(["space": "nb201", "measurements": rows, "train": 10, "seed": 3] as [String: Any])
        let predict = ServiceTests.json(["device": "dev1", "space": "nb201", "predictor": "calibrated",
                                         "archs": [matrix.archs[5], matrix.archs[6]]] as [String: Any])
        // Bad input: too few archs, a bad latency, an unknown reference, no token.
        let cases: [(ByteBuffer, String?, HTTPResponse.Status, String)] = [
            (["space": "nb201", "measurements": Array(rows.prefix(4))], fixture.admin, .badRequest, "at least 5"),
            (["space": "nb201", "measurements": [["arch": matrix.archs[0], "latency_ms": -1]] + rows], fixture.admin, .badRequest,
             "measurements[0].latency_ms"),
            (["space": "nb201", "measurements": rows, "transfer": "nosuch"], fixture.admin, .conflict, "nosuch"),
            (["space": "nb201", "measurements": rows], nil, .unauthorized, "bearer token"),
        ].map { (body: [String: Any], token: String?, status: HTTPResponse.Status, text: String) in
            (ServiceTests.json(body), token, status, text)
        }
        let forbidden = ServiceTests.json(["space": "nb201", "measurements": rows] as [String: Any])
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/devices/dev1/calibrate", method: .post, headers: fixture.headers(fixture.admin),
                                     body: good) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                let report = ServiceTests.object(response.body)
                #expect((report["references"] as? [[String: Any]])?.first?["device"] as? String == "raspi4")
                #expect(report["n_test"] as? Int == count - 10)
                #expect((report["spearman"] as? Double ?? 0) > 0.8)
            }
            try await client.execute(uri: "/v1/predict", method: .post, headers: fixture.headers(nil),
                                     body: predict) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                let latencies = ServiceTests.object(response.body)["latency_ms"] as? [Double] ?? []
                #expect(latencies.count == 2 && latencies.allSatisfy { $0 > 0 })
            }
            for (body, token, status, text) in cases {
                try await client.execute(uri: "/v1/devices/dev1/calibrate", method: .post, headers: fixture.headers(token),
                                         body: body) { response in
                    #expect(response.status == status)
                    #expect(ServiceTests.error(response.body).contains(text))
                }
            }
            try await client.execute(uri: "/v1/devices/other/calibrate", method: .post, headers: fixture.headers(fixture.agent),
                                     body: forbidden) { response in
                #expect(response.status == .forbidden)
            }
        }
    }
}

extension CalibrationServiceTests {
    /// A measure job can list its archs (the ones `arch suggest` picked); they are canonicalised
    /// and checked when the job is queued, and the count follows the list.
    @Test func measureJobsTakeAnArchList() async throws {
        let fixture = try ServiceTests.Fixture()
        let named = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|"
        let other = "|none~0|+|nor_conv_1x1~0|none~1|+|skip_connect~0|none~1|nor_conv_3x3~2|"
        let good = ServiceTests.json(["device": "dev1", "kind": "measure", "space": "nb201",
                                      "parameters": ["archs": [named, other]]] as [String: Any])
        let cases: [(ByteBuffer, String)] = [
            (ServiceTests.json(["device": "dev1", "kind": "measure", "space": "nb201", "parameters": ["archs": [named, "garbage"]]] as [String: Any]),
             "parameters.archs[1]"),
            (ServiceTests.json(["device": "dev1", "kind": "measure", "space": "nb201", "parameters": ["archs": [named, named]]] as [String: Any]),
             "listed twice"),
            (ServiceTests.json(["device": "dev1", "kind": "profile", "space": "nb201", "parameters": ["archs": [named]]] as [String: Any]),
             "for measure jobs"),
        ]
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/jobs", method: .post, headers: fixture.headers(fixture.admin), body: good) { response in
                #expect(response.status == .created, "\(String(buffer: response.body))")
                let parameters = ServiceTests.object(response.body)["parameters"] as? [String: Any] ?? [:]
                #expect(parameters["archs"] as? [String] == [named, other])
                #expect(parameters["count"] as? Int == 2)
            }
            for (body, fragment) in cases {
                try await client.execute(uri: "/v1/jobs", method: .post, headers: fixture.headers(fixture.admin), body: body) { response in
                    #expect(response.status == .badRequest)
                    #expect(ServiceTests.error(response.body).contains(fragment), "\(String(buffer: response.body))")
                }
            }
        }
        let job = try #require(try fixture.store.jobs(device: "dev1", state: nil).first)
        let stored = try JSONDecoder().decode(JobParameters.self, from: Data(job.parameters.utf8))
        #expect(try stored.measureEncodings(space: NB201Space()).map { NB201Space().format($0) } == [named, other])
    }
}
