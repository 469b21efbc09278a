import BigInt
import Foundation
import OrderedCollections
import RestJson1
import Synchronization
import VTL

/// The request body read as JSON once per render, however many `$input.json`/`$input.path`
/// calls read it (a template calling them in a loop would otherwise parse a large body each time).
final class ParsedBody: Sendable {
    private let document = Mutex<Result<JSONValue, RenderError>?>(nil)

    func value(_ parse: () -> Result<JSONValue, RenderError>) throws(RenderError) -> JSONValue {
        let result =
            document.withLock { cached in
                if let cached { return cached }
                let result = parse()
                cached = result
                return result
            }
        return try result.get()
    }
}
