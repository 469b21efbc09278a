/// A function named by a Lambda ARN (`arn:aws:lambda:{region}:{account}:function:{name}[:{qualifier}]`)
/// or by its bare name.
public struct LambdaFunctionName: Sendable, Hashable {
    public let name: String
    public let qualifier: String?
    /// The region of a function named by ARN.
    public let region: String?
    /// As the integration named it.
    public let reference: String

    public init(reference: String) {
        self.reference = reference
        let parts = reference.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count >= 7, parts[0] == "arn", parts[5] == "function" {
            name = parts[6]
            qualifier = parts.count > 7 ? parts[7] : nil
            region = parts[3].isEmpty ? nil : parts[3]
        } else {
            let bare = reference.split(separator: ":", maxSplits: 1).map(String.init)
            name = bare[0]
            qualifier = bare.count > 1 ? bare[1] : nil
            region = nil
        }
    }
}
