import APIGateway
import OrderedCollections
import State
import Testing

@testable import ExecuteAPI

/// Which methods run on the work executor: those whose serving may compute for long.
@Suite("Method cost")
struct RestMethodCostTests {
    func method(
        requestTemplate: String = #"{"statusCode": 200}"#, schema: String = #"{"type": "object"}"#,
        type: APIGateway.IntegrationType = .mock, selectionPattern: String? = nil
    ) -> RestMethod {
        var definition = RestApiRecord(api: APIGateway.RestApi(id: "a"), resources: [:]).definition
        definition.models = ["M": APIGateway.Model(id: "m", name: "M", schema: schema, contentType: "application/json")]
        definition.requestValidators = ["v": APIGateway.RequestValidator(id: "v", validateRequestBody: true)]
        let method = APIGateway.Method(
            httpMethod: "POST", requestValidatorId: "v", requestModels: ["application/json": "M"],
            methodIntegration: APIGateway.Integration(
                type: type, requestTemplates: ["application/json": requestTemplate],
                integrationResponses: [
                    "200": APIGateway.IntegrationResponse(statusCode: "200"),
                    "400": APIGateway.IntegrationResponse(statusCode: "400", selectionPattern: selectionPattern),
                ]))
        return RestMethod(
            method, httpMethod: "POST", resourceId: "r", resourcePath: "/", definition: definition,
            schemas: SchemaTable(models: definition.models))
    }

    @Test func cheapMethodsStayCheap() {
        #expect(!method().mayRunLong)
        #expect(!method(selectionPattern: "4\\d{2}").mayRunLong, "status codes are short")
    }

    @Test func loopsPatternsFiltersAndLambdaErrorsAreCostly() {
        #expect(method(requestTemplate: "#foreach($i in [1, 2])$i#end").mayRunLong)
        #expect(method(schema: #"{"type": "string", "pattern": "^(a|aa)+$"}"#).mayRunLong)
        #expect(method(requestTemplate: "$input.json('$.items[?(@.n > 1)]')").mayRunLong)
        #expect(method(requestTemplate: "$input.path($input.params('p'))").mayRunLong)
        #expect(method(type: .aws, selectionPattern: ".*boom.*").mayRunLong)
    }
}
