@_spi(Reflection) import Swift
import FluentKit
import NIOConcurrencyHelpers

extension Model {
    /// Fluent's own answer (see `ModelPropertyLayout`), found without a `Mirror`.
    var properties: [any AnyProperty] {
        ModelPropertyLayout.properties(of: self) ?? ModelPropertyLayout.mirroredProperties(of: self)
    }
}

/// Where in a model object Fluent's property wrappers are stored, learnt once per model type.
///
/// Fluent asks a model for its properties (`Fields.properties`) several times for every record it
/// reads or writes, and answers with a `Mirror`, which resolves each field's type from its mangled
/// name on every call. That was a seventh of the CPU of an API create and as much of decoding a page
/// of records. Fluent's wrappers (`@ID`, `@Field`, `@Timestamp` …) are classes, so a model object
/// holds a reference to each at a fixed offset; the offsets are read from the type's metadata once,
/// checked against the `Mirror`'s answer for the first object, and reused. A type whose layout does
/// not pass the check keeps the `Mirror`.
enum ModelPropertyLayout {
    private static let offsets = NIOLockedValueBox<[ObjectIdentifier: [Int]?]>([:])

    static func properties<M: Model>(of model: M) -> [any AnyProperty]? {
        let known = offsets.withLockedValue { $0[ObjectIdentifier(M.self)] }
        let layout: [Int]?
        if let known {
            layout = known
        } else {
            layout = learn(from: model)
            offsets.withLockedValue { $0[ObjectIdentifier(M.self)] = .some(layout) }
        }
        return layout.map { read($0, of: model) }
    }

    /// Whether the layout of `type` has been looked for (whatever was found).
    static func isLearnt<M: Model>(_ type: M.Type) -> Bool {
        offsets.withLockedValue { $0[ObjectIdentifier(type)] != nil }
    }

    static func mirroredProperties(of model: some Model) -> [any AnyProperty] {
        Mirror(reflecting: model).children.compactMap { $0.value as? any AnyProperty }
    }

    private static func read(_ layout: [Int], of model: some Model) -> [any AnyProperty] {
        let object = UnsafeRawPointer(Unmanaged.passUnretained(model).toOpaque())
        return layout.map { object.load(fromByteOffset: $0, as: AnyObject.self) as! any AnyProperty }
    }

    /// The offsets of the stored fields that hold property wrappers, or nil if they do not give exactly
    /// the `Mirror`'s properties in its order (a wrapper that is not a class, a superclass's fields).
    private static func learn<M: Model>(from model: M) -> [Int]? {
        var layout: [Int] = []
        var readable = true
        // `.classType`, spelt by its value: the standard library declares it a `static var`.
        let walked = _forEachField(of: M.self, options: _EachFieldOptions(rawValue: 1 << 0)) { _, offset, type, kind in
            guard type is any AnyProperty.Type else { return true }
            if kind == .class { layout.append(offset) } else { readable = false }
            return readable
        }
        guard walked, readable else { return nil }
        let expected = mirroredProperties(of: model)
        let found = read(layout, of: model)
        guard found.count == expected.count, zip(found, expected).allSatisfy({ $0 === $1 }) else { return nil }
        return layout
    }
}
