import CodegenFixture
import Foundation
import RestJson1
import Testing

/// The bindings of the fixture model, one by one, as a client and the server see them.
@Suite("Generated bindings")
struct FixtureBindingTests {
    typealias Fixture = CodegenFixture

    func operation(_ name: String) -> OperationDescriptor {
        Fixture.operations.first { $0.name == name }!
    }

    @Test func labelsQueryHeadersAndBody() throws {
        let request = ServiceRequest(
            method: "PUT", target: "/things/a%2Fb/parts/x/y%20z?limit=5&dry-run=true&tagKeys=k1&tagKeys=k2&color=red",
            headers: [("X-Token", "secret"), ("X-Retries", "3"), ("x-meta-owner", "me")],
            body: Array(
                #"{"name":"n","kind":"large","createdAt":1700000000,"updatedAt":"2023-11-14T22:13:20Z","icon":"AAE="}"#
                    .utf8))
        let match = try #require(Fixture.routes.match(request))
        #expect(match.target.operation.name == "PutThing")
        let input = try Fixture.PutThingRequest(request: request, labels: match.labels)
        #expect(input.thingId == "a/b")
        #expect(input.partPath == "x/y z")
        #expect(input.limit == 5)
        #expect(input.dryRun == true)
        #expect(input.tagKeys == ["k1", "k2"])
        #expect(input.options == ["color": "red"])
        #expect(input.token == "secret")
        #expect(input.retries == 3)
        #expect(input.metadata == ["owner": "me"])
        #expect(input.name == "n")
        #expect(input.kind == .large)
        #expect(input.createdAt == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(input.updatedAt == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(input.icon == Data([0, 1]))
    }

