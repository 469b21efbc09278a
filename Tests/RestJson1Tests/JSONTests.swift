import Foundation
import OrderedCollections
import RestJson1
import Testing

@Suite("JSON")
struct JSONTests {
    @Test func parsesEveryKindAndKeepsKeyOrder() throws {
        let value = try JSONValue.parse(#"{"b":1,"a":[true,false,null],"c":-2.5e1,"d":"x\u00e9\n\"","e":{}}"#)
        guard case .object(let members) = value else { Issue.record("not an object"); return }
        #expect(Array(members.keys) == ["b", "a", "c", "d", "e"])
        #expect(members["b"] == .integer(1))
        #expect(members["a"] == .array([.bool(true), .bool(false), .null]))
        #expect(members["c"] == .double(-25))
        #expect(members["d"] == .string("xé\n\""))
        #expect(members["e"] == .object([:]))
    }

    @Test func surrogatePairs() throws {
        #expect(try JSONValue.parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(
            try JSONValue.parse(#""\ud800\u0041""#) == .string("\u{FFFD}A"), "a lone high surrogate keeps what follows")
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "tru", "01", "1.", "\"abc", "{} x", "[\"\u{01}\"]"])
    func rejectsMalformedDocuments(text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
    }

    @Test func stringsMustBeUTF8() throws {
        let invalid: [[UInt8]] = [
            Array(#"{"name": ""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8),
            Array(#"["a\n"#.utf8) + [0xC0, 0x80] + Array(#""]"#.utf8),
            [0x22, 0xED, 0xA0, 0x80, 0x22],  // an encoded surrogate
        ]
        for bytes in invalid {
            let error = #expect(throws: JSONParseError.self) { try JSONValue.parse(bytes) }
            #expect(error?.reason == "Invalid UTF-8 in a string")
        }
        #expect(try JSONValue.parse(Array("\"caf\u{E9} \\u00e9\"".utf8)) == .string("café é"))
    }

    @Test func integersAtEveryLength() throws {
        for text in [
            "0", "-0", "7", "-12", "999999999999999999", "-999999999999999999", "9223372036854775807",
            "-9223372036854775808",
        ] {
            #expect(try JSONValue.parse(text) == .integer(Int(text)!), "\(text)")
        }
        #expect(try JSONValue.parse("9223372036854775808") == .number("9223372036854775808"))
        #expect(try JSONValue.parse("-12.5") == .double(-12.5))
    }

    @Test func longNumbersStayText() throws {
        let digits = String(repeating: "7", count: 100_000)
        #expect(try JSONValue.parse(digits) == .number(digits))
        #expect(try JSONValue.parse("0." + digits) == .number("0." + digits))
    }

    @Test func boundsNesting() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(deep) }
    }

    @Test func writesCompactJSONThatParsesBack() throws {
        let text = #"{"s":"quote\" slash\\ tab\t ctl\u0001","n":[1,2.5,-3],"o":{"k":null,"t":true}}"#
        let value = try JSONValue.parse(text)
        #expect(value.jsonText == text)
        #expect(try JSONValue.parse(value.jsonText) == value)
    }

    @Test func doublesKeepAFractionAndNonFiniteBecomesNull() {
        var writer = JSONWriter()
        writer.beginArray()
        writer.double(10)
        writer.double(0.1)
        writer.double(.nan)
        writer.endArray()
        #expect(writer.text == "[10.0,0.1,null]")
    }

    @Test func mapsWriteSortedKeys() {
        var writer = JSONWriter()
        ["b": 2, "a": 1].writeJSON(to: &writer)
        #expect(writer.text == #"{"a":1,"b":2}"#)
    }

    @Test func typeMismatchUsesAWSWording() {
        #expect(throws: ServiceError.self) { try String(json: .bool(true), path: "x.name") }
        do {
            _ = try String(json: .bool(true), path: "x.name")
        } catch let error as ServiceError {
            #expect(error.message == "class java.lang.Boolean can not be converted to an String")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func listElementsAreNamedInPaths() {
        #expect(
            throws: ServiceError.serialization(
                "class java.lang.String can not be converted to an Integer")
        ) {
            try [Int](json: .array([.integer(1), .string("x")]), path: "p")
        }
    }
}

@Suite("Timestamps")
struct TimestampTests {
    @Test(arguments: ["1e300", "-1e300", "1e400", "\"10000-01-01T00:00:00Z\""])
    func decodersRejectTimestampsNoFormatCanPrint(value: String) throws {
        let reader = try JSONObjectReader(body: Array("{\"at\": \(value)}".utf8), path: "input")
        #expect(throws: ServiceError.self) { try reader.optionalTimestamp("at", format: .epochSeconds) }
    }

    let date = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func formats() {
        #expect(TimestampFormat.epochSeconds.format(date) == "1700000000")
        #expect(TimestampFormat.epochSeconds.format(Date(timeIntervalSince1970: 1.5)) == "1.500")
        #expect(TimestampFormat.iso8601.format(date) == "2023-11-14T22:13:20Z")
        #expect(TimestampFormat.httpDate.format(date) == "Tue, 14 Nov 2023 22:13:20 GMT")
    }

    @Test func parses() {
        #expect(TimestampFormat.iso8601.parse("2023-11-14T22:13:20Z") == date)
        #expect(TimestampFormat.iso8601.parse("2023-11-14T22:13:20.000Z") == date)
        #expect(TimestampFormat.httpDate.parse("Tue, 14 Nov 2023 22:13:20 GMT") == date)
        #expect(TimestampFormat.epochSeconds.parse("1700000000") == date)
        #expect(TimestampFormat.iso8601.parse("yesterday") == nil)
    }
}

@Suite("Query strings")
struct QueryStringTests {
    @Test func parsesAndDecodes() {
        let items = QueryString.parse("a=1&b=x%20y&c=p+q&d&e=%zz")
        #expect(items.map(\.name) == ["a", "b", "c", "d", "e"])
        #expect(items.map(\.value) == ["1", "x y", "p q", "", "%zz"])
    }

    @Test func encodesAllButUnreserved() {
        #expect(QueryString.percentEncode("a b/c~d") == "a%20b%2Fc~d")
        #expect(QueryString.percentEncode("a b/c", keepSlash: true) == "a%20b/c")
        #expect(QueryString.percentEncode("é") == "%C3%A9")
    }
}

@Suite("JSON numbers beyond Int and Double")
struct BigNumberTests {
    @Test func bigIntegersAndLongDecimalsKeepTheirText() throws {
        let value = try JSONValue.parse(
            #"{"big": 123456789012345678901234567890, "pi": 3.14159265358979323846, "d": 1.5}"#)
        #expect(value["big"] == .number("123456789012345678901234567890"))
        #expect(value["pi"] == .number("3.14159265358979323846"))
        #expect(value["d"] == .double(1.5))
        #expect(value.jsonText == #"{"big":123456789012345678901234567890,"pi":3.14159265358979323846,"d":1.5}"#)
        #expect(try Double(json: value["pi"]!, path: "p") == 3.14159265358979323846)
    }
}
