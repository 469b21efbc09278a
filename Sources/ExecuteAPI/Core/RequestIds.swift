import Foundation
import Synchronization

/// Request ids, `x-amz-apigw-id`s and trace ids for every request. They only need to be
/// unique and unpredictable enough for an emulator, so they come from a SplitMix64 sequence
/// over one atomic counter (seeded from the system's generator once) instead of a system call
/// per id.
public enum RequestIds {
    private static let counter = Atomic<UInt64>(UInt64.random(in: .min ... .max))

    /// 64 random-looking bits.
    static func next() -> UInt64 {
        var z = counter.wrappingAdd(0x9E37_79B9_7F4A_7C15, ordering: .relaxed).newValue
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
    private static let base64Digits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// A version-4 UUID, lowercase (`x-amzn-RequestId`, `$context.requestId`).
    public static func uuid() -> String {
        let high = (next() & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        let low = (next() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var index = 0
            func put(_ value: UInt64, digits: Int) {
                for shift in stride(from: (digits - 1) * 4, through: 0, by: -4) {
                    buffer[index] = hexDigits[Int((value >> UInt64(shift)) & 0xF)]
                    index += 1
                }
            }
            func dash() {
                buffer[index] = UInt8(ascii: "-")
                index += 1
            }
            put(high >> 32, digits: 8)
            dash()
            put((high >> 16) & 0xFFFF, digits: 4)
            dash()
            put(high & 0xFFFF, digits: 4)
            dash()
            put(low >> 48, digits: 4)
            dash()
            put(low & 0xFFFF_FFFF_FFFF, digits: 12)
            return index
        }
    }

    /// Fifteen base64 characters and `=`, the shape of AWS's `x-amz-apigw-id`.
    static func apigwId() -> String {
        let bits = [next(), next()]
        return String(unsafeUninitializedCapacity: 16) { buffer in
            for index in 0..<15 {
                let word = bits[index / 10]
                buffer[index] = base64Digits[Int((word >> UInt64((index % 10) * 6)) & 0x3F)]
            }
            buffer[15] = UInt8(ascii: "=")
            return 16
        }
    }

    /// `Root=1-{epoch seconds, 8 hex}-{96 bits, 24 hex}`, the X-Ray trace id form.
    static func traceId(epochSeconds: Int = Int(Date().timeIntervalSince1970)) -> String {
        let random = [next(), next()]
        return String(unsafeUninitializedCapacity: 40) { buffer in
            var index = 0
            for byte in "Root=1-".utf8 {
                buffer[index] = byte
                index += 1
            }
            for shift in stride(from: 28, through: 0, by: -4) {
                buffer[index] = hexDigits[(epochSeconds >> shift) & 0xF]
                index += 1
            }
            buffer[index] = UInt8(ascii: "-")
            index += 1
            for digit in 0..<24 {
                let word = random[digit / 16]
                buffer[index] = hexDigits[Int((word >> UInt64((digit % 16) * 4)) & 0xF)]
                index += 1
            }
            return index
        }
    }
}
