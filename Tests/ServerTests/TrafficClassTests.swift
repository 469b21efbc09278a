import Testing

@testable import Server

@Suite("Request classification")
struct TrafficClassTests {
    @Test func internalEndpoints() {
        #expect(TrafficClass.classify(method: "GET", host: "localhost", path: "/_portico/health") == .internal(.health))
        #expect(
            TrafficClass.classify(method: "GET", host: "localhost", path: "/_localstack/health") == .internal(.health))
        #expect(TrafficClass.classify(method: "POST", host: "localhost", path: "/moto-api/reset") == .internal(.reset))
        #expect(
            TrafficClass.classify(method: "GET", host: "localhost", path: "/_portico/reset")
                == .controlPlane(.apiGateway))
    }

    @Test func dataPlaneForms() {
        #expect(
            TrafficClass.classify(method: "GET", host: "abc123.execute-api.localhost", path: "/prod/pets/1")
                == .dataPlane(apiId: "abc123", stage: "prod", path: "/pets/1"))
        #expect(
            TrafficClass.classify(method: "GET", host: "abc123.execute-api.us-east-1.amazonaws.com", path: "/")
                == .dataPlane(apiId: "abc123", stage: nil, path: "/"))
        #expect(
            TrafficClass.classify(method: "POST", host: "localhost", path: "/restapis/abc/dev/_user_request_/a/b")
                == .dataPlane(apiId: "abc", stage: "dev", path: "/a/b"))
        #expect(
            TrafficClass.classify(method: "GET", host: "localhost", path: "/_aws/execute-api/abc/dev/x")
                == .dataPlane(apiId: "abc", stage: "dev", path: "/x"))
        // On an API's own host: the path after the stage as sent, doubled and trailing slashes kept.
        for (path, stage, rest) in [("/prod", "prod", "/"), ("/prod//a/", "prod", "//a/"), ("/", nil, "/")] {
            #expect(
                TrafficClass.classify(method: "GET", host: "abc.execute-api.localhost", path: path)
                    == .dataPlane(apiId: "abc", stage: stage, path: rest), "\(path)")
        }
        // The internal endpoints answer on any host.
        #expect(
            TrafficClass.classify(method: "POST", host: "abc.execute-api.localhost", path: "/moto-api/reset")
                == .internal(.reset))
        #expect(
            TrafficClass.classify(method: "GET", host: "abc.execute-api.localhost", path: "/_portico/health")
                == .internal(.health))
    }

    @Test func managementAndControlPlane() {
        #expect(TrafficClass.classify(method: "POST", host: "localhost", path: "/@connections/c1") == .management)
        #expect(
            TrafficClass.classify(method: "POST", host: "abc.execute-api.localhost", path: "/prod/@connections/c1")
                == .management)
        #expect(
            TrafficClass.classify(method: "GET", host: "localhost", path: "/v2/apis") == .controlPlane(.apiGatewayV2))
        #expect(
            TrafficClass.classify(method: "GET", host: "localhost", path: "/restapis/abc") == .controlPlane(.apiGateway)
        )
        #expect(
            TrafficClass.classify(method: "GET", host: "localhost", path: "/restapis/abc/stages/_user_request_")
                == .controlPlane(.apiGateway), "GetStage of a stage named _user_request_")
    }

    @Test func callerIdentity() {
        let signed = CallerIdentity(
            authorization:
                "AWS4-HMAC-SHA256 Credential=123456789012/20261121/ap-south-1/apigateway/aws4_request, SignedHeaders=host",
            credentialQuery: nil)
        #expect(signed == CallerIdentity(accountId: "123456789012", region: "ap-south-1"))
        let testKey = CallerIdentity(
            authorization: "AWS4-HMAC-SHA256 Credential=test/20261121/us-west-2/apigateway/aws4_request",
            credentialQuery: nil)
        #expect(testKey == CallerIdentity(accountId: "000000000000", region: "us-west-2"))
        #expect(CallerIdentity(authorization: nil, credentialQuery: nil) == CallerIdentity())
        #expect(
            CallerIdentity(authorization: nil, credentialQuery: "AKID/20261121/sa-east-1/apigateway/aws4_request")
                .region
                == "sa-east-1")
    }
}
