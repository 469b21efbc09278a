import RestJson1
import Testing

@testable import ExecuteAPI

private let modelURL = "https://apigateway.amazonaws.com/restapis/a1b2c3d4e5/models/"

private func compile(_ schema: String, models: [String: String] = [:]) throws -> JSONSchema {
    var parsed: [String: JSONValue] = [:]
    for (name, text) in models { parsed[name] = try JSONValue.parse(text) }
    return try JSONSchema(JSONValue.parse(schema), models: parsed)
}

private func accepts(_ schema: JSONSchema, _ body: String) throws -> Bool {
    try schema.isValid(JSONValue.parse(body))
}

private func failure(_ schema: JSONSchema, _ body: String) throws -> String? {
    try schema.firstFailure(JSONValue.parse(body))
}

@Suite("JSON Schema (draft-04)")
struct JSONSchemaTests {
    @Test func petStoreModel() throws {
        let pet = try compile(
            #"""
            {"$schema": "http://json-schema.org/draft-04/schema#", "title": "Pet", "type": "object",
             "required": ["name", "photoUrls"],
             "properties": {
                "id": {"type": "integer", "format": "int64"},
                "name": {"type": "string", "minLength": 1},
                "photoUrls": {"type": "array", "items": {"type": "string"}},
                "status": {"type": "string", "enum": ["available", "pending", "sold"]}}}
            """#)
        #expect(try accepts(pet, #"{"id": 7, "name": "Rex", "photoUrls": ["a.png"], "status": "sold"}"#))
        #expect(try accepts(pet, #"{"name": "Rex", "photoUrls": [], "extra": true}"#))
        #expect(try failure(pet, #"{"name": "Rex", "photoUrls": []}"#) == nil)
        #expect(try failure(pet, #"{"photoUrls": []}"#) == #"object has missing required properties (["name"])"#)
        #expect(
            try failure(pet, #"{"id": "7", "name": "Rex", "photoUrls": []}"#)
                == #"/id: instance type (string) does not match any allowed primitive type (allowed: ["integer"])"#)
        #expect(try !accepts(pet, #"{"name": "", "photoUrls": []}"#))
        #expect(try !accepts(pet, #"{"name": "Rex", "photoUrls": [1]}"#))
        #expect(try !accepts(pet, #"{"name": "Rex", "photoUrls": [], "status": "lost"}"#))
        #expect(try !accepts(pet, "[]"))
    }

    @Test func refToAnotherModelByURL() throws {
        let pet = #"{"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}"#
        let pets = try compile(#"{"type": "array", "items": {"$ref": "\#(modelURL)Pet"}}"#, models: ["Pet": pet])
        #expect(try accepts(pets, #"[{"name": "a"}, {"name": "b"}]"#))
        #expect(try accepts(pets, "[]"))
        #expect(try failure(pets, #"[{"name": "a"}, {"name": 2}]"#)?.hasPrefix("/1/name: instance type") == true)
        #expect(try !accepts(pets, #"[{"name": "a"}, {}]"#))
    }

    @Test func pointerRefsInTheSameAndOtherDocuments() throws {
        let shared = #"{"definitions": {"Id": {"type": "string", "pattern": "^[0-9a-f]{8}$"}}}"#
        let order = try compile(
            #"""
            {"definitions": {"Qty": {"type": "integer", "minimum": 1}},
             "properties": {
                "id": {"$ref": "\#(modelURL)Shared#/definitions/Id"},
                "qty": {"$ref": "#/definitions/Qty"},
                "backupQty": {"$ref": "#/properties/qty"}}}
            """#, models: ["Shared": shared])
        #expect(try accepts(order, #"{"id": "0badf00d", "qty": 2, "backupQty": 1}"#))
        #expect(try !accepts(order, #"{"id": "nope"}"#))
        #expect(try !accepts(order, #"{"qty": 0}"#))
        #expect(try !accepts(order, #"{"backupQty": 1.5}"#))
    }

    @Test func recursiveTreeModel() throws {
        let tree = try compile(
            #"""
            {"type": "object", "required": ["value"], "additionalProperties": false,
             "properties": {"value": {"type": "integer"}, "children": {"type": "array", "items": {"$ref": "#"}}}}
            """#)
        let good = #"{"value": 1, "children": [{"value": 2}, {"value": 3, "children": [{"value": 4}]}]}"#
        let bad = #"{"value": 1, "children": [{"value": 2}, {"value": 3, "children": [{"value": "4"}]}]}"#
        #expect(try accepts(tree, good))
        #expect(try failure(tree, bad)?.hasPrefix("/children/1/children/0/value: ") == true)
        #expect(try !accepts(tree, #"{"value": 1, "children": [{"value": 2, "colour": "red"}]}"#))

        // The same through the model's own URL.
        let node = #"{"properties": {"value": {"type": "integer"}, "next": {"$ref": "\#(modelURL)Node"}}}"#
        let list = try compile(node, models: ["Node": node])
        #expect(try accepts(list, #"{"value": 1, "next": {"value": 2, "next": {"value": 3}}}"#))
        #expect(try !accepts(list, #"{"value": 1, "next": {"value": 2, "next": {"value": 3.5}}}"#))
    }

    @Test func oneOfWithNull() throws {
        let nullable = try compile(
            #"{"properties": {"nickname": {"oneOf": [{"type": "null"}, {"type": "string", "maxLength": 5}]}}}"#)
        #expect(try accepts(nullable, #"{"nickname": null}"#))
        #expect(try accepts(nullable, #"{"nickname": "Rex"}"#))
        #expect(try accepts(nullable, "{}"))
        #expect(try !accepts(nullable, #"{"nickname": 3}"#))
        #expect(try !accepts(nullable, #"{"nickname": "Rexford"}"#))

        // Exactly one: a value both branches accept fails.
        let overlapping = try compile(#"{"oneOf": [{"type": "integer"}, {"minimum": 0}]}"#)
        #expect(try accepts(overlapping, "-1"))
        #expect(try accepts(overlapping, "0.5"))
        #expect(try failure(overlapping, "5") == "instance failed to match exactly one schema (matched 2 out of 2)")
    }

    @Test func additionalAndPatternProperties() throws {
        let strict = try compile(
            #"""
            {"properties": {"name": {"type": "string"}}, "patternProperties": {"^x-": {"type": "string"}},
             "additionalProperties": false}
            """#)
        #expect(try accepts(strict, #"{"name": "a", "x-trace": "t"}"#))
        #expect(
            try failure(strict, #"{"name": "a", "age": 3, "x-n": "1"}"#)
                == #"object instance has properties which are not allowed by the schema: ["age"]"#)
        #expect(try !accepts(strict, #"{"x-trace": 1}"#))

        let counts = try compile(#"{"additionalProperties": {"type": "integer"}}"#)
        #expect(try accepts(counts, #"{"a": 1, "b": 2}"#))
        #expect(try !accepts(counts, #"{"a": 1, "b": "2"}"#))
    }

    @Test func enumComparesDeeplyAndNumbersByValue() throws {
        let choice = try compile(#"{"enum": ["red", 1, null, {"a": [1, 2], "b": true}]}"#)
        for body in [#""red""#, "1", "1.0", "null", #"{"b": true, "a": [1.0, 2]}"#] {
            #expect(try accepts(choice, body), "\(body)")
        }
        for body in [#""blue""#, "2", "1.5", "false", #"{"a": [2, 1], "b": true}"#, #"{"a": [1, 2]}"#, #"["red"]"#] {
            #expect(try !accepts(choice, body), "\(body)")
        }
    }

    @Test func boundsWithExclusiveFlags() throws {
        let percent = try compile(#"{"type": "number", "minimum": 0, "maximum": 100, "exclusiveMaximum": true}"#)
        #expect(try accepts(percent, "0"))
        #expect(try accepts(percent, "99.99"))
        #expect(try !accepts(percent, "100"))
        #expect(try !accepts(percent, "100.0"))
        #expect(try !accepts(percent, "-0.01"))

        let positive = try compile(#"{"minimum": 0, "exclusiveMinimum": true, "maximum": 1.5}"#)
        #expect(try accepts(positive, "1.5"))
        #expect(try accepts(positive, "1e-9"))
        #expect(try !accepts(positive, "0"))
        #expect(try !accepts(positive, "2"))
        #expect(try accepts(positive, #""not a number""#), "bounds constrain numbers only")
    }

    @Test func patternSearchesAndBadPatternsFailToCompile() throws {
        let code = try compile(#"{"type": "string", "pattern": "^[A-Z]{2}-\\d+$"}"#)
        #expect(try accepts(code, #""AB-12""#))
        #expect(try !accepts(code, #""ab-12""#))
        #expect(try !accepts(code, #""AB-12x""#))

        let contains = try compile(#"{"pattern": "b+"}"#)
        #expect(try accepts(contains, #""abbc""#), "a pattern is not anchored")
        #expect(try !accepts(contains, #""ac""#))

        #expect(throws: JSONSchema.CompileError.self) { try compile(#"{"pattern": "(unclosed"}"#) }
        #expect(throws: JSONSchema.CompileError.self) { try compile(#"{"patternProperties": {"[": {}}}"#) }
    }

    @Test func tupleItemsAndAdditionalItems() throws {
        let point = try compile(
            #"{"items": [{"type": "number"}, {"type": "number"}], "additionalItems": false, "minItems": 2}"#)
        #expect(try accepts(point, "[1, 2.5]"))
        #expect(try !accepts(point, "[1]"))
        #expect(try !accepts(point, "[1, 2, 3]"))
        #expect(try !accepts(point, #"[1, "2"]"#))

        let labelled = try compile(
            #"{"items": [{"type": "string"}], "additionalItems": {"type": "integer"}, "maxItems": 3}"#)
        #expect(try accepts(labelled, #"["a", 1, 2]"#))
        #expect(try !accepts(labelled, #"["a", 1, 2.5]"#))
        #expect(try !accepts(labelled, #"["a", 1, 2, 3]"#))
        #expect(try !accepts(labelled, "[1]"))
    }

    @Test func unresolvableRefsAndRefCyclesFailToCompile() throws {
        let missing = #expect(throws: JSONSchema.CompileError.self) {
            try compile(##"{"properties": {"p": {"$ref": "#/definitions/Missing"}}}"##)
        }
        #expect(missing?.message.contains("#/definitions/Missing") == true)
        #expect(throws: JSONSchema.CompileError.self) { try compile(#"{"$ref": "\#(modelURL)Nowhere"}"#) }
        #expect(throws: JSONSchema.CompileError.self) {
            try compile(#"{"$ref": "http://json-schema.org/draft-04/schema#"}"#)
        }

        let a = #"{"$ref": "\#(modelURL)B"}"#
        let b = #"{"$ref": "\#(modelURL)A"}"#
        #expect(throws: JSONSchema.CompileError.self) { try compile(a, models: ["A": a, "B": b]) }
        #expect(throws: JSONSchema.CompileError.self) { try compile(##"{"allOf": [{"$ref": "#"}]}"##) }
        // Recursion through a smaller part of the value is fine, with the same models around.
        let nested = try compile(##"{"type": "array", "items": {"$ref": "#"}}"##, models: ["A": a, "B": b])
        #expect(try accepts(nested, "[[], [[]]]"))
        #expect(try !accepts(nested, "[[], [1]]"))
    }

    @Test func integersAndNumbers() throws {
        let count = try compile(#"{"type": "integer"}"#)
        for body in ["1", "1.0", "-0", "1e2", "123456789012345678901234567890", "12345678901234567890.000"] {
            #expect(try accepts(count, body), "\(body)")
        }
        for body in ["1.5", #""1""#, "true", "null", "1234567890123456789.5"] {
            #expect(try !accepts(count, body), "\(body)")
        }

        let amount = try compile(#"{"type": "number"}"#)
        #expect(try accepts(amount, "1.5"))
        #expect(try accepts(amount, "7"))
        #expect(try !accepts(amount, #""7""#))

        let optional = try compile(#"{"type": ["string", "null"]}"#)
        #expect(try accepts(optional, "null"))
        #expect(try !accepts(optional, "0"))
    }

    @Test func multipleOfIsDecimal() throws {
        let cents = try compile(#"{"multipleOf": 0.01}"#)
        #expect(try accepts(cents, "19.99"))
        #expect(try accepts(cents, "20"))
        #expect(try !accepts(cents, "19.999"))

        let threes = try compile(#"{"multipleOf": 3}"#)
        #expect(try accepts(threes, "9"))
        #expect(try accepts(threes, "9.0"))
        #expect(try !accepts(threes, "10"))
        #expect(try !accepts(threes, "4.5"))
        #expect(throws: JSONSchema.CompileError.self) { try compile(#"{"multipleOf": 0}"#) }
    }

    @Test func lengthCountsCodePoints() throws {
        let short = try compile(#"{"minLength": 2, "maxLength": 3}"#)
        #expect(try accepts(short, #""\ud83d\ude00\ud83d\ude00""#), "two code points, four UTF-16 units")
        #expect(try accepts(short, #""e\u0301""#), "two code points, one character")
        #expect(try accepts(short, #""abc""#))
        #expect(try !accepts(short, #""\u00e9""#))
        #expect(try !accepts(short, #""abcd""#))
        #expect(try accepts(short, "42"), "lengths constrain strings only")
    }

    @Test func uniqueItemsComparesByValue() throws {
        let distinct = try compile(#"{"uniqueItems": true}"#)
        #expect(try accepts(distinct, #"[1, "1", [1], {"a": 1}, {"a": 2}]"#))
        #expect(try failure(distinct, "[1, 2, 1.0]") == "/2: array must not contain duplicate elements")
        #expect(try !accepts(distinct, #"[{"a": 1, "b": [true]}, {"b": [true], "a": 1}]"#))
    }

    @Test func dependenciesAndPropertyCounts() throws {
        let card = try compile(
            #"""
            {"minProperties": 1, "maxProperties": 3,
             "dependencies": {
                "card": ["expiry"],
                "expiry": {"required": ["card"], "properties": {"expiry": {"pattern": "^\\d\\d/\\d\\d$"}}}}}
            """#)
        #expect(try accepts(card, #"{"card": "4111", "expiry": "12/30"}"#))
        #expect(try accepts(card, #"{"name": "x"}"#))
        #expect(try !accepts(card, #"{"card": "4111"}"#))
        #expect(try !accepts(card, #"{"expiry": "12/30"}"#))
        #expect(try !accepts(card, #"{"card": "4111", "expiry": "2030"}"#))
        #expect(try !accepts(card, "{}"))
        #expect(try !accepts(card, #"{"a": 1, "b": 2, "c": 3, "d": 4}"#))
    }

    @Test func allOfAnyOfNot() throws {
        let word = try compile(
            #"""
            {"allOf": [{"type": "string"}, {"maxLength": 4}], "anyOf": [{"pattern": "^a"}, {"pattern": "z$"}],
             "not": {"enum": ["abuz"]}}
            """#)
        #expect(try accepts(word, #""abc""#))
        #expect(try accepts(word, #""xyz""#))
        #expect(try !accepts(word, #""xyy""#))
        #expect(try !accepts(word, #""abcde""#))
        #expect(try !accepts(word, #""abuz""#))
        #expect(try !accepts(word, "1"))
    }

    @Test func emptySchemaAcceptsEverythingAndMalformedSchemasFail() throws {
        // Annotations, `format`, unknown keywords and unreferenced definitions constrain nothing.
        let anything = try compile(
            #"""
            {"$schema": "http://json-schema.org/draft-04/schema#", "id": "x", "title": "t", "description": "d",
             "default": 1, "format": "email", "x-unknown": {"type": "string"}, "definitions": {"Bad": {"type": "no"}}}
            """#)
        for body in ["null", "1", #""not an email""#, "[]", "{}"] {
            #expect(try accepts(anything, body), "\(body)")
        }
        let malformed = [
            #"{"type": "integr"}"#, #"{"minLength": -1}"#, #"{"required": "name"}"#, "[]",
            #"{"properties": {"a": 1}}"#, #"{"minimum": 0, "exclusiveMinimum": 1}"#, #"{"items": 1}"#,
        ]
        for schema in malformed {
            #expect(throws: JSONSchema.CompileError.self, "\(schema)") { try compile(schema) }
        }
    }

    @Test func validatesConcurrently() async throws {
        let even = try compile(#"{"type": "object", "required": ["n"], "properties": {"n": {"multipleOf": 2}}}"#)
        let valid = await withTaskGroup(of: Bool.self) { group in
            for n in 0..<200 {
                group.addTask { even.isValid(["n": .integer(n)]) }
            }
            var count = 0
            for await isValid in group where isValid { count += 1 }
            return count
        }
        #expect(valid == 100)
    }
}
