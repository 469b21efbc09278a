import Hummingbird

// The baseline for Benchmarks/data-plane: a bare Hummingbird server that answers every
// request with a fixed JSON body, built like portico (release, same Hummingbird).
let port = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 8080 : 8080
let router = Router()
router.get("**") { _, _ in
    Response(
        status: .ok, headers: [.contentType: "application/json"],
        body: ResponseBody(byteBuffer: ByteBuffer(string: "{\"message\":\"hello\"}")))
}
router.post("**") { _, _ in
    Response(
        status: .ok, headers: [.contentType: "application/json"],
        body: ResponseBody(byteBuffer: ByteBuffer(string: "{\"message\":\"hello\"}")))
}
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
