import Foundation

/// A ZIP archive built in memory, its files stored uncompressed (APPNOTE 6.3: local headers,
/// central directory, end record; CRC-32 per file). Enough for the SDK downloads, which are
/// small text files.
struct ZipArchive {
    private var data = Data()
    private var centralDirectory = Data()
    private var count: UInt16 = 0

    mutating func add(path: String, contents: Data) {
        let name = Data(path.utf8)
        let crc = Self.crc32(contents)
        let size = UInt32(contents.count)
        let offset = UInt32(data.count)
        // DOS time and date of 1980-01-01 00:00: archives are reproducible.
        let time: UInt16 = 0
        let date: UInt16 = (0 << 9) | (1 << 5) | 1

        var local = Data()
        local.append(le: UInt32(0x0403_4b50))
        local.append(le: UInt16(20))  // version needed
        local.append(le: UInt16(0x0800))  // flags: UTF-8 names
        local.append(le: UInt16(0))  // method: stored
        local.append(le: time)
        local.append(le: date)
        local.append(le: crc)
        local.append(le: size)
        local.append(le: size)
        local.append(le: UInt16(name.count))
        local.append(le: UInt16(0))
        data.append(local)
        data.append(name)
        data.append(contents)

        var central = Data()
        central.append(le: UInt32(0x0201_4b50))
        central.append(le: UInt16(0x0314))  // made by: Unix, 2.0
        central.append(le: UInt16(20))
        central.append(le: UInt16(0x0800))
        central.append(le: UInt16(0))
        central.append(le: time)
        central.append(le: date)
        central.append(le: crc)
        central.append(le: size)
        central.append(le: size)
        central.append(le: UInt16(name.count))
        central.append(le: UInt16(0))  // extra
        central.append(le: UInt16(0))  // comment
        central.append(le: UInt16(0))  // disk
        central.append(le: UInt16(0))  // internal attributes
        central.append(le: UInt32(0o100644) << 16)  // external attributes: a regular file, rw-r--r--
        central.append(le: offset)
        centralDirectory.append(central)
        centralDirectory.append(name)
        count += 1
    }

    /// The finished archive.
    var bytes: Data {
        var archive = data
        let directoryOffset = UInt32(archive.count)
        archive.append(centralDirectory)
        archive.append(le: UInt32(0x0605_4b50))
        archive.append(le: UInt16(0))
        archive.append(le: UInt16(0))
        archive.append(le: count)
        archive.append(le: count)
        archive.append(le: UInt32(centralDirectory.count))
        archive.append(le: directoryOffset)
        archive.append(le: UInt16(0))
        return archive
    }

    private static let crcTable: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}

extension Data {
    fileprivate mutating func append<T: FixedWidthInteger>(le value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
