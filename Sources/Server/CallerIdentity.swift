import Foundation

/// Who is calling and in which region, read from the SigV4 credential scope
/// (`Credential=AKID/20261121/us-east-1/apigateway/aws4_request`) of the `Authorization` header or
/// of a presigned URL. Signatures themselves are not checked.
struct CallerIdentity: Equatable {
    static let defaultAccount = "000000000000"
    static let defaultRegion = "us-east-1"

    var accountId: String
    var region: String

    init(accountId: String = defaultAccount, region: String = defaultRegion) {
        self.accountId = accountId
        self.region = region
    }

    init(authorization: String?, credentialQuery: String?) {
        let credential: Substring?
        if let authorization, let range = authorization.range(of: "Credential=") {
            credential = authorization[range.upperBound...].prefix { $0 != "," && $0 != " " }
        } else {
            credential = credentialQuery.map { Substring($0) }
        }
        self.init()
        guard let scope = credential?.split(separator: "/"), !scope.isEmpty else { return }
        let accessKey = scope[0]
        if accessKey.count == 12, accessKey.allSatisfy(\.isNumber) { accountId = String(accessKey) }
        if scope.count >= 3, !scope[2].isEmpty { region = String(scope[2]) }
    }
}
