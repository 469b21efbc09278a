import Foundation

// portico-fuzz: feeds generated inputs to the pieces of Portico that read untrusted text (mapping
// templates, JSON, JSONPath, OpenAPI documents, control-plane requests, deployed APIs' routing)
// for a fixed time each. A crash leaves the input in fuzz-crash-TARGET; an answer no client
// should get is printed with its input. Exit status 1 if anything was found.
//
//   portico-fuzz [--seconds N] [--seed S] [--max-length BYTES] [TARGET …]
//   portico-fuzz --replay FILE TARGET
/// The value of `--name VALUE`, taken out of `arguments`.
func option(_ name: String, in arguments: inout [String]) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    defer { arguments.removeSubrange(index...(index + 1)) }
    return arguments[index + 1]
}
var arguments = Array(CommandLine.arguments.dropFirst())
let seconds = option("--seconds", in: &arguments).flatMap(Double.init) ?? 10
let seed = option("--seed", in: &arguments).flatMap(UInt64.init) ?? 1
let maximumLength = option("--max-length", in: &arguments).flatMap(Int.init) ?? 65_536
let replay = option("--replay", in: &arguments)
let names = arguments

let targets = await Targets.all()
let chosen = names.isEmpty ? targets : targets.filter { names.contains($0.name) }
guard !chosen.isEmpty else {
    print("unknown target; targets: \(targets.map(\.name).joined(separator: ", "))")
    exit(2)
}

if let replay {
    let input = Array(FileManager.default.contents(atPath: replay) ?? Data())
    for target in chosen { print("\(target.name): \(await target.run(input) ?? "no finding")") }
    exit(0)
}

var findings = 0
for target in chosen {
    CrashReport.install(file: "fuzz-crash-\(target.name)")
    var mutator = Mutator(seed: seed, seeds: target.seeds, tokens: target.tokens, maximumLength: maximumLength)
    let end = Date().addingTimeInterval(seconds)
    var runs = 0
    var slowest = 0.0
    while Date() < end {
        let input = mutator.next()
        CrashReport.trying(input)
        let start = Date()
        if let finding = await target.run(input) {
            findings += 1
            print(
                "\(target.name): \(finding)\n  input: \(String(decoding: input.prefix(300), as: UTF8.self).debugDescription)"
            )
        }
        slowest = max(slowest, Date().timeIntervalSince(start))
        runs += 1
    }
    print("\(target.name): \(runs) inputs in \(Int(seconds)) s, slowest \(String(format: "%.2f", slowest)) s")
}
exit(findings == 0 ? 0 : 1)
