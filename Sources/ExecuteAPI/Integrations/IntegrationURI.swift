import Foundation

/// Reading integration URIs: `${stageVariables.name}` substitution, `{param}` path
/// substitution, and the Lambda function an `arn:aws:apigateway:…:lambda:path/…` URI names.
enum IntegrationURI {
    /// `${stageVariables.name}` replaced by the stage's value ("" when the stage has none).
    static func substituteStageVariables(_ text: String, _ variables: [String: String]) -> String {
        guard text.contains("${stageVariables.") else { return text }
        var output = ""
        var rest = text[...]
        while let start = rest.range(of: "${stageVariables.") {
            output += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                rest = rest[start.lowerBound...]
                break
            }
            output += variables[String(rest[start.upperBound..<end])] ?? ""
            rest = rest[rest.index(after: end)...]
        }
        return output + rest
    }

    /// `{name}` (and `{name+}`) replaced by the mapped `integration.request.path.name` values.
    static func substitutePath(_ text: String, _ values: [String: String]) -> String {
        guard text.contains("{") else { return text }
        var output = ""
        var rest = text[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            output += rest[..<open]
            var name = String(rest[rest.index(after: open)..<close])
            if name.hasSuffix("+") { name.removeLast() }
            output += values[name] ?? String(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        return output + rest
    }

    /// The Lambda function of an AWS or AWS_PROXY integration URI.
    static func lambdaFunction(_ uri: String?, stageVariables: [String: String]) throws(IntegrationFailure)
        -> LambdaFunctionName
    {
        guard let function = try lambdaFunctionIfLambda(uri, stageVariables: stageVariables) else {
            throw .configuration("Invalid Lambda function URI: \(uri ?? "none")")
        }
        return function
    }

    /// Whether an AWS integration's URI invokes a Lambda function (`arn:aws:apigateway:{region}:lambda:…`).
    static func isLambda(_ uri: String?) -> Bool {
        guard let uri else { return false }
        let parts = uri.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        return parts.count == 6 && parts[0] == "arn" && parts[2] == "apigateway" && parts[4] == "lambda"
    }

    /// The function, or nil when the URI is not a Lambda invocation URI.
    static func lambdaFunctionIfLambda(_ uri: String?, stageVariables: [String: String]) throws(IntegrationFailure)
        -> LambdaFunctionName?
    {
        guard let uri else { return nil }
        let text = substituteStageVariables(uri, stageVariables)
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "apigateway", parts[4] == "lambda" else { return nil }
        guard let start = text.range(of: "/functions/"), let end = text.range(of: "/invocations") else {
            throw .configuration("Invalid Lambda function URI: \(text)")
        }
        return LambdaFunctionName(reference: String(text[start.upperBound..<end.lowerBound]))
    }
}
