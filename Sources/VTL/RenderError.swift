import OrderedCollections

/// Why a render failed.
public struct RenderError: Error, Sendable, CustomStringConvertible, Equatable {
    public var message: String
    /// What a host object that failed the render calls its failure, for the host to recognise.
    public var code: String?
    public var description: String { message }

    public init(message: String, code: String? = nil) {
        self.message = message
        self.code = code
    }
}
