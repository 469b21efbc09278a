import APIGateway
import OrderedCollections
import State

extension APICatalog {
    /// A request to a custom domain name: the API, stage and remaining path its base path
    /// mappings give, or nil when `host` is not a domain name any account created.
    public func customDomain(host: String, path: String) -> (apiId: String, stage: String?, path: String)? {
        let name = String(host.prefix { $0 != ":" }).lowercased()
        for partition in store.snapshot.partitions.values {
            guard let domain = partition.apiGateway.domainNames[name] else { continue }
            let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
            // The longest base path that prefixes the request path wins; `(none)` takes the rest.
            for count in stride(from: segments.count, through: 1, by: -1) {
                let basePath = segments.prefix(count).joined(separator: "/")
                if let mapping = domain.basePathMappings[basePath] {
                    return Self.mapped(mapping, rest: Array(segments.dropFirst(count)))
                }
            }
            if let mapping = domain.basePathMappings["(none)"] {
                return Self.mapped(mapping, rest: Array(segments))
            }
            return nil
        }
        return nil
    }

    private static func mapped(_ mapping: APIGateway.BasePathMapping, rest: [Substring]) -> (String, String?, String)? {
        guard let apiId = mapping.restApiId else { return nil }
        if let stage = mapping.stage {
            return (apiId, stage, "/" + rest.joined(separator: "/"))
        }
        // A mapping without a stage: the next path segment names it.
        guard let stage = rest.first else { return (apiId, nil, "/") }
        return (apiId, String(stage), "/" + rest.dropFirst().joined(separator: "/"))
    }
}
