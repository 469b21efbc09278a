import Testing

@testable import VTL

/// Hostile templates end in a template or render error, never a crash or a hang.
@Suite("Engine bounds")
struct BoundsTests {
    func render(_ text: String, options: RenderOptions = RenderOptions()) throws -> String {
        try Template(text).render([:], options: options)
    }

    func nestingError(_ text: String) -> TemplateError? {
        #expect(throws: TemplateError.self) { try Template(text) }
    }

    @Test func deepNestingIsATemplateError() {
        let deep = [
            String(repeating: "#if(true)", count: 1000) + "x" + String(repeating: "#end", count: 1000),
            "#set($x = " + String(repeating: "(", count: 1000) + "1" + String(repeating: ")", count: 1000) + ")",
            "#set($x = " + String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000) + ")",
            "#set($x = " + String(repeating: #"{"a":"#, count: 10000) + "1" + String(repeating: "}", count: 10000)
                + ")",
            String(repeating: "$util.f(", count: 10000) + "'x'" + String(repeating: ")", count: 10000),
            "$a" + String(repeating: "[$a", count: 10000),
            // Inside a double-quoted string, which is parsed as a template of its own.
            "#set($s = \"#if(true)" + String(repeating: "$a.b(", count: 1000) + "\")",
        ]
        for text in deep {
            #expect(nestingError(text)?.message.contains("nesting exceeds 100 levels") == true, "\(text.prefix(30))")
        }
    }

    @Test(arguments: ["#set($", "#set($!", "#set(${", "#foreach($", "#define($", "#macro(m $", "#set($ = 1)"])
    func aDirectiveEndingAtABareDollarIsATemplateError(text: String) {
        #expect(throws: TemplateError.self) { try Template(text) }
    }

    @Test func nestingWithinTheBoundStillWorks() throws {
        let depth = Parser.maximumNesting - 1
        let blocks = String(repeating: "#if(true)", count: depth) + "x" + String(repeating: "#end", count: depth)
        #expect(try render(blocks) == "x")
        let lists = "#set($x = " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + ")$x"
        #expect(try render(lists).count == 2 * depth)
    }

    @Test func longChainsAndNegationsDoNotNest() throws {
        let sum = "#set($x = " + Array(repeating: "1", count: 100_000).joined(separator: " + ") + ")$x"
        #expect(try render(sum) == "100000")
        #expect(try render("#if(" + String(repeating: "!", count: 100_001) + "true)a#{else}b#end") == "b")
        #expect(try render("#if(" + String(repeating: "!", count: 100_000) + "true)a#{else}b#end") == "a")
        #expect(try render("#set($y = 1 + 2 * 3 - 4 / 2 % 3)$y #if(false || true && !false)ok#end") == "5 ok")
    }

    @Test func collectionsThatHoldThemselvesPrintAsJava() throws {
        #expect(try render("#set($l = [1])#set($x = $l.add($l))$l") == "[1, (this Collection)]")
        #expect(try render("#set($m = {})#set($x = $m.put('k', $m))$m") == "{k=(this Map)}")
        let cycle = #expect(throws: RenderError.self) {
            try render("#set($a = [])#set($b = [$a])#set($x = $a.add($b))$a")
        }
        #expect(cycle?.message.contains("contains itself") == true)
        // Other ways of reading a cycle end too.
        #expect(try render("#set($a = [])#set($b = [$a])#set($x = $a.add($b))#set($s = \"x\" + $a.size())$s") == "x1")
    }

    @Test func deepRuntimeNestingFailsToPrintAndIsReleased() throws {
        let deep = "#set($l = [])#foreach($i in [1..5000])#set($l = [$l])#end"
        #expect(try render(deep + "$l.size()") == "1")
        let printed = #expect(throws: RenderError.self) { try render(deep + "$l") }
        #expect(printed?.message.contains("deeper than 1000") == true)
        let maps = "#set($m = {})#foreach($i in [1..5000])#set($m = {'k': $m})#end$m.size()"
        #expect(try render(maps) == "1")
    }

    @Test func integerArithmeticNeverTraps() throws {
        // Java's long division wraps (checked against Velocity 1.7).
        #expect(try render("#set($x = -9223372036854775808 / -1)$x") == "-9223372036854775808")
        #expect(try render("#set($x = -9223372036854775808 % -1)$x") == "0")
        #expect(try render("#set($x = 9223372036854775807 * -1 - 2)$x") == "-9223372036854775809")
        #expect(try render("#set($x = 5 / 0)$x") == "$x")
        let range = #expect(throws: RenderError.self) {
            try render("#foreach($i in [-9223372036854775808..9223372036854775807])#end")
        }
        #expect(range?.message.contains("too large") == true)
    }

    @Test func numbersAreBounded() throws {
        let squares = #expect(throws: RenderError.self) {
            try render("#set($x = 2)#foreach($i in [1..40])#set($x = $x * $x)#end$x")
        }
        #expect(squares?.message == "A number exceeds \(BigNumbers.maximumBits) bits")
        // 2^4096 is within the bound.
        #expect(try render("#set($x = 2)#foreach($i in [1..12])#set($x = $x * $x)#end$x").count == 1234)
        let literal = #expect(throws: TemplateError.self) {
            try Template("#set($x = " + String(repeating: "9", count: BigNumbers.maximumDigits + 1) + ")")
        }
        #expect(literal?.message.contains("digits") == true)
    }

    @Test func workIsBounded() {
        var options = RenderOptions()
        options.maximumSteps = 10_000
        let steps = #expect(throws: RenderError.self) {
            try render("#foreach($i in [1..100000])$i#end", options: options)
        }
        #expect(steps?.message == "Template evaluation exceeds 10000 steps")
        options = RenderOptions()
        options.maximumDuration = .milliseconds(50)
        let slow = #expect(throws: RenderError.self) {
            try render("#foreach($i in [1..1000])#foreach($j in [1..1000])#set($x = $j)#end#end", options: options)
        }
        #expect(slow?.message.contains("Template evaluation exceeds") == true)
    }

    @Test func stringsAndCollectionsAreBounded() {
        let strings = #expect(throws: RenderError.self) {
            try render("#set($s = 'ab')#foreach($i in [1..40])#set($s = $s + $s)#end")
        }
        #expect(strings?.message.contains("A string exceeds") == true)
        let lists = #expect(throws: RenderError.self) {
            try render("#set($l = [1])#foreach($i in [1..40])#set($x = $l.addAll($l))#end")
        }
        #expect(lists?.message.contains("A collection exceeds") == true)
        let shared = #expect(throws: RenderError.self) {
            try render("#set($l = [1])#foreach($i in [1..40])#set($l = [$l, $l])#end$l")
        }
        #expect(shared?.message.contains("prints longer than") == true)
    }
}
