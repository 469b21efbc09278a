/// Makes inputs from a target's seeds: byte edits, a target's own tokens inserted or repeated
/// (deep nesting comes from a token repeated thousands of times), ranges copied, and seeds
/// spliced. Seeded, so a run can be repeated.
struct Mutator {
    var random: SplitMix
    let seeds: [[UInt8]]
    let tokens: [[UInt8]]
    let maximumLength: Int

    init(seed: UInt64, seeds: [String], tokens: [String], maximumLength: Int) {
        random = SplitMix(seed: seed)
        self.seeds = seeds.map { Array($0.utf8) }
        self.tokens = tokens.map { Array($0.utf8) }
        self.maximumLength = maximumLength
    }

    mutating func next() -> [UInt8] {
        var input = seeds[random.below(seeds.count)]
        for _ in 0...random.below(4) { mutate(&input) }
        if input.count > maximumLength { input.removeLast(input.count - maximumLength) }
        return input
    }

    private mutating func mutate(_ input: inout [UInt8]) {
        let position = random.below(input.count + 1)
        switch random.below(9) {
        case 0 where !input.isEmpty:
            input[random.below(input.count)] ^= UInt8(1 << random.below(8))
        case 1:
            input.insert(UInt8(truncatingIfNeeded: random.next()), at: position)
        case 2 where !input.isEmpty:
            let end = min(input.count, position + 1 + random.below(16))
            if position < end { input.removeSubrange(position..<end) }
        case 3, 4:
            input.insert(contentsOf: tokens[random.below(tokens.count)], at: position)
        case 5:
            // A token many times over: nesting, long chains, long numbers.
            let token = tokens[random.below(tokens.count)]
            let times = [10, 100, 1000, 10_000][random.below(4)]
            input.insert(contentsOf: Array([[UInt8]](repeating: token, count: times).joined()), at: position)
        case 6 where !input.isEmpty:
            let start = random.below(input.count)
            let end = min(input.count, start + 1 + random.below(64))
            input.insert(contentsOf: Array(input[start..<end]), at: position)
        case 7:
            let other = seeds[random.below(seeds.count)]
            let cut = random.below(other.count + 1)
            input = Array(input[..<min(position, input.count)]) + other[cut...]
        default:
            // Bytes that are not UTF-8, and ones parsers give meaning to.
            let specials: [UInt8] = [0x00, 0xFF, 0xC0, 0x80, 0xED, 0x22, 0x5C, 0x24, 0x23, 0x7B, 0x5B, 0x28]
            input.insert(specials[random.below(specials.count)], at: position)
        }
    }
}

/// A small, fast, seedable random sequence (SplitMix64).
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int {
        bound <= 1 ? 0 : Int(next() % UInt64(bound))
    }
}
