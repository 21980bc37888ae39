import Foundation

/// The generated organisation's users, grouped by what the rest of the generator asks them to do.
struct DemoPeople {
    var users: [DemoUser] = []
    var executiveIDs: [UUID] = []
    var pmoIDs: [UUID] = []
    var ownerIDs: [UUID] = []

    /// Those who own objectives and take portfolio decisions.
    var leaderIDs: [UUID] { executiveIDs + pmoIDs }
}

extension DemoGenerator {
    static let emailDomain = "lodestar.example"

    /// One admin, a small PMO, an executive team, enough owners for about eight initiatives each (a
    /// realistic load, up to 400 people) and a couple of read-only viewers.
    static func makePeople(initiativeCount: Int, random: inout SeededRandom) -> DemoPeople {
        var people = DemoPeople()
        var namer = PersonNamer()

        // The administrator signs in with the well-known address the set-up instructions give.
        namer.reserve("admin")
        let administrator = namer.next(random: &random)
        people.users.append(
            DemoUser(id: random.uuid(), email: "admin@\(emailDomain)", name: administrator.name, role: .admin))

        let ownerCount = clamp(initiativeCount / 8, 8...400)
        let roster: [(Role, Int)] = [(.pmo, 2), (.executive, 3), (.owner, ownerCount), (.viewer, 2)]
        for (role, count) in roster {
            for _ in 0..<count {
                let person = namer.next(random: &random)
                let user = DemoUser(id: random.uuid(), email: person.email, name: person.name, role: role)
                people.users.append(user)
                switch role {
                    case .executive: people.executiveIDs.append(user.id)
                    case .pmo: people.pmoIDs.append(user.id)
                    case .owner: people.ownerIDs.append(user.id)
                    case .admin, .viewer: break
                }
            }
        }
        return people
    }
}

/// Draws realistic names and derives unique `first.last@` addresses from them.
private struct PersonNamer {
    private var takenLocalParts: Set<String> = []

    mutating func reserve(_ localPart: String) { takenLocalParts.insert(localPart) }

    mutating func next(random: inout SeededRandom) -> (name: String, email: String) {
        let first = random.pick(PersonNamer.firstNames)
        let last = random.pick(PersonNamer.lastNames)
        let stem = "\(PersonNamer.emailSafe(first)).\(PersonNamer.emailSafe(last))"
        var localPart = stem
        var suffix = 2
        // Namesakes are real: the second Maria Garcia gets maria.garcia2, as a mail system would.
        while !takenLocalParts.insert(localPart).inserted {
            localPart = "\(stem)\(suffix)"
            suffix += 1
        }
        return ("\(first) \(last)", "\(localPart)@\(DemoGenerator.emailDomain)")
    }

    /// Lower-case ASCII letters only: "O'Brien" becomes "obrien", "Van der Berg" "vanderberg".
    private static func emailSafe(_ name: String) -> String {
        String(String.UnicodeScalarView(name.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) }))
    }

    private static let firstNames = [
        "Aisha", "Alex", "Amara", "Ana", "Andrea", "Arjun", "Ben", "Camille", "Carlos", "Chen", "Chloe", "Daniel",
        "David", "Elena", "Emma", "Farah", "Felix", "Freya", "Grace", "Hannah", "Hugo", "Ines", "Isaac", "Jakob",
        "James", "Javier", "Julia", "Kai", "Kenji", "Laura", "Leila", "Liam", "Lucas", "Maria", "Marta", "Mateo",
        "Maya", "Mei", "Mohammed", "Nadia", "Noah", "Olivia", "Omar", "Priya", "Rafael", "Rohan", "Ruth", "Sara",
        "Sean", "Sofia", "Tariq", "Thomas", "Tom", "Valentina", "Wei", "Yusuf", "Zara", "Zoe",
    ]

    private static let lastNames = [
        "Adeyemi", "Ahmed", "Andersson", "Bauer", "Becker", "Bianchi", "Brown", "Carter", "Chen", "Costa", "Dubois",
        "Evans", "Fischer", "Garcia", "Gonzalez", "Hansen", "Hughes", "Ito", "Jansen", "Johnson", "Kaur", "Khan",
        "Kim", "Kowalski", "Larsen", "Lee", "Lopez", "Martin", "Meyer", "Moreau", "Murphy", "Nakamura", "Nguyen",
        "Novak", "O'Brien", "Okafor", "Patel", "Rossi", "Santos", "Schmidt", "Silva", "Singh", "Smith", "Tanaka",
        "Taylor", "Van der Berg", "Walker", "Wang", "Williams", "Wilson", "Yilmaz", "Zhang",
    ]
}
