import Foundation

/// A small, fast, seedable random number generator (SplitMix64) whose every derived value is
/// reproducible bit for bit on any platform and any Swift version.
///
/// The standard library's `Int.random(in:using:)` family and Foundation's transcendental functions
/// are free to change their algorithms or last-bit rounding between releases and platforms, which
/// would silently change a "deterministic" demo portfolio or Monte Carlo run. So every mapping here,
/// from the raw 64-bit stream to integers, doubles, normal and log-normal samples, uses only integer
/// arithmetic and correctly rounded IEEE 754 operations.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// An independent stream for one purpose, so that drawing more values in one part of a
    /// simulation does not shift the values every other part draws.
    public init(seed: UInt64, stream: UInt64) {
        state = SeededRandom.mix(seed ^ SeededRandom.mix(stream &+ 0x9E37_79B9_7F4A_7C15))
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SeededRandom.mix(state)
    }

    /// SplitMix64's output function: a bijective avalanche of all 64 bits.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    // MARK: Uniform values

    /// A uniformly distributed value in `0..<bound`, without modulo bias (Lemire's method).
    public mutating func below(_ bound: UInt64) -> UInt64 {
        precondition(bound > 0, "the bound must be positive")
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
        }
        return product.high
    }

    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(bitPattern: Int64(range.upperBound &- range.lowerBound)) &+ 1
        // A span of 0 means the range covers every Int: any 64 bits will do.
        let offset = span == 0 ? next() : below(span)
        return range.lowerBound &+ Int(bitPattern: UInt(offset))
    }

    public mutating func int(in range: Range<Int>) -> Int {
        precondition(!range.isEmpty, "cannot draw from an empty range")
        return int(in: range.lowerBound...(range.upperBound - 1))
    }

    /// A uniformly distributed value in `0..<1` with 53 random bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    public mutating func double(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * unit()
    }

    public mutating func double(in range: Range<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * unit()
    }

    /// A uniformly distributed day in `range`.
    public mutating func day(in range: ClosedRange<Day>) -> Day {
        Day(ordinal: int(in: range.lowerBound.ordinal...range.upperBound.ordinal))
    }

    /// True with the given probability.
    public mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    // MARK: Choices

    public mutating func pick<Element>(_ elements: [Element]) -> Element {
        precondition(!elements.isEmpty, "cannot pick from an empty array")
        return elements[Int(below(UInt64(elements.count)))]
    }

    /// An index chosen with probability proportional to its weight.
    public mutating func weightedIndex(_ weights: [Double]) -> Int {
        var total = 0.0
        for weight in weights { total += max(0, weight) }
        precondition(total > 0, "at least one weight must be positive")
        var remaining = unit() * total
        for (index, weight) in weights.enumerated() where weight > 0 {
            remaining -= weight
            if remaining < 0 { return index }
        }
        // Rounding can leave a sliver past the last positive weight.
        return weights.lastIndex { $0 > 0 }!
    }

    /// An element chosen with probability proportional to its weight.
    public mutating func weightedPick<Element>(_ choices: [(Element, Double)]) -> Element {
        choices[weightedIndex(choices.map(\.1))].0
    }

    /// `count` distinct indices below `bound`, in the order drawn. Meant for small counts: it
    /// redraws on collision, which is cheap when `count` is much smaller than `bound`.
    public mutating func distinctIndices(_ count: Int, below bound: Int) -> [Int] {
        let wanted = min(count, bound)
        var chosen: [Int] = []
        chosen.reserveCapacity(wanted)
        while chosen.count < wanted {
            let candidate = Int(below(UInt64(bound)))
            if !chosen.contains(candidate) { chosen.append(candidate) }
        }
        return chosen
    }

    /// Fisher–Yates, with this generator's own bounded integers so the order is reproducible.
    public mutating func shuffle<Element>(_ elements: inout [Element]) {
        guard elements.count > 1 else { return }
        for index in stride(from: elements.count - 1, to: 0, by: -1) {
            elements.swapAt(index, Int(below(UInt64(index + 1))))
        }
    }

    // MARK: Shaped samples

    /// A standard-normal-like sample: the Irwin–Hall sum of six uniforms, rescaled to unit variance.
    /// Its tails stop at ±4.2σ, which demo and simulation data never miss, and it needs neither
    /// `log` nor `cos`, whose results may differ in the last bit between platforms.
    public mutating func standardNormal() -> Double {
        var sum = 0.0
        for _ in 0..<6 { sum += unit() }
        return (sum - 3) * 1.4142135623730951
    }

    public mutating func normal(mean: Double, standardDeviation: Double) -> Double {
        mean + standardDeviation * standardNormal()
    }

    /// A log-normal sample given its median (not its mean) and the standard deviation of its log:
    /// the shape of costs, durations and latencies, which are skewed with a long right tail.
    public mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * SeededRandom.portableExp(sigma * standardNormal())
    }

    /// `exp` from basic operations only, so its result is identical everywhere. Cody–Waite range
    /// reduction to |r| ≤ ln 2 / 2 and a degree-13 Taylor polynomial: accurate to about 1 ulp,
    /// ample for sampling.
    static func portableExp(_ x: Double) -> Double {
        if x > 709 { return .infinity }
        if x < -745 { return 0 }
        let ln2High = 0.693_147_180_369_123_816_49
        let ln2Low = 1.908_214_929_270_587_700_02e-10
        let k = (x * 1.442_695_040_888_963_4).rounded()
        let r = (x - k * ln2High) - k * ln2Low
        var term = 1.0
        var sum = 1.0
        for n in 1...13 {
            term = term * r / Double(n)
            sum += term
        }
        return Double(sign: .plus, exponent: Int(k), significand: sum)
    }

    // MARK: Identifiers

    /// A version-4 UUID made from this generator's bits, so ids are as reproducible as the data.
    public mutating func uuid() -> UUID {
        let high = next(), low = next()
        func byte(_ word: UInt64, _ index: Int) -> UInt8 { UInt8(truncatingIfNeeded: word >> (56 - 8 * index)) }
        return UUID(uuid: (
            byte(high, 0), byte(high, 1), byte(high, 2), byte(high, 3),
            byte(high, 4), byte(high, 5), byte(high, 6) & 0x0F | 0x40, byte(high, 7),
            byte(low, 0) & 0x3F | 0x80, byte(low, 1), byte(low, 2), byte(low, 3),
            byte(low, 4), byte(low, 5), byte(low, 6), byte(low, 7)
        ))
    }
}
