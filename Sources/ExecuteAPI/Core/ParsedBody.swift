import Atomics
import RestJson1
import VTL

/// A body as text, and as JSON parsed on first use, once, however many steps read it: parameter
/// mappings, validation and every `$input.json`/`$input.path` of a template share one parse.
/// Set-once atomic references keep it lock-free.
final class ParsedBody: Sendable {
    let bytes: [UInt8]
    let text: String

    private final class Parsed<Value: Sendable>: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    private let strict = ManagedAtomicLazyReference<Parsed<Result<JSONValue, JSONParseError>>>()
    private let forTemplates = ManagedAtomicLazyReference<Parsed<Result<JSONValue, RenderError>>>()

    init(bytes: [UInt8]) {
        self.bytes = bytes
        self.text = String(decoding: bytes, as: UTF8.self)
    }

    init(text: String) {
        self.bytes = Array(text.utf8)
        self.text = text
    }

    /// The body parsed as JSON, strictly, from its text (bytes that are not UTF-8 read as U+FFFD,
    /// as they do everywhere the body is text).
    var json: Result<JSONValue, JSONParseError> {
        if let parsed = strict.load() { return parsed.value }
        let result: Result<JSONValue, JSONParseError>
        do throws(JSONParseError) {
            result = .success(try JSONValue.parse(text))
        } catch {
            result = .failure(error)
        }
        return strict.storeIfNilThenLoad(Parsed(result)).value
    }

    /// The body as a template's `$input` reads it, made by `read` the first time.
    func templateDocument(_ read: (ParsedBody) -> Result<JSONValue, RenderError>) -> Result<JSONValue, RenderError> {
        if let parsed = forTemplates.load() { return parsed.value }
        return forTemplates.storeIfNilThenLoad(Parsed(read(self))).value
    }
}
