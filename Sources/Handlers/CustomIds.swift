import State

extension Identifiers.CustomIdError {
    /// The service's own error for this problem: its BadRequestException for an unusable id, its
    /// ConflictException for one that is taken.
    func serviceError(_ badRequest: (String) -> any Error, _ conflict: (String) -> any Error) -> any Error {
        switch self {
        case .invalid: badRequest(message)
        case .taken: conflict(message)
        }
    }
}
