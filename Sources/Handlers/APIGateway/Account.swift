public import APIGateway
public import RestJson1
import State

extension APIGatewayHandler {
    /// A new account's settings: AWS's default throttle and usage plans switched on.
    static let defaultAccount = APIGateway.Account(
        throttleSettings: APIGateway.ThrottleSettings(burstLimit: 5000, rateLimit: 10000), features: ["UsagePlans"],
        apiKeyVersion: "4")

    public func getAccount(_ input: APIGateway.GetAccountRequest, context: RequestContext) async throws
        -> APIGateway.Account
    {
        try readState(context) { state in state.account ?? Self.defaultAccount }
    }

    public func updateAccount(_ input: APIGateway.UpdateAccountRequest, context: RequestContext) async throws
        -> APIGateway.Account
    {
        try withState(context) { state in
            var account = state.account ?? Self.defaultAccount
            var rules = PatchRules<APIGateway.Account>(wording: .plain)
            rules.on("/cloudwatchRoleArn", ops: [.replace, .remove]) { account, step in
                let value = step.isRemoval ? nil : step.value.flatMap { $0.isEmpty ? nil : $0 }
                if let value, !(Self.isWellFormedARN(value) && value.contains(":iam:")) {
                    throw APIGateway.BadRequestException(
                        message: "The role ARN is not well formed: \(value)")
                }
                account.cloudwatchRoleArn = value
            }
            rules.on("/features", ops: [.add, .remove]) { account, step in
                let feature = try step.string()
                var features = account.features ?? []
                if step.op == .add {
                    if !features.contains(feature) { features.append(feature) }
                } else {
                    if feature == "UsagePlans" {
                        throw APIGateway.BadRequestException(message: "Usage plans cannot be disabled")
                    }
                    features.removeAll { $0 == feature }
                }
                account.features = features
            }
            try rules.apply(input.patchOperations, to: &account, inputName: "updateAccountInput")
            state.account = account
            return account
        }
    }
}
