import OrderedCollections

/// How a render behaves where dialects differ, and its bounds.
public struct RenderOptions: Sendable {
    /// A reference without a value renders as the empty string (API Gateway) rather than as its
    /// own text (plain Velocity).
    public var nullRendersEmpty = false
    /// A null value equals the empty string in comparisons (API Gateway).
    public var nullEqualsEmptyString = false
    /// Bounds that keep a template from hanging or exhausting the server.
    public var maximumLoopIterations = 100_000
    /// Blocks entered and macros, `#define`s and `#evaluate`s called, one inside another.
    public var maximumDepth = 250
    public var maximumOutputBytes = 10 * 1024 * 1024
    /// The largest string a render may build (by interpolation, `+` or a method), in bytes.
    public var maximumStringBytes = 10 * 1024 * 1024
    /// The most elements a list or map may reach through a template's own methods.
    public var maximumCollectionSize = 1_000_000
    /// Nodes rendered plus expressions evaluated: the work one render may do.
    public var maximumSteps = 20_000_000
    /// Wall-clock time one render may take, for the work steps do not count (a costly regex,
    /// a large document); nil for none.
    public var maximumDuration: Duration? = .seconds(10)

    public init() {}
}
