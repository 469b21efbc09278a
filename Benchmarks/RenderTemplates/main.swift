import ExecuteAPI
import Foundation
import OrderedCollections
import RestJson1Core
import VTL

/// Mapping-template rendering: each template is parsed once and rendered many times, as a
/// deployment does, on one thread and then on every core at once.
let typical = """
    #set($inputRoot = $input.path('$'))
    {
      "id": "$input.params('id')",
      "name": "$util.escapeJavaScript($inputRoot.name)",
      "price": $inputRoot.price,
      "tags": $input.json('$.tags'),
      "stage": "$context.stage",
      "source": "$context.identity.sourceIp",
      #if($inputRoot.price > 100)"expensive": true,#end
      "env": "$stageVariables.env"
    }
    """
let loop = """
    #set($items = $input.path('$.items'))
    [
    #foreach($item in $items)
      {"n": $item.n, "label": "$item.label", "even": #if($item.n % 2 == 0)true#{else}false#end}#if($foreach.hasNext),#end
    #end
    ]
    """
let items = (0..<1000).map { #"{"n": \#($0), "label": "item \#($0)"}"# }.joined(separator: ",")

func request(body: String) -> MappingTemplateRequest {
    MappingTemplateRequest(
        body: body, path: ["id": "42"], querystring: ["q": "cats"], header: ["Accept": "application/json"],
        context: ["stage": "prod", "identity": ["sourceIp": "127.0.0.1"]], stageVariables: ["env": "dev"])
}

/// How many renders fit in `seconds`.
func renders(_ template: Template, _ variables: [String: Value], _ options: RenderOptions, for seconds: Double) throws
    -> Int
{
    let end = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
    var count = 0
    while DispatchTime.now().uptimeNanoseconds < end {
        for _ in 0..<10 { _ = try template.render(variables, options: options) }
        count += 10
    }
    return count
}

func measure(_ label: String, template text: String, body: String, seconds: Double) async throws {
    let parseStart = DispatchTime.now().uptimeNanoseconds
    var template = try Template(text)
    for _ in 0..<999 { template = try Template(text) }
    let parseMicroseconds = Double(DispatchTime.now().uptimeNanoseconds - parseStart) / 1000 / 1000
    let variables = request(body: body).variables
    let options = MappingTemplateRequest.renderOptions
    let output = try template.render(variables, options: options)

    let parsed = template
    let single = try renders(parsed, variables, options, for: seconds)
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let parallel = try await withThrowingTaskGroup(of: Int.self) { group in
        for _ in 0..<cores { group.addTask { try renders(parsed, variables, options, for: seconds) } }
        return try await group.reduce(0, +)
    }
    print(
        String(
            format: "%@: parse %.1f µs; render %.0f/s on 1 thread, %.0f/s on %d; output %d bytes", label,
            parseMicroseconds, Double(single) / seconds, Double(parallel) / seconds, cores, output.utf8.count))
}

let seconds = Double(CommandLine.arguments.dropFirst().first ?? "") ?? 2
try await measure(
    "typical request template", template: typical,
    body: #"{"name": "Rex \"the dog\"", "price": 249.99, "tags": ["a", "b"]}"#, seconds: seconds)
try await measure("#foreach over 1,000 items", template: loop, body: #"{"items": [\#(items)]}"#, seconds: seconds)
