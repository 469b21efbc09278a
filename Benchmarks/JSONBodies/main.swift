import ExecuteAPI
import Foundation
import RestJson1
import VTL

/// Reading request bodies as JSON: Portico's reader (`JSONValue.parse`) on bodies of 1 MB and
/// 10 MB, beside Foundation's `JSONSerialization` on the same bytes in the same run, and a whole
/// `$input.json('$')` render of each body (parse, template values, JSON text out).
func body(megabytes: Int) -> [UInt8] {
    var items: [String] = []
    var size = 0
    var n = 0
    while size < megabytes * 1_000_000 {
        let item =
            #"{"id": \#(n), "name": "item \#(n) caf\u00e9", "price": \#(Double(n) * 1.25), "#
            + #""tags": ["a", "b\"c", "d/e"], "active": \#(n % 2 == 0), "note": null}"#
        items.append(item)
        size += item.utf8.count + 1
        n += 1
    }
    return Array(("{\"items\": [" + items.joined(separator: ",") + "]}").utf8)
}

/// The best of `runs` timings of `work`, in milliseconds.
func best(runs: Int, _ work: () throws -> Void) rethrows -> Double {
    var fastest = Double.infinity
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        try work()
        fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    return fastest
}

let runs = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 5
print("| body | JSONValue.parse ms | MB/s | JSONSerialization ms | ratio | $input.json('$') render ms |")
print("| --- | --- | --- | --- | --- | --- |")
for megabytes in [1, 10] {
    let bytes = body(megabytes: megabytes)
    let data = Data(bytes)
    let ours = try best(runs: runs) { _ = try JSONValue.parse(bytes) }
    let foundation = try best(runs: runs) { _ = try JSONSerialization.jsonObject(with: data) }
    let template = try Template("$input.json('$')")
    let variables = MappingTemplateRequest(body: String(decoding: bytes, as: UTF8.self)).variables
    let render = try best(runs: runs) {
        _ = try template.render(variables, options: MappingTemplateRequest.renderOptions)
    }
    let megabytesPerSecond = Double(bytes.count) / 1e6 / (ours / 1000)
    print(
        "| \(bytes.count / 1000) KB | \(String(format: "%.1f", ours)) | \(String(format: "%.0f", megabytesPerSecond)) "
            + "| \(String(format: "%.1f", foundation)) | \(String(format: "%.2f", ours / foundation)) "
            + "| \(String(format: "%.1f", render)) |")
}
