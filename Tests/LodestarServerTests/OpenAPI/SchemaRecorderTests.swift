import Foundation
import LodestarCore
import Testing
@testable import LodestarServer

/// The recorder's schemas for the domain entities, and the validator that checks values against them.
///
/// Helpers and fixtures are members of this suite so their names cannot collide with other test files.
@Suite struct SchemaRecorderTests {
    @Suite struct Recording {
        // MARK: Domain entities

        @Test func initiativeHasItsRequiredAndOptionalFields() throws {
            let schema = SchemaRecorder.schema(for: Initiative.self)

            #expect(schema["type"] == .string("object"))
            #expect(requiredKeys(of: schema) == [
                "actualCost", "capexBudget", "code", "currentGate", "description", "kind", "name", "opexBudget",
                "status", "tier",
            ])
            #expect(schema["properties"]?.objectValue?.count == 20)
            #expect(schema["additionalProperties"] == nil)

            #expect(property("code", of: schema) == (try json(#"{"type":"string"}"#)))
            #expect(property("capexBudget", of: schema) == (try json(#"{"type":"number"}"#)))
            #expect(property("ownerID", of: schema) == (try json(#"{"type":["string","null"],"format":"uuid"}"#)))
            #expect(property("plannedStart", of: schema) == (try json(#"{"type":["string","null"],"format":"date"}"#)))
            #expect(property("healthOverrideReason", of: schema) == (try json(#"{"type":["string","null"]}"#)))
        }

        @Test func vocabulariesBecomeEnumsInCaseOrder() throws {
            let schema = SchemaRecorder.schema(for: Initiative.self)

            #expect(property("kind", of: schema) == (try json(#"{"type":"string","enum":["project","programme"]}"#)))
            #expect(property("status", of: schema) == (try json(
                #"{"type":"string","enum":["proposed","approved","active","on_hold","completed","cancelled"]}"#)))
            #expect(property("currentGate", of: schema)?["enum"] == (try json(
                #"["idea","business_case","plan","deliver","close","realise"]"#)))
            // An optional enum lists null too, since `enum` is checked apart from `type`.
            #expect(property("healthOverride", of: schema) == (try json(
                #"{"type":["string","null"],"enum":["green","amber","red",null]}"#)))
        }

        @Test func decisionHasAnArrayOfOptionsAndOptionalDays() throws {
            let schema = SchemaRecorder.schema(for: Decision.self)

            #expect(requiredKeys(of: schema) == [
                "context", "options", "outcome", "rationale", "requestedOn", "status", "title", "type",
            ])
            #expect(property("options", of: schema) == (try json(#"{"type":"array","items":{"type":"string"}}"#)))
            #expect(property("requestedOn", of: schema) == (try json(#"{"type":"string","format":"date"}"#)))
            #expect(property("neededBy", of: schema) == (try json(#"{"type":["string","null"],"format":"date"}"#)))
            #expect(property("decidedOn", of: schema) == (try json(#"{"type":["string","null"],"format":"date"}"#)))
            #expect(property("type", of: schema)?["enum"] == (try json(
                #"["gate","trade_off","scope_change","escalation","funding","other"]"#)))
        }

        @Test func milestoneRequiresItsInitiativeAndForecast() throws {
            let schema = SchemaRecorder.schema(for: Milestone.self)

            #expect(requiredKeys(of: schema) == ["forecastDate", "initiativeID", "name"])
            #expect(property("initiativeID", of: schema) == (try json(#"{"type":"string","format":"uuid"}"#)))
            #expect(property("baselineDate", of: schema) == (try json(#"{"type":["string","null"],"format":"date"}"#)))
            #expect(property("actualDate", of: schema) == (try json(#"{"type":["string","null"],"format":"date"}"#)))
        }

        @Test func poolCapacityIsRecordedExactly() throws {
            let schema = SchemaRecorder.schema(for: PoolCapacity.self)

            let expected = try json("""
                {"type":"object","required":["fte","period","poolID"],"properties":{
                  "poolID":{"type":"string","format":"uuid"},
                  "period":{"type":"string","pattern":"^[0-9]{4}-Q[1-4]$"},
                  "fte":{"type":"number"}}}
                """)
            #expect(schema == expected)
            #expect(schema.jsonText == expected.jsonText)
        }

        @Test func everyEntityRecordsAsAnObjectWhoseRequiredFieldsAreProperties() {
            let schemas: [(String, JSONValue)] = [
                ("Alignment", SchemaRecorder.schema(for: Alignment.self)),
                ("Benefit", SchemaRecorder.schema(for: Benefit.self)),
                ("BenefitMeasurement", SchemaRecorder.schema(for: BenefitMeasurement.self)),
                ("Decision", SchemaRecorder.schema(for: Decision.self)),
                ("Demand", SchemaRecorder.schema(for: Demand.self)),
                ("Dependency", SchemaRecorder.schema(for: Dependency.self)),
                ("ForecastChange", SchemaRecorder.schema(for: ForecastChange.self)),
                ("Initiative", SchemaRecorder.schema(for: Initiative.self)),
                ("Milestone", SchemaRecorder.schema(for: Milestone.self)),
                ("Objective", SchemaRecorder.schema(for: Objective.self)),
                ("PoolCapacity", SchemaRecorder.schema(for: PoolCapacity.self)),
                ("RAIDItem", SchemaRecorder.schema(for: RAIDItem.self)),
                ("ResourcePool", SchemaRecorder.schema(for: ResourcePool.self)),
                ("Score", SchemaRecorder.schema(for: Score.self)),
                ("ScoringCriterion", SchemaRecorder.schema(for: ScoringCriterion.self)),
                ("StatusUpdate", SchemaRecorder.schema(for: StatusUpdate.self)),
            ]
            for (name, schema) in schemas {
                let properties = schema["properties"]?.objectValue ?? [:]
                #expect(schema["type"] == .string("object"), "\(name)")
                #expect(!properties.isEmpty, "\(name)")
                #expect(requiredKeys(of: schema) == requiredKeys(of: schema).sorted(), "\(name)")
                #expect(requiredKeys(of: schema).allSatisfy { properties[$0] != nil }, "\(name)")
            }
        }

        @Test func recordingIsDeterministicAndIndependentPerCall() async {
            let expected = SchemaRecorder.schema(for: Initiative.self).jsonText
            // Each call has its own recording state, so concurrent calls cannot disturb one another.
            await withTaskGroup(of: String.self) { group in
                for _ in 0..<16 { group.addTask { SchemaRecorder.schema(for: Initiative.self).jsonText } }
                for await text in group { #expect(text == expected) }
            }
        }

        // MARK: Round trips

        @Test(arguments: [fullInitiative, minimalInitiative])
        func encodedInitiativesMatchTheRecordedSchema(initiative: Initiative) throws {
            let schema = SchemaRecorder.schema(for: Initiative.self)
            let encoded = try JSONValue(encoding: initiative)
            #expect(JSONSchemaValidator().errors(in: encoded, against: schema) == [])
        }

        @Test func explicitNullsAreAcceptedForOptionalFields() throws {
            let schema = SchemaRecorder.schema(for: Initiative.self)
            let encoded = try JSONValue(encoding: minimalInitiative)
            guard case .object(var fields) = encoded else { Issue.record("not an object"); return }
            for name in ["ownerID", "sponsorID", "plannedStart", "healthOverride", "healthOverrideReason", "externalID"] {
                fields[name] = .null
            }
            #expect(JSONSchemaValidator().errors(in: .object(fields), against: schema) == [])
        }

        @Test func otherEntitiesRoundTrip() throws {
            let decision = Decision(
                title: "Fund phase 2", context: "Phase 1 landed", type: .funding, initiativeID: ownerID,
                decisionMakerID: sponsorID, options: ["Fund", "Defer", "Stop"], requestedOn: day("2027-02-01"),
                neededBy: day("2027-02-28"), decidedOn: day("2027-02-20"), status: .decided, outcome: "Fund",
                rationale: "Benefits on track")
            let milestone = Milestone(
                initiativeID: ownerID, name: "Go live", baselineDate: day("2027-06-30"), forecastDate: day("2027-07-15"))
            let capacity = PoolCapacity(poolID: sponsorID, period: Quarter(year: 2027, number: 3)!, fte: 4.5)
            let validator = JSONSchemaValidator()

            #expect(validator.errors(in: try JSONValue(encoding: decision), against: SchemaRecorder.schema(for: Decision.self)) == [])
            #expect(validator.errors(in: try JSONValue(encoding: milestone), against: SchemaRecorder.schema(for: Milestone.self)) == [])
            #expect(validator.errors(in: try JSONValue(encoding: capacity), against: SchemaRecorder.schema(for: PoolCapacity.self)) == [])
        }

        @Test func responseSchemaAddsMetaFieldsToTheEntity() throws {
            let meta: [String: JSONValue] = [
                "id": try json(#"{"type":"string","format":"uuid"}"#),
                "version": try json(#"{"type":"integer","minimum":1}"#),
                "createdAt": try json(#"{"type":"string","format":"date-time"}"#),
                "updatedAt": try json(#"{"type":"string","format":"date-time"}"#),
            ]
            let schema = SchemaRecorder.adding(
                properties: meta, required: ["id", "version", "createdAt", "updatedAt"],
                to: SchemaRecorder.schema(for: Milestone.self))

            #expect(requiredKeys(of: schema) == ["createdAt", "forecastDate", "id", "initiativeID", "name", "updatedAt", "version"])
            #expect(schema["properties"]?.objectValue?.count == 9)

            let milestone = try JSONValue(encoding: Milestone(initiativeID: ownerID, name: "Go live", forecastDate: day("2027-07-15")))
            let response = milestone.merging(patch: try json("""
                {"id":"\(sponsorID.uuidString)","version":3,"createdAt":"2027-01-02T09:30:00Z","updatedAt":"2027-03-04T17:05:09.250+01:00"}
                """))
            #expect(JSONSchemaValidator().errors(in: response, against: schema) == [])
            let withoutVersion = response.merging(patch: .object(["version": .null]))
            #expect(JSONSchemaValidator().errors(in: withoutVersion, against: schema) == ["$.version: required property is missing"])
        }

        @Test func addingPropertiesToAReferenceCombinesThem() throws {
            let reference = try json(##"{"$ref":"#/components/schemas/Milestone"}"##)
            let schema = SchemaRecorder.adding(properties: ["id": .object(["type": .string("string")])], required: ["id"], to: reference)
            #expect(schema == (try json("""
                {"allOf":[
                  {"$ref":"#/components/schemas/Milestone"},
                  {"type":"object","properties":{"id":{"type":"string"}},"required":["id"]}]}
                """)))
        }

        @Test func listSchemaWrapsItems() throws {
            let schema = SchemaRecorder.listSchema(items: try json(##"{"$ref":"#/components/schemas/Milestone"}"##))
            #expect(schema == (try json("""
                {"type":"object","required":["items","total","limit","offset"],"properties":{
                  "items":{"type":"array","items":{"$ref":"#/components/schemas/Milestone"}},
                  "total":{"type":"integer"},"limit":{"type":"integer"},"offset":{"type":"integer"}}}
                """)))
        }

        @Test func nullableWrapsCompositeSchemasAndLeavesNullableOnesAlone() throws {
            let reference = try json(##"{"$ref":"#/components/schemas/Milestone"}"##)
            let nullableReference = SchemaRecorder.nullable(reference)
            #expect(nullableReference == (try json(##"{"anyOf":[{"$ref":"#/components/schemas/Milestone"},{"type":"null"}]}"##)))
            #expect(SchemaRecorder.nullable(nullableReference) == nullableReference)
            #expect(SchemaRecorder.nullable(.object([:])) == .object([:]))
            let nullableString = try json(#"{"type":["string","null"]}"#)
            #expect(SchemaRecorder.nullable(nullableString) == nullableString)
        }

        // MARK: Shapes beyond the entities

        @Test func nestedTypesCollectionsAndAnyValuesAreDescribed() throws {
            let schema = SchemaRecorder.schema(for: Envelope.self)

            #expect(requiredKeys(of: schema) == ["amounts", "attributes", "moment", "owner", "tags", "when"])
            let personProperties = #""properties":{"name":{"type":"string"},"email":{"type":"string","format":"email"}}"#
            #expect(property("owner", of: schema) == (try json(
                #"{"type":"object","required":["email","name"],\#(personProperties)}"#)))
            #expect(property("deputy", of: schema) == (try json(
                #"{"type":["object","null"],"required":["email","name"],\#(personProperties)}"#)))
            #expect(property("amounts", of: schema) == (try json(#"{"type":"object","additionalProperties":{"type":"integer"}}"#)))
            #expect(property("tags", of: schema) == (try json(#"{"type":"array","items":{"type":"string"},"uniqueItems":true}"#)))
            #expect(property("attributes", of: schema) == .object([:]))
            #expect(property("when", of: schema) == (try json(#"{"type":"string","pattern":"^[0-9]{4}-Q[1-4]$"}"#)))
            #expect(property("moment", of: schema) == (try json(#"{"type":"string","format":"date-time"}"#)))
            #expect(property("statuses", of: schema) == (try json(
                #"{"type":["array","null"],"items":{"type":"string","enum":["pending","decided","withdrawn"]}}"#)))
        }

        @Test func customDecodingIsFollowed() throws {
            let schema = SchemaRecorder.schema(for: CustomlyDecoded.self)

            // `decode(T?.self, forKey:)` reads a key that must be present but may be null.
            #expect(requiredKeys(of: schema) == ["code", "note", "window"])
            #expect(property("note", of: schema) == (try json(#"{"type":["string","null"]}"#)))
            #expect(property("code", of: schema) == (try json(#"{"type":"string"}"#)))
            #expect(property("window", of: schema) == (try json("""
                {"type":"object","required":["from","to"],
                 "properties":{"from":{"type":"string","format":"date"},"to":{"type":"string","format":"date"}}}
                """)))
            #expect(property("legacy", of: schema) == (try json(#"{"type":["integer","null"]}"#)))
        }

        @Test func unrecordableTypesBecomeAnyWithoutTrapping() {
            #expect(SchemaRecorder.schema(for: Unrecordable.self) == .object([:]))
            let holder = SchemaRecorder.schema(for: UnrecordableHolder.self)
            // A required unrecordable field stops the decoding of its holder, so the holder is `{}` too.
            #expect(holder == .object([:]))
            let optionalHolder = SchemaRecorder.schema(for: OptionalUnrecordableHolder.self)
            #expect(requiredKeys(of: optionalHolder) == ["name"])
            #expect(property("odd", of: optionalHolder) == .object([:]))
        }

        @Test func recursiveTypesTerminate() throws {
            let schema = SchemaRecorder.schema(for: TreeNode.self)
            #expect(requiredKeys(of: schema) == ["children", "name"])
            #expect(property("children", of: schema) == (try json(#"{"type":"array","items":{}}"#)))
        }
    }

    @Suite struct Validation {
        private let initiativeSchema = SchemaRecorder.schema(for: Initiative.self)

        private func initiativeErrors(patch: String) throws -> [String] {
            let value = try JSONValue(encoding: fullInitiative).merging(patch: try json(patch))
            return JSONSchemaValidator().errors(in: value, against: initiativeSchema)
        }

        @Test func wrongEnumValueIsNamedWithItsPath() throws {
            #expect(try initiativeErrors(patch: #"{"status":"paused"}"#) == [
                #"$.status: 'paused' is not one of ["proposed","approved","active","on_hold","completed","cancelled"]"#,
            ])
        }

        @Test func missingRequiredFieldIsReported() throws {
            #expect(try initiativeErrors(patch: #"{"code":null}"#) == ["$.code: required property is missing"])
        }

        @Test func badUUIDIsReported() throws {
            #expect(try initiativeErrors(patch: #"{"ownerID":"owner-7"}"#) == ["$.ownerID: 'owner-7' is not a valid uuid"])
        }

        @Test func badDatesAreReported() throws {
            #expect(try initiativeErrors(patch: #"{"plannedStart":"2027-02-30"}"#) == ["$.plannedStart: '2027-02-30' is not a valid date"])
            #expect(try initiativeErrors(patch: #"{"plannedFinish":"31/12/2027"}"#) == [
                "$.plannedFinish: '31/12/2027' is not a valid date",
            ])

            let dateTime = try json(#"{"type":"string","format":"date-time"}"#)
            let validator = JSONSchemaValidator()
            #expect(validator.errors(in: .string("2027-03-04T17:05:09Z"), against: dateTime) == [])
            #expect(validator.errors(in: .string("2027-03-04T17:05:09.5-05:00"), against: dateTime) == [])
            #expect(validator.errors(in: .string("2027-03-04 17:05:09"), against: dateTime).count == 1)
            #expect(validator.errors(in: .string("2027-03-04T25:05:09Z"), against: dateTime).count == 1)
        }

        @Test func wrongTypesAreReported() throws {
            #expect(try initiativeErrors(patch: #"{"capexBudget":"lots"}"#) == ["$.capexBudget: expected number, got string 'lots'"])
            #expect(try initiativeErrors(patch: #"{"name":42}"#) == ["$.name: expected string, got number 42"])
            #expect(try initiativeErrors(patch: #"{"ownerID":true}"#) == ["$.ownerID: expected string or null, got boolean true"])
            #expect(JSONSchemaValidator().errors(in: .array([]), against: initiativeSchema) == ["$: expected object, got array []"])
        }

        @Test func integersAreWholeNumbers() throws {
            let integer = try json(#"{"type":"integer","minimum":1,"maximum":5}"#)
            let validator = JSONSchemaValidator()
            #expect(validator.errors(in: .number(3), against: integer) == [])
            #expect(validator.errors(in: .number(3.0), against: integer) == [])
            #expect(validator.errors(in: .number(3.5), against: integer) == ["$: expected integer, got number 3.5"])
            #expect(validator.errors(in: .number(0), against: integer) == ["$: 0 is less than the minimum 1"])
            #expect(validator.errors(in: .number(6), against: integer) == ["$: 6 is more than the maximum 5"])
        }

        @Test func quarterPatternIsChecked() throws {
            let schema = SchemaRecorder.schema(for: PoolCapacity.self)
            let value = try json(#"{"poolID":"6F1C2A9E-3B7D-4C1A-9E2F-0A1B2C3D4E5F","period":"2027-Q5","fte":2}"#)
            #expect(JSONSchemaValidator().errors(in: value, against: schema) == [
                "$.period: '2027-Q5' does not match pattern ^[0-9]{4}-Q[1-4]$",
            ])
        }

        @Test func referencesResolveWithinTheDocument() throws {
            let document = JSONValue.object([
                "components": .object(["schemas": .object(["Initiative": initiativeSchema])]),
            ])
            let list = SchemaRecorder.listSchema(items: try json(##"{"$ref":"#/components/schemas/Initiative"}"##))
            let good = try JSONValue(encoding: fullInitiative)
            let bad = good.merging(patch: try json(#"{"status":"paused","sponsorID":"nope"}"#))
            let page = JSONValue.object([
                "items": .array([good, bad]), "total": .number(2), "limit": .number(50), "offset": .number(0),
            ])
            let validator = JSONSchemaValidator(document: document)

            #expect(validator.errors(in: page.merging(patch: try json(#"{"items":[]}"#)), against: list) == [])
            #expect(validator.errors(in: page, against: list) == [
                "$.items[1].sponsorID: 'nope' is not a valid uuid",
                #"$.items[1].status: 'paused' is not one of ["proposed","approved","active","on_hold","completed","cancelled"]"#,
            ])
            let missing = try json(##"{"$ref":"#/components/schemas/Nothing"}"##)
            #expect(validator.errors(in: good, against: missing) == ["$: cannot resolve $ref '#/components/schemas/Nothing'"])
        }

        @Test func referenceCyclesEndWithAnError() throws {
            let document = try json(##"{"components":{"schemas":{"Loop":{"$ref":"#/components/schemas/Loop"}}}}"##)
            let loop = try json(##"{"$ref":"#/components/schemas/Loop"}"##)
            let errors = JSONSchemaValidator(document: document).errors(in: .null, against: loop)
            #expect(errors.count == 1)
            #expect(errors.first?.contains("too deep") == true)
        }

        @Test func combinationsAreChecked() throws {
            let validator = JSONSchemaValidator()
            let anyOf = try json(#"{"anyOf":[{"type":"string"},{"type":"integer"}]}"#)
            #expect(validator.errors(in: .string("a"), against: anyOf) == [])
            #expect(validator.errors(in: .bool(true), against: anyOf).first?.hasPrefix("$: matches none of the anyOf schemas") == true)

            let oneOf = try json(#"{"oneOf":[{"type":"number"},{"type":"integer"}]}"#)
            #expect(validator.errors(in: .number(1.5), against: oneOf) == [])
            #expect(validator.errors(in: .number(1), against: oneOf) == ["$: matches 2 of the oneOf schemas; exactly one is allowed"])

            let allOf = try json(#"{"allOf":[{"type":"string"},{"minLength":2},{"maxLength":3}]}"#)
            #expect(validator.errors(in: .string("ab"), against: allOf) == [])
            #expect(validator.errors(in: .string("a"), against: allOf) == ["$: 'a' is shorter than 2 characters"])
            #expect(validator.errors(in: .string("abcd"), against: allOf) == ["$: 'abcd' is longer than 3 characters"])
        }

        @Test func additionalPropertiesAreCheckedWhenDeclared() throws {
            let closed = try json(#"{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":false}"#)
            let typed = try json(#"{"type":"object","additionalProperties":{"type":"integer"}}"#)
            let validator = JSONSchemaValidator()
            #expect(validator.errors(in: try json(#"{"a":"x","b":1}"#), against: closed) == ["$.b: property is not allowed"])
            #expect(validator.errors(in: try json(#"{"a":1,"odd key":"x"}"#), against: typed) == [
                #"$["odd key"]: expected integer, got string 'x'"#,
            ])
            // Recorded schemas leave extra keys open, so clients may send fields a newer server knows.
            let extra = try JSONValue(encoding: fullInitiative).merging(patch: try json(#"{"futureField":1}"#))
            #expect(validator.errors(in: extra, against: initiativeSchema) == [])
        }

        @Test func unsupportedKeywordsAreNotSilentlyIgnored() throws {
            let schema = try json(#"{"type":"object","requried":["a"],"nullable":true,"description":"fine"}"#)
            #expect(JSONSchemaValidator().errors(in: .object([:]), against: schema) == [
                "$: unsupported schema keyword 'nullable'",
                "$: unsupported schema keyword 'requried'",
            ])
        }
    }
}

// MARK: - Helpers and fixtures

extension SchemaRecorderTests {
    /// Parses JSON text written in a test, so expected schemas read as they would in the document.
    fileprivate static func json(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    fileprivate static func property(_ name: String, of schema: JSONValue) -> JSONValue? {
        schema["properties"]?[name]
    }

    fileprivate static func requiredKeys(of schema: JSONValue) -> [String] {
        guard case .array(let names)? = schema["required"] else { return [] }
        return names.compactMap(\.stringValue)
    }

    fileprivate static let ownerID = UUID(uuidString: "6F1C2A9E-3B7D-4C1A-9E2F-0A1B2C3D4E5F")!
    fileprivate static let sponsorID = UUID(uuidString: "0B9A8C7D-6E5F-4A3B-2C1D-0E9F8A7B6C5D")!

    fileprivate static func day(_ text: String) -> Day { Day(text)! }

    fileprivate static let fullInitiative = Initiative(
        code: "INI-042", name: "Customer portal", description: "Self-service for renewals", kind: .programme,
        ownerID: ownerID, sponsorID: sponsorID, status: .onHold, tier: .full, currentGate: .businessCase,
        plannedStart: day("2027-01-04"), plannedFinish: day("2027-12-17"),
        baselineStart: day("2027-01-04"), baselineFinish: day("2027-10-29"),
        capexBudget: 1_250_000, opexBudget: 180_000.5, actualCost: 312_400,
        healthOverride: .amber, healthOverrideReason: "Vendor contract still unsigned",
        externalSource: "jira", externalID: "PORT-17"
    )

    fileprivate static let minimalInitiative = Initiative(code: "INI-001", name: "Minimal")

    /// A string with a checked shape that states its own schema.
    fileprivate struct EmailAddress: Codable, SchemaDescribing {
        let text: String

        init(_ text: String) { self.text = text }

        init(from decoder: any Decoder) throws {
            let text = try decoder.singleValueContainer().decode(String.self)
            guard text.contains("@") else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an email address"))
            }
            self.text = text
        }

        static var jsonSchema: JSONValue { .object(["type": .string("string"), "format": .string("email")]) }
        static var schemaPlaceholder: EmailAddress { EmailAddress("someone@example.com") }
    }

    fileprivate struct Person: Decodable {
        var name: String
        var email: EmailAddress
    }

    fileprivate struct Envelope: Decodable {
        var owner: Person
        var deputy: Person?
        var amounts: [String: Int]
        var tags: Set<String>
        var attributes: JSONValue
        var when: Quarter
        var moment: Date
        var statuses: [DecisionStatus]?
    }

    fileprivate struct DateWindow: Decodable {
        var from: Day
        var to: Day
    }

    /// Decodes by hand: a nested container, a renamed key, a must-be-present-but-nullable value, and a
    /// key read only after asking whether it holds null.
    fileprivate struct CustomlyDecoded: Decodable {
        var code: String
        var note: String?
        var window: DateWindow
        var legacy: Int?

        enum CodingKeys: String, CodingKey { case code, note, window, legacy, from, to }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            code = try container.decode(String.self, forKey: .code)
            note = try container.decode(String?.self, forKey: .note)
            let window = try container.nestedContainer(keyedBy: CodingKeys.self, forKey: .window)
            self.window = DateWindow(
                from: try window.decode(Day.self, forKey: .from), to: try window.decode(Day.self, forKey: .to))
            legacy = try container.decodeNil(forKey: .legacy) ? nil : try container.decodeIfPresent(Int.self, forKey: .legacy)
        }
    }

    /// Refuses every value, as a checked type without `SchemaDescribing` refuses the recorder's placeholder.
    fileprivate struct Unrecordable: Decodable {
        init(from decoder: any Decoder) throws {
            _ = try decoder.singleValueContainer().decode(String.self)
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "never valid"))
        }
    }

    fileprivate struct UnrecordableHolder: Decodable {
        var name: String
        var odd: Unrecordable
    }

    fileprivate struct OptionalUnrecordableHolder: Decodable {
        var name: String
        var odd: Unrecordable?
    }

    fileprivate struct TreeNode: Decodable {
        var name: String
        var children: [TreeNode]
    }
}
