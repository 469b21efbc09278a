import Testing

@testable import VTL

@Suite("Velocity engine")
struct EngineTests {
    func render(_ text: String, _ variables: [String: Value] = [:], options: RenderOptions = RenderOptions()) throws
        -> String
    {
        try Template(text).render(variables, options: options)
    }

    @Test func referencesAndNulls() throws {
        #expect(try render("a $x b", ["x": .string("1")]) == "a 1 b")
        #expect(try render("$missing $!missing ${missing}") == "$missing  ${missing}")
        var aws = RenderOptions()
        aws.nullRendersEmpty = true
        #expect(try render("[$missing.deep]", options: aws) == "[]")
    }

    @Test func setIfAndForeach() throws {
        let template = """
            #set($list = [1, 2, 3])
            #foreach($n in $list)
            $n#if($foreach.hasNext),#end
            #end
            """
        let loop = try render(template)
        // 1.7 takes the line end after a directive with it.
        #expect(loop == "1,2,3")
        let arithmetic = try render("#set($a = 7 / 2)$a #set($b = 7.0 / 2)$b")
        // `#set` takes the spaces before it.
        #expect(arithmetic == "33.5")
        #expect(try render("#if($x == $null)yes#{else}no#end") == "yes")
    }

    @Test func mapsPrintAsJavaDoes() throws {
        #expect(try render(#"#set($m = {"a": 1, "b": "x"})$m $m.a $m.get("b") $m.size()"#) == "{a=1, b=x} 1 x 2")
    }

    @Test func macrosAndStrings() throws {
        let template = "#macro(greet $who)Hello $who!#end#greet(\"World\") #set($s = \"a-b-c\")$s.split(\"-\").size()"
        let macro = try render(template)
        #expect(macro == "Hello World!3")
        #expect(try render("$s.replaceAll('[0-9]+', '#')", ["s": .string("a1b22")]) == "a#b#")
    }

    @Test func loopsNestingAndOutputAreBounded() {
        var options = RenderOptions()
        options.maximumLoopIterations = 10
        #expect(throws: RenderError.self) { try render("#foreach($i in [1..100])$i#end", options: options) }
        options = RenderOptions()
        options.maximumOutputBytes = 1000
        let big = #expect(throws: RenderError.self) {
            try render("#foreach($i in [1..11])#foreach($j in [1..10])0123456789#end#end", options: options)
        }
        #expect(big?.message.contains("1000 bytes") == true)
        let deep = #expect(throws: RenderError.self) { try render("#macro(m)#m()#end#m()") }
        #expect(deep?.message.contains("nesting") == true)
    }

    @Test func errorsNameLineAndColumn() {
        let error = #expect(throws: TemplateError.self) { try Template("line one\n#if($a\n") }
        #expect(error?.line == 3 || error?.line == 2)
    }

    @Test func doublesPrintAsJava() {
        #expect(JavaNumbers.doubleText(1) == "1.0")
        #expect(JavaNumbers.doubleText(0.1) == "0.1")
        #expect(JavaNumbers.doubleText(1e7) == "1.0E7")
        #expect(JavaNumbers.doubleText(12345678.9) == "1.23456789E7")
        #expect(JavaNumbers.doubleText(1e-5) == "1.0E-5")
        #expect(JavaNumbers.doubleText(249.99) == "249.99")
    }
}

/// Which templates may render for long (the host runs them on its threads for costly work).
@Suite("Template cost")
struct TemplateCostTests {
    @Test(arguments: [
        #"{"a": "$input.path('$.a')", "b": $input.json('$'), "c": "$util.escapeJavaScript($x)"}"#,
        "#if($a == 1)one#elseif($a > 2)more#{else}none#end#set($b = [1, 2, {\"k\": $a}])$b",
        "#set($s = \"$a and ${b.c('d')}\")$s.replace('a', 'b')",
    ])
    func boundedTemplates(_ text: String) throws {
        #expect(try Template(text).mayRunLong == false)
    }

    @Test(arguments: [
        "#foreach($i in $list)$i#end",
        "#macro(m)x#end#m()",
        "#evaluate($text)",
        "#define($d)x#end$d",
        "#set($r = [1..3])",
        "$s.replaceAll('a+', 'b')",
        "#if($s.matches('[a-z]*'))x#end",
        "\"${s.split(',')}\"",
    ])
    func templatesThatMayRunLong(_ text: String) throws {
        #expect(try Template(text).mayRunLong)
    }
}
