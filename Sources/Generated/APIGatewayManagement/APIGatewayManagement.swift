/// The types, coding and routes generated from the model in Specs/ live in extensions of this
/// namespace (`APIGatewayManagement+*.swift`, written by the ServiceCodegen plugin at build time).
public enum APIGatewayManagement {}
