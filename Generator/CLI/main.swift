import CodegenCore
import Foundation

/// portico-codegen --spec FILE --module NAME --spec-label TEXT --output DIR
/// Writes the module's generated files into DIR, each only if its contents changed. A model it
/// cannot translate ends the build with `FILE: error: message`.
struct Arguments {
    var spec = ""
    var module = ""
    var specLabel: String?
    var output = ""

    init(_ arguments: [String]) throws {
        var iterator = arguments.makeIterator()
        while let flag = iterator.next() {
            guard let value = iterator.next() else { throw ModelError("missing value for \(flag)") }
            switch flag {
            case "--spec": spec = value
            case "--module": module = value
            case "--spec-label": specLabel = value
            case "--output": output = value
            default: throw ModelError("unknown argument \(flag)")
            }
        }
        guard !spec.isEmpty, !module.isEmpty, !output.isEmpty else {
            throw ModelError("usage: portico-codegen --spec FILE --module NAME [--spec-label TEXT] --output DIR")
        }
    }
}

func run() -> Int32 {
    let arguments: Arguments
    do {
        arguments = try Arguments(Array(CommandLine.arguments.dropFirst()))
    } catch {
        FileHandle.standardError.write(Data("portico-codegen: error: \(error)\n".utf8))
        return 2
    }
    do {
        guard let data = FileManager.default.contents(atPath: arguments.spec) else {
            throw ModelError("cannot read the file")
        }
        let model = try ServiceModel.decode(from: Array(data))
        let code = try Translate.service(
            model, moduleName: arguments.module, specPath: arguments.specLabel ?? arguments.spec)
        try FileManager.default.createDirectory(atPath: arguments.output, withIntermediateDirectories: true)
        for file in Render.files(code) {
            let path = arguments.output + "/" + file.name
            let contents = Data(file.contents.utf8)
            if FileManager.default.contents(atPath: path) != contents {
                try contents.write(to: URL(fileURLWithPath: path))
            }
        }
        return 0
    } catch {
        FileHandle.standardError.write(Data("\(arguments.spec): error: \(error)\n".utf8))
        return 1
    }
}

exit(run())
