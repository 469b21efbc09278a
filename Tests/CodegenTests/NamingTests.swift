import CodegenCore
import Testing

@Suite("Naming")
struct NamingTests {
    @Test(arguments: [
        ("ApiId", "apiId"), ("restApiId", "restApiId"), ("CORSConfiguration", "corsConfiguration"), ("URL", "url"),
        ("IPAddressType", "ipAddressType"), ("Name", "name"), ("tags", "tags"), ("2xx", "value2xx"),
    ])
    func memberNames(model: String, swift: String) {
        #expect(Naming.memberName(model) == swift)
    }

    @Test(arguments: [
        ("EDGE", "edge"), ("AWS_PROXY", "awsProxy"), ("0.5", "value0_5"), ("application/json", "applicationJson"),
        ("ipv4", "ipv4"), ("TLS_1_2", "tls12"), ("dualstack", "dualstack"), ("", "empty"), ("$default", "default"),
    ])
    func enumCaseNames(value: String, swift: String) {
        #expect(Naming.enumCaseName(value) == swift)
    }

    @Test func typeNamesDropWhatSwiftRejects() {
        #expect(Naming.typeName("RestApi") == "RestApi")
        #expect(Naming.typeName("__listOfApi") == "ListOfApi")
        #expect(Naming.typeName("3Things") == "Shape3Things")
    }

    @Test func keywordsAreEscaped() {
        #expect(Naming.escaped("default") == "`default`")
        #expect(Naming.escaped("protocol") == "`protocol`")
        #expect(Naming.escaped("name") == "name")
    }

    @Test func validationPathsFollowAWS() {
        #expect(Naming.inputPathName("CreateRestApiRequest") == "createRestApiInput")
        #expect(Naming.inputPathName("Request") == "requestInput")
    }
}
