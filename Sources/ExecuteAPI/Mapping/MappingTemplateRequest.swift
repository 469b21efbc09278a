import BigInt
import Foundation
public import OrderedCollections
public import RestJson1
import Synchronization
public import VTL

/// What a mapping template sees: `$input`, `$util`, `$context` and `$stageVariables`, with API
/// Gateway's behaviour (the request body is `{}` when empty; JSON arrays print as JSON).
public struct MappingTemplateRequest: Sendable {
    public var body: String
    /// Parameters by location: `path`, `querystring`, `header`.
    public var path: OrderedDictionary<String, String>
    public var querystring: OrderedDictionary<String, String>
    public var header: OrderedDictionary<String, String>
    public var context: JSONValue
    public var stageVariables: OrderedDictionary<String, String>
    /// The body already read (a request's, shared with its other steps); else `body` is read.
    var parsedBody: ParsedBody?
    /// `$stageVariables` already made (from entries converted once per request); else made from
    /// `stageVariables`.
    var stageVariablesValue: Value?

    public init(
        body: String = "", path: OrderedDictionary<String, String> = [:],
        querystring: OrderedDictionary<String, String> = [:], header: OrderedDictionary<String, String> = [:],
        context: JSONValue = .object([:]), stageVariables: OrderedDictionary<String, String> = [:]
    ) {
        self.body = body
        self.path = path
        self.querystring = querystring
        self.header = header
        self.context = context
        self.stageVariables = stageVariables
    }

    /// The variables for `Template.render`.
    public var variables: [String: Value] {
        variables(context: TemplateValues.value(of: context, arraysAsJSON: false))
    }

    /// The variables with `$context` given as a template value, so that what a template sets in
    /// it (`$context.responseOverride`, `$context.requestOverride`) can be read after rendering.
    public func variables(context: Value) -> [String: Value] {
        [
            "input": .object(InputVariable(request: self, body: parsedBody ?? ParsedBody(text: body))),
            "util": Self.util,
            "context": context,
            "stageVariables": stageVariablesValue ?? .map(MapValue(stageVariables.mapValues(Value.string))),
        ]
    }

    private static let util = Value.object(UtilVariable())

    /// API Gateway's departures from plain Velocity, which every mapping template renders with.
    public static var renderOptions: RenderOptions {
        var options = RenderOptions()
        options.nullRendersEmpty = true
        options.nullEqualsEmptyString = true
        options.maximumLoopIterations = 1000 * 1000
        return options
    }
}
