import OrderedCollections
import RestJson1

/// GetModelTemplate: a mapping template that rebuilds a model's JSON from `$input.path('$')`,
/// property by property, quoting strings and looping over arrays, as AWS generates it.
enum ModelTemplate {
    static func render(schema: JSONValue) -> String {
        var lines = ["#set($inputRoot = $input.path('$'))"]
        lines += value(schema: schema, reference: "$inputRoot", indent: "")
        return lines.joined(separator: "\n")
    }

    private static func value(schema: JSONValue, reference: String, indent: String) -> [String] {
        switch type(of: schema) {
        case "object":
            var properties: [(String, JSONValue)] = []
            if case .object(let members)? = schema["properties"] { properties = members.map { ($0.key, $0.value) } }
            var lines = ["{"]
            for (index, (name, property)) in properties.enumerated() {
                let comma = index < properties.count - 1 ? "," : ""
                var rendered = value(schema: property, reference: "\(reference).\(name)", indent: indent + "  ")
                rendered[0] = "\(indent)  \"\(name)\" : " + rendered[0]
                rendered[rendered.count - 1] += comma
                lines += rendered
            }
            lines.append(indent + "}")
            return lines
        case "array":
            let element = "$elem\(indent.count / 2)"
            var lines = ["["]
            lines.append("#foreach(\(element) in \(reference))")
            var item = value(schema: schema["items"] ?? .object([:]), reference: element, indent: indent + "  ")
            item[0] = indent + "  " + item[0]
            lines += item
            lines.append("#if($foreach.hasNext),#end")
            lines.append("#end")
            lines.append(indent + "]")
            return lines
        case "string":
            return ["\"\(reference)\""]
        default:
            return [reference]
        }
    }

    private static func type(of schema: JSONValue) -> String {
        if case .string(let type)? = schema["type"] { return type }
        if schema["properties"] != nil { return "object" }
        if schema["items"] != nil { return "array" }
        return "string"
    }
}
