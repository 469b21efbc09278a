import RestJson1

/// One page of a list, AWS style: a page size and an opaque token naming where the next page
/// starts (`position` in API Gateway v1, `NextToken` in v2). The token is the id of the first item
/// of the next page, so pages stay stable while items before it are deleted.
struct Page<Item> {
    var items: [Item]
    var nextToken: String?

    /// - Parameters:
    ///   - all: every item, in list order, with its id.
    ///   - token: the caller's position token, if any.
    ///   - limit: the caller's page size; `defaultLimit` when absent.
    init(
        _ all: [(id: String, item: Item)], token: String?, limit: Int?, defaultLimit: Int = 25, maximumLimit: Int = 500
    ) throws {
        let size = limit ?? defaultLimit
        guard size >= 1, size <= maximumLimit else {
            throw ServiceError.badRequest("Invalid limit \(size): it must be between 1 and \(maximumLimit)")
        }
        var start = 0
        if let token {
            guard let index = all.firstIndex(where: { $0.id == token }) else {
                throw ServiceError.badRequest("Invalid pagination token specified: \(token)")
            }
            start = index
        }
        let end = min(start + size, all.count)
        items = all[start..<end].map(\.item)
        nextToken = end < all.count ? all[end].id : nil
    }
}
