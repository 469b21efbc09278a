/// The types, coding and routes generated from the model in Specs/ live in extensions of this
/// namespace (`APIGatewayV2+*.swift`, written by the ServiceCodegen plugin at build time).
public enum APIGatewayV2 {}
