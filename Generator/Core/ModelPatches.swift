/// The one place where the generator corrects quirks of the AWS models, by name, so Specs/ stays
/// exactly as botocore ships it. Each patch says what it changes and why.
public struct ModelPatch: Sendable {
    public var name: String
    /// The `endpointPrefix` of the models it applies to.
    public var service: String
    public var apply: @Sendable (inout ServiceModel) throws -> Void
}

public enum ModelPatches {
    public static let all: [ModelPatch] = [
        // None: the models in Specs/ translate as botocore ships them. Add a patch here, named and
        // with the reason, rather than editing Specs/.
    ]

    static func apply(to model: ServiceModel, service: String, patches: [ModelPatch] = all) throws -> ServiceModel {
        var patched = model
        for patch in patches where patch.service == service {
            do {
                try patch.apply(&patched)
            } catch {
                throw ModelError("model patch '\(patch.name)' failed: \(error)")
            }
        }
        return patched
    }
}
