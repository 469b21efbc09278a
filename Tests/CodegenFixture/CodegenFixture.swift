/// The generated code of `Tests/CodegenTests/Fixtures/bindings/service-2.json`, a small model with
/// every binding kind the generator supports (some of which the AWS models do not use).
public enum CodegenFixture {}
