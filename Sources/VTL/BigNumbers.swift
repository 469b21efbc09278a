/// The bound on `BigInteger`s. Java's grow without limit, so a template that squares a number in a
/// loop would run for ever and fill memory; reading and printing decimal digits are also quadratic
/// in their length. Numbers stay within 8,192 bits (2,466 decimal digits), far past any real use.
public enum BigNumbers {
    public static let maximumBits = 8192
    /// The most decimal digits a number read as a `BigInteger` may have.
    public static let maximumDigits = 2466

    static let tooLarge = RenderError(message: "A number exceeds \(maximumBits) bits")
}
