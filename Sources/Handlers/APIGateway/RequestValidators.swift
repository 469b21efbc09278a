public import APIGateway
import Foundation
import OrderedCollections
public import RestJson1
import State

extension APIGatewayHandler {
    public func createRequestValidator(_ input: APIGateway.CreateRequestValidatorRequest, context: RequestContext)
        async throws -> APIGateway.RequestValidator
    {
        // AWS answers an unknown API here with a 400 (recorded), not a NotFoundException.
        let unknownApi = APIGateway.BadRequestException(message: "Invalid REST API identifier specified")
        return try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context, unknown: unknownApi) { record in
                guard let name = input.name, !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw APIGateway.BadRequestException(message: "Request Validator name cannot be blank")
                }
                let validator = APIGateway.RequestValidator(
                    id: Identifiers.make(length: 6) { record.requestValidators[$0] != nil }, name: name,
                    validateRequestBody: input.validateRequestBody ?? false,
                    validateRequestParameters: input.validateRequestParameters ?? false)
                record.requestValidators[validator.id!] = validator
                return validator
            }
        }
    }

    public func getRequestValidator(_ input: APIGateway.GetRequestValidatorRequest, context: RequestContext)
        async throws -> APIGateway.RequestValidator
    {
        try readState(context) { state in
            try state.restApi(input.restApiId, context: context, unknown: RestApiRecord.unknownValidator)
                .requestValidator(input.requestValidatorId)
        }
    }

    public func getRequestValidators(_ input: APIGateway.GetRequestValidatorsRequest, context: RequestContext)
        async throws -> APIGateway.RequestValidators
    {
        let validators = try readState(context) { state in
            try state.restApi(input.restApiId, context: context).requestValidators.map { (id: $0.key, item: $0.value) }
        }
        let page = try Page(validators, token: input.position, limit: input.limit)
        return APIGateway.RequestValidators(position: page.nextToken, items: page.items)
    }

    public func updateRequestValidator(_ input: APIGateway.UpdateRequestValidatorRequest, context: RequestContext)
        async throws -> APIGateway.RequestValidator
    {
        try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context) { record in
                var validator = try record.requestValidator(input.requestValidatorId)
                try Self.requestValidatorPatches.apply(
                    input.patchOperations, to: &validator, inputName: "updateRequestValidatorInput")
                if validator.name?.trimmingCharacters(in: .whitespaces).isEmpty ?? true {
                    throw APIGateway.BadRequestException(message: "Request Validator name cannot be blank")
                }
                record.requestValidators[input.requestValidatorId] = validator
                return validator
            }
        }
    }

    public func deleteRequestValidator(_ input: APIGateway.DeleteRequestValidatorRequest, context: RequestContext)
        async throws
    {
        try withState(context) { state in
            try state.updateRestApi(input.restApiId, context: context, unknown: RestApiRecord.unknownValidator) {
                record in
                _ = try record.requestValidator(input.requestValidatorId)
                record.requestValidators[input.requestValidatorId] = nil
                // Methods that used it no longer validate, as on AWS.
                for (resourceId, resource) in record.resources {
                    for (name, method) in resource.resourceMethods ?? [:]
                    where method.requestValidatorId == input.requestValidatorId {
                        record.resources[resourceId]!.resourceMethods![name]!.requestValidatorId = nil
                    }
                }
            }
        }
    }

    static let requestValidatorPatches: PatchRules<APIGateway.RequestValidator> = {
        var rules = PatchRules<APIGateway.RequestValidator>(wording: .mustBeOneOf)
        rules.field("/name", \.name)
        rules.field("/validateRequestParameters", \.validateRequestParameters)
        rules.field("/validateRequestBody", \.validateRequestBody)
        return rules
    }()
}

extension RestApiRecord {
    func requestValidator(_ id: String) throws -> APIGateway.RequestValidator {
        guard let validator = requestValidators[id] else { throw Self.unknownValidator }
        return validator
    }

    static let unknownValidator = APIGateway.NotFoundException(
        message: "Invalid Request Validator identifier specified")
}