    @Test func queryLiteralsSelectTheOperation() throws {
        let plain = ServiceRequest(method: "POST", target: "/things", body: Array(#"{"name":"p"}"#.utf8))
        let importing = ServiceRequest(method: "POST", target: "/things?mode=import&failonwarnings=true&basepath=split")
        #expect(Fixture.routes.match(plain)?.target.operation.name == "CreateThing")
        #expect(Fixture.routes.match(importing)?.target.operation.name == "ImportThing")
        let input = try Fixture.ImportThingRequest(request: importing, labels: [:])
        #expect(input.failOnWarnings == true)
        #expect(input.parameters == ["basepath": "split"], "the query literal and bound names stay out of the map")
    }

    @Test func structurePayloadIsTheWholeBody() throws {
        let request = ServiceRequest(
            method: "POST", target: "/things", body: Array(#"{"name":"p","default":true}"#.utf8))
        let input = try Fixture.CreateThingRequest(request: request, labels: [:])
        #expect(input.part == Fixture.Part(name: "p", default: true))
    }

    @Test func statusCodeHeadersAndPayloadOfAnOutput() throws {
        let report = Fixture.StatusReport(
            code: 207, detail: "fine", extra: ["a": "1"], report: Fixture.Part(name: "r", weights: [1.5]))
        let response = report.encodeResponse(status: 200)
        #expect(response.status == 207)
        #expect(response.headers["X-Detail"] == "fine")
        #expect(response.headers["x-extra-a"] == "1")
        #expect(response.bodyText == #"{"name":"r","weights":[1.5]}"#)
    }

    @Test func sparseMapsKeepNullEntriesAndDenseMapsDropThem() throws {
        let thing = Fixture.Thing(id: "t", notes: ["a": nil, "b": "x"])
        let response = thing.encodeResponse(status: 200)
        #expect(response.bodyText == #"{"id":"t","notes":{"a":null,"b":"x"}}"#)
        let read = try Fixture.Thing(response: response)
        #expect(read.notes?.keys.sorted() == ["a", "b"])
        #expect(read.notes?["a"] == .some(nil))
        let dense = ServiceRequest(
            method: "PUT", target: "/things/t/parts/p", body: Array(#"{"labels":{"a":null,"b":"x"}}"#.utf8))
        let input = try Fixture.PutThingRequest(request: dense, labels: ["thingId": "t", "partPath": "p"])
        #expect(input.labels == ["b": "x"])
    }

    @Test func blobPayloadOutputIsRawBytes() {
        let exported = Fixture.ExportedThing(contentType: "application/yaml", body: Data("a: 1".utf8))
        let response = exported.encodeResponse(status: 200)
        #expect(response.bodyText == "a: 1")
        #expect(response.headers["Content-Type"] == "application/yaml")
    }

    @Test func enumsKeepUnknownValues() throws {
        let request = ServiceRequest(method: "PUT", target: "/things/t/parts/p", body: Array(#"{"kind":"HUGE"}"#.utf8))
        let input = try Fixture.PutThingRequest(request: request, labels: ["thingId": "t", "partPath": "p"])
        #expect(input.kind?.rawValue == "HUGE")
        #expect(input.kind?.isKnown == false)
        #expect(Fixture.Kind.knownValues == [.smallThing, .large, .value0_5, .default])
    }

    @Test func errorsCarryStatusTypeHeadersAndMessage() throws {
        let response = Fixture.ThrottledException(retryAfterSeconds: "30", message: "slow down").encodeResponse()
        #expect(response.status == 429)
        #expect(response.headers["x-amzn-ErrorType"] == "ThrottledException")
        #expect(response.headers["Retry-After"] == "30")
        #expect(response.bodyText == #"{"message":"slow down"}"#)
    }

    @Test func missingRequiredMemberNamesItsPath() throws {
        let request = ServiceRequest(method: "POST", target: "/things", body: Array(#"{"default":true}"#.utf8))
        #expect(throws: ServiceError.missingMember("part.name")) {
            try Fixture.CreateThingRequest(request: request, labels: [:])
        }
    }

    @Test func wrongTypeAndMalformedJSONAreBadRequests() throws {
        let wrongType = ServiceRequest(method: "PUT", target: "/things/t/parts/p", body: Array(#"{"name":true}"#.utf8))
        let error = #expect(throws: ServiceError.self) {
            try Fixture.PutThingRequest(request: wrongType, labels: ["thingId": "t", "partPath": "p"])
        }
        #expect(error?.httpStatus == 400)
        #expect(error?.errorCode == "SerializationException")
        #expect(error?.message == "class java.lang.Boolean can not be converted to an String")

        let malformed = ServiceRequest(method: "PUT", target: "/things/t/parts/p", body: Array("{\"name\":".utf8))
        let parseError = #expect(throws: ServiceError.self) {
            try Fixture.PutThingRequest(request: malformed, labels: ["thingId": "t", "partPath": "p"])
        }
        #expect(parseError?.message.hasPrefix("Could not parse request body into json") == true)
    }

    @Test func requiredPayloadThatIsAbsentIsAValidationError() {
        let request = ServiceRequest(method: "POST", target: "/things")
        let error = #expect(throws: ServiceError.self) { try Fixture.CreateThingRequest(request: request, labels: [:]) }
        #expect(error?.errorCode == "ValidationException")
        #expect(error?.message.contains("'part'") == true)
    }

    @Test func presignedSignatureParametersStayOutOfQueryMaps() throws {
        let request = ServiceRequest(
            method: "POST", target: "/things?mode=import&basepath=split&X-Amz-Signature=abc&X-Amz-Credential=x")
        #expect(try Fixture.ImportThingRequest(request: request, labels: [:]).parameters == ["basepath": "split"])
    }

    @Test func unparseableQueryValueIsABadRequest() {
        let request = ServiceRequest(method: "PUT", target: "/things/t/parts/p?limit=many")
        #expect(throws: ServiceError.self) {
            try Fixture.PutThingRequest(request: request, labels: ["thingId": "t", "partPath": "p"])
        }
    }
}
