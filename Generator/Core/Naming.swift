/// Swift names for the model's shapes, members and enum values.
public enum Naming {
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows",
        "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default", "defer",
        "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where",
        "while", "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try", "Type",
        "Protocol",
    ]

    /// A type name: the shape name with characters Swift does not allow removed.
    public static func typeName(_ shapeName: String) -> String {
        let cleaned = shapeName.filter { $0.isLetter || $0.isNumber || $0 == "_" }
        var name = String(cleaned.drop { $0 == "_" })
        if let first = name.first, first.isNumber { name = "Shape" + name }
        return name.prefix(1).uppercased() + name.dropFirst()
    }

    /// A property name in lower camel case: `ApiId` → `apiId`, `CORSConfiguration` →
    /// `corsConfiguration`, `URL` → `url`.
    public static func memberName(_ modelName: String) -> String {
        let scalars = Array(modelName.filter { $0.isLetter || $0.isNumber || $0 == "_" })
        guard !scalars.isEmpty else { return "value" }
        var upperRun = 0
        while upperRun < scalars.count, scalars[upperRun].isUppercase { upperRun += 1 }
        let name: String
        if upperRun == scalars.count {
            name = modelName.lowercased()
        } else if upperRun > 1 {
            name = String(scalars[0..<(upperRun - 1)]).lowercased() + String(scalars[(upperRun - 1)...])
        } else {
            name = String(scalars[0]).lowercased() + String(scalars[1...])
        }
        return name.first!.isNumber ? "value" + name : name
    }

    /// An enum case name from a wire value: `AWS_PROXY` → `awsProxy`, `0.5` → `value0_5`,
    /// `application/json` → `applicationJson`.
    public static func enumCaseName(_ value: String) -> String {
        let words = value.split { !($0.isLetter || $0.isNumber) }.map(String.init)
        guard !words.isEmpty else { return "empty" }
        if let first = words.first?.first, first.isNumber { return "value" + words.joined(separator: "_") }
        var result = ""
        for (index, word) in words.enumerated() {
            let isAllCaps = word == word.uppercased()
            let normalized = isAllCaps ? word.lowercased() : word
            if index == 0 {
                result += isAllCaps ? normalized : memberName(normalized)
            } else {
                result += normalized.prefix(1).uppercased() + normalized.dropFirst()
            }
        }
        return result
    }

    /// The name as it may be written in a declaration or after a dot.
    public static func escaped(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    /// The method name of an operation in the service protocol: `CreateRestApi` → `createRestApi`.
    public static func operationMethodName(_ operationName: String) -> String {
        memberName(operationName)
    }

    /// AWS names request members in validation messages after the operation:
    /// `CreateRestApiRequest` → `createRestApiInput`.
    public static func inputPathName(_ inputShapeName: String) -> String {
        let operation =
            inputShapeName.hasSuffix("Request") && inputShapeName.count > 7
            ? String(inputShapeName.dropLast(7)) : inputShapeName
        return memberName(operation) + "Input"
    }
}
