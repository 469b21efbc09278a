public import APIGateway
import Crypto
import Foundation
import OrderedCollections
public import RestJson1
import State
import SwiftASN1
import X509

extension APIGatewayHandler {
    public func generateClientCertificate(
        _ input: APIGateway.GenerateClientCertificateRequest, context: RequestContext
    ) async throws -> APIGateway.ClientCertificate {
        let created = Identifiers.creationDate()
        let expires = created.addingTimeInterval(365 * 86_400)
        let id = Identifiers.make()
        let pem = try Self.selfSignedCertificate(commonName: id, from: created, to: expires)
        return try withState(context) { state in
            let certificate = APIGateway.ClientCertificate(
                clientCertificateId: id, description: input.description, pemEncodedCertificate: pem,
                createdDate: created, expirationDate: expires, tags: input.tags)
            state.clientCertificates[id] = certificate
            return certificate
        }
    }

    public func getClientCertificate(_ input: APIGateway.GetClientCertificateRequest, context: RequestContext)
        async throws -> APIGateway.ClientCertificate
    {
        try readState(context) { state in try state.clientCertificate(input.clientCertificateId).withTags }
    }

    public func getClientCertificates(_ input: APIGateway.GetClientCertificatesRequest, context: RequestContext)
        async throws -> APIGateway.ClientCertificates
    {
        let certificates = try readState(context) { state in
            state.clientCertificates.map { (id: $0.key, item: $0.value) }
        }
        let page = try Page(certificates, token: input.position, limit: input.limit)
        return APIGateway.ClientCertificates(position: page.nextToken, items: page.items)
    }

    public func updateClientCertificate(_ input: APIGateway.UpdateClientCertificateRequest, context: RequestContext)
        async throws -> APIGateway.ClientCertificate
    {
        try withState(context) { state in
            var certificate = try state.clientCertificate(input.clientCertificateId)
            var rules = PatchRules<APIGateway.ClientCertificate>(wording: .mustBeOneOf)
            rules.field("/description", \.description)
            try rules.apply(input.patchOperations, to: &certificate, inputName: "updateClientCertificateInput")
            state.clientCertificates[input.clientCertificateId] = certificate
            return certificate.withTags
        }
    }

    public func deleteClientCertificate(_ input: APIGateway.DeleteClientCertificateRequest, context: RequestContext)
        async throws
    {
        try withState(context) { state in
            _ = try state.clientCertificate(input.clientCertificateId)
            state.clientCertificates[input.clientCertificateId] = nil
        }
    }

    /// A real self-signed X.509 certificate in PEM, as API Gateway gives back ends to verify that
    /// calls come from the gateway. (AWS signs with RSA 2048; a P-256 key is as verifiable and
    /// far cheaper to generate.)
    static func selfSignedCertificate(commonName: String, from start: Date, to end: Date) throws -> String {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName {
            CommonName(commonName)
            OrganizationName("Portico API Gateway client certificate")
        }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: start, notValidAfter: end, issuer: name, subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                KeyUsage(digitalSignature: true)
            }, issuerPrivateKey: .init(key))
        return try certificate.serializeAsPEM().pemString
    }
}

extension APIGatewayState {
    func clientCertificate(_ id: String) throws -> APIGateway.ClientCertificate {
        guard let certificate = clientCertificates[id] else {
            throw APIGateway.NotFoundException(message: "Invalid Client Certificate identifier specified")
        }
        return certificate
    }
}

extension APIGateway.ClientCertificate: Tagged {}
